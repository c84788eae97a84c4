"""Score bands, in one place: the engine, the addon's views, reports and feedback all read these numbers.
Calibrated on bench/data/validity (strong answers ≥ 70, adequate 45–70, needs work ≤ 40; 40–45 is the margin
between adequate and needs work and reads as needs work)."""

import math

STRONG, ADEQUATE = 70.0, 45.0
LABELS = {
    "strong": {"zh": "较强", "en": "Strong"},
    "adequate": {"zh": "合格", "en": "Adequate"},
    "needs_work": {"zh": "待提升", "en": "Needs work"},
}


def band(score):
    """'strong' / 'adequate' / 'needs_work' for a 0–100 score, None for no score. Scores are shown as whole
    numbers, so the band is that of the number shown (44.8 reads "45 / 100" and is adequate, not needs work)."""
    if score is None:
        return None
    score = math.floor(score + 0.5)
    return "strong" if score >= STRONG else "adequate" if score >= ADEQUATE else "needs_work"


def label(score, lang="zh"):
    b = band(score)
    return LABELS[b]["en" if lang == "en" else "zh"] if b else None
