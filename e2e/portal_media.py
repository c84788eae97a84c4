"""Fake camera and microphone for Chromium, generated deterministically by the project (no downloads) into the
git-ignored e2e/.media/: a Y4M of a face (the repository's astronaut.jpg, NASA, public domain — the same
picture as scikit-image's astronaut.png, downscaled) with a gentle sway, and a WAV of Mandarin speech from
espeak-ng (`-v cmn-latn-pinyin`, toned pinyin) answering like a candidate (总分总, figures)."""
import math
import os
import shutil
import subprocess
import wave

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
MEDIA = os.environ.get("HRAI_E2E_MEDIA") or os.path.join(HERE, ".media")
FACE = os.path.join(os.path.dirname(HERE), "tests", "data", "astronaut.jpg")

# "First my conclusion: last quarter I raised the conversion rate by 12 percent. First, I ran user research
# with 30 users and found their pain points. Second, I prioritised, wrote the requirements document and
# coordinated engineering. Finally I iterated from data analysis. In short, I use data and user feedback."
PINYIN = (
    "wo3 xian1 shuo1 jie2 lun4. shang4 ge4 ji4 du4, wo3 fu4 ze2 de5 chan3 pin3, zhuan3 hua4 lv4 ti2 sheng1 le5 "
    "bai3 fen1 zhi1 shi2 er4. di4 yi1, wo3 zuo4 le5 yong4 hu4 tiao2 yan2, fang3 tan2 le5 san1 shi2 wei4 yong4 hu4, "
    "zhao3 dao4 le5 yong4 hu4 tong4 dian3. di4 er4, wo3 an4 you1 xian1 ji2 pai2 xu4, xie3 le5 xu1 qiu2 wen2 dang4, "
    "xie2 tiao2 yan2 fa1 zi1 yuan2, an4 shi2 jiao1 fu4. zui4 hou4, wo3 gen1 ju4 shu4 ju4 fen1 xi1 chi2 xu4 die2 "
    "dai4. zong3 jie2 yi1 xia4, wo3 shan4 chang2 yong4 shu4 ju4 he2 yong4 hu4 fan3 kui4 tui1 dong4 chan3 pin3."
)


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


def mandarin_wav():
    """Mandarin speech (~25 s, 22.05 kHz mono 16-bit) followed by a second of silence before it loops."""
    path = _path("mandarin-answer.wav")
    if os.path.exists(path):
        return path
    espeak = shutil.which("espeak-ng")
    if not espeak:
        raise RuntimeError("espeak-ng is needed for the fake microphone (Debian package espeak-ng)")
    raw = path + ".speech.wav"
    subprocess.run([espeak, "-v", "cmn-latn-pinyin", "-s", "150", "-w", raw, PINYIN], check=True)
    with wave.open(raw) as src:
        params, frames = src.getparams(), src.readframes(src.getnframes())
    with wave.open(path + ".part", "wb") as dst:
        dst.setparams(params)
        dst.writeframes(frames + b"\x00\x00" * params.framerate)
    os.replace(path + ".part", path)
    os.unlink(raw)
    return path


if __name__ == "__main__":
    print(face_y4m())
    print(mandarin_wav())
