"""Pure hiring logic: average human reviews, merge with AI scores, flag AI–human gaps, recommend, and suggest
follow-up questions. No odoo import: the Odoo models store what these functions return.

The recommendation rule encodes human oversight (EU AI Act Art. 14, PIPL Art. 24): only human reviewers'
recommendations can produce 'reject'. Scores alone (AI or merged) yield at most 'needs_human_review' with an
AI hint of 'advance' or 'hold'.
"""
from .followup_templates import ATTENTION_TEMPLATES, generic_templates, templates_for
from .labels import label, norm_lang

DECISIONS = ("advance", "hold", "reject", "needs_human_review")
HUMAN_RECOMMENDATIONS = ("advance", "hold", "reject")
DEFAULT_WEIGHTS = {"ai": 0.4, "human": 0.6}
DEFAULT_GAP_THRESHOLD = 20.0
DEFAULT_ADVANCE_MIN = 60.0

REASONS = {
    "no_human": ("尚无人工评审建议，需人工评审后决定。", "No human recommendation yet; a person must decide."),
    "ai_high": ("AI 参考：综合分 %.0f，达到推进参考线 %.0f。", "AI indication: overall %.0f meets the advance line %.0f."),
    "ai_low": ("AI 参考：综合分 %.0f，低于推进参考线 %.0f；AI 不会单独拒绝。",
               "AI indication: overall %.0f is below the advance line %.0f; the AI never rejects on its own."),
    "majority": ("%d 位评审中 %d 位建议「%s」。", "%d of %d reviewers recommend '%s'."),
    "split": ("评审意见不一致（推进 %d / 待定 %d / 拒绝 %d），建议待定并讨论。",
              "Reviewers disagree (advance %d / hold %d / reject %d); hold and discuss."),
    "low_score": ("注意：合并得分 %.0f 低于推进参考线 %.0f。", "Note: merged score %.0f is below the advance line %.0f."),
    "gaps": ("%d 个维度 AI 与人工评分差异较大，请复核。", "%d competencies show a large AI–human gap; please re-check."),
}


def _reason(key, lang, *args):
    zh, en = REASONS[key]
    text = en if norm_lang(lang) == "en_US" else zh
    return text % args if args else text


def stars_to_score(stars):
    """1–5 stars → 0–100 (1 → 0, 3 → 50, 5 → 100), so star and numeric reviews average on one scale."""
    stars = float(stars)
    if not 1 <= stars <= 5:
        raise ValueError("stars must be between 1 and 5, got %r" % stars)
    return (stars - 1) * 25.0


def average_reviews(reviews):
    """Per-dimension mean over the reviewers who scored it: {dimension: mean}. Unscored (None) is skipped."""
    sums, counts = {}, {}
    for review in reviews or []:
        for dim, score in (review.get("scores") or {}).items():
            if score is None:
                continue
            sums[dim] = sums.get(dim, 0.0) + float(score)
            counts[dim] = counts.get(dim, 0) + 1
    return {dim: sums[dim] / counts[dim] for dim in sums}


def merge_scores(ai_scores, human_scores, weights=None):
    """Weighted per-dimension merge; a dimension scored by only one side keeps that side's score."""
    w = dict(DEFAULT_WEIGHTS, **(weights or {}))
    total = float(w["ai"] + w["human"])
    if total <= 0:
        raise ValueError("AI and human weights must not both be zero")
    wa, wh = w["ai"] / total, w["human"] / total
    merged = {}
    for dim in list(ai_scores) + [d for d in human_scores if d not in ai_scores]:
        a, h = ai_scores.get(dim), human_scores.get(dim)
        if a is not None and h is not None:
            merged[dim] = wa * a + wh * h
        else:
            merged[dim] = a if a is not None else h
    return merged


def weighted_overall(scores, dim_weights=None):
    """Weighted mean of the scored dimensions (weights renormalised over those present); None if nothing scored."""
    dim_weights = dim_weights or {}
    num = den = 0.0
    for dim, score in scores.items():
        if score is None:
            continue
        weight = float(dim_weights.get(dim, 1.0) if dim_weights else 1.0)
        num += weight * score
        den += weight
    return num / den if den else None


def flag_gaps(ai_scores, human_scores, threshold=DEFAULT_GAP_THRESHOLD):
    """Dimensions where |human − AI| ≥ threshold, largest first. gap > 0 means humans scored higher."""
    gaps = []
    for dim, a in ai_scores.items():
        h = human_scores.get(dim)
        if a is None or h is None:
            continue
        if abs(h - a) >= threshold:
            gaps.append({"dimension": dim, "ai": a, "human": h, "gap": h - a})
    return sorted(gaps, key=lambda g: -abs(g["gap"]))


