"""Decoding: browser-like WebM without duration, Safari-like MP4, audio only; typed errors and flags."""

import numpy as np
import pytest

import _media
from scoring.engine import score_answer
from scoring.errors import (EmptyMediaError, NotARecordingError, OverLengthError, ScoringError, TooShortError,
                            UndecodableMediaError)
from scoring.media import decode_media

RUBRIC = {"language": "zh", "dimensions": [{"name": "沟通能力", "weight": 100, "keywords": ["沟通"]}]}


def test_browser_webm_has_no_duration_but_is_measured():
    path = _media.face_video()
    frames = []
    info = decode_media(path, frame_sink=lambda t, g: frames.append((t, g.shape)), sample_fps=2.0)
    assert info["duration_hint"] is None  # like MediaRecorder output
    assert info["duration"] == pytest.approx(14.0, abs=0.2)
    assert info["video_codec"] == "vp8" and info["audio_codec"] == "opus"
    assert info.audio.dtype == np.float32 and info.audio.size == pytest.approx(14.0 * 16000, rel=0.01)
    assert len(frames) == pytest.approx(28, abs=2)  # sampled, not all 210 frames
    assert all(shape == (240, 320) for _, shape in frames)  # downscaled grey
    ts = [t for t, _ in frames]
    assert ts == sorted(ts) and ts[-1] > 13.0


def test_key_frame_recording_samples_key_frames_only_with_the_same_presence():
    """A key frame per second (the recorder's setting): only key frames are decoded and sampled, and face
    presence (absent 4–7 s, two faces 9–12 s) reads the same as from every frame at 2 fps."""
    from scoring.vision import VisionAnalyzer
    path = _media.face_video(key_seconds=1)
    seen = []
    keyed = VisionAnalyzer()
    info = decode_media(path, frame_sink=lambda t, g: (seen.append(t), keyed(t, g)))
    assert info["video_frames"] == 210 and info["frames_sampled"] == pytest.approx(14, abs=1)
    assert all(abs(t - round(t)) < 0.05 for t in seen)  # the key frames, one per second
    assert info["duration"] == pytest.approx(14.0, abs=0.2) and not info["truncated"]
    every = VisionAnalyzer()
    for t, g in _all_frames(path, 2.0):
        every(t, g)
    a, b = keyed.summary(), every.summary()
    assert a["face_present_ratio"] == pytest.approx(b["face_present_ratio"], abs=0.08)
    assert a["multiple_faces_ratio"] == pytest.approx(b["multiple_faces_ratio"], abs=0.08)
    for got, want in ((a["face_absent_intervals"], b["face_absent_intervals"]),
                      (a["multiple_faces_intervals"], b["multiple_faces_intervals"])):
        assert len(got) == len(want) == 1 and got[0] == pytest.approx(want[0], abs=0.6)


def _all_frames(path, fps):
    """Reference sampling: every frame decoded, one grey 320x240 frame per 1/fps s."""
    import av
    import cv2
    next_t = 0.0
    with av.open(path) as c:
        for frame in c.decode(video=0):
            if frame.time + 1e-6 >= next_t:
                next_t += 1.0 / fps
                yield frame.time, cv2.resize(frame.to_ndarray(format="gray"), (320, 240),
                                             interpolation=cv2.INTER_AREA)


def test_safari_mp4_h264_aac_decodes():
    info = decode_media(_media.face_video(kind="mp4"))
    assert info["video_codec"] == "h264" and info["audio_codec"] == "aac"
    assert info["duration"] == pytest.approx(14.0, abs=0.3) and not info["truncated"]


def test_empty_file(tmp_path):
    p = tmp_path / "empty.webm"
    p.write_bytes(b"")
    with pytest.raises(EmptyMediaError) as ei:
        score_answer(str(p), rubric=RUBRIC)
    assert ei.value.code == "empty"


@pytest.mark.parametrize("make", [lambda d: _media.garbage_file(),
                                  lambda d: _write(d / "notes.webm", "这不是视频，只是一段文字。\n" * 50)])
