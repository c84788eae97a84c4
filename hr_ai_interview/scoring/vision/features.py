"""Streaming analyser: feed sampled frames, then summarise into presence intervals and stability proxies."""
import numpy as np

from . import detect

MIN_INTERVAL = 1.0  # seconds; shorter gaps are detector noise or a blink-length occlusion
EYE_EVERY = 2  # eye check on every 2nd face sample: the proxy needs a ratio, not every frame
MOTION_THRESHOLD = 6.0  # mean |Δgrey| (0–255) outside the face box that counts as visible fidgeting
FULL_EVERY = 2  # full-frame scan at least every 2nd sample (a second person is caught within one sample);
# in between, while exactly one face was seen, only its neighbourhood is searched


class VisionAnalyzer:
    def __init__(self, full_every=FULL_EVERY):
        self.samples = []  # (t, n_faces, box or None, eyes or None, motion)
        self._prev = None
        self.shape = None
        self.full_every = full_every
        self._since_full = 0
        self.full_scans = 0

    def _faces(self, grey):
        last = self.samples[-1] if self.samples else None
        if last is not None and last[1] == 1 and self._since_full < self.full_every - 1:
            boxes = detect.detect_face_near(grey, last[2])
            if boxes:
                self._since_full += 1
                return boxes
        self._since_full = 0
        self.full_scans += 1
        return detect.detect_faces(grey)

    def __call__(self, t, grey):
        self.shape = grey.shape
        boxes = self._faces(grey)
        box = boxes[0] if boxes else None
        eyes = None
        if box is not None and (len(self.samples) % EYE_EVERY == 0):
            eyes = bool(detect.eyes_visible(grey, box))
        motion = None
        if self._prev is not None and self._prev.shape == grey.shape:
            diff = np.abs(grey.astype(np.int16) - self._prev.astype(np.int16))
            if box is not None:  # the face moving is head movement, measured separately
                x, y, w, h = box
                diff[max(0, y - h // 4): y + h + h // 4, max(0, x - w // 4): x + w + w // 4] = 0
            motion = float(diff.mean())
        self._prev = grey
        self.samples.append((float(t), len(boxes), box, eyes, motion))

    def summary(self):
        return summarise(self.samples, self.shape)


def intervals(times, flags, min_len=MIN_INTERVAL, step=None):
    """Merge consecutive flagged samples into [start, end] intervals at least min_len long."""
    if not times:
        return []
    if step is None:
        step = float(np.median(np.diff(times))) if len(times) > 1 else 0.5
    out, start = [], None
    for i, (t, f) in enumerate(zip(times, flags)):
        if f and start is None:
            start = t
        if start is not None and (not f or i == len(times) - 1):
            end = t if not f else t + step
            if end - start >= min_len - 1e-6:
                out.append([round(start, 2), round(end, 2)])
            start = None
    return out


def summarise(samples, shape=None):
    if not samples:
        return {"frames_analysed": 0, "face_present_ratio": None, "face_absent_intervals": [],
                "multiple_faces_intervals": [], "gaze_ratio": None, "head_stability": None,
                "fidget_ratio": None}
    times = [s[0] for s in samples]
    n = np.array([s[1] for s in samples])
    absent = intervals(times, list(n == 0))
    multi = intervals(times, list(n >= 2))
    eyes = [s[3] for s in samples if s[3] is not None]
    # head movement: face-centre displacement between consecutive samples, in face widths per second
    moves = []
    for a, b in zip(samples, samples[1:]):
        # only one face on both samples: with two faces the "main" box can switch person between samples
        if a[1] == 1 and b[1] == 1 and b[0] > a[0]:
            (ax, ay, aw, ah), (bx, by, bw, bh) = a[2], b[2]
            d = np.hypot((bx + bw / 2) - (ax + aw / 2), (by + bh / 2) - (ay + ah / 2)) / max(aw, bw)
            if d <= 1.0:  # a jump of more than a face width is a re-detection, not head movement
                moves.append(d / (b[0] - a[0]))
    motion = [s[4] for s in samples if s[4] is not None]
    face_sizes = [s[2][2] for s in samples if s[2] is not None]
    return {
        "frames_analysed": len(samples),
        "face_present_ratio": round(float((n >= 1).mean()), 3),
        "face_absent_intervals": absent,
        "multiple_faces_ratio": round(float((n >= 2).mean()), 3),
        "multiple_faces_intervals": multi,
        "gaze_ratio": round(float(np.mean(eyes)), 3) if eyes else None,
        "head_movement": round(float(np.median(moves)), 3) if moves else None,
        "head_stability": round(float(1.0 / (1.0 + 4.0 * np.percentile(moves, 75))), 3) if moves else None,
        "fidget_ratio": round(float(np.mean(np.array(motion) > MOTION_THRESHOLD)), 3) if motion else None,
        "face_width_ratio": round(float(np.median(face_sizes)) / shape[1], 3) if face_sizes and shape else None,
        "brief_occlusions": sum(1 for a in intervals(times, list(n == 0), min_len=0.0) if a[1] - a[0] < MIN_INTERVAL
                                and a[0] > times[0]),
    }
