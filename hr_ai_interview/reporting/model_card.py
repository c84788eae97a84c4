"""Validation figures shown on the model card: `python3 bench/validity_bench.py`, engine
hr_ai_interview-scoring/2.5.0 with the semantic layer, measured 2026-12-03 — the bench's pooled *held-out* line
(validity_bench.HELD_OUT: fresh4, fresh5 and fresh6, 12 questions written and committed before this engine was first
run on them and never tuned on: procurement, teaching, nursing, logistics, legal / compliance, office administration,
bookkeeping, IT helpdesk, e-commerce operations, quality management, UX research, retail store management; one
near-domain off-topic answer each). Pooled, because 4 questions per split are too few to quote alone (pairwise
fresh4 89 %, fresh5 87 %, fresh6 82 %). Its misses: near-domain off-topic answers (a detailed story from the same job
about another task), which the sentence encoder reads as on the question — the card's known limits say so; modest
on-topic answers that use none of the question's words (relevance discount, 35–50); vague answers that repeat the
question's words (~50). The lexical fallback orders the same pairs about as well (86 %) but misses the bands
(strong 61 %, adequate 28 %). Re-run the benchmark and update these together with scoring.engine.ENGINE_VERSION."""

VALIDATION = {
    "engine_version": "hr_ai_interview-scoring/2.5.0",
    "measured": "2026-12-03",
    "answers": 414, "questions": 46, "held_out": 12,
    "pairwise_holdout": 86,  # % of held-out answer pairs at different expert levels ordered as the expert did
    "pairwise_dev": 100,
    "in_band": {"strong": 97, "adequate": 69, "needs_work": 50},  # % of held-out answers inside their band
    "asr_noise_mean": 0.7, "asr_noise_p90": 2.1,  # |score change| under simulated speech-recognition noise
    # % of held-out questions: every near-domain off-topic answer scored above an adequate answer of its question
    "stuffing_below_adequate": 92, "offtopic_below_adequate": 0,
    "deterministic": True,
}
