"""Speech delivery features on espeak-ng Mandarin with known syllable counts and pauses."""
import numpy as np
import pytest

import _media
from scoring.engine import score_answer
from scoring.speech import analyse_speech

RUBRIC = {"language": "zh", "dimensions": [{"name": "需求分析能力", "weight": 100, "keywords": ["用户调研数据"]}]}


def _truth_rate(meta):
    span = meta["sentences"][-1][1] - meta["sentences"][0][0]
    return meta["syllables"] * 60.0 / span


@pytest.mark.parametrize("noise_db", [None, -38.0])
def test_rate_within_10_percent_and_pauses_found(noise_db):
    path, meta = _media.mandarin_rate_clip(pause=1.5, noise_db=noise_db)
    y, sr = _media.read_wav(path)
    f = analyse_speech(y, sr, "zh", affect=False)
    truth = _truth_rate(meta)
    assert f["rate"] == pytest.approx(truth, rel=0.10)
    assert f["rate_unit"] == "字/分"
    found = f["pauses"]["intervals"]
    assert f["pauses"]["count"] == len(meta["pauses"])  # no extra pauses inside sentences, none missed
    for (a, b), (fa, fb) in zip(meta["pauses"], found):
        assert fa == pytest.approx(a, abs=0.25) and fb == pytest.approx(b, abs=0.25)
    assert f["pauses"]["longest"] == pytest.approx(1.5, abs=0.3)
    assert "pitch" not in f and "loudness" not in f  # affect off: not computed


def test_faster_speech_reads_faster():
    slow, _ = _media.mandarin_rate_clip(speed=130)
    fast, _ = _media.mandarin_rate_clip(speed=200)
    rs = analyse_speech(_media.read_wav(slow)[0], 16000, affect=False)["rate"]
    rf = analyse_speech(_media.read_wav(fast)[0], 16000, affect=False)["rate"]
    assert rf > rs * 1.25


def test_rate_jump_in_last_minute_is_visible_and_flagged():
    path, meta = _media.rate_jump_clip()
    sents = meta["sentences"]
    y, sr = _media.read_wav(path)
    start, end = sents[0][0], sents[-1][1]
    cut = end - 60.0
    truth_before = _media.syllables_between(sents, start, cut) * 60 / (cut - start)
    truth_last = _media.syllables_between(sents, cut, end)
    f = analyse_speech(y, sr, "zh", affect=False)
    ch = f["rate_change"]
    assert ch["before"] == pytest.approx(truth_before, rel=0.12)
    assert ch["last_minute"] == pytest.approx(truth_last, rel=0.12)
    assert ch["delta"] > 25
    assert len(f["rate_series"]) >= 4 and f["rate_series"][-1]["rate"] > f["rate_series"][0]["rate"]
    r = score_answer(path, rubric=RUBRIC, asr=False, transcript_override="我先做了用户调研。", policy="no-affect")
    pts = [p for p in r["attention_points"] if p["code"] == "rate_jump"]
    assert pts and "字/分" in pts[0]["message"] and pts[0]["at_seconds"] == pytest.approx(cut, abs=1.0)


def test_pitch_after_highpass_ignores_mains_hum():
    path, _ = _media.mandarin_rate_clip()
    y, sr = _media.read_wav(path)
    clean = analyse_speech(y, sr)["pitch"]
    hum = analyse_speech(_media.add_noise(y, -30.0, hum_hz=50.0), sr)["pitch"]
    assert 70 < clean["median_hz"] < 200
    assert hum["median_hz"] == pytest.approx(clean["median_hz"], rel=0.1)


def test_silence_is_flagged_not_crashed():
    y = np.zeros(16000 * 4, np.float32)
    f = analyse_speech(y, 16000)
    assert f["silent"] and f["rate"] is None
    path = _media.audio_only(y, name="silent.ogg", key="silent4")
    r = score_answer(path, rubric=RUBRIC, asr=False)
    assert r["status"] == "scored"
    assert "silence" in r["flags"] and "no_video" in r["flags"]
    assert r["scores"]["modalities"]["speech"] == 0.0
    assert any(p["code"] == "silence" for p in r["attention_points"])


def test_noise_only_counts_as_silence():
    y = _media.add_noise(np.zeros(16000 * 3, np.float32), -40.0)
    assert analyse_speech(y, 16000)["silent"]
