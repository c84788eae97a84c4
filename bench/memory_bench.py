#!/usr/bin/env python3
"""Where a scoring worker's memory goes (issue #13, item 2). Run from the repo root:  python3 bench/memory_bench.py [FILE]

In this fresh interpreter: VmRSS after each warm-up step (imports, jieba, pinyin, sentence encoder, speech,
cascades), then, when FILE is given (e.g. bench/.cache/answer-600s.webm made by score_bench.py), VmRSS after
scoring it without ASR and the process's peak (VmHWM). score_bench.py's `peak RSS` lines are the targets; this
table says which step to look at when they move."""
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [os.path.join(ROOT, "hr_ai_interview"), os.path.join(ROOT, "tests")]


def _status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) / 1024.0 for line in f if line.startswith(key))


def main(argv):
    rows, last = [], [_status("VmRSS")]

    def step(name):
        now = _status("VmRSS")
        rows.append((name, now, now - last[0]))
        last[0] = now
        print("%-36s %6.0f MB  %+5.0f" % rows[-1], flush=True)

    step("interpreter")
    import av  # noqa: F401
    import cv2  # noqa: F401
    import numpy as np
    step("numpy + av + cv2")
    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
    step("jieba dictionary")
    from scoring.text import analyse_text, compile_rubric, semantic
    rubric = compile_rubric({"dimensions": [{"name": "x", "weight": 1, "keywords": ["用户调研数据"]}]})
    analyse_text("我先做了用户调研，然后提升了20%。", rubric, semantic=False)
    step("first text analysis (pinyin, lexicon)")
    semantic.model()
    step("sentence encoder")
    from scoring.speech import analyse_speech
    t = np.arange(32000) / 16000.0
    analyse_speech((0.3 * np.sin(2 * np.pi * 140 * t) * (np.sin(2 * np.pi * 3 * t) > 0)).astype(np.float32))
    step("first speech analysis")
    from scoring.vision.detect import cascade
    cascade("haarcascade_frontalface_alt2.xml")
    cascade("haarcascade_eye.xml")
    step("face / eye cascades")
    out = {"steps": [[n, round(v, 1)] for n, v, _ in rows], "warm_hwm_mb": round(_status("VmHWM"), 1)}
    if argv:
        from scoring.engine import score_answer
        from test_scoring_text import RUBRIC
        t0 = time.perf_counter()
        r = score_answer(argv[0], rubric=RUBRIC, asr=False, policy="full")
        step("scored %s (%.0f s audio)" % (os.path.basename(argv[0]), r["media"].get("audio_seconds") or 0))
        out.update(status=r["status"], seconds=round(time.perf_counter() - t0, 1), hwm_mb=round(_status("VmHWM"), 1))
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
