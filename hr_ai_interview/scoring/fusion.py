"""Per-modality scores (0–100), per-dimension scores with evidence, and the weighted overall score.
Text dominates by default: research found tone of voice and body language added nothing beyond the words
(Hickman, Tay & Woo 2025), so speech and vision only nudge the result."""

from . import bands

DEFAULT_WEIGHTS = {"text": 0.75, "speech": 0.15, "vision": 0.10}
RATE_RANGE = {"zh": (150.0, 200.0), "en": (120.0, 160.0)}
SIMILARITY_FULL = 0.3  # cosine at which the answer reads as fully on-topic for a dimension


def _clip01(x):
    return 0.0 if x < 0 else 1.0 if x > 1 else x


# raw 0–1 → 0–100, fitted on the dev part of bench/data/validity so that the bands of bands.py hold: the
# lexical fallback's raw, and the semantic scorer's (anchor placement + evidence), fitted on dev + the first
# held-out questions at the weak / adequate / strong boundaries (2.3.0)
_CURVE = ((0.0, 0.0), (0.15, 15.0), (0.295, 42.5), (0.42, 57.0), (0.565, 70.0), (0.7, 84.0), (1.0, 100.0))
_CURVE_SEMANTIC = ((0.0, 0.0), (0.24, 38.0), (0.28, 45.0), (0.45, 57.0), (0.60, 70.0), (0.8, 87.0), (1.0, 100.0))
# semantic level placement: the dimension's content (meaning + terms in context), its place between the weak /
# adequate / strong anchors, and the evidence the answer shows (answer_quality)
W_CONTENT, W_PLACE, W_EVIDENCE = 0.2, 0.2, 0.6
RELEVANCE_FULL = 0.7  # relevance from which an answer is scored as fully on its question
OFF_TOPIC_RELEVANCE = 0.3  # = text.meaning.OFF_TOPIC: below it the answer is flagged and capped at OFF_TOPIC_CAP


def relevance_cap(relevance):
    """Highest semantic score an answer of this relevance can get: OFF_TOPIC_CAP up to the off-topic threshold,
    rising to 100 at RELEVANCE_FULL. Continuous, so an answer near the threshold does not jump ~20 points when
    speech-recognition noise moves its relevance across it (a flagged answer is capped either way)."""
    return OFF_TOPIC_CAP + (100.0 - OFF_TOPIC_CAP) * _clip01(
        (relevance - OFF_TOPIC_RELEVANCE) / (RELEVANCE_FULL - OFF_TOPIC_RELEVANCE))
OFF_TOPIC_CAP = 35.0
METHOD_CREDIT = 0.5
TALK_PENALTY = 0.3  # an answer that does not address its question cannot look adequate


def calibrate(raw, curve=_CURVE):
    raw = _clip01(raw)
    for (x0, y0), (x1, y1) in zip(curve, curve[1:]):
        if raw <= x1:
            return y0 + (y1 - y0) * (raw - x0) / (x1 - x0)
    return 100.0


def shown_actions(c):
    """Own actions, and a method told as steps as half an example each (what the score and the feedback count)."""
    return max(c.get("actions", 0), c.get("action_clauses", 0)) + METHOD_CREDIT * c.get("method_steps", 0)


def specificity(tf):
    """How much the answer *shows*: own actions, figures, results (0–1). Generic talk and buzzwords score low."""
    c = tf["concreteness"]
    shown = shown_actions(c)
    figures = c.get("evidence_score", c["score"])  # figures tied to an outcome; scene-setting ones count half
    return _clip01(0.4 * min(1.0, shown / 3.0) + 0.35 * figures + 0.25 * min(1.0, c.get("results", 0) / 2.0))


def talk(tf):
    """0–1: how far opinions and self-description outnumber what the answer shows (the weak anchor of every
    scale: "我觉得…最重要", "I am a very persistent person"). From the first opinion (2.6: a ramble about the job
    voices one or two and shows nothing)."""
    c = tf["concreteness"]
    return _clip01((c.get("opinions", 0) - shown_actions(c)) / 3.0)


