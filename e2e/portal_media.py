"""Fake camera and microphone for Chromium, generated deterministically by the project (no downloads) into the
git-ignored e2e/.media/: a Y4M of a face (the repository's astronaut.jpg, NASA, public domain — the same
picture as scikit-image's astronaut.png, downscaled) with a gentle sway, and a WAV of natural Mandarin speech
(Kokoro-82M ONNX + misaki ZHG2P, offline, deterministic) answering like a candidate (总分总, figures)."""
import math
import os
import re
import sys

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
MEDIA = os.environ.get("HRAI_E2E_MEDIA") or os.path.join(HERE, ".media")
FACE = os.path.join(os.path.dirname(HERE), "tests", "data", "astronaut.jpg")
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))
import _media  # noqa: E402  the pure tests' media kit: Kokoro speech, cached in tests/.media

# What the candidate says (总分总, figures). Spoken by Kokoro (tests/_media.py): Whisper hears real words in it,
# unlike robotic espeak-ng speech, which gave empty transcripts and made the browser test fail at random.
ANSWER_TEXT = ("我先说结论。上个季度，我负责的产品，转化率提升了百分之十二。第一，我做了用户调研，访谈了三十位用户，"
               "找到了用户的痛点。第二，我按优先级排序，写了需求文档，协调研发资源，按时交付。"
               "最后，我根据数据分析持续迭代。总结一下，我擅长用数据和用户反馈推动产品。")
KEY_TERMS = ("用户", "数据", "产品", "转化率", "调研", "需求", "结论", "总结", "优先级", "分析")


def _path(name):
    os.makedirs(MEDIA, exist_ok=True)
    return os.path.join(MEDIA, name)


def face_y4m(width=640, height=480, fps=15, frames=30):
    """A 2 s loop (Chromium replays the file) of the face on a neutral background, swaying a few pixels."""
    path = _path(f"face-{width}x{height}-{fps}-{frames}.y4m")
    if os.path.exists(path):
        return path
    face = Image.open(FACE).convert("RGB")
    face = face.resize((int(face.width * (height * 0.85) / face.height), int(height * 0.85)), Image.LANCZOS)
    with open(path + ".part", "wb") as fh:
        fh.write(f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for i in range(frames):
            canvas = Image.new("RGB", (width, height), (118, 124, 130))
            dx = int(6 * math.sin(2 * math.pi * i / frames))
            canvas.paste(face, ((width - face.width) // 2 + dx, (height - face.height) // 2))
            y, cb, cr = canvas.convert("YCbCr").split()
            fh.write(b"FRAME\n")
            fh.write(y.tobytes())
            fh.write(cb.resize((width // 2, height // 2), Image.BILINEAR).tobytes())
            fh.write(cr.resize((width // 2, height // 2), Image.BILINEAR).tobytes())
    os.replace(path + ".part", path)
    return path


def mandarin_wav(voice="jf_alpha"):
    """ANSWER_TEXT spoken by Kokoro (~25 s, 16 kHz mono) and a second of silence before Chromium loops it."""
    path = _path(f"mandarin-answer-kokoro-{voice}.wav")
    if os.path.exists(path):
        return path
    y, sr = _media.read_wav(_media.kokoro_mandarin(ANSWER_TEXT, voice=voice))
    _media.write_wav(path + ".part", np.concatenate([y, _media.silence(1.0, sr)]), sr)
    os.replace(path + ".part", path)
    return path


def han_bigrams(text):
    han = re.sub(r"[^\u4e00-\u9fff]", "", text or "")
    return [han[i:i + 2] for i in range(len(han) - 1)]


def transcript_precision(transcript):
    """Share of the transcript's Chinese character bigrams that were really spoken (the recording starts
    anywhere in the looping answer, so precision, not recall, is what a window of it can be judged by)."""
    spoken = set(han_bigrams(ANSWER_TEXT))
    grams = han_bigrams(transcript)
    return (sum(g in spoken for g in grams) / len(grams)) if grams else 0.0


if __name__ == "__main__":
    print(face_y4m())
    print(mandarin_wav())
