"""bin/ai-interview-score contract: one JSON object on stdout, exit 2 + one-line `error:` for bad input."""
import json
import os
import re
import subprocess
import sys

import pytest

import _media

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "bin", "ai-interview-score")
SCORING = os.path.join(ROOT, "hr_ai_interview", "scoring")
RUBRIC = {"language": "zh", "dimensions": [
    {"name": "需求分析能力", "weight": 35, "keywords": ["用户调研数据", "功能优先级排序"]},
    {"name": "项目管理能力", "weight": 30, "keywords": ["甘特图", "风险应对方案"]},
    {"name": "用户思维", "weight": 35, "keywords": ["用户痛点", "用户反馈迭代"]}]}
ANSWER = "我先做了用户调研，访谈了三十位用户，发现用户痛点是步骤太多；然后重新做了功能优先级排序，最后留存率提升了20%。"


@pytest.fixture()
def files(tmp_path):
    rubric = tmp_path / "rubric.json"
    rubric.write_text(json.dumps(RUBRIC, ensure_ascii=False), encoding="utf-8")
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER, encoding="utf-8")
    return str(rubric), str(answer)


def run(args, stdin=None):
    env = dict(os.environ, PYTHONPATH="")  # prove the script sets up its own import path
    return subprocess.run([sys.executable, BIN] + args, input=stdin, capture_output=True, env=env, timeout=300)


def test_text_answer_prints_one_json_object(files):
    rubric, answer = files
    p = run(["--rubric", rubric, "--text", answer, "--question", "请描述一个你解决过的复杂问题"])
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode()
    assert out.count("\n") == 1
    data = json.loads(out)
    for k in ("engine_version", "status", "transcript", "features", "scores", "attention_points", "feedback",
              "flags", "timings"):
        assert k in data
    assert data["status"] == "scored" and data["scores"]["overall"] > 0
    assert set(data["scores"]) >= {"overall", "dimensions", "modalities"}


def test_media_from_stdin_with_policy(files):
    rubric, answer = files
    y, _ = _media.read_wav(_media.mandarin_rate_clip()[0])
    media = _media.audio_only(y, name="speech.ogg", key="rateclip")
    with open(media, "rb") as f:
        p = run(["-", "--rubric", rubric, "--transcript", answer, "--policy", "no-affect", "--lang", "zh"],
                stdin=f.read())
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["policy"] == "no-affect" and "no_video" in data["flags"]
    assert data["features"]["speech"]["rate"] > 0 and "pitch" not in data["features"]["speech"]


@pytest.mark.parametrize("case,code", [("garbage", "undecodable"), ("empty", "empty"), ("badjson", "invalid_rubric"),
                                       ("nomedia", "usage"), ("image", "not_a_recording")])
def test_bad_input_exit_2_one_line(files, tmp_path, case, code):
    rubric, answer = files
    if case == "garbage":
        with open(_media.garbage_file(), "rb") as f:
            p = run(["-", "--rubric", rubric], stdin=f.read())
    elif case == "empty":
        (tmp_path / "e.webm").write_bytes(b"")
        p = run([str(tmp_path / "e.webm"), "--rubric", rubric])
    elif case == "badjson":
        (tmp_path / "r.json").write_text("{not json", encoding="utf-8")
        p = run(["--rubric", str(tmp_path / "r.json"), "--text", answer])
    elif case == "image":
        p = run([_media.FACE_IMAGE, "--rubric", rubric])
    else:
        p = run(["--rubric", rubric])
    assert p.returncode == 2
    assert p.stdout == b""
    err = p.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and err.startswith("error: ") and "[%s]" % code in err


def test_scoring_never_imports_odoo():
    code = ("import sys, pkgutil, importlib; sys.path.insert(0, %r); import scoring;"
            "[importlib.import_module('scoring.' + m.name) for m in pkgutil.walk_packages(scoring.__path__)];"
            "assert not any(k == 'odoo' or k.startswith('odoo.') for k in sys.modules), 'odoo imported'"
            % os.path.dirname(SCORING))
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr.decode()[-500:]
    for dirpath, _, names in os.walk(SCORING):
        for n in names:
            if n.endswith(".py"):
                src = open(os.path.join(dirpath, n), encoding="utf-8").read()
                # relative imports only, so the package also works as odoo.addons.hr_ai_interview.scoring
                assert not re.search(r"^\s*(from|import)\s+(odoo|scoring)\b", src, re.M), n
