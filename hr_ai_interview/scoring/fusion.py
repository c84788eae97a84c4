"""Per-modality scores (0–100), per-dimension scores with evidence, and the weighted overall score.
Text dominates by default: research found tone of voice and body language added nothing beyond the words
(Hickman, Tay & Woo 2025), so speech and vision only nudge the result."""

DEFAULT_WEIGHTS = {"text": 0.75, "speech": 0.15, "vision": 0.10}
RATE_RANGE = {"zh": (150.0, 200.0), "en": (120.0, 160.0)}
SIMILARITY_FULL = 0.3  # cosine at which the answer reads as fully on-topic for a dimension


def _clip01(x):
    return 0.0 if x < 0 else 1.0 if x > 1 else x


def answer_quality(tf):
    """Dimension-independent quality: figures, own actions, structure, enough content for the time."""
    c, s, ln = tf["concreteness"], tf["structure"], tf["length"]
    return (0.35 * c["score"] + 0.2 * c["action_score"] + 0.25 * s["score"]
            + 0.2 * _clip01(ln["ratio"] or 0.0))


def text_scores(tf):
    quality = answer_quality(tf)
    penalty = tf["stuffing"]["penalty"]
    dims = []
    for d in tf["dimensions"]:
        content = (0.65 * d["coverage"] + 0.35 * _clip01(d["similarity"] / SIMILARITY_FULL)) * penalty
        score = 100.0 * (0.65 * content + 0.35 * quality * penalty)
        dims.append({
            "name": d["name"], "weight": d["weight"], "score": round(score, 1),
            "coverage": d["coverage"], "similarity": d["similarity"],
            "evidence": [{"keyword": h["keyword"], "position": h["position"], "snippet": h["snippet"],
                          "matched": h["matched"], "in_context": h["in_context"]} for h in d["hits"]],
            "missing_keywords": d["missing"],
        })
    if dims:
        total_w = sum(d["weight"] for d in dims) or 1.0
        modality = sum(d["score"] * d["weight"] for d in dims) / total_w
    else:
        modality = 100.0 * quality * penalty
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
