"""Small DSP helpers: filters and 10 ms frame levels. Arrays in, arrays out."""
import numpy as np
from scipy import signal as sps

HOP = 0.010  # seconds per level frame


def bandpass(y, sr, lo, hi, order=4):
    nyq = sr / 2.0
    hi = min(hi, nyq * 0.95)
    sos = sps.butter(order, [lo, hi], btype="band", fs=sr, output="sos")
    return sps.sosfilt(sos, y).astype(np.float32, copy=False)


def highpass(y, sr, cutoff, order=4):
    sos = sps.butter(order, cutoff, btype="high", fs=sr, output="sos")
    return sps.sosfilt(sos, y).astype(np.float32, copy=False)


def frame_levels_db(y, sr, hop=HOP, smooth=3):
    """Energy in dBFS per hop-sized block, smoothed over `smooth` blocks (≈ a 30 ms window)."""
    n = int(sr * hop)
    m = len(y) // n
    if m == 0:
        return np.zeros(0, np.float32)
    block = y[: m * n].reshape(m, n)
    power = np.einsum("ij,ij->i", block, block).astype(np.float64) / n  # no full-length float64 copy
    if smooth > 1 and m >= smooth:
        power = np.convolve(power, np.ones(smooth) / smooth, mode="same")
    return (10.0 * np.log10(power + 1e-12)).astype(np.float32)


def runs(mask):
    """(start, end) index pairs of consecutive True runs, end exclusive."""
    if len(mask) == 0:
        return []
    d = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist()))


BLOCK = 30 * 16000  # samples per filtering block (a multiple of the 10 ms hop at 16 kHz)


def _sos(kind, sr, lo, hi=None, order=4):
    if kind == "band":
        return sps.butter(order, [lo, min(hi, sr / 2.0 * 0.95)], btype="band", fs=sr, output="sos")
    return sps.butter(order, lo, btype="high", fs=sr, output="sos")


def filtered_blocks(y, sos, block=BLOCK):
    """Yield the filtered signal block by block (filter state carried across blocks): a 10-minute answer
    never needs a full-length float64 copy (scipy filters in float64)."""
    zi = np.zeros((sos.shape[0], 2))
    for start in range(0, len(y), block):
        out, zi = sps.sosfilt(sos, y[start:start + block], zi=zi)
        yield out.astype(np.float32)


def band_levels_db(y, sr, lo, hi, hop=HOP, smooth=3):
    """frame_levels_db(bandpass(y)) without materialising the filtered signal."""
    n = int(sr * hop)
    block = max(n, BLOCK // n * n)
    power = []
    for seg in filtered_blocks(y, _sos("band", sr, lo, hi), block):
        m = len(seg) // n
        b = seg[: m * n].reshape(m, n)
        power.append(np.einsum("ij,ij->i", b, b).astype(np.float64) / n)
    power = np.concatenate(power) if power else np.zeros(0)
    if power.size == 0:
        return np.zeros(0, np.float32)
    if smooth > 1 and power.size >= smooth:
        power = np.convolve(power, np.ones(smooth) / smooth, mode="same")
    return (10.0 * np.log10(power + 1e-12)).astype(np.float32)