def test_garbage_is_undecodable(tmp_path, make):
    with pytest.raises(UndecodableMediaError) as ei:
        score_answer(str(make(tmp_path)), rubric=RUBRIC)
    assert ei.value.code == "undecodable"
    assert isinstance(ei.value, ScoringError)


def test_missing_file_is_undecodable(tmp_path):
    with pytest.raises(UndecodableMediaError):
        decode_media(str(tmp_path / "nope.webm"))


def test_still_image_is_not_a_recording():
    with pytest.raises(NotARecordingError) as ei:
        score_answer(_media.FACE_IMAGE, rubric=RUBRIC)
    assert ei.value.code == "not_a_recording"


def test_too_short():
    y = _media.espeak("ni3")[0][:int(0.4 * 16000)]
    path = _media.audio_only(y, name="short.ogg", key="short0.4")
    with pytest.raises(TooShortError) as ei:
        score_answer(path, rubric=RUBRIC, asr=False)
    assert ei.value.code == "too_short"


@pytest.mark.parametrize("kind", ["webm", "mp4"])
def test_over_length(kind):
    # WebM: found while decoding (no duration); MP4: from the header, before decoding
    with pytest.raises(OverLengthError) as ei:
        score_answer(_media.face_video(kind=kind), rubric=RUBRIC, asr=False, max_seconds=5)
    assert ei.value.code == "over_length"


def test_truncated_upload_is_flagged_and_still_scored():
    full = _media.face_video()
    cut = _media.truncated_copy(full, keep=0.6)
    r = score_answer(cut, rubric=RUBRIC, asr=False, transcript_override="我们沟通了需求。")
    assert r["status"] == "scored" and "truncated" in r["flags"]
    assert 5.0 < r["media"]["duration"] < 12.0
    assert "truncated" not in score_answer(full, rubric=RUBRIC, asr=False, transcript_override="我们沟通了需求。",
                                           policy="no-affect")["flags"]


def test_video_without_audio_and_audio_without_video():
    silent_video = _media.face_video(seconds=4, with_audio=False, absent=(9, 9), two_faces=(9, 9))
    r = score_answer(silent_video, rubric=RUBRIC, asr=False, transcript_override="我沟通了。")
    assert "no_audio" in r["flags"] and "no_video" not in r["flags"]
    y, _ = _media.read_wav(_media.mandarin_rate_clip()[0])
    audio = _media.audio_only(y, name="speech.ogg", key="rateclip")
    r = score_answer(audio, rubric=RUBRIC, asr=False, transcript_override="我沟通了。")
    assert "no_video" in r["flags"] and "no_audio" not in r["flags"] and "silence" not in r["flags"]
    assert r["features"]["vision"] == {} or not r["features"]["vision"].get("frames_analysed")


def test_low_resolution_flag():
    small = _media.face_video(seconds=3, with_audio=False, size=(160, 120), absent=(9, 9), two_faces=(9, 9))
    r = score_answer(small, rubric=RUBRIC, asr=False, transcript_override="我沟通了。")
    assert "low_resolution" in r["flags"]


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("make", [lambda: _media.face_video(), lambda: _media.face_video(kind="mp4"),
                                  lambda: _media.audio_only(_media.read_wav(_media.mandarin_rate_clip()[0])[0],
                                                            name="speech.ogg", key="rateclip")],
                         ids=["webm-opus", "mp4-aac", "ogg"])
def test_audio_buffer_is_bit_identical_to_resampled_frames_concatenated(make):
    """The PCM is copied from each resampled frame's plane into one growing buffer: the same bytes as the
    frames' arrays concatenated (the plane is padded past its samples), with or without the video demuxed."""
    import av
    path = make()
    resampler = av.AudioResampler(format="flt", layout="mono", rate=16000)
    parts = []
    with av.open(path) as c:
        for frame in c.decode(audio=0):
            parts += [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
    parts += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    want = np.concatenate(parts).astype(np.float32)
    for want_video in (False, True):
        got = decode_media(path, frame_sink=lambda t, g: None, want_video=want_video).audio
        assert got.dtype == np.float32 and got.size == want.size > 16000
        assert got.tobytes() == want.tobytes()
