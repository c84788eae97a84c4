"""Hiring report PDF (综合招聘报告) for HR: AI, human and merged scores explained, per-dimension and per-question
breakdowns, flagged gaps, recommendation with rationale, next-round focus and follow-up questions.

data = {
    "candidate_name": str, "job_name": str, "company_name": str, "company_logo": bytes?, "date": str | date,
    "dimensions": [{"name": str, "score": AI 0-100 | None, "weight": float}],  "ai_overall": float?,
    "modalities": [{"name": str, "score": 0-100, "weight": float}],   # AI-only parts of the overall (speech…)
    "text_weight": float,                                              # weight of the rubric content
    "questions": [{"number": int, "text": str, "mode": str, "score": float?, "dimensions": [{"name", "score"}]}],
    "reviews": [{"reviewer": str, "scores": {dimension: 0-100}, "recommendation": "advance"|"hold"|"reject",
                 "comment": str}],
    "weights": {"ai": 0.4, "human": 0.6}, "gap_threshold": 20, "advance_min": 60,
    "attention_points": [str | {"message": str, "dimension": str}],
}
Every string is written as `_("…")`: the caller passes the reader's translation function.
"""
from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from .charts import bar_chart
from .followups import build_hiring_summary, decision_label, scores_explained
from .i18n import _lt, translator
from .levels import band_label
from .styles import (ACCENT, CONTENT_WIDTH, GOOD, LIGHT, MUTED, WARN, Styles, build_pdf, esc, fmt_date,
                     fmt_score, logo_flowable)

DECISION_COLORS = {"advance": GOOD, "hold": colors.HexColor("#B7791F"), "reject": WARN,
                   "needs_human_review": MUTED}
GRIDLINE = ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#DDDDDD"))
MODES = {"video": _lt("Video"), "audio": _lt("Audio"), "text": _lt("Written")}


def _table(rows, widths, st, extra=()):
    rows = [[_p(h, st.cell) if isinstance(h, str) else h for h in rows[0]]] + rows[1:]  # headers wrap
    t = Table(rows, colWidths=[CONTENT_WIDTH * w for w in widths], repeatRows=1)
    t.setStyle(TableStyle(st.table_base + [("BACKGROUND", (0, 0), (-1, 0), LIGHT), GRIDLINE,
                                           ("VALIGN", (0, 0), (-1, -1), "TOP")] + list(extra)))
    return t


def _p(text, style):
    return Paragraph(esc(text), style)


def _header(st, _, data):
    story = []
    logo = logo_flowable(data.get("company_logo"))
    if logo:
        story.append(logo)
    story += [st.heading(_("Hiring Report"), st.title),
              Paragraph('<font color="#%s">%s</font>' % (WARN.hexval()[2:], esc(_("Internal · hiring team only"))),
                        st.small)]
    info = [(_("Candidate"), data.get("candidate_name")), (_("Position"), data.get("job_name")),
            (_("Interview date"), fmt_date(data.get("date"))), (_("Company"), data.get("company_name"))]
    rows = [[_p(info[i][0], st.small), _p(info[i][1], st.body), _p(info[i + 1][0], st.small),
             _p(info[i + 1][1], st.body)] for i in (0, 2)]
    t = Table(rows, colWidths=[CONTENT_WIDTH * w for w in (0.14, 0.36, 0.14, 0.36)])
    t.setStyle(TableStyle(st.table_base + [("BACKGROUND", (0, 0), (-1, -1), LIGHT)]))
    return story + [Spacer(1, 6), t]


def _summary(st, _, s):
    rec = s["recommendation"]
    color = DECISION_COLORS.get(rec["decision"], MUTED).hexval()[2:]
    story = [st.heading(_("Summary")),
             Paragraph('%s%s<font color="#%s" size="13">%s</font>' % (
                 esc(_("Recommendation")), esc(_(": ")), color, esc(decision_label(rec["decision"], _))), st.body)]
    if not rec["human_decided"]:
        story.append(_p(_("AI indication: %s", decision_label(rec["ai_hint"], _)), st.body))
    story += [Paragraph(esc(r), st.bullet, bulletText="•") for r in rec["reasons"]]
    if s.get("next_round"):
        story.append(Paragraph('<font color="#%s">%s</font>' % (ACCENT.hexval()[2:], esc(s["next_round"])),
                               st.body))
    return story


def _scores_explained(st, _, s):
    awaiting = _("Awaiting review")
    rows = [[_("AI overall"), _("Human review average"), _("Merged score")],
            [fmt_score(s["ai_overall"]), fmt_score(s["human_overall"]) if s["reviewed"] else awaiting,
             fmt_score(s["merged_overall"]) if s["reviewed"] else awaiting]]
    story = [st.heading(_("How the scores are made")),
             _table(rows, (0.33, 0.34, 0.33), st, [("FONTSIZE", (0, 1), (-1, 1), 14), ("TOPPADDING", (0, 1), (-1, 1), 6)]),
             Spacer(1, 4)]
    return story + [_p(n, st.small) for n in scores_explained(s, _)]


