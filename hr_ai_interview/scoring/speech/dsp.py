"""The few DSP routines the speech features need, in numpy alone. scipy.signal and librosa (with numba) cost
~190 MB of RSS per worker for four functions; these reproduce them (tests compare against scipy/librosa):
  butter_fir   4th-order Butterworth (scipy.signal.butter), applied as its impulse response by FFT blocks
  halve_rate   scipy.signal.resample_poly(x, 1, 2)
  find_peaks   scipy.signal.find_peaks(x, prominence=p, distance=d)
  yin          librosa.yin(..., center=False)"""
import numpy as np

_IR_SECONDS = 2.0  # response grid for the impulse response: Butterworth edges >= 70 Hz ring out in < 0.2 s
_IR_TAIL = 1e-15  # impulse response cut where the remaining energy is below this share


def _analog_response(kind, order, warped, s):
    """H(s) of scipy's Butterworth prototype after lp2hp / lp2bp (gain as scipy sets it)."""
    p = -np.exp(1j * np.pi * np.arange(-order + 1, order, 2) / (2 * order))
    if kind == "high":
        wo = warped[0]
        poles, k = wo / p, 1.0 / np.real(np.prod(-p))
    else:
        bw, wo = warped[1] - warped[0], np.sqrt(warped[0] * warped[1])
        pl = p * bw / 2
        root = np.sqrt(pl * pl - wo * wo)
        poles, k = np.concatenate([pl + root, pl - root]), bw ** order
    h = np.full(s.shape, k, complex)
    for q in poles:  # s^order / prod(s - q): one factor at a time keeps magnitudes in range
        h /= s - q
    return h * s ** order


