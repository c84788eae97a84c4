"""Candidate feedback PDF: what the candidate did well, what to work on, grounded in their own answers.

Only whitelisted keys of `data` are read, so internal fields a caller leaves in the dict (reviewer names, other
candidates, hiring recommendation, notes) can never leak into the candidate's copy.

data = {
    "candidate_name": str, "job_name": str, "company_name": str, "date": str | date,
    "dimensions": [{"name": str, "score": 0-100 | None, "weight": float}],
    "overall": float | None,               # shown only if policy.show_overall
    "strengths": [str | {"text": str, "kind": str}],
    "improvements": [{"message": str, "suggestion": str, "quote": str?, "kind": str?}],
    "speech": {"rate_cpm": float, "band": (150, 200)} | None,
    "affect": [str | {"label": str, "note": str}],   # shown only if policy.affect_analysis
    "next_steps": [str], "contact": str?,
    "policy": {"affect_analysis": False, "show_dimension_scores": True, "show_overall": False},
}
Candidates always see a level per dimension (优秀/良好/发展中/待提升); the overall number is hidden by default
because it is an internal ranking input, not a decision, and invites comparison between candidates.
"""
from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from .charts import bar_chart, pace_gauge
from .labels import Labels, score_band
from .styles import ACCENT, CONTENT_WIDTH, LIGHT, MUTED, Styles, build_pdf, esc, fmt_date, fmt_score

DEFAULT_POLICY = {"affect_analysis": False, "show_dimension_scores": True, "show_overall": False}
DEFAULT_BAND = (150, 200)
# Items tagged with these kinds describe emotion/affect and are dropped unless the policy allows affect analysis.
AFFECT_KINDS = {"affect", "emotion", "sentiment", "facial_expression", "voice_tone"}


def _policy(data):
    policy = dict(DEFAULT_POLICY)
    policy.update(data.get("policy") or {})
    return policy


def _allowed(item, policy):
    kind = item.get("kind") if isinstance(item, dict) else None
    return policy["affect_analysis"] or (kind or "").lower() not in AFFECT_KINDS


def _text(item, key="text"):
    return item.get(key) if isinstance(item, dict) else item


