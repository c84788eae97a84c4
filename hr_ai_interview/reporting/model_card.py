"""Validation figures shown on the model card: `python3 bench/validity_bench.py`, engine
hr_ai_interview-scoring/2.5.0 with the semantic layer, measured 2026-12-03 — the bench's pooled *held-out* line
(validity_bench.HELD_OUT: fresh4 … fresh9, 24 questions written and committed before this engine was first run on
them and never tuned on, in 24 job families from procurement and nursing to restaurant operations and field service
dispatch; one near-domain off-topic answer each; fresh8 was written by a helper who saw no scores, fresh9 by one
who had read other splits' bench lines).
Pooled, because 4 questions per split are too few to quote alone (pairwise fresh4 89 %, fresh5 87 %, fresh6 82 %,
fresh7 84 %, fresh8 81 %, fresh9 86 %). Its misses: near-domain off-topic answers (a detailed story from the same
job about another task, often in the job's own terms), which the sentence encoder reads as on the question — the
card's known limits say so; modest on-topic answers that use none of the question's words (relevance discount,
35–50); vague answers about the question's subject (~50). The lexical fallback orders the same pairs as well (85 %)
but misses the bands (strong 62 %, adequate 25 %). Re-run the benchmark and update these together with
scoring.engine.ENGINE_VERSION."""

VALIDATION = {
    "engine_version": "hr_ai_interview-scoring/2.5.0",
    "measured": "2026-12-03",
    "answers": 468, "questions": 52, "held_out": 24,
    "pairwise_holdout": 85,  # % of held-out answer pairs at different expert levels ordered as the expert did
    "pairwise_dev": 100,
    "in_band": {"strong": 97, "adequate": 72, "needs_work": 43},  # % of held-out answers inside their band
    "asr_noise_mean": 0.7, "asr_noise_p90": 2.1,  # |score change| under simulated speech-recognition noise
    # % of held-out questions: every near-domain off-topic answer scored above an adequate answer of its question
    "stuffing_below_adequate": 96, "offtopic_below_adequate": 0,
    "deterministic": True,
}
