"""Candidate feedback PDF: per question what went well and what to improve (with a concrete suggestion), and a
summary derived from those per-question findings (findings.summarize), so the two can never disagree.

Only whitelisted keys of `data` are read, so internal fields a caller leaves in the dict (reviewer names, other
candidates, hiring recommendation, notes) can never leak into the candidate's copy.

data = {
    "candidate_name": str, "job_name": str, "company_name": str, "company_logo": bytes?, "date": str | date,
    "dimensions": [{"name": str, "score": 0-100 | None, "weight": float}],
    "overall": float | None,               # shown only if policy.show_overall
    "questions": [{"number": int, "text": str, "mode": "video"|"audio"|"text", "score": float?,
                   "strengths": [str | {"text": str, "kind": str}],
                   "improvements": [{"message": str, "suggestion": str, "quote": str?, "code": str?, "kind": str?}]}],
    "speech": {"rate_cpm": float, "band": (150, 200)} | None,
    "affect": [str | {"label": str, "note": str}],   # shown only if policy.affect_analysis
    "next_steps": [str], "contact": str?,
    "policy": {"affect_analysis": False, "show_dimension_scores": True, "show_overall": False},
}
Levels come from levels.band (the calibrated bands); the overall number is hidden by default because it is an
internal ranking input, not a decision, and invites comparison between candidates.
"""
from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from .charts import bar_chart, pace_gauge
from .findings import summarize, topic_label
from .i18n import _lt, translator
from .levels import band_label
from .styles import ACCENT, CONTENT_WIDTH, LIGHT, Styles, build_pdf, esc, fmt_date, fmt_score, logo_flowable

DEFAULT_POLICY = {"affect_analysis": False, "show_dimension_scores": True, "show_overall": False}
DEFAULT_BAND = (150, 200)
# Items tagged with these kinds describe emotion/affect and are dropped unless the policy allows affect analysis.
AFFECT_KINDS = {"affect", "emotion", "sentiment", "facial_expression", "voice_tone"}
MODES = {"video": _lt("Video answer"), "audio": _lt("Audio answer"), "text": _lt("Written answer")}


def _policy(data):
    policy = dict(DEFAULT_POLICY)
    policy.update(data.get("policy") or {})
    return policy


def _allowed(item, policy):
    kind = item.get("kind") if isinstance(item, dict) else None
    return policy["affect_analysis"] or (kind or "").lower() not in AFFECT_KINDS


def _text(item, key="text"):
    return item.get(key) if isinstance(item, dict) else item


def _numbers(numbers, _):
    if len(numbers) == 1:
        return _("question %s", numbers[0])
    # pairwise so the separator is a translatable term (Odoo's export drops a bare ", ": zh uses 、)
    joined = str(numbers[0])
    for n in numbers[1:]:
        joined = _("%(first)s, %(next)s", {"first": joined, "next": n})
    return _("questions %s", joined)


def _where(topic, numbers, _):
    return _("%(topic)s (%(where)s)", {"topic": topic_label(topic, _), "where": _numbers(numbers, _)})


