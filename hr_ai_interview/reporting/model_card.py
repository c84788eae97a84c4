"""Validation figures shown on the model card: `python3 bench/validity_bench.py`, engine
hr_ai_interview-scoring/2.2.0 with the semantic layer, measured 2026-12-02 on the 4 *fresh* held-out questions
(written after the first held-out set had been looked at, never tuned on). Re-run the benchmark and update these
together with scoring.engine.ENGINE_VERSION."""

VALIDATION = {
    "engine_version": "hr_ai_interview-scoring/2.2.0",
    "measured": "2026-12-02",
    "answers": 126, "questions": 14, "held_out": 4,
    "pairwise_holdout": 95,  # % of answer pairs at different expert levels ordered as the expert did
    "pairwise_dev": 100,
    "in_band": {"strong": 83, "adequate": 50, "needs_work": 75},  # % of fresh held-out answers inside their band
    "asr_noise_mean": 0.5, "asr_noise_p90": 1.2,  # |score change| under simulated speech-recognition noise
    "stuffing_below_adequate": 100, "offtopic_below_adequate": 0,  # % of questions
    "deterministic": True,
}
