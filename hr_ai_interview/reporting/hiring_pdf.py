"""Hiring report PDF (综合招聘报告) for HR: AI and human scores side by side, merged score, flagged gaps,
recommendation with rationale, focus areas and follow-up questions for the next round.

data = {
    "candidate_name": str, "job_name": str, "company_name": str, "date": str | date, "interview_ref": str?,
    "dimensions": [{"name": str, "score": AI 0-100 | None, "weight": float}],  "ai_overall": float?,
    "reviews": [{"reviewer": str, "scores": {dimension: 0-100}, "recommendation": "advance"|"hold"|"reject",
                 "comment": str}],
    "weights": {"ai": 0.4, "human": 0.6}, "gap_threshold": 20, "advance_min": 60,
    "attention_points": [str | {"message": str, "dimension": str}],
    "summary": build_hiring_summary(...) output,  # optional: pass what the Odoo record stored to print exactly it
}
"""
from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from .charts import bar_chart
from .followups import build_hiring_summary
from .labels import Labels
from .styles import (ACCENT, CONTENT_WIDTH, GOOD, LIGHT, MUTED, WARN, Styles, build_pdf, esc, fmt_date,
                     fmt_score)

DECISION_COLORS = {"advance": GOOD, "hold": colors.HexColor("#B7791F"), "reject": WARN,
                   "needs_human_review": MUTED}
GRIDLINE = ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#DDDDDD"))


def _table(rows, widths, st, extra=()):
    t = Table(rows, colWidths=[CONTENT_WIDTH * w for w in widths], repeatRows=1)
    t.setStyle(TableStyle(st.table_base + [("BACKGROUND", (0, 0), (-1, 0), LIGHT), GRIDLINE,
                                           ("VALIGN", (0, 0), (-1, -1), "TOP")] + list(extra)))
    return t


def _header(st, L, data):
    story = [st.heading(L.hr_title, st.title),
             Paragraph('<font color="#%s">%s</font>' % (WARN.hexval()[2:], esc(L.confidential)), st.small)]
    info = [(L.candidate, data.get("candidate_name")), (L.job, data.get("job_name")),
            (L.date, fmt_date(data.get("date"))), (L.company, data.get("company_name"))]
    rows = [[Paragraph(esc(info[i][0]), st.small), Paragraph(esc(info[i][1]), st.body),
             Paragraph(esc(info[i + 1][0]), st.small), Paragraph(esc(info[i + 1][1]), st.body)] for i in (0, 2)]
    t = Table(rows, colWidths=[CONTENT_WIDTH * w for w in (0.14, 0.36, 0.14, 0.36)])
    t.setStyle(TableStyle(st.table_base + [("BACKGROUND", (0, 0), (-1, -1), LIGHT)]))
    return story + [Spacer(1, 6), t]


def _summary(st, L, s):
    rec = s["recommendation"]
    color = DECISION_COLORS.get(rec["decision"], MUTED).hexval()[2:]
    story = [st.heading(L.summary),
             Paragraph('%s%s<font color="#%s" size="13">%s</font>' % (
                 esc(L.recommendation), L.sep, color, esc(getattr(L, "rec_" + rec["decision"]))), st.body)]
    if not rec["human_decided"]:
        story.append(Paragraph("%s%s%s" % (esc(L.ai_hint), L.sep, esc(getattr(L, "rec_" + rec["ai_hint"]))),
                               st.body))
    story += [Paragraph(esc(r), st.bullet, bulletText="•") for r in rec["reasons"]]
    w = s["weights"]
    tot = float(w["ai"] + w["human"]) or 1.0
    rows = [[L.ai_overall, L.human_overall, L.merged_overall, L.weights],
            [fmt_score(s["ai_overall"]), fmt_score(s["human_overall"]), fmt_score(s["merged_overall"]),
             "%s %.0f%% / %s %.0f%%" % (L.ai, 100 * w["ai"] / tot, L.human, 100 * w["human"] / tot)]]
    story += [Spacer(1, 4), _table(rows, (0.22, 0.26, 0.22, 0.30), st, [("FONTSIZE", (0, 1), (2, 1), 14),
                                                                        ("TOPPADDING", (0, 1), (-1, 1), 6)])]
    return story


