"""Engine-level behaviour: warm-up once per process, version and policy recorded, modality weights."""
import os
import subprocess
import sys
import time

import pytest

from scoring import engine
from scoring.engine import ENGINE_VERSION, score_answer, warm_up
from scoring.policy import get_policy

RUBRIC = {"language": "zh", "dimensions": [{"name": "执行力", "weight": 100, "keywords": ["推动落地", "跟进"]}]}
TEXT = "当时项目延期两周，我先拆解目标，每天跟进进度，然后推动落地，最后提前三天上线，缺陷减少了40%。"


def test_warm_up_pays_one_off_costs_once():
    first = warm_up(asr=False)
    t = time.perf_counter()
    again = warm_up(asr=False)
    assert time.perf_counter() - t < 0.5
    assert set(first) >= {"text", "speech", "vision"} and again["speech"] < 0.5
    r = score_answer(text=TEXT, rubric=RUBRIC)
    assert r["timings"]["total"] < 0.1  # warm text scoring is milliseconds


def test_warm_up_and_speech_features_load_no_scipy_librosa_or_numba():
    """Those three cost a worker ~190 MB of RSS for four DSP functions (speech/dsp.py replaces them)."""
    code = ("import sys; sys.path.insert(0, %r); from scoring.engine import warm_up; warm_up(asr=False);"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'scipy', 'librosa', 'numba'}))"
            % os.path.dirname(engine.__file__).rsplit(os.sep, 1)[0])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-400:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_version_and_policy_recorded_in_every_result():
    for pol in ("full", "no-affect", "text-only"):
        r = score_answer(text=TEXT, rubric=RUBRIC, policy=pol)
        assert r["engine_version"] == ENGINE_VERSION and r["policy"] == pol
        assert r["policy_detail"] == get_policy(pol).to_dict()


def test_modality_weights_are_configurable():
    r = score_answer(text=TEXT, rubric=RUBRIC, weights={"text": 1.0, "speech": 0, "vision": 0})
    assert r["scores"]["overall"] == r["scores"]["modalities"]["text"]
    assert r["scores"]["weights"]["speech"] == 0


def test_policy_table():
    assert not get_policy("no-affect").vision and not get_policy("no-affect").speech_affect
    assert get_policy("no-affect").speech_fluency
    assert not any([get_policy("text-only").speech_fluency, get_policy("text-only").vision])
    with pytest.raises(ValueError):
        get_policy("emotion")


def test_question_dict_and_string_are_both_accepted():
    a = score_answer(text=TEXT, rubric=RUBRIC, question="说说你的执行力")
    b = score_answer(text=TEXT, rubric=RUBRIC, question={"text": "说说你的执行力", "time_limit": 60, "language": "zh"})
    assert a["status"] == b["status"] == "scored" and a["language"] == b["language"] == "zh"
    assert engine._question(None, "en")["language"] == "en"
