"""Validation figures shown on the model card: `python3 bench/validity_bench.py`, engine
hr_ai_interview-scoring/2.4.0 with the semantic layer, measured 2026-12-02 on the 4 *fresh3* held-out questions
(customer service, marketing ROI, sales negotiation, data analysis; committed before 2.4.0 was first run on them,
never tuned on). The same engine on the earlier fresh2 split: pairwise 95 %, in band 92 / 75 / 92 %. Re-run the
benchmark and update these together with scoring.engine.ENGINE_VERSION."""

VALIDATION = {
    "engine_version": "hr_ai_interview-scoring/2.4.0",
    "measured": "2026-12-02",
    "answers": 198, "questions": 22, "held_out": 4,
    "pairwise_holdout": 98,  # % of answer pairs at different expert levels ordered as the expert did (fresh3)
    "pairwise_dev": 99,
    "in_band": {"strong": 92, "adequate": 50, "needs_work": 100},  # % of fresh3 answers inside their band
    "asr_noise_mean": 0.5, "asr_noise_p90": 1.4,  # |score change| under simulated speech-recognition noise
    # % of fresh3 questions; adequate answers that share no word with the question score low (2 of 12 labelled
    # off-topic) and generic method answers land at 39–42, so the off-topic one is not below all of them
    "stuffing_below_adequate": 100, "offtopic_below_adequate": 50,
    "deterministic": True,
}
