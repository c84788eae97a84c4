"""Pitch and loudness (voice tone: only computed when the policy allows affect features).
Pitch: yin (librosa.yin's algorithm, ≈ pyin's accuracy at a fifth of the cost; numpy, see dsp) after an 80 Hz
high-pass, since mains hum makes pitch trackers call silence voiced. Audio is decimated to 8 kHz first: speech
f0 < 400 Hz, half the work."""
import numpy as np

from .dsp import halve_rate, yin
from .signal import HOP, _fir, filtered_blocks

FMIN, FMAX = 70.0, 400.0


def pitch_stats(y, sr, voiced_mask):
    if len(y) < sr * 0.5 or not voiced_mask.any():
        return {"median_hz": None, "stability_semitones": None, "range_semitones": None, "voiced_frames": 0}
    sr8 = 8000 if sr == 16000 else sr
    hop = int(sr8 * HOP * 2)  # 20 ms
    flen = 512 if sr8 == 8000 else 1024
    f0 = _streamed_f0(y, sr, sr8, flen, hop)
    # frame i starts at i*hop (center=False); its centre maps onto the 10 ms activity frames
    idx = np.minimum(np.arange(f0.size) * 2 + int(flen / 2 / (sr8 * HOP)), voiced_mask.size - 1)
    ok = voiced_mask[idx] & (f0 > FMIN * 1.05) & (f0 < FMAX * 0.95)
    vals = f0[ok]
    if vals.size < 10:
        return {"median_hz": None, "stability_semitones": None, "range_semitones": None,
                "voiced_frames": int(vals.size)}
    med = float(np.median(vals))
    semis = 12.0 * np.log2(vals / med)
    # robust spread: octave errors of the tracker must not dominate
    mad = float(np.median(np.abs(semis))) * 1.4826
    p10, p90 = np.percentile(semis, [10, 90])
    return {"median_hz": round(med, 1), "stability_semitones": round(mad, 2),
            "range_semitones": round(float(p90 - p10), 2), "voiced_frames": int(vals.size)}


def _streamed_f0(y, sr, sr8, flen, hop):
    """80 Hz high-pass, 2:1 decimation and yin block by block: frames start every `hop` samples of the 8 kHz
    signal as if it were whole, but neither it nor a full-length float64 copy is ever held (one 30 s block)."""
    out, pending = [], np.zeros(0, np.float32)
    for block in filtered_blocks(y, _fir("high", sr, 80.0)):
        block = halve_rate(block) if sr8 != sr else block
        pending = np.concatenate([pending, block])
        n = (len(pending) - flen) // hop + 1 if len(pending) >= flen else 0
        if n:
            out.append(yin(pending[: (n - 1) * hop + flen], sr8, FMIN, FMAX, flen, hop))
            pending = pending[n * hop:]
    return np.concatenate(out) if out else np.zeros(0)


def loudness_stats(levels, voiced_mask):
    n = min(levels.size, voiced_mask.size)
    v = levels[:n][voiced_mask[:n]]
    if v.size == 0:
        return {"median_dbfs": None, "variability_db": None}
    return {"median_dbfs": round(float(np.median(v)), 1),
            "variability_db": round(float(np.percentile(v, 90) - np.percentile(v, 10)), 1)}
