"""Off-topic label probe (issue #10, item 4), printed by validity_bench.py: answers written for questions of the
validity set, each either a detailed private-life story that ignores its question (kind "life": the off-topic
label and a score <= 40 expected) or a modest on-topic work answer in plain words (kind "work": adequate, the label
would be false). The validity set's own off-topic answers are near-domain stories since fresh4, so the label's
precision and recall on far off-topic answers are measured here."""
import glob
import json
import os

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "offtopic_probe")
# Kept for the decision run of the next engine that changes the off-topic label (bar written first): scored only
# when named (validity_bench.py --include-probe set_d), which spends it.
BLIND = ("set_d",)


def load(sets, include_blind=()):
    """[(set name, question set, answer)] for the probe files whose questions are in `sets` (blind files only
    when named in include_blind)."""
    by_id = {s["id"]: s for s in sets}
    out = []
    for path in sorted(glob.glob(os.path.join(DATA, "*.json"))):
        name = os.path.splitext(os.path.basename(path))[0]
        if name in BLIND and name not in include_blind:
            continue
        with open(path, encoding="utf-8") as f:
            probe = json.load(f)
        for q in probe["questions"]:
            if q["id"] in by_id:
                out.extend((name, by_id[q["id"]], a) for a in q["answers"])
    return out


def key(name, s, a):
    return "probe:%s:%s/%s" % (name, s["id"], a["id"])


def jobs(items):
    return [{"key": key(n, s, a), "text": a["text"], "rubric": s["rubric"], "question": s["question"],
             "lang": s["lang"]} for n, s, a in items]


def report(label, items, scores):
    """One line per probe file and language: labelled share and score side of each kind."""
    lines = []
    groups = {}
    for n, s, a in items:
        groups.setdefault((n, s["lang"]), []).append((a["kind"], scores[key(n, s, a)]))
    for (n, lang), rows in sorted(groups.items()):
        parts = []
        for kind, side, cut in (("life", "above 40", lambda v: v > 40), ("work", "below 45", lambda v: v < 45)):
            rs = [r for k, r in rows if k == kind]
            if not rs:
                continue
            off = sum("off_topic" in r["flags"] for r in rs)
            parts.append("%s %d: labelled %d, %s %d, mean %.1f" % (
                "private-life stories" if kind == "life" else "modest work answers", len(rs), off, side,
                sum(cut(r["overall"]) for r in rs), sum(r["overall"] for r in rs) / len(rs)))
        lines.append("%-8s off-topic probe %s %s | %s" % (label, n, lang, " | ".join(parts)))
    return lines
