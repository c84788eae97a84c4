"""Validation figures shown on the model card: `python3 bench/validity_bench.py`, engine
hr_ai_interview-scoring/2.5.0 with the semantic layer, measured 2026-12-03 on the 4 *fresh3* held-out questions
(customer service, marketing ROI, sales negotiation, data analysis; committed before 2.4.0 was first run on them;
2.5.0 was tuned on the other splits only, with 2.4.0's fresh3 totals known but not its answers, and measured on
fresh3 once). The same engine on the earlier fresh2 split: pairwise 95 %, in band 92 / 83 / 92 %. Re-run the
benchmark and update these together with scoring.engine.ENGINE_VERSION."""

VALIDATION = {
    "engine_version": "hr_ai_interview-scoring/2.5.0",
    "measured": "2026-12-03",
    "answers": 198, "questions": 22, "held_out": 4,
    "pairwise_holdout": 98,  # % of answer pairs at different expert levels ordered as the expert did (fresh3)
    "pairwise_dev": 100,
    "in_band": {"strong": 92, "adequate": 58, "needs_work": 100},  # % of fresh3 answers inside their band
    "asr_noise_mean": 0.5, "asr_noise_p90": 1.4,  # |score change| under simulated speech-recognition noise
    # % of fresh3 questions. On the tuning splits the misses left are adequate answers that the sentence encoder
    # does not link to their question and that share no content word with it: labelled off-topic, capped at 35,
    # tied with the off-topic answer (fresh3's answers were not inspected)
    "stuffing_below_adequate": 100, "offtopic_below_adequate": 50,
    "deterministic": True,
}
