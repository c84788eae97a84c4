"""Pure hiring logic: average human reviews, merge with AI scores, flag AI–human gaps, recommend, and suggest
follow-up questions. No odoo import: the Odoo models store what these functions return.

The recommendation rule encodes human oversight (EU AI Act Art. 14, PIPL Art. 24): only human reviewers'
recommendations can produce 'reject'. Scores alone (AI or merged) yield at most 'needs_human_review' with an
AI hint of 'advance' or 'hold'.
"""
from .followup_templates import ATTENTION_TEMPLATE, GENERIC_TEMPLATES, templates_for
from .i18n import _lt, translator

DECISIONS = ("advance", "hold", "reject", "needs_human_review")
HUMAN_RECOMMENDATIONS = ("advance", "hold", "reject")
DEFAULT_WEIGHTS = {"ai": 0.4, "human": 0.6}
DEFAULT_GAP_THRESHOLD = 20.0
DEFAULT_ADVANCE_MIN = 60.0
DECISION_LABELS = {"advance": _lt("Advance"), "hold": _lt("Hold"), "reject": _lt("Reject (human decision)"),
                   "needs_human_review": _lt("Needs human review")}


def decision_label(decision, _):
    return _(DECISION_LABELS[decision]) if decision in DECISION_LABELS else "—"


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


def recommend(reviews, merged_overall, ai_overall=None, gaps=(), advance_min=DEFAULT_ADVANCE_MIN, lang="zh_CN",
              _=None):
    """Recommendation dict: decision, ai_hint, human_decided, votes, reasons (sentences in `_`'s language)."""
    _ = translator(lang, _)
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
        reasons.append(_("No human recommendation yet; a person must decide."))
        if basis is not None:
            if ai_hint == "advance":
                reasons.append(_("AI indication: overall %.0f meets the advance line %.0f.", basis, advance_min))
            else:
                reasons.append(_("AI indication: overall %.0f is below the advance line %.0f; the AI never rejects "
                                 "on its own.", basis, advance_min))
    else:
        majority = [k for k in HUMAN_RECOMMENDATIONS if votes[k] * 2 > n]
        if majority:
            decision = majority[0]
            reasons.append(_("%(votes)d of %(n)d reviewers recommend “%(decision)s”.",
                             {"votes": votes[decision], "n": n, "decision": decision_label(decision, _)}))
            if decision == "advance" and merged_overall is not None and merged_overall < advance_min:
                reasons.append(_("Note: merged score %.0f is below the advance line %.0f.", merged_overall,
                                 advance_min))
        else:
            decision = "hold"
            reasons.append(_("Reviewers disagree (advance %d / hold %d / reject %d); hold and discuss.",
                             votes["advance"], votes["hold"], votes["reject"]))
    if gaps:
        reasons.append(_("%d competencies show a large AI–human gap; please re-check.", len(gaps)))
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


def _question(template, args, _):
    return _(template, args)


def generate_followups(scores, attention_points=(), lang="zh_CN", n_weakest=2, per_dimension=2, max_questions=8,
                       _=None):
    """Follow-up questions from the weakest dimensions (competency templates, generic fallback) and attention
    points, as whole sentences in `_`'s language. Returns [{"dimension", "question", "template", "args",
    "source": "weak_dimension"|"attention_point", "generic"}] (template + args re-render in another language)."""
    _ = translator(lang, _)
    ranked = sorted((d for d in scores if scores[d] is not None), key=lambda d: scores[d])
    questions, used = [], set()
    for dim in ranked[:n_weakest]:
        candidates, generic = templates_for(dim)
        args = {"dim": dim}
        # two dims of one competency: no repeated question; top up with generic ones naming this dimension
        fresh = [(t, generic) for t in candidates if generic or t not in used]
        if len(fresh) < per_dimension and not generic:
            fresh += [(t, True) for t in GENERIC_TEMPLATES]
        for template, is_generic in fresh[:per_dimension]:
            used.add(template)
            questions.append({"dimension": dim, "question": _question(template, args, _), "template": template,
                              "args": args, "source": "weak_dimension", "generic": is_generic})
    for point in attention_points or ():
        text = _point_text(point).strip().rstrip("。.")
        if text:
            dim = point.get("dimension") if isinstance(point, dict) else None
            args = {"point": text}
            questions.append({"dimension": dim, "question": _question(ATTENTION_TEMPLATE, args, _),
                              "template": ATTENTION_TEMPLATE, "args": args, "source": "attention_point",
                              "generic": False})
    return questions[:max_questions]


def blended_overall(dim_scores, dim_weights, modalities=(), text_weight=100.0):
    """Overall of rubric dimensions plus AI-only modalities (speaking fluency, on camera), the way the interview's
    AI overall is made: rubric-weighted content blended with each modality by its weight. So the merged score
    covers every dimension the AI overall covers."""
    content = weighted_overall(dim_scores, dim_weights)
    if content is None:
        return None
    parts = [(float(text_weight), content)]
    parts += [(float(m["weight"]), float(m["score"])) for m in modalities or ()
              if m.get("score") is not None and m.get("weight")]
    total = sum(w for w, _v in parts)
    return sum(w * v for w, v in parts) / total if total else content


