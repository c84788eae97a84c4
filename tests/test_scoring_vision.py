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
