"""Validation figures shown on the model card: `python3 bench/validity_bench.py`, engine
hr_ai_interview-scoring/2.0.0 with the semantic layer, the 4 held-out questions (never looked at while tuning),
measured 2026-12-02. Re-run the benchmark and update these together with scoring.engine.ENGINE_VERSION."""

VALIDATION = {
    "engine_version": "hr_ai_interview-scoring/2.0.0",
    "measured": "2026-12-02",
    "answers": 90, "questions": 10, "held_out": 4,
    "pairwise_holdout": 98,  # % of answer pairs at different expert levels ordered as the expert did
    "pairwise_dev": 100,
    "in_band": {"strong": 92, "adequate": 83, "needs_work": 92},  # % of held-out answers inside their band
    "asr_noise_mean": 1.3, "asr_noise_p90": 4.2,  # |score change| under simulated speech-recognition noise
    "stuffing_below_adequate": 100, "offtopic_below_adequate": 100,  # % of questions
    "deterministic": True,
}