def scores_explained(summary, _):
    """How the AI, human and merged figures of `summary` (build_hiring_summary) are made, one sentence each;
    the hiring report prints them under the scores, the HR form under its figures."""
    w = summary["weights"]
    tot = float(w["ai"] + w["human"]) or 1.0
    wa, wh = 100 * w["ai"] / tot, 100 * w["human"] / tot
    notes = [_("AI overall: the rubric dimensions, each averaged over the answers that showed it and weighted by "
               "the rubric, blended with the speech and camera measures the scoring policy allows."),
             _("Human review average: the mean of the completed human reviews, weighted by the rubric."),
             _("Merged score: per dimension AI %.0f%% / human %.0f%%, then combined exactly like the AI overall, so "
               "it covers every dimension the AI overall covers.", wa, wh)]
    if not summary["reviewed"]:
        notes.append(_("No human review is complete yet, so there is no human or merged score: the AI figure alone "
                       "never decides."))
    return notes


def next_round_focus(focus, decision, _):
    """One sentence for the next interviewer, e.g. 建议进入下一轮面试，重点考察其“倾听能力”。"""
    names = [a["dimension"] for a in focus]
    if not names:
        return ""
    joined = _("”, “").join(names)
    if decision == "advance":
        return _("Invite to the next round and probe “%s” in depth.", joined)
    if decision == "reject":
        return ""
    return _("If the candidate goes to the next round, probe “%s” in depth.", joined)


def build_hiring_summary(data, lang="zh_CN", _=None):
    """Everything the hiring report shows, computed from plain inputs (see hiring_pdf for the data shape).
    Human and merged figures exist only once a human review is done (until then: awaiting review)."""
    _ = translator(lang, _)
    dims = [d for d in data.get("dimensions") or [] if d.get("name")]
    ai = {d["name"]: d.get("score") for d in dims}
    dim_weights = {d["name"]: d.get("weight", 1.0) for d in dims}
    modalities = [m for m in data.get("modalities") or [] if m.get("name")]
    reviews = data.get("reviews") or []
    reviewed = bool(reviews)
    human = average_reviews(reviews)
    weights = dict(DEFAULT_WEIGHTS, **(data.get("weights") or {}))
    merged = merge_scores(ai, human, weights) if reviewed else {}
    threshold = data.get("gap_threshold", DEFAULT_GAP_THRESHOLD)
    gaps = flag_gaps(ai, human, threshold)
    gap_dims = {g["dimension"] for g in gaps}
    text_weight = data.get("text_weight", 100.0)
    ai_overall = data.get("ai_overall")
    if ai_overall is None:
        ai_overall = blended_overall(ai, dim_weights, modalities, text_weight)
    human_overall = weighted_overall(human, dim_weights) if reviewed else None
    merged_overall = blended_overall(merged, dim_weights, modalities, text_weight) if reviewed else None
    rec = recommend(reviews, merged_overall, ai_overall, gaps, data.get("advance_min", DEFAULT_ADVANCE_MIN),
                    _=_)
    attention = [p for p in data.get("attention_points") or [] if _point_text(p)]
    basis = merged if reviewed else ai
    focus = focus_areas(basis, gaps, n_weakest=2)
    rows = [{"name": n, "weight": dim_weights.get(n), "ai": ai.get(n), "human": human.get(n),
             "merged": merged.get(n) if reviewed else None, "gap_flag": n in gap_dims, "kind": "rubric"}
            for n in list(ai) + [d for d in human if d not in ai]]
    extra = [{"name": m["name"], "weight": m.get("weight"), "ai": m.get("score"), "human": None,
              "merged": m.get("score") if reviewed else None, "gap_flag": False, "kind": "modality"}
             for m in modalities]
    # one weight per row: its share of the overall in %, rubric weights scaled by the content's part of the blend
    used = [m for m in extra if m["ai"] is not None and m["weight"]]
    denom = float(text_weight) + sum(float(m["weight"]) for m in used)
    rubric_total = sum(float(dim_weights.get(r["name"]) or 0) for r in rows if r["ai"] is not None) or 1.0
    for r in rows:
        r["share"] = 100.0 * float(dim_weights.get(r["name"]) or 0) / rubric_total * float(text_weight) / denom \
            if r["ai"] is not None else None
    for m in extra:
        m["share"] = 100.0 * float(m["weight"]) / denom if m in used else None
    return {
        "dimensions": rows, "modalities": extra, "reviewed": reviewed,
        "ai_overall": ai_overall, "human_overall": human_overall, "merged_overall": merged_overall,
        "weights": weights, "gap_threshold": threshold, "gaps": gaps, "recommendation": rec,
        "focus_areas": focus,
        "next_round": next_round_focus(focus, rec["decision"], _),
        "followups": generate_followups(basis, attention, _=_),
        "attention_points": [_point_text(p) for p in attention],
    }
