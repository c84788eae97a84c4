"""Small DSP helpers: filters and 10 ms frame levels. Arrays in, arrays out."""
from functools import lru_cache

import numpy as np

from .dsp import butter_fir, fir_blocks

HOP = 0.010  # seconds per level frame


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


@lru_cache(maxsize=16)
def _fir(kind, sr, lo, hi=None, order=4):
    """The 4th-order Butterworth band-pass / high-pass as impulse-response taps, designed once per rate."""
    taps = butter_fir(kind, sr, lo, hi, order)
    taps.setflags(write=False)
    return taps


def filtered_blocks(y, taps, block=BLOCK):
    """Yield the filtered signal block by block (filter state carried across blocks): a 10-minute answer
    never needs a full-length float64 copy."""
    return fir_blocks(y, taps, block)


def band_levels_db(y, sr, lo, hi, hop=HOP, smooth=3):
    """frame_levels_db(bandpass(y)) without materialising the filtered signal."""
    n = int(sr * hop)
    block = max(n, BLOCK // n * n)
    power = []
    for seg in filtered_blocks(y, _fir("band", sr, lo, hi), block):
        m = len(seg) // n
        b = seg[: m * n].reshape(m, n)
        power.append(np.einsum("ij,ij->i", b, b).astype(np.float64) / n)
    power = np.concatenate(power) if power else np.zeros(0)
    if power.size == 0:
        return np.zeros(0, np.float32)
    if smooth > 1 and power.size >= smooth:
        power = np.convolve(power, np.ones(smooth) / smooth, mode="same")
    return (10.0 * np.log10(power + 1e-12)).astype(np.float32)