# length and structure earn their share of quality in proportion to where the answer sits between the weak and
# adequate anchors (semantic layer: full credit from the adequate anchor's place 0.5, half at the weak one): a
# long, fluent ramble about the job that tells no event and no method earned the same 0.4 as a strong story
# (2.5.0 scored such rambles 44-59, inside the adequate band). Not gated on the action patterns: they miss plain
# deeds ("I rang the radiology desk", "设计了海报") and cost modest answers their band; nor without the semantic layer
SUBSTANCE_FLOOR = 0.5
SUBSTANCE_FULL = 0.5


def substance(tf):
    """0.5–1: the share of the length and structure credit the answer earns (1 without anchor placement)."""
    placed = [d["anchor_level"] for d in tf["dimensions"] if d.get("anchor_level") is not None]
    if not placed:
        return 1.0
    return SUBSTANCE_FLOOR + (1.0 - SUBSTANCE_FLOOR) * _clip01(sum(placed) / len(placed) / SUBSTANCE_FULL)


def answer_quality(tf):
    """Dimension-independent quality: specificity, structure, enough content for the time."""
    s, ln = tf["structure"], tf["length"]
    return 0.6 * specificity(tf) + (0.2 * s["score"] + 0.2 * _clip01(ln["ratio"] or 0.0)) * substance(tf)


def _content(d, semantic_on):
    lexical = d["coverage"]
    if semantic_on and d.get("semantic") is not None:
        placed = d.get("anchor_level", 0.5)
        meaning = 0.7 * d["semantic"] + 0.3 * placed
        return 1.0 - (1.0 - lexical * 0.8) * (1.0 - meaning)
    return 0.7 * lexical + 0.3 * _clip01(d["similarity"] / SIMILARITY_FULL)


def _measure(tf, measure, relevance):
    st, ln = tf["structure"], tf["length"]
    if measure == "clarity":
        rep = tf["stuffing"]["repetition"]
        return 0.6 * _clip01((ln["ratio"] or 0.0) / 0.8) + 0.4 * _clip01(1.0 - max(0.0, rep - 2.0) / 3.0)
    if measure == "structure":
        return st["score"]
    if measure == "concreteness":
        return specificity(tf)
    return relevance


_SENTENCE_END = "。！？!?；;\n"


def _sentence(text, a, b):
    """The whole sentence around the clause [a, b): a clause alone ("，先上线到期提醒。") reads as a fragment."""
    def ends(i):  # "." ends an English sentence only before a space (not in 0.2 or 1.5x)
        return text[i] in _SENTENCE_END or (text[i] == "." and (i + 1 == len(text) or text[i + 1] == " "))
    while a > 0 and not ends(a - 1):
        a -= 1
    while b < len(text) and not ends(b - 1):
        b += 1
    return a, b


def _quote(text, d, lang):
    """The sentence that best supports the dimension, ≤ 60 characters around its centre: the semantic best
    clause's sentence (centred on a rubric term when one is in it), else the sentence of the first hit."""
    from .text.keywords import quote
    span = d.get("best_clause")
    hits = [h for h in d["hits"] if h["in_context"]] or d["hits"]
    if span:
        sa, sb = _sentence(text, span[0], span[1])
        inside = [h for h in hits if sa <= h["position"] < sb]
        if inside:
            h = inside[0]
            return quote(text, sa, sb, h["position"], h["position"] + len(h["matched"]))
        return quote(text, sa, sb, span[0], span[1])
    if hits:
        return hits[0]["snippet"]
    return None


def add_quotes(dims, tf, text):
    """Each dimension's best supporting quote (≤ 60 characters) from the analysed (number-normalised) text."""
    for d, f in zip(dims, tf["dimensions"]):
        d["quote"] = _quote(text, f, tf["language"]) if text else None
    return dims


