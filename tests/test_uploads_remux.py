"""Browser-like recordings (no Duration, no Cues) become seekable with their real length; unreadable files and
MP4 are kept as uploaded."""
import av
import pytest

from _media import face_video, garbage_file
from uploads.remux import make_seekable, measure_duration


@pytest.fixture(scope="module")
def browser_webm():
    return face_video(seconds=6.0)


def test_browser_webm_has_no_duration_until_remuxed(browser_webm, tmp_path):
    with av.open(browser_webm) as probe:
        assert probe.duration is None  # what players see: 0:00, no seeking
    kept, seconds = make_seekable(browser_webm, str(tmp_path / "seekable.webm"), "video/webm")
    assert kept == str(tmp_path / "seekable.webm")
    assert seconds == pytest.approx(6.0, abs=0.25)
    with av.open(kept) as out:
        assert out.duration / 1e6 == pytest.approx(seconds, abs=0.1)
        assert {s.type for s in out.streams} == {"video", "audio"}
    # the Cues (Matroska element 0x1C53BB6B, the seek index) let a player jump into the middle
    cues = b"\x1c\x53\xbb\x6b"
    assert cues not in open(browser_webm, "rb").read() and cues in open(kept, "rb").read()


def test_remuxed_copy_keeps_every_frame(browser_webm, tmp_path):
    kept, _seconds = make_seekable(browser_webm, str(tmp_path / "seekable.webm"), "video/webm")

    def frames(path):
        with av.open(path) as c:
            return sum(1 for _ in c.decode(video=0))

    assert frames(kept) == frames(browser_webm) > 0


def test_webm_with_a_duration_is_kept_as_it_is(tmp_path):
    seekable, _ = make_seekable(face_video(seconds=6.0), str(tmp_path / "first.webm"), "video/webm")
    kept, seconds = make_seekable(seekable, str(tmp_path / "second.webm"), "video/webm")
    assert kept == seekable and not (tmp_path / "second.webm").exists()
    assert seconds == pytest.approx(6.0, abs=0.25)


def test_mp4_is_measured_not_rewritten(tmp_path):
    mp4 = face_video(seconds=4.0, kind="mp4")
    kept, seconds = make_seekable(mp4, str(tmp_path / "never.mp4"), "video/mp4")
    assert kept == mp4 and not (tmp_path / "never.mp4").exists()
    assert seconds == pytest.approx(4.0, abs=0.25)


@pytest.mark.parametrize("head", [b"", b"\x1a\x45\xdf\xa3"])  # random bytes; a WebM header, then junk
def test_unreadable_file_is_kept_as_uploaded(tmp_path, head):
    bad = tmp_path / "bad.webm"
    bad.write_bytes(head + open(garbage_file(), "rb").read())
    kept, seconds = make_seekable(str(bad), str(tmp_path / "out.webm"), "video/webm")
    assert kept == str(bad) and seconds is None
    assert measure_duration(str(bad)) is None


def test_remuxed_copy_holds_the_same_packets(browser_webm, tmp_path):
    """The stored copy is the candidate's recording packet for packet (the fault bench's checksum relies on it)."""
    import sys
    import os
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "bench"))
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
    from _bench_interviews import packets_sha256

    kept, _seconds = make_seekable(browser_webm, str(tmp_path / "seekable.webm"), "video/webm")
    assert open(kept, "rb").read() != open(browser_webm, "rb").read()
    assert packets_sha256(kept) == packets_sha256(browser_webm)
