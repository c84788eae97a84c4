"""Benchmark media: long 640x480 30 fps VP8 + Opus answers made from the test media factory (Kokoro Mandarin
sound, astronaut face), cached in bench/.cache; Kokoro clips already made by the tests are reused."""
import os
import shutil

import numpy as np

import _media
from _media import read_wav  # noqa: F401
from test_scoring_asr import ZH_TEXT
from test_scoring_text import GOOD, QUESTION, RUBRIC, STUFFED, VAGUE  # noqa: F401

VOICES = ["jm_kumo", "jf_nezumi", "jf_gongitsune", "jf_tebukuro", "jf_alpha"]
GOOD_EN = ("When our app's retention dropped for three months, I first interviewed 30 users to find their pain "
           "points. Then I planned the work in a gantt chart with four milestones and wrote a risk mitigation plan. "
           "After launch we iterated twice on user feedback, and as a result retention grew by 20%.")
RUBRIC_EN = {"language": "en", "dimensions": [
    {"name": "Project management", "weight": 50, "keywords": ["gantt chart", "risk mitigation", "milestones"]},
    {"name": "User focus", "weight": 50, "keywords": ["pain points", "user feedback"]}]}
TESTS_MEDIA = os.path.join(os.path.dirname(_media.HERE), "tests", ".media")


def kokoro(voice):
    return _reuse(voice) or _media.kokoro_mandarin(ZH_TEXT, voice=voice)


def _reuse(voice):
    """Copy a Kokoro clip the tests already generated (same spec → same hashed file name): ~1 min each saved."""
    import hashlib
    import json
    spec = {"t": ZH_TEXT, "v": voice, "s": 1.0, "g": 0.35}  # must match _media.kokoro_mandarin's spec
    key = hashlib.sha1(json.dumps(spec, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:10]
    name = "kokoro-%s-%s.wav" % (voice, key)
    src, dst = os.path.join(TESTS_MEDIA, name), os.path.join(_media.MEDIA_DIR, name)
    if not os.path.exists(dst) and os.path.exists(src):
        os.makedirs(_media.MEDIA_DIR, exist_ok=True)
        shutil.copyfile(src, dst)
    return dst if os.path.exists(dst) else None


def answer_video(seconds, fps=30, size=(640, 480), base_seconds=60.0):
    """A `seconds`-long answer: one base minute encoded like a browser (realtime VP8 + Opus, a key frame per second), then stream-copied
    back to back — decoding and analysis cost are what is measured, not content variety."""
    spec = {"fps": fps, "size": size, "voices": VOICES, "base": base_seconds, "v": 4}

    def build_base(path):
        clips = [read_wav(kokoro(v))[0] for v in VOICES]
        _encode(path, np.concatenate(clips)[: int(base_seconds * 16000)], fps, size)

    base = _media.cached("answer-base.webm", spec, build_base)
    repeats = int(round(seconds / base_seconds))
    return _media.cached("answer-%ds.webm" % int(seconds), dict(spec, repeats=repeats),
                         lambda path: _media.concat_copy(base, path, repeats))


def short_answer(voice, seconds=20.0, fps=30, size=(640, 480)):
    """The first `seconds` of the Kokoro answer in one voice, with the face, encoded like a browser: many distinct
    recorded answers (one per voice) for the queue benchmark, each scored with speech recognition."""
    spec = {"fps": fps, "size": size, "voice": voice, "seconds": seconds, "v": 2}
    return _media.cached("short-%s.webm" % voice, spec, lambda path: _encode(
        path, read_wav(kokoro(voice))[0][: int(seconds * 16000)], fps, size))


def _encode(path, audio, fps, size):
    """A face in front of the camera for as long as `audio` lasts (16 kHz mono), realtime VP8 + Opus WebM."""
    frame = _media.face_frame_fn(size, fps, absent=(-1, -1), two_faces=(-1, -1), face_px=size[1] * 2 // 3)
    _media.encode(path, int(len(audio) / 16000 * fps), fps, frame, audio=audio, kind="webm", size=size, fast=True,
                  key_seconds=1)  # a key frame per second, like the recorder (videoKeyFrameIntervalDuration: 1000)