def butter_fir(kind, sr, lo, hi=None, order=4):
    """Impulse response (float64 taps) of scipy.signal.butter(order, ..., btype=kind, fs=sr): the bilinear
    transform maps the unit circle onto s = j*2*fs*tan(w/2), so the digital response is the analog one there."""
    edges = [lo] if kind == "high" else [lo, min(hi, sr / 2.0 * 0.95)]
    warped = [4.0 * np.tan(np.pi * (2.0 * f / sr) / 2.0) for f in edges]  # scipy: fs=2 after normalising
    n = int(_IR_SECONDS * sr)
    w = np.linspace(0.0, np.pi, n // 2 + 1)
    s = 1j * 4.0 * np.tan(np.minimum(w, np.pi * (1 - 1e-9)) / 2.0)
    h = np.fft.irfft(_analog_response(kind, order, warped, s), n)
    energy = np.cumsum((h * h)[::-1])[::-1]
    keep = int(np.searchsorted(-energy, -energy[0] * _IR_TAIL))
    return h[: max(keep, 1)].copy()


def _fast_len(n):
    """Smallest 2^a 3^b 5^c >= n (pocketfft is quickest on these)."""
    best = 1 << int(np.ceil(np.log2(max(n, 1))))
    p5 = 1
    while p5 < best:
        p35 = p5
        while p35 < best:
            m = p35
            while m < n:
                m *= 2
            best = min(best, m)
            p35 *= 3
        p5 *= 5
    return best


def fir_blocks(y, taps, block, nfft=16384):
    """Yield y convolved with taps (causal, from rest, like sosfilt with zi=0) in float32 blocks of `block`
    samples: overlap-save in cache-sized FFTs, carrying the last len(taps)-1 samples; no full-length copy."""
    m = len(taps) - 1
    nfft = max(nfft, _fast_len(4 * (m + 1)))
    step = nfft - m
    spec = np.fft.rfft(taps, nfft)
    buf = np.zeros(nfft, np.float64)
    for start in range(0, len(y), block):
        seg = y[start:start + block]
        out = np.empty(len(seg), np.float32)
        for i in range(0, len(seg), step):
            k = min(step, len(seg) - i)
            buf[m:m + k] = seg[i:i + k]
            buf[m + k:] = 0.0
            out[i:i + k] = np.fft.irfft(np.fft.rfft(buf) * spec, nfft)[m:m + k]
            if m:
                buf[:m] = buf[k:k + m].copy()
        yield out


_HALF = None


def halve_rate(x, chunk=1 << 15):
    """scipy.signal.resample_poly(x, 1, 2): a 41-tap Kaiser(5.0) low-pass at a quarter of the rate, every other
    output sample, aligned on x[0], zeros outside x; float64 like scipy. Polyphase: even taps on even samples plus
    odd taps on odd samples, so only the kept outputs are computed."""
    global _HALF
    if _HALF is None:
        m = np.arange(41) - 20.0
        h = 0.5 * np.sinc(0.5 * m) * np.kaiser(41, 5.0)
        h /= h.sum()
        _HALF = (h[0::2].copy(), h[1::2].copy())  # 21 even, 20 odd taps
    he, ho = _HALF
    n, n_out = len(x), -(-len(x) // 2)
    out = np.empty(n_out, np.float32)
    for j0 in range(0, n_out, chunk):
        j1 = min(n_out, j0 + chunk)
        lo, hi = 2 * j0 - 20, 2 * (j1 - 1) + 21  # out[j] = sum_i h[i] * x[2j + 20 - i]
        seg = np.zeros(hi - lo, np.float64)
        seg[max(0, -lo): min(hi, n) - lo] = x[max(lo, 0): min(hi, n)]
        # even i = 2k reads seg[2(j - j0) + 40 - 2k]; odd i = 2k + 1 reads seg[2(j - j0) + 39 - 2k]
        out[j0:j1] = np.convolve(seg[0::2], he, "valid") + np.convolve(seg[1::2], ho, "valid")[: j1 - j0]
    return out


def _nearest_greater(x, reverse=False):
    """Index of the nearest strictly greater sample on one side (-1 / len(x) when none)."""
    n = len(x)
    out = [(-1 if not reverse else n)] * n
    stack = []
    vals = x.tolist()
    order = range(n - 1, -1, -1) if reverse else range(n)
    for i in order:
        v = vals[i]
        while stack and vals[stack[-1]] <= v:
            stack.pop()
        if stack:
            out[i] = stack[-1]
        stack.append(i)
    return np.asarray(out, np.int64)


def find_peaks(x, prominence, distance):
    """scipy.signal.find_peaks(x, prominence=prominence, distance=distance)[0]: local maxima (a plateau counts at
    its middle), thinned so that no two are closer than `distance` (higher first), then kept when their
    topographic prominence is >= `prominence`."""
    x = np.asarray(x, np.float64)
    d = np.flatnonzero(np.diff(x))
    if d.size < 2:
        return np.zeros(0, np.int64)
    sign = np.sign(np.diff(x)[d])
    turn = np.flatnonzero((sign[:-1] > 0) & (sign[1:] < 0))
    peaks = (d[turn] + 1 + d[turn + 1]) // 2
    if peaks.size == 0:
        return peaks
    keep = np.ones(peaks.size, bool)
    dist = int(np.ceil(distance))
    pl = peaks.tolist()
    for j in np.argsort(x[peaks])[::-1].tolist():
        if not keep[j]:
            continue
        k = j - 1
        while k >= 0 and pl[j] - pl[k] < dist:
            keep[k] = False
            k -= 1
        k = j + 1
        while k < len(pl) and pl[k] - pl[j] < dist:
            keep[k] = False
            k += 1
    peaks = peaks[keep]
    left, right = _nearest_greater(x)[peaks] + 1, _nearest_greater(x, reverse=True)[peaks]
    ext = np.append(x, -np.inf)  # reduceat needs index len(x) for ranges that run to the end
    left_min = np.minimum.reduceat(ext, np.stack([left, peaks + 1], 1).ravel())[::2]
    right_min = np.minimum.reduceat(ext, np.stack([peaks, right], 1).ravel())[::2]
    prom = x[peaks] - np.maximum(left_min, right_min)
    return peaks[prom >= prominence]


def _abs2(z):
    return z.real * z.real + z.imag * z.imag


def yin(y, sr, fmin, fmax, frame_length, hop_length, trough_threshold=0.1, chunk=128):
    """librosa.yin(y, fmin, fmax, sr, frame_length, hop_length, center=False): cumulative mean normalised
    difference, first trough under the threshold (else the global minimum), parabolic refinement. Frames go
    through the FFTs `chunk` at a time: pocketfft's work arrays are several times its output."""
    y = np.asarray(y)
    if len(y) < frame_length:
        return np.zeros(0)
    frames = np.lib.stride_tricks.sliding_window_view(y, frame_length)[::hop_length]
    min_p = int(np.floor(sr / fmax))
    max_p = min(int(np.ceil(sr / fmin)), frame_length - 1)
    n_fft = _fast_len(2 * frame_length - 1)
    return np.concatenate([_yin_frames(frames[i:i + chunk], sr, min_p, max_p, n_fft, trough_threshold)
                           for i in range(0, len(frames), chunk)])


def _yin_frames(frames, sr, min_p, max_p, n_fft, trough_threshold):
    acf = np.fft.irfft(_abs2(np.fft.rfft(frames, n_fft, axis=-1)), n_fft, axis=-1)[:, : max_p + 1]
    energy = np.cumsum(np.square(frames), axis=-1)
    diff = np.empty((frames.shape[0], max_p + 1), acf.dtype)
    diff[:, 0] = 0
    diff[:, 1:] = 2 * (acf[:, :1] - acf[:, 1:]) - energy[:, :max_p]
    cum = np.cumsum(diff[:, 1:], axis=-1) / np.arange(1, max_p + 1)
    den = cum[:, min_p - 1: max_p]
    d = diff[:, min_p: max_p + 1] / (den + np.finfo(den.dtype).tiny)
    # parabolic shifts (0 at the edges and where the vertex lies beyond a neighbour), as librosa's stencil
    a = d[:, 2:] + d[:, :-2] - 2 * d[:, 1:-1]
    b = (d[:, 2:] - d[:, :-2]) / 2
    shift = np.zeros_like(d)
    with np.errstate(divide="ignore", invalid="ignore"):
        shift[:, 1:-1] = np.where(np.abs(b) >= np.abs(a), 0, -b / a)
    trough = np.zeros(d.shape, bool)
    trough[:, 1:-1] = (d[:, 1:-1] < d[:, :-2]) & (d[:, 1:-1] <= d[:, 2:])
    trough[:, -1] = d[:, -1] < d[:, -2]
    trough[:, 0] = d[:, 0] < d[:, 1]
    below = trough & (d < trough_threshold)
    period = np.where(below.any(axis=-1), np.argmax(below, axis=-1), np.argmin(d, axis=-1))
    rows = np.arange(d.shape[0])
    return sr / (min_p + period + shift[rows, period])
