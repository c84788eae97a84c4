"""Speaking rate from syllable nuclei: peaks of 300–3000 Hz band energy (≥ 3 dB prominence, ≥ 0.1 s apart).
Onset counting over-counted Mandarin by ~29 %; these peaks were within a few % of the true syllable count.
One Mandarin syllable is one character, so syllables/min is 字/分 directly."""
import numpy as np

from .dsp import find_peaks
from .signal import HOP, band_levels_db

EN_SYLLABLES_PER_WORD = 1.4


def syllable_times(y, sr, voiced_mask):
    if len(y) < sr * 0.2:
        return np.zeros(0)
    levels = band_levels_db(y, sr, 300, 3000, smooth=5)
    n = min(levels.size, voiced_mask.size)
    levels = levels[:n]
    peaks = find_peaks(levels, prominence=3.0, distance=int(0.1 / HOP))
    peaks = peaks[voiced_mask[peaks]] if n else peaks
    return peaks * HOP


def rate_per_minute(count, seconds):
    return round(count * 60.0 / seconds, 1) if seconds > 0.5 else 0.0


def rate_series(times, span, window=None):
    """Rates over consecutive windows of the speech span, so a jump (180 → 220 字/分) is visible."""
    start, end = span
    length = end - start
    if length <= 0:
        return []
    if window is None:
        window = 30.0 if length >= 120 else max(10.0, length / 3.0)
    out, t = [], start
    while t < end - 1e-6:
        w_end = min(end, t + window)
        if w_end - t >= min(5.0, window / 2) or not out:
            n = int(((times >= t) & (times < w_end)).sum())
            out.append({"start": round(t, 1), "end": round(w_end, 1), "rate": rate_per_minute(n, w_end - t)})
        t = w_end
    return out


def last_minute_change(times, span):
    """Rate in the last minute vs. before it (only for answers long enough to compare)."""
    start, end = span
    if end - start < 90:
        return None
    cut = end - 60.0
    before = rate_per_minute(int(((times >= start) & (times < cut)).sum()), cut - start)
    last = rate_per_minute(int((times >= cut).sum()), 60.0)
    return {"before": before, "last_minute": last, "delta": round(last - before, 1)}