def _header(st, L, data):
    story = [st.heading(L.fb_title, st.title)]
    if data.get("company_name"):
        story.append(Paragraph(esc(data["company_name"]), st.small))
    rows = [[Paragraph(esc(L.candidate), st.small), Paragraph(esc(data.get("candidate_name")), st.body),
             Paragraph(esc(L.job), st.small), Paragraph(esc(data.get("job_name")), st.body)],
            [Paragraph(esc(L.date), st.small), Paragraph(esc(fmt_date(data.get("date"))), st.body), "", ""]]
    w = CONTENT_WIDTH
    table = Table(rows, colWidths=[w * 0.14, w * 0.36, w * 0.14, w * 0.36])
    table.setStyle(TableStyle(st.table_base + [("BACKGROUND", (0, 0), (-1, -1), LIGHT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    story += [Spacer(1, 6), table, Spacer(1, 8), Paragraph(esc(L.fb_intro), st.body)]
    return story


def _results(st, L, data, policy):
    dims = [d for d in data.get("dimensions") or [] if d.get("name")]
    if not dims:
        return []
    show = policy["show_dimension_scores"]
    names = [str(d["name"]) for d in dims]
    scores = [d.get("score") for d in dims]
    chart = bar_chart(names, [(L.score, scores, None)], st.fonts.regular, CONTENT_WIDTH,
                      value_fmt="%.0f" if show else None, legend=False)
    head = [L.dimension, L.level] + ([L.score] if show else [])
    rows = [[Paragraph(esc(h), st.cell) for h in head]]
    for name, score in zip(names, scores):
        row = [Paragraph(esc(name), st.cell), Paragraph(esc(score_band(score, L.lang)), st.cell)]
        if show:
            row.append(Paragraph(fmt_score(score), st.cell))
        rows.append(row)
    w = CONTENT_WIDTH
    table = Table(rows, colWidths=[w * 0.5, w * 0.3] + ([w * 0.2] if show else []), repeatRows=1)
    table.setStyle(TableStyle(st.table_base + [("BACKGROUND", (0, 0), (-1, 0), LIGHT), ("LINEBELOW", (0, 0), (-1, -1), 0.3,
                                                                        colors.HexColor("#DDDDDD"))]))
    story = [st.heading(L.results), chart, Spacer(1, 6), table]
    if policy["show_overall"] and data.get("overall") is not None:
        story.append(Paragraph("%s%s%s (%s)" % (esc(L.overall), L.sep, fmt_score(data["overall"]),
                                                esc(score_band(data["overall"], L.lang))), st.body))
    return [KeepTogether(story[:2])] + story[2:]


def _strengths(st, L, data, policy):
    items = [_text(s) for s in data.get("strengths") or [] if _allowed(s, policy)]
    return [st.heading(L.strengths)] + st.bullets(items) if any(items) else []


def _improvements(st, L, data, policy):
    story = []
    for item in data.get("improvements") or []:
        if not isinstance(item, dict):
            item = {"message": item}
        if not item.get("message") or not _allowed(item, policy):
            continue
        block = [Paragraph(esc(item["message"]), st.bullet, bulletText="•")]
        if item.get("quote"):
            block.append(Paragraph("%s%s“%s”" % (esc(L.your_words), L.sep, esc(item["quote"])), st.quote))
        if item.get("suggestion"):
            block.append(Paragraph('<font color="#%s">%s%s</font>%s' % (
                ACCENT.hexval()[2:], esc(L.suggestion), L.sep, esc(item["suggestion"])), st.quote))
        story.append(KeepTogether(block + [Spacer(1, 3)]))
    return [st.heading(L.improvements)] + story if story else []


def pace_verdict(rate, band=DEFAULT_BAND):
    """'slow' | 'ok' | 'fast' against the recommended band (inclusive)."""
    lo, hi = band
    return "slow" if rate < lo else "fast" if rate > hi else "ok"


def _speech(st, L, data):
    speech = data.get("speech") or {}
    rate = speech.get("rate_cpm")
    if rate is None:
        return []
    band = tuple(speech.get("band") or DEFAULT_BAND)
    unit = speech.get("unit") or L.speech_unit
    gauge = pace_gauge(rate, st.fonts.regular, CONTENT_WIDTH, band=band, unit=unit)
    verdict = getattr(L, "speech_" + pace_verdict(rate, band))
    band_txt = "%s%s%g–%g %s" % (L.speech_band, L.sep, band[0], band[1], unit)
    return [KeepTogether([st.heading(L.speech), gauge, Paragraph(esc(band_txt), st.small),
                          Paragraph(esc(verdict), st.body)])]


def _affect(st, L, data, policy):
    if not policy["affect_analysis"]:
        return []  # never show an affect/emotion label when the policy forbids it (EU AI Act Art. 5(1)(f))
    items = []
    for a in data.get("affect") or []:
        items.append("%s%s%s" % (a.get("label"), L.sep, a.get("note")) if isinstance(a, dict) and a.get("note")
                     else _text(a, "label"))
    return [st.heading(L.affect)] + st.bullets(items) if any(items) else []


def render_candidate_feedback(data, lang="zh_CN"):
    """Render the candidate's personal feedback report; returns PDF bytes (CJK font embedded as a subset)."""
    L = Labels(lang)
    st = Styles()
    policy = _policy(data)
    story = _header(st, L, data)
    story += _results(st, L, data, policy)
    story += _strengths(st, L, data, policy)
    story += _improvements(st, L, data, policy)
    story += _speech(st, L, data)
    story += _affect(st, L, data, policy)
    steps = [s for s in data.get("next_steps") or [] if s]
    if steps:
        story += [st.heading(L.next_steps)] + st.bullets(steps)
    about = [st.heading(L.about), Paragraph(esc(L.about_text), st.small)]
    if data.get("contact"):
        about.append(Paragraph("%s%s%s" % (esc(L.contact), L.sep, esc(data["contact"])), st.small))
    story.append(KeepTogether(about))
    company = str(data.get("company_name") or "")
    footer = " · ".join(x for x in (company, L.fb_title) if x)
    return build_pdf(story, "%s - %s" % (L.fb_title, data.get("candidate_name") or ""), footer, L.page, st,
                     author=company, subject=str(data.get("job_name") or ""))