def recommend(reviews, merged_overall, ai_overall=None, gaps=(), advance_min=DEFAULT_ADVANCE_MIN, lang="zh_CN"):
    """Recommendation dict: decision, ai_hint, human_decided, votes, reasons (localised sentences)."""
    votes = {k: 0 for k in HUMAN_RECOMMENDATIONS}
    for review in reviews or []:
        rec = review.get("recommendation")
        if rec in votes:
            votes[rec] += 1
    n = sum(votes.values())
    basis = ai_overall if ai_overall is not None else merged_overall
    ai_hint = "advance" if basis is not None and basis >= advance_min else "hold"  # never 'reject'
    reasons = []
    if n == 0:
        decision = "needs_human_review"
        reasons.append(_reason("no_human", lang))
        if basis is not None:
            reasons.append(_reason("ai_high" if ai_hint == "advance" else "ai_low", lang, basis, advance_min))
    else:
        majority = [k for k in HUMAN_RECOMMENDATIONS if votes[k] * 2 > n]
        if majority:
            decision = majority[0]
            reasons.append(_reason("majority", lang, n, votes[decision], label("rec_" + decision, lang)))
            if decision == "advance" and merged_overall is not None and merged_overall < advance_min:
                reasons.append(_reason("low_score", lang, merged_overall, advance_min))
        else:
            decision = "hold"
            reasons.append(_reason("split", lang, votes["advance"], votes["hold"], votes["reject"]))
    if gaps:
        reasons.append(_reason("gaps", lang, len(gaps)))
    return {"decision": decision, "ai_hint": ai_hint, "human_decided": n > 0, "votes": votes, "reasons": reasons}


def focus_areas(scores, gaps=(), n_weakest=3):
    """Weakest dimensions plus any gap-flagged one: what the next interviewer should probe."""
    ranked = sorted((d for d in scores if scores[d] is not None), key=lambda d: scores[d])
    areas = [{"dimension": d, "score": scores[d], "reason": "weak"} for d in ranked[:n_weakest]]
    seen = {a["dimension"] for a in areas}
    for g in gaps:
        if g["dimension"] not in seen:
            areas.append({"dimension": g["dimension"], "score": scores.get(g["dimension"]), "reason": "gap"})
            seen.add(g["dimension"])
    return areas


def _point_text(point):
    if isinstance(point, dict):
        return point.get("message") or point.get("text") or ""
    return str(point or "")


def generate_followups(scores, attention_points=(), lang="zh_CN", n_weakest=2, per_dimension=2, max_questions=8):
    """Follow-up questions from the weakest dimensions (competency templates, generic fallback) and attention
    points. Returns [{"dimension", "question", "source": "weak_dimension"|"attention_point", "generic"}]."""
    lang = norm_lang(lang)
    ranked = sorted((d for d in scores if scores[d] is not None), key=lambda d: scores[d])
    questions, used = [], set()
    for dim in ranked[:n_weakest]:
        candidates, generic = templates_for(dim, lang)
        # two dims of one competency: no repeated question; top up with generic ones naming this dimension
        fresh = [(q, generic) for q in candidates if q not in used]
        if len(fresh) < per_dimension and not generic:
            fresh += [(q, True) for q in generic_templates(dim, lang)]
        for q, is_generic in fresh[:per_dimension]:
            used.add(q)
            questions.append({"dimension": dim, "question": q, "source": "weak_dimension", "generic": is_generic})
    template = ATTENTION_TEMPLATES[1 if lang == "en_US" else 0]
    for point in attention_points or ():
        text = _point_text(point).strip().rstrip("。.")
        if text:
            dim = point.get("dimension") if isinstance(point, dict) else None
            questions.append({"dimension": dim, "question": template.format(point=text),
                              "source": "attention_point", "generic": False})
    return questions[:max_questions]


def build_hiring_summary(data, lang="zh_CN"):
    """Everything the hiring report shows, computed from plain inputs (see hiring_pdf for the data shape)."""
    dims = [d for d in data.get("dimensions") or [] if d.get("name")]
    ai = {d["name"]: d.get("score") for d in dims}
    dim_weights = {d["name"]: d.get("weight", 1.0) for d in dims}
    reviews = data.get("reviews") or []
    human = average_reviews(reviews)
    weights = dict(DEFAULT_WEIGHTS, **(data.get("weights") or {}))
    merged = merge_scores(ai, human, weights)
    threshold = data.get("gap_threshold", DEFAULT_GAP_THRESHOLD)
    gaps = flag_gaps(ai, human, threshold)
    gap_dims = {g["dimension"] for g in gaps}
    ai_overall = data.get("ai_overall")
    if ai_overall is None:
        ai_overall = weighted_overall(ai, dim_weights)
    human_overall = weighted_overall(human, dim_weights)
    merged_overall = weighted_overall(merged, dim_weights)
    rec = recommend(reviews, merged_overall, ai_overall, gaps, data.get("advance_min", DEFAULT_ADVANCE_MIN), lang)
    attention = [p for p in data.get("attention_points") or [] if _point_text(p)]
    return {
        "dimensions": [{"name": n, "weight": dim_weights.get(n), "ai": ai.get(n), "human": human.get(n),
                        "merged": merged[n], "gap_flag": n in gap_dims} for n in merged],
        "ai_overall": ai_overall, "human_overall": human_overall, "merged_overall": merged_overall,
        "weights": weights, "gap_threshold": threshold, "gaps": gaps, "recommendation": rec,
        "focus_areas": focus_areas(merged, gaps),
        "followups": generate_followups(merged, attention, lang),
        "attention_points": [_point_text(p) for p in attention],
    }
