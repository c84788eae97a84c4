"""`truncated` is a fact about the file: the container really ends inside a block of a track that was analysed.
Complete and really cut WebM (MediaRecorder-like: unknown sizes, no cues) and MP4 (plain and fragmented), decoded
with and without video analysis."""
import av
import pytest

import _media
from scoring.container import container_tail
from scoring.engine import score_answer
from scoring.media import decode_media

RUBRIC = {"language": "zh", "dimensions": [{"name": "沟通能力", "weight": 100, "keywords": ["沟通"]}]}


def _packets(path, kind):
    """(pos, size, seconds) of the demuxed packets of one track type, from FFmpeg (not from the code under test)."""
    with av.open(path) as c:
        return [(p.pos, p.size, float(p.pts * p.time_base)) for p in c.demux()
                if p.size and p.stream.type == kind and p.pos is not None and p.pos >= 0]


@pytest.mark.parametrize("kind", ["webm", "mp4", "fmp4"])
@pytest.mark.parametrize("want_video", [True, False])
def test_complete_recording_is_not_truncated(kind, want_video):
    path = _media.face_video(seconds=6.0, kind=kind)
    info = decode_media(path, want_video=want_video)
    assert not info["truncated"], info
    assert info["duration"] == pytest.approx(6.0, abs=0.25)
    assert container_tail(path, info["format"]) is None


def test_complete_long_browser_webm_is_not_truncated():
    """Stream-copied back to back, like a long MediaRecorder answer: clusters of unknown size, no cues."""
    src = _media.face_video(seconds=6.0, kind="webm")
    path = _media.media_path("concat-3x.webm")
    _media.concat_copy(src, path, 3)
    for want_video in (True, False):
        info = decode_media(path, want_video=want_video)
        assert not info["truncated"] and info["duration"] == pytest.approx(18.0, abs=0.5), info


@pytest.mark.parametrize("want_video", [True, False])
def test_webm_cut_inside_an_audio_block_is_truncated(want_video):
    full = _media.face_video(seconds=6.0, kind="webm")
    pos, size, t = [p for p in _media_packets_big(full, "audio")][-10]
    cut = _media.cut_copy(full, pos + size // 2, name="cut-audio.webm")
    info = decode_media(cut, want_video=want_video)
    assert info["truncated"] and "SimpleBlock" in info["truncation_reason"], info
    assert info["duration"] < 6.0


def test_webm_cut_inside_a_video_block_counts_only_when_video_is_analysed():
    full = _media.face_video(seconds=6.0, kind="webm")
    videos = _media_packets_big(full, "video")
    pos, size, t = videos[len(videos) * 2 // 3]
    cut = _media.cut_copy(full, pos + size // 2, name="cut-video.webm")
    assert container_tail(cut, "matroska")["kind"] == "video"
    with_video = decode_media(cut, want_video=True)
    assert with_video["truncated"], with_video
    audio_only = decode_media(cut, want_video=False)
    # every audio sample before the cut is intact: the answer as analysed is complete
    assert not audio_only["truncated"] and audio_only["tail_cut"] == "video", audio_only
    assert audio_only["audio_seconds"] == pytest.approx(t, abs=0.2)


def _media_packets_big(path, kind):
    return [p for p in _packets(path, kind) if p[1] > (600 if kind == "video" else 50)]


@pytest.mark.parametrize("want_video", [True, False])
def test_fragmented_mp4_cut_inside_media_data_is_truncated(want_video):
    full = _media.face_video(seconds=6.0, kind="fmp4")
    pos, size, t = _packets(full, "video")[-20]
    cut = _media.cut_copy(full, pos + size // 2, name="cut.mp4")
    assert container_tail(cut, "mov")["element"] == "mdat"
    info = decode_media(cut, want_video=want_video)
    assert info["truncated"], info
    assert 1.0 < info["duration"] < 6.0


def test_headers_of_other_formats_are_not_judged():
    ogg = _media.audio_only(_media.silence(2.0) + 0.01, name="quiet.ogg", key="quiet2s")
    assert container_tail(ogg, "ogg") is None
    assert container_tail(_media.garbage_file(), "matroska") is None  # no EBML header: nothing to say


def test_complete_answer_under_audio_only_policy_is_not_flagged():
    """The flake of the browser test: under the default no-affect policy the video is not read; a complete
    recording must not come back as 'file incomplete'."""
    full = _media.face_video(seconds=6.0, kind="webm")
    r = score_answer(full, rubric=RUBRIC, asr=False, transcript_override="我们沟通了需求。", policy="no-affect")
    assert r["status"] == "scored" and "truncated" not in r["flags"], r["flags"]


def test_complete_webm_ending_with_video_blocks_is_not_truncated_without_video_analysis():
    """The held-out flake: speech stops before the camera does, so the file ends with video blocks. The old
    check (bytes after the last *demuxed* packet) called that tail undecodable when only audio was read."""
    def build(path):
        y, _ = _media.espeak("ni3 hao3 wo3 shi4 li3 lei2")
        _media.encode(path, n_frames=6 * 15, fps=15, frame_fn=_media.face_frame_fn(), audio=y[:16000 * 2])

    path = _media.cached("video-tail.webm", {"v": 1}, build)
    with av.open(path) as c:
        last = [p.stream.type for p in c.demux() if p.size][-1]
    assert last == "video"  # the case under test
    for want_video in (True, False):
        info = decode_media(path, want_video=want_video)
        assert not info["truncated"], info
