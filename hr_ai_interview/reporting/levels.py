"""Score levels shown to candidates and HR. One band function for the reports: `band()` below is the only place
the reports turn a score into a level. It mirrors the calibrated bands of the scoring package (strong ≥ 70,
adequate ≥ 45, else needs work; see scoring/bands.py once merged) — the pure report package cannot import
scoring/ relatively, so the thresholds live here once and nowhere else in reporting/."""
from .i18n import _lt

STRONG, ADEQUATE = 70.0, 45.0
BAND_LABELS = {"strong": _lt("Strong"), "adequate": _lt("Adequate"), "needs_work": _lt("Needs work")}


def band(score):
    """'strong' / 'adequate' / 'needs_work' for a 0–100 score, None without a score."""
    if score is None:
        return None
    return "strong" if score >= STRONG else "adequate" if score >= ADEQUATE else "needs_work"


def band_label(score, _):
    code = band(score)
    return _(BAND_LABELS[code]) if code else "—"