def _header(st, _, data):
    story = []
    logo = logo_flowable(data.get("company_logo"))
    if logo:
        story.append(logo)
    story.append(st.heading(_("Interview Feedback Report"), st.title))
    if data.get("company_name"):
        story.append(Paragraph(esc(data["company_name"]), st.small))
    rows = [[Paragraph(esc(_("Candidate")), st.small), Paragraph(esc(data.get("candidate_name")), st.body),
             Paragraph(esc(_("Position")), st.small), Paragraph(esc(data.get("job_name")), st.body)],
            [Paragraph(esc(_("Interview date")), st.small), Paragraph(esc(fmt_date(data.get("date"))), st.body),
             "", ""]]
    w = CONTENT_WIDTH
    table = Table(rows, colWidths=[w * 0.14, w * 0.36, w * 0.14, w * 0.36])
    table.setStyle(TableStyle(st.table_base + [("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                               ("TOPPADDING", (0, 0), (-1, -1), 4),
                                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    intro = _("Thank you for taking part in this video interview. Below is personal feedback based on your "
              "answers, question by question; we hope you find it useful.")
    story += [Spacer(1, 6), table, Spacer(1, 8), Paragraph(esc(intro), st.body)]
    return story


def _results(st, _, data, policy):
    dims = [d for d in data.get("dimensions") or [] if d.get("name")]
    if not dims:
        return []
    show = policy["show_dimension_scores"]
    names = [str(d["name"]) for d in dims]
    scores = [d.get("score") for d in dims]
    chart = bar_chart(names, [(_("Score"), scores, None)], st.fonts.regular, CONTENT_WIDTH,
                      value_fmt="%.0f" if show else None, legend=False)
    head = [_("Competency"), _("Level")] + ([_("Score")] if show else [])
    rows = [[Paragraph(esc(h), st.cell) for h in head]]
    for name, score in zip(names, scores):
        row = [Paragraph(esc(name), st.cell), Paragraph(esc(band_label(score, _)), st.cell)]
        if show:
            row.append(Paragraph(fmt_score(score), st.cell))
        rows.append(row)
    w = CONTENT_WIDTH
    table = Table(rows, colWidths=[w * 0.5, w * 0.3] + ([w * 0.2] if show else []), repeatRows=1)
    table.setStyle(TableStyle(st.table_base + [("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                                               ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#DDDDDD"))]))
    story = [st.heading(_("Results by competency")), chart, Spacer(1, 6), table]
    if policy["show_overall"] and data.get("overall") is not None:
        story.append(Paragraph(esc(_("Overall score: %(score)s (%(level)s)", {
            "score": fmt_score(data["overall"]), "level": band_label(data["overall"], _)})), st.body))
    return [KeepTogether(story[:2])] + story[2:]


def _questions(data, policy):
    out = []
    for i, q in enumerate(data.get("questions") or [], start=1):
        improvements = []
        for item in q.get("improvements") or []:
            item = item if isinstance(item, dict) else {"message": item}
            if item.get("message") and _allowed(item, policy):
                improvements.append(item)
        out.append(dict(q, number=q.get("number") or i,
                        strengths=[s for s in q.get("strengths") or [] if _text(s) and _allowed(s, policy)],
                        improvements=improvements))
    return out


def _summary(st, _, questions):
    s = summarize(questions)
    story = []
    if s["went_well"]:
        story += [Paragraph(esc(_("What went well")), st.h3)] + st.bullets([_where(t, n, _) for t, n in s["went_well"]])
    if s["to_improve"]:
        story += [Paragraph(esc(_("What to work on")), st.h3)] + st.bullets([_where(t, n, _)
                                                                         for t, n in s["to_improve"]])
    if s["varied"]:
        story += [Paragraph(esc(_("Varied between answers")), st.h3)] + st.bullets(
            [_("%(topic)s: went well in %(well)s; to work on in %(weak)s", {
                "topic": topic_label(t, _), "well": _numbers(w, _), "weak": _numbers(k, _)}) for t, w, k in s["varied"]])
    return [st.heading(_("Summary across your answers"))] + story if story else []


def _question_block(st, _, q):
    mode = MODES.get(q.get("mode"))
    mode = _(mode) if mode else ""
    head = _("Question %s", q["number"]) + (" · " + mode if mode else "")
    story = [st.heading(head)]
    if q.get("text"):
        story.append(Paragraph(esc(q["text"]), st.question))
    if q.get("score") is not None:
        story.append(Paragraph(esc(_("Level of this answer: %s", band_label(q["score"], _))), st.small))
    if q["strengths"]:
        story += [Paragraph(esc(_("What went well")), st.h3)] + st.bullets([_text(x) for x in q["strengths"]])
    if q["improvements"]:
        story.append(Paragraph(esc(_("What to improve")), st.h3))
        for item in q["improvements"]:
            block = [Paragraph(esc(item["message"]), st.bullet, bulletText="•")]
            if item.get("quote"):
                block.append(Paragraph(esc(_("You said: “%s”", item["quote"])), st.quote))
            if item.get("suggestion"):
                block.append(Paragraph('<font color="#%s">%s</font>%s' % (
                    ACCENT.hexval()[2:], esc(_("Suggestion: ")), esc(item["suggestion"])), st.quote))
            story.append(KeepTogether(block + [Spacer(1, 2)]))
    if not q["strengths"] and not q["improvements"]:
        story.append(Paragraph(esc(_("No specific remarks on this answer.")), st.body))
    return story


def pace_verdict(rate, band=DEFAULT_BAND):
    """'slow' | 'ok' | 'fast' against the recommended band (inclusive)."""
    lo, hi = band
    return "slow" if rate < lo else "fast" if rate > hi else "ok"


def _speech(st, _, data, questions):
    speech = data.get("speech") or {}
    rate = speech.get("rate_cpm")
    if rate is None:
        return []
    band = tuple(speech.get("band") or DEFAULT_BAND)
    unit = speech.get("unit") or _("chars/min")
    gauge = pace_gauge(rate, st.fonts.regular, CONTENT_WIDTH, band=band, unit=unit)
    varied = [t for t, _w, _k in summarize(questions)["varied"] if t == "pace"]
    if varied:  # the average hides answers on both sides of the band: say so, as the questions do
        verdict = _("Your pace varied between answers; see the remarks per question.")
    else:
        verdict = {"slow": _("Your pace was on the slow side; tighter phrasing would give your answers more "
                             "momentum."),
                   "ok": _("Your pace was comfortable, clear and easy to follow."),
                   "fast": _("Your pace was on the fast side; short pauses would make key points stand out.")
                   }[pace_verdict(rate, band)]
    band_txt = _("Recommended range: %(lo)g–%(hi)g %(unit)s", {"lo": band[0], "hi": band[1], "unit": unit})
    return [KeepTogether([st.heading(_("Speaking pace")), gauge, Paragraph(esc(band_txt), st.small),
                          Paragraph(esc(verdict), st.body)])]


def _affect(st, _, data, policy):
    if not policy["affect_analysis"]:
        return []  # never show an affect/emotion label when the policy forbids it (EU AI Act Art. 5(1)(f))
    items = []
    for a in data.get("affect") or []:
        items.append("%s: %s" % (a.get("label"), a.get("note")) if isinstance(a, dict) and a.get("note")
                     else _text(a, "label"))
    return [st.heading(_("How you spoke"))] + st.bullets(items) if any(items) else []


def render_candidate_feedback(data, lang="zh_CN", _=None):
    """Render the candidate's personal feedback report in `_`'s language (default: the .po of `lang`); returns PDF
    bytes (CJK font embedded as a subset)."""
    _ = translator(lang, _)
    st = Styles()
    policy = _policy(data)
    questions = _questions(data, policy)
    story = _header(st, _, data)
    story += _results(st, _, data, policy)
    story += _summary(st, _, questions)
    for q in questions:
        story += _question_block(st, _, q)
    story += _speech(st, _, data, questions)
    story += _affect(st, _, data, policy)
    steps = [s for s in data.get("next_steps") or [] if s]
    if steps:
        story += [st.heading(_("Next steps"))] + st.bullets(steps)
    about = [st.heading(_("About this report")), Paragraph(esc(_(
        "This report was prepared with AI-assisted analysis and reviewed by the hiring team before it was sent. "
        "The AI analysis is advisory only; every hiring decision is made by people. To ask how you were "
        "assessed, contest a result or request a human re-review, contact the hiring team.")), st.small)]
    if data.get("contact"):
        about.append(Paragraph(esc(_("Contact: %s", data["contact"])), st.small))
    story.append(KeepTogether(about))
    company = str(data.get("company_name") or "")
    title = _("Interview Feedback Report")
    footer = " · ".join(x for x in (company, title) if x)
    return build_pdf(story, "%s - %s" % (title, data.get("candidate_name") or ""), footer,
                     lambda n: _("Page %d", n), st, author=company, subject=str(data.get("job_name") or ""))
