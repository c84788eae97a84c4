"""Face presence from a PyAV-encoded video of a public-domain face with a known absence and a two-face segment."""
import pytest

import _media
from scoring.engine import score_answer

RUBRIC = {"language": "zh", "dimensions": [{"name": "沟通能力", "weight": 100, "keywords": ["沟通"]}]}
TEXT = "我负责和研发沟通需求，先对齐目标，然后每周同步进展，最后按时上线。"


@pytest.fixture(scope="module")
def result():
    return score_answer(_media.face_video(), rubric=RUBRIC, asr=False, transcript_override=TEXT)


def test_face_absent_interval_found(result):
    v = result["features"]["vision"]
    assert len(v["face_absent_intervals"]) == 1
    a, b = v["face_absent_intervals"][0]
    assert a == pytest.approx(4.0, abs=0.6) and b == pytest.approx(7.0, abs=0.6)
    assert 0.65 < v["face_present_ratio"] < 0.9
    pts = [p for p in result["attention_points"] if p["code"] == "face_absent"]
    assert pts and pts[0]["at_seconds"] == pytest.approx(4.0, abs=0.6)


def test_two_faces_flagged_with_interval(result):
    v = result["features"]["vision"]
    assert "multiple_faces" in result["flags"]
    assert len(v["multiple_faces_intervals"]) == 1
    a, b = v["multiple_faces_intervals"][0]
    assert a == pytest.approx(9.0, abs=0.6) and b == pytest.approx(12.0, abs=0.6)
    assert any(p["code"] == "multiple_faces" and p["severity"] == "high" for p in result["attention_points"])


def test_steady_frontal_face_reads_stable_and_facing(result):
    v = result["features"]["vision"]
    assert v["gaze_ratio"] >= 0.6
    assert v["head_stability"] > 0.6
    assert "no_face" not in result["flags"]


def test_no_face_video():
    empty = _media.face_video(seconds=4, absent=(0, 99), two_faces=(99, 99), with_audio=False)
    r = score_answer(empty, rubric=RUBRIC, asr=False, transcript_override=TEXT)
    assert "no_face" in r["flags"]
    assert r["features"]["vision"]["face_present_ratio"] == 0.0


def test_policies_do_not_compute_what_they_exclude(monkeypatch):
    from scoring import vision
    from scoring.speech import prosody

    def boom(*a, **k):
        raise AssertionError("must not be computed under this policy")

    monkeypatch.setattr(vision, "VisionAnalyzer", boom)
    monkeypatch.setattr(prosody, "pitch_stats", boom)
    monkeypatch.setattr(prosody, "loudness_stats", boom)
    path = _media.face_video()
    r = score_answer(path, rubric=RUBRIC, asr=False, transcript_override=TEXT, policy="no-affect")
    assert r["status"] == "scored" and r["policy"] == "no-affect"
    assert r["features"]["vision"] == {} and r["scores"]["modalities"]["vision"] is None
    assert "pitch" not in r["features"]["speech"] and r["features"]["speech"]["rate"] > 0
    assert "multiple_faces" not in r["flags"]

    from scoring import speech
    monkeypatch.setattr(speech, "analyse_speech", boom)
    t = score_answer(path, rubric=RUBRIC, asr=False, transcript_override=TEXT, policy="text-only")
    assert t["status"] == "scored" and t["features"]["speech"] == {} and t["features"]["vision"] == {}
    assert t["scores"]["modalities"] == {"text": t["scores"]["overall"], "speech": None, "vision": None}
    assert "decode" not in t["timings"]  # with a transcript, text-only never even decodes the file


@pytest.mark.parametrize("variant", [{}, {"key_seconds": 1}, {"kind": "mp4"}])
def test_tracked_face_path_gives_the_full_scan_verdicts(variant):
    """Between full-frame scans only the tracked face's neighbourhood is searched: presence, absence and
    second-person intervals and the gaze proxy must read exactly as when every sample is scanned in full;
    the box-based stability proxies may move by the finer near-search scale step only."""
    from scoring.media import decode_media
    from scoring.vision import VisionAnalyzer
    tracked, full = VisionAnalyzer(), VisionAnalyzer(full_every=1)
    decode_media(_media.face_video(**variant), frame_sink=lambda t, g: (tracked(t, g), full(t, g)),
                 want_audio=False)
    a, b = tracked.summary(), full.summary()
    assert full.full_scans == b["frames_analysed"] and tracked.full_scans < 0.8 * a["frames_analysed"]
    for key in ("frames_analysed", "face_present_ratio", "face_absent_intervals", "multiple_faces_ratio",
                "multiple_faces_intervals", "gaze_ratio", "fidget_ratio", "brief_occlusions"):
        assert a[key] == b[key], key
    assert a["head_stability"] == pytest.approx(b["head_stability"], abs=0.05)
    assert a["face_width_ratio"] == pytest.approx(b["face_width_ratio"], abs=0.01)


def test_cascades_run_on_one_thread():
    """The eye check's tiny ROIs cost twice the cpu on OpenCV's pool for no wall gain (a job has one core)."""
    import cv2
    from scoring.vision.detect import cascade
    cascade("haarcascade_eye.xml")
    assert cv2.getNumThreads() == 1
