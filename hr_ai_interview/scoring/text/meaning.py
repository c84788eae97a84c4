"""The semantic layer: what the answer means, compared with the question, each dimension's description,
indicators and level anchors — plus relevance (does the answer address its question at all?).

With the sentence encoder: clause embeddings (one batch per answer) against cached reference embeddings.
Without it (package missing, or semantic=False): relevance from lexical overlap only, no anchor placement."""
import re

import numpy as np

from ..anchors import OFF_TOPIC_BANK
from . import semantic as sem

_Q_STOP_ZH = set("请讲一个你的例子经历一次如何怎么什么时候介绍描述说说谈谈是否和与在了把为对中")
_WORD = re.compile(r"[a-z][a-z'\-]+")
_EN_STOP = frozenset("tell me about a an the time you your when how what did do to of in on for with and or that "
                     "had have was were it its is be describe through get done".split())
OFF_TOPIC = 0.35  # relevance under which an answer is capped and flagged


def _q_terms(question, lang):
    q = (question or "").lower()
    if lang == "en":
        return {w for w in _WORD.findall(q) if w not in _EN_STOP and len(w) > 2}
    chars = [c for c in q if "\u4e00" <= c <= "\u9fff"]
    return {a + b for a, b in zip(chars, chars[1:]) if a not in _Q_STOP_ZH or b not in _Q_STOP_ZH}


def lexical_relevance(text, question, dims, lang):
    """0–1 from the rubric evidence in context, the reference similarity and the question's own terms."""
    hit = max((sum(h["weight"] for h in d["hits"]) for d in dims), default=0.0)
    simil = max((d["similarity"] for d in dims), default=0.0)
    terms = _q_terms(question, lang)
    low = text.lower()
    q_share = (sum(1 for t in terms if t in low) / len(terms)) if terms else 0.0
    return min(1.0, max(hit / 1.5, simil / 0.25, q_share / 0.35))


def _clip01(x):
    return 0.0 if x < 0 else 1.0 if x > 1 else float(x)


# a "." or "-" only inside a token (3.1, A/B-test): a full stop glued to the last word ("planned.") would make
# punctuated and unpunctuated takes of one answer embed differently
_TOKENS = {"zh": re.compile(r"[\u4e00-\u9fff]|[A-Za-z0-9%]+(?:\.[0-9]+)?"),
           "en": re.compile(r"[A-Za-z0-9%']+(?:[.\-][A-Za-z0-9%']+)*")}
WINDOW = {"zh": 28, "en": 14}  # ~ one spoken sentence


def windows(text, lang):
    """Fixed-size windows over the words (characters for Chinese), punctuation dropped: the semantic layer
    must see the same units whether or not Whisper punctuated the answer. [(start, end, window_text)]."""
    toks = [(m.start(), m.end()) for m in _TOKENS[lang].finditer(text)]
    size = WINDOW[lang]
    if not toks:
        return []
    bounds = list(range(0, len(toks), size))
    if len(bounds) > 1 and len(toks) - bounds[-1] < size // 2:
        bounds.pop()  # a short tail joins the previous window
    out = []
    for k, i in enumerate(bounds):
        j = bounds[k + 1] if k + 1 < len(bounds) else len(toks)
        part = toks[i:j]
        joined = (" " if lang == "en" else "").join(text[a:b] for a, b in part)
        if lang == "en":  # Whisper's casing changes between takes ("I" / "i", sentence starts)
            joined = joined.lower()
        out.append((part[0][0], part[-1][1], joined))
    return out


def analyse(out, text, spans, compiled, lang, question, use_semantic=True):
    dims = out["dimensions"]
    lex_rel = lexical_relevance(text, question, dims, lang) if dims else 1.0
    # mode says which scorer produced the result: "lexical" is the fallback (model missing or switched off),
    # with the reason, so a reader never takes lexical-only scores for semantic ones
    info = {"model": None, "mode": "lexical", "relevance": round(lex_rel, 3), "lexical_relevance": round(lex_rel, 3),
            "margin": None, "fallback_reason": None}
    out["semantic"] = info
    if use_semantic and sem.model() is None:
        info["fallback_reason"] = "model unavailable: %s" % (sem.status()["error"] or "not loaded")
    elif not use_semantic:
        info["fallback_reason"] = "semantic layer switched off"
    if not use_semantic or not text or not spans or sem.model() is None:
        info["off_topic"] = bool(dims) and lex_rel < OFF_TOPIC
        return
    from .features import clause_behaviour
    wins = windows(text, lang)
    if not wins:
        info["off_topic"] = bool(dims) and lex_rel < OFF_TOPIC
        return
    def refs(texts):  # reference texts in the answer windows' form (English lower case)
        return sem.encode_refs([t.lower() for t in texts] if lang == "en" else texts)
    E = sem.encode([w for _, _, w in wins])  # one batch; cost grows with the tokens, there is no padding
    wspans = [(a, b) for a, b, _ in wins]
    behaviour = clause_behaviour(text, wspans, lang)
    cdims = compiled["dimensions"]
    targets = [question] if question else []
    for d in cdims:
        targets += [d["description"] or d["name"], d["anchors"]["strong"]]
    T = refs(targets) if targets else None
    bank = refs(OFF_TOPIC_BANK[lang])
    whole = E.mean(axis=0)  # the answer's meaning: mean of its windows (as good as embedding it whole
    whole /= np.linalg.norm(whole) or 1.0  # on the validity set, at half the cost)
    # closer to the question and rubric than to common off-topic themes?
    margin = float((T @ whole).max() - (bank @ whole).max()) if T is not None else 0.0
    rel = max(lex_rel, _clip01((margin + 0.16) / 0.15))
    info.update(model=sem.MODEL_NAME, mode="semantic", margin=round(margin, 3), relevance=round(rel, 3),
                off_topic=bool(dims) and rel < OFF_TOPIC)
    acted = np.array([1.0 if (b["action"] or b["figure"] or b["result"]) else 0.0 for b in behaviour])
    for d, cd in zip(dims, cdims):
        dim_refs = [cd["description"] or cd["name"], cd["anchors"]["strong"]] + [k["keyword"] for k in cd["keywords"]]
        R = refs(dim_refs)
        S = (E @ R.T).max(axis=1)  # each clause's best match among the dimension's references
        credit = S * (0.35 + 0.65 * acted)  # meaning without an action, figure or result is talk, not evidence
        top = np.sort(credit)[-3:]
        d["semantic"] = round(_clip01((float(top.mean()) - 0.05) / 0.3), 3)
        A = refs([cd["anchors"][lvl] for lvl in ("weak", "adequate", "strong")])
        z = (A @ whole) * 12.0
        p = np.exp(z - z.max())
        p /= p.sum()
        d["anchor_level"] = round(float(p @ np.array([0.0, 0.5, 1.0])), 3)
        best = int(np.argmax(S * (0.5 + 0.5 * acted)))
        mid = (wspans[best][0] + wspans[best][1]) // 2
        a, b = next(((a, b) for a, b in spans if a <= mid < b), wspans[best])  # quote the sentence around it
        d["best_clause"] = [int(a), int(b)]
