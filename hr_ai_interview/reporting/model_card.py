"""Validation figures shown on the model card: `python3 bench/validity_bench.py`, engine
hr_ai_interview-scoring/2.5.0 with the semantic layer, measured 2026-12-03 on the newest held-out split, *fresh5*
(legal / compliance, office administration, bookkeeping, IT helpdesk; written and committed before any engine was
run on it; one near-domain off-topic answer per question). The card quotes the newest clean held-out split, not
the best one. The same engine on the earlier held-out splits, each measured once before it was tuned on: fresh4
(procurement, teaching, nursing, logistics) pairwise 89 %, in band 92 / 58 / 67 %, off-topic below every adequate
answer 0 %; fresh3 pairwise 98 %, in band 92 / 58 / 100 %. Its misses are near-domain off-topic answers (a detailed
story from the same workplace about another task), which the sentence encoder reads as on the question. Re-run the
benchmark and update these together with scoring.engine.ENGINE_VERSION."""

VALIDATION = {
    "engine_version": "hr_ai_interview-scoring/2.5.0",
    "measured": "2026-12-03",
    "answers": 270, "questions": 30, "held_out": 4,
    "pairwise_holdout": 87,  # % of answer pairs at different expert levels ordered as the expert did (fresh5)
    "pairwise_dev": 100,
    "in_band": {"strong": 100, "adequate": 83, "needs_work": 50},  # % of fresh5 answers inside their band
    "asr_noise_mean": 0.2, "asr_noise_p90": 0.5,  # |score change| under simulated speech-recognition noise
    # % of fresh5 questions: every near-domain off-topic answer scored above an adequate answer of its question
    "stuffing_below_adequate": 100, "offtopic_below_adequate": 0,
    "deterministic": True,
}
