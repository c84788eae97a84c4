"""Validation figures shown on the model card: `python3 bench/validity_bench.py`, engine
hr_ai_interview-scoring/2.3.0 with the semantic layer, measured 2026-12-02 on the 4 *fresh2* held-out questions
(finance, manufacturing, HR, software engineering; committed before 2.3.0 was first run on them, never tuned on).
The earlier fresh split (looked at while 2.3.0 was designed) gave: pairwise 99 %, in band 83 / 75 / 100 %,
off-topic below every adequate answer in 75 % of its questions. Re-run the benchmark and update these together
with scoring.engine.ENGINE_VERSION."""

VALIDATION = {
    "engine_version": "hr_ai_interview-scoring/2.3.0",
    "measured": "2026-12-02",
    "answers": 162, "questions": 18, "held_out": 4,
    "pairwise_holdout": 95,  # % of answer pairs at different expert levels ordered as the expert did (fresh2)
    "pairwise_dev": 99,
    "in_band": {"strong": 92, "adequate": 75, "needs_work": 92},  # % of fresh2 answers inside their band
    "asr_noise_mean": 0.3, "asr_noise_p90": 0.5,  # |score change| under simulated speech-recognition noise
    # % of fresh2 questions: modest on-topic answers flagged off-topic (3 of 12) tie or sink below the off-topic one
    "stuffing_below_adequate": 100, "offtopic_below_adequate": 25,
    "deterministic": True,
}
