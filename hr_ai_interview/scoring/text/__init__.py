"""Answer-text features: rubric keyword evidence, similarity, concreteness, structure, length, stuffing guard.
Hot path (≥ 2,000 answers/s/core): regexes and dict arithmetic only; jieba is used on rubric keywords (cached),
never on every answer."""
from .features import analyse_text, compile_rubric, prepare  # noqa: F401
from .lang import detect_language  # noqa: F401