def text_scores(tf):
    sem = tf.get("semantic") or {}
    semantic_on = bool(sem.get("model"))
    relevance = sem.get("relevance", 1.0)
    quality = answer_quality(tf)
    penalty = tf["stuffing"]["penalty"]
    chatter = talk(tf)
    dims = []
    for d in tf["dimensions"]:
        if d.get("measure"):
            raw = _measure(tf, d["measure"], relevance)
        elif semantic_on and d.get("anchor_level") is not None:
            raw = (W_CONTENT * _content(d, True) * penalty + W_PLACE * d["anchor_level"] + W_EVIDENCE * quality)
            raw *= 0.5 + 0.5 * penalty
            raw *= 1.0 - TALK_PENALTY * chatter
        else:
            content = _content(d, semantic_on) * penalty
            raw = (0.40 * content + 0.60 * quality) * (0.5 + 0.5 * penalty)
            raw *= 0.6 + 0.4 * _clip01(relevance / 0.6)
            raw *= 1.0 - TALK_PENALTY * chatter
        score = calibrate(raw, _CURVE_SEMANTIC if semantic_on and not d.get("measure") else _CURVE)
        if semantic_on and not d.get("measure"):
            score = min(score, relevance_cap(relevance))
        elif sem.get("off_topic") and not d.get("measure"):
            score = min(score, OFF_TOPIC_CAP)
        dims.append({
            "name": d["name"], "weight": d["weight"], "score": round(score, 1), "band": bands.band(score),
            "coverage": d["coverage"], "similarity": d["similarity"], "semantic": d.get("semantic"),
            "anchor_level": d.get("anchor_level"), "quote": None,
            "evidence": [{"keyword": h["keyword"], "position": h["position"], "snippet": h["snippet"],
                          "matched": h["matched"], "match": h["match"], "in_context": h["in_context"]}
                         for h in d["hits"]],
            "missing_keywords": d["missing"],
        })
    if dims:
        total_w = sum(d["weight"] for d in dims) or 1.0
        modality = sum(d["score"] * d["weight"] for d in dims) / total_w
    else:
        modality = calibrate(quality * penalty)
        if sem.get("off_topic"):
            modality = min(modality, OFF_TOPIC_CAP)
    return round(modality, 1), dims


def _band(value, lo, hi, slack):
    if value is None:
        return None
    if lo <= value <= hi:
        return 1.0
    gap = lo - value if value < lo else value - hi
    return _clip01(1.0 - gap / slack)


def speech_score(sf, lang):
    if not sf or sf.get("silent"):
        return 0.0 if sf else None
    lo, hi = RATE_RANGE.get(lang, RATE_RANGE["zh"])
    parts = [(0.5, _band(sf.get("rate"), lo, hi, 80.0 if lang != "en" else 60.0))]
    p = sf.get("pauses") or {}
    pause = _clip01(1.0 - max(0.0, (p.get("ratio") or 0.0) - 0.25) * 2.5)
    pause *= 1.0 - 0.1 * min(3, sum(1 for a, b in p.get("intervals", []) if b - a > 4.0))
    parts.append((0.35, pause))
    pitch = sf.get("pitch")
    if pitch and pitch.get("range_semitones") is not None:  # only under a policy that allows voice tone
        parts.append((0.15, _band(pitch["range_semitones"], 3.0, 14.0, 3.0)))
    return _weighted(parts)


def vision_score(vf):
    if not vf or not vf.get("frames_analysed"):
        return None
    parts = [(0.45, vf.get("face_present_ratio")),
             (0.2, 1.0 - (vf.get("multiple_faces_ratio") or 0.0)),
             (0.2, vf.get("gaze_ratio")),
             (0.15, vf.get("head_stability"))]
    return _weighted(parts)


def _weighted(parts):
    parts = [(w, v) for w, v in parts if v is not None]
    if not parts:
        return None
    return round(100.0 * sum(w * v for w, v in parts) / sum(w for w, _ in parts), 1)


def overall(modalities, weights=None):
    weights = dict(DEFAULT_WEIGHTS, **(weights or {}))
    used = {k: v for k, v in modalities.items() if v is not None and weights.get(k, 0) > 0}
    if "text" not in used:
        return None  # without words there is nothing to assess: speech/vision alone must not rank people
    total = sum(weights[k] for k in used)
    return round(sum(modalities[k] * weights[k] for k in used) / total, 1)
