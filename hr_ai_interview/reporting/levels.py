"""Score levels shown to candidates and HR. The thresholds are those of scoring/bands.py (the one source: the
engine, the addon's views, reports and feedback all read them); this module only adds the reports' translatable
labels."""
from .i18n import _lt

try:  # inside the addon: hr_ai_interview.reporting next to hr_ai_interview.scoring
    from ..scoring.bands import band
except ImportError:  # imported as the top-level package `reporting` (pure tests, bench): `scoring` sits beside it
    from scoring.bands import band

BAND_LABELS = {"strong": _lt("Strong"), "adequate": _lt("Adequate"), "needs_work": _lt("Needs work")}


def band_label(score, _):
    code = band(score)
    return _(BAND_LABELS[code]) if code else "—"