def _scores(st, _, s):
    dims = s["dimensions"] + s.get("modalities", [])  # every part of the overall, the AI-only ones marked
    if not dims:
        return []
    names = [d["name"] for d in dims]
    series = [(_("AI"), [d["ai"] for d in dims], None)]
    if s["reviewed"]:
        series += [(_("Human"), [d["human"] for d in dims], None), (_("Merged"), [d["merged"] for d in dims], None)]
    chart = bar_chart(names, series, st.fonts.regular, CONTENT_WIDTH, bar_h=8 if s["reviewed"] else 11)
    rows = [[_("Competency"), _("Share of overall"), _("AI"), _("Level"), _("Human"), _("Merged"), _("Gap")]]
    extra = []
    for i, d in enumerate(dims, start=1):
        gap = None if d["ai"] is None or d["human"] is None else d["human"] - d["ai"]
        name = d["name"] if d["kind"] == "rubric" else "%s (%s)" % (d["name"], _("AI only"))
        rows.append([_p(name, st.cell), "%.0f%%" % d["share"] if d.get("share") is not None else "—",
                     fmt_score(d["ai"]), _p(band_label(d["ai"], _), st.cell), fmt_score(d["human"]),
                     fmt_score(d["merged"]) if s["reviewed"] else "—",
                     ("%+.0f" % gap if gap is not None else "—") + (" !" if d["gap_flag"] else "")])
        if d["gap_flag"]:
            extra.append(("TEXTCOLOR", (6, i), (6, i), WARN))
    story = [KeepTogether([st.heading(_("Scores by competency")), chart]), Spacer(1, 4),
             _table(rows, (0.30, 0.10, 0.10, 0.14, 0.12, 0.12, 0.12), st, extra)]
    if s["reviewed"]:
        # the heading says what follows: a "large gaps" title above "no large gaps" contradicted itself
        story.append(st.heading(_("Large AI–human gaps") if s["gaps"] else _("AI–human agreement")))
        if s["gaps"]:
            story += st.bullets([_("%(dim)s: AI %(ai)s / human %(human)s (gap %(gap)+.0f)",
                                   {"dim": g["dimension"], "ai": fmt_score(g["ai"]),
                                    "human": fmt_score(g["human"]), "gap": g["gap"]}) for g in s["gaps"]])
        else:
            story.append(_p(_("No large AI–human gaps on any competency."), st.body))
    return story


def _questions(st, _, data):
    questions = data.get("questions") or []
    if not questions:
        return []
    rows = [[_("Question"), _("Answered as"), _("AI"), _("Level"), _("By competency")]]
    for q in questions:
        per_dim = " · ".join("%s %s" % (d.get("name"), fmt_score(d.get("score"))) for d in q.get("dimensions") or [])
        rows.append([_p("%s. %s" % (q.get("number"), q.get("text") or ""), st.cell),
                     _p(_(mode) if (mode := MODES.get(q.get("mode"))) else "—", st.cell),
                     fmt_score(q.get("score")), _p(band_label(q.get("score"), _), st.cell), _p(per_dim, st.cell)])
    return [st.heading(_("Per question")), _table(rows, (0.36, 0.1, 0.08, 0.13, 0.33), st)]


def _reviews(st, _, data):
    reviews = data.get("reviews") or []
    story = [st.heading(_("Human reviews"))]
    if not reviews:
        return story + [_p(_("No human review yet: the AI never rejects on its own; a person must review first."),
                           st.body)]
    rows = [[_("Reviewer"), _("Recommendation"), _("Comment")]]
    for r in reviews:
        rec = r.get("recommendation")
        rows.append([_p(r.get("reviewer") or "", st.cell),
                     _p(decision_label(rec, _) if rec in ("advance", "hold", "reject") else "—", st.cell),
                     _p(r.get("comment") or "", st.cell)])
    return story + [_table(rows, (0.2, 0.22, 0.58), st)]


def _next_round(st, _, s):
    story = []
    if s["focus_areas"]:
        score_key = _("Merged") if s["reviewed"] else _("AI")
        story += [st.heading(_("Focus areas for the next round"))] + st.bullets(
            [_("%(dim)s (%(kind)s %(score)s)", {"dim": a["dimension"], "kind": score_key,
                                                "score": fmt_score(a["score"])})
             + (" — " + _("AI–human gap") if a["reason"] == "gap" else "") for a in s["focus_areas"]])
    if s["followups"]:
        story.append(st.heading(_("Suggested follow-up questions")))
        for i, q in enumerate(s["followups"], start=1):
            tag = ' <font color="#%s">[%s]</font>' % (ACCENT.hexval()[2:], esc(q["dimension"])) if q["dimension"] \
                else ""
            story.append(Paragraph(esc(q["question"]) + tag, st.bullet, bulletText="%d." % i))
    if s["attention_points"]:
        story += [st.heading(_("Attention points"))] + st.bullets(s["attention_points"])
    return story


def render_hiring_report(data, lang="zh_CN", _=None):
    """Render the internal hiring report in `_`'s language (default: the .po of `lang`); returns PDF bytes."""
    _ = translator(lang, _)
    st = Styles()
    s = data.get("summary") or build_hiring_summary(data, _=_)
    story = _header(st, _, data) + _summary(st, _, s) + _scores_explained(st, _, s) + _scores(st, _, s)
    story += _questions(st, _, data) + _reviews(st, _, data) + _next_round(st, _, s)
    title = "%s - %s" % (_("Hiring Report"), data.get("candidate_name") or "")
    footer = "%s · %s" % (_("Internal · hiring team only"), _("AI scores are advisory; the final decision is made by people."))
    return build_pdf(story, title, footer, lambda n: _("Page %d", n), st,
                     author=str(data.get("company_name") or ""), subject=str(data.get("job_name") or ""))