def _scores(st, L, s):
    dims = s["dimensions"]
    if not dims:
        return []
    names = [d["name"] for d in dims]
    chart = bar_chart(names, [(L.ai, [d["ai"] for d in dims], None), (L.human, [d["human"] for d in dims], None),
                              (L.merged, [d["merged"] for d in dims], None)], st.fonts.regular, CONTENT_WIDTH,
                      bar_h=8)
    rows = [[L.dimension, L.weights, L.ai, L.human, L.merged, L.gap]]
    extra = []
    for i, d in enumerate(dims, start=1):
        gap = None if d["ai"] is None or d["human"] is None else d["human"] - d["ai"]
        rows.append([Paragraph(esc(d["name"]), st.cell), "%g" % d["weight"] if d["weight"] is not None else "",
                     fmt_score(d["ai"]), fmt_score(d["human"]), fmt_score(d["merged"]),
                     ("%+.0f" % gap if gap is not None else "—") + (" !" if d["gap_flag"] else "")])
        if d["gap_flag"]:
            extra.append(("TEXTCOLOR", (5, i), (5, i), WARN))
    story = [KeepTogether([st.heading(L.scores_by_dim), chart]), Spacer(1, 4),
             _table(rows, (0.34, 0.12, 0.12, 0.14, 0.14, 0.14), st, extra)]
    story.append(st.heading(L.gaps))
    if s["gaps"]:
        story += st.bullets(["%s: %s %s / %s %s (%s %+.0f)" % (g["dimension"], L.ai, fmt_score(g["ai"]), L.human,
                                                              fmt_score(g["human"]), L.gap, g["gap"])
                             for g in s["gaps"]])
    else:
        story.append(Paragraph(esc(L.no_gaps), st.body))
    return story


def _reviews(st, L, data):
    reviews = data.get("reviews") or []
    story = [st.heading(L.reviews)]
    if not reviews:
        return story + [Paragraph(esc(L.no_reviews), st.body)]
    rows = [[L.reviewer, L.recommendation, L.comment]]
    for r in reviews:
        rec = r.get("recommendation")
        rows.append([Paragraph(esc(r.get("reviewer") or ""), st.cell),
                     Paragraph(esc(getattr(L, "rec_" + rec) if rec in ("advance", "hold", "reject") else "—"),
                               st.cell),
                     Paragraph(esc(r.get("comment") or ""), st.cell)])
    return story + [_table(rows, (0.2, 0.22, 0.58), st)]


def _next_round(st, L, s):
    story = []
    if s["focus_areas"]:
        story += [st.heading(L.focus_areas)] + st.bullets(
            ["%s (%s %s)%s" % (a["dimension"], L.merged, fmt_score(a["score"]),
                               " — " + L.gap if a["reason"] == "gap" else "") for a in s["focus_areas"]])
    if s["followups"]:
        story.append(st.heading(L.followups))
        for i, q in enumerate(s["followups"], start=1):
            tag = ' <font color="#%s">[%s]</font>' % (ACCENT.hexval()[2:], esc(q["dimension"])) if q["dimension"] \
                else ""
            story.append(Paragraph(esc(q["question"]) + tag, st.bullet, bulletText="%d." % i))
    if s["attention_points"]:
        story += [st.heading(L.attention)] + st.bullets(s["attention_points"])
    return story


def render_hiring_report(data, lang="zh_CN"):
    """Render the internal hiring report; returns PDF bytes. Computes the summary unless data['summary'] is given."""
    L = Labels(lang)
    st = Styles()
    s = data.get("summary") or build_hiring_summary(data, L.lang)
    story = _header(st, L, data) + _summary(st, L, s) + _scores(st, L, s) + _reviews(st, L, data)
    story += _next_round(st, L, s)
    title = "%s - %s" % (L.hr_title, data.get("candidate_name") or "")
    return build_pdf(story, title, "%s · %s" % (L.confidential, L.hr_footer), L.page, st,
                     author=str(data.get("company_name") or ""), subject=str(data.get("job_name") or ""))
