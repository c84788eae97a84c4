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
    power = np.square(y[: m * n].reshape(m, n), dtype=np.float64).mean(axis=1)
    if smooth > 1 and m >= smooth:
        power = np.convolve(power, np.ones(smooth) / smooth, mode="same")
    return (10.0 * np.log10(power + 1e-12)).astype(np.float32)


def runs(mask):
    """(start, end) index pairs of consecutive True runs, end exclusive."""
    if len(mask) == 0:
        return []
    d = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist()))
