# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Read-only HTML for HR, computed from the stored engine result: transcript with highlighted keyword hits,
dimension scores with evidence, speech/vision timelines as inline SVG, attention points and flags.
Everything that comes from the result or the candidate goes through markupsafe.escape."""
from markupsafe import Markup, escape

from odoo import api, fields, models

from ..reporting import charts
from ..reporting.levels import band_label
from ..scoring import bands
from ..scoring.fusion import RATE_RANGE
from .hr_ai_interview_flags import FAILURE_TEXTS, render_flags, render_point
from .hr_ai_interview_report import report_translator

SEVERITY_CLASS = {"high": "danger", "warning": "warning", "medium": "warning", "info": "info", "low": "info"}


def _num(value, default=None):
    return float(value) if isinstance(value, (int, float)) else default


def highlight(text, keywords):
    """Escaped `text` with every occurrence of `keywords` ({keyword: dimension}) wrapped in <mark>."""
    if not text:
        return Markup("")
    spans, lowered = [], text.lower()
    for kw in sorted(keywords, key=len, reverse=True):
        start = 0
        while kw and (pos := lowered.find(kw.lower(), start)) >= 0:
            if not any(a < pos + len(kw) and pos < b for a, b, _d in spans):
                spans.append((pos, pos + len(kw), keywords[kw]))
            start = pos + len(kw)
    out, last = [], 0
    for a, b, dim in sorted(spans):
        out.append(escape(text[last:a]))
        out.append(Markup('<mark class="o_ai_hit" title="%s">%s</mark>') % (dim, text[a:b]))
        last = b
    out.append(escape(text[last:]))
    return Markup("").join(out)


def score_bar(score):
    if score is None:
        return Markup('<span class="text-muted">—</span>')
    color = {"strong": "success", "adequate": "warning"}.get(bands.band(score), "danger")  # the engine's bands
    return Markup('<div class="progress" style="height:14px;min-width:120px"><div class="progress-bar bg-%s" '
                  'style="width:%s%%">%s</div></div>') % (color, max(0.0, min(100.0, score)), "%.1f" % score)


def _evidence(d, _):
    items = [Markup("<li><b>%s</b>: …%s…</li>") % (e.get("keyword"), e.get("snippet") or "")
             for e in d.get("evidence") or [] if isinstance(e, dict)]
    out = Markup("<ul class='mb-0 small'>%s</ul>") % Markup("").join(items) if items else Markup("")
    missing = d.get("missing_keywords") or []
    if missing:
        out += Markup("<div class='small text-muted'>%s</div>") % _("Not mentioned: %s", ", ".join(map(str, missing)))
    return out


def dimensions_table(dims, _):
    """One answer's dimensions: score, level and evidence. No weight column: the one weight of a dimension is
    its share of the interview's overall, shown on the interview (see weights_table)."""
    if not dims:
        return Markup('<p class="text-muted">—</p>')
    rows = [Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>") % (
        d.get("name"), score_bar(_num(d.get("score"))), band_label(_num(d.get("score")), _), _evidence(d, _))
        for d in dims if isinstance(d, dict)]
    head = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
        _("Dimension"), _("Score"), _("Level"), _("Evidence"))
    return Markup("<table class='table table-sm o_ai_dimensions'><thead>%s</thead><tbody>%s</tbody></table>") % (
        head, Markup("").join(rows))


def weights_table(summary, _):
    """The interview's averages: every part of the overall with its share of it (the same share the hiring
    report prints), its score over the answers and its level."""
    rows = [Markup("<tr><td>%s</td><td class='text-end'>%s</td><td>%s</td><td>%s</td></tr>") % (
        r["name"], "%.0f %%" % r["share"] if r.get("share") is not None else "—", score_bar(_num(r.get("ai"))),
        band_label(_num(r.get("ai")), _)) for r in summary["dimensions"] + summary["modalities"]]
    if not rows:
        return Markup('<p class="text-muted">—</p>')
    head = Markup("<tr><th>%s</th><th class='text-end'>%s</th><th>%s</th><th>%s</th></tr>") % (
        _("Dimension"), _("Share of the overall"), _("Average score"), _("Level"))
    return Markup("<table class='table table-sm o_ai_dimensions'><thead>%s</thead><tbody>%s</tbody></table>") % (
        head, Markup("").join(rows))


def questions_table(answers, modes, _):
    """Per question: the question, how it was answered, its score, level and the evidence per dimension."""
    rows = []
    for number, answer in enumerate(answers, start=1):
        result = answer._result()
        dims = [d for d in (result.get("scores") or {}).get("dimensions") or [] if isinstance(d, dict)]
        score = answer.overall_score if answer.state == "scored" else None
        evidence = Markup("").join(
            Markup("<div><b>%s</b> %s%s</div>") % (d.get("name"), "%.0f" % d["score"] if _num(d.get("score"))
                                                    is not None else "—", _evidence(d, _)) for d in dims)
        if answer.state != "scored":
            evidence = Markup("<span class='text-muted'>%s</span>") % dict(modes["state"]).get(answer.state, "")
        rows.append(Markup("<tr><td>%s. %s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>") % (
            number, answer.question_line_id.name or "", dict(modes["mode"]).get(answer.mode, answer.mode),
            score_bar(score), band_label(score, _), evidence))
    if not rows:
        return Markup('<p class="text-muted">—</p>')
    head = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
        _("Question"), _("Answered as"), _("Score"), _("Level"), _("Evidence"))
    return Markup("<table class='table table-sm o_ai_questions'><thead>%s</thead><tbody>%s</tbody></table>") % (
        head, Markup("").join(rows))


def timeline_svg(result, lang, answer_lang):
    """Speaking rate over time and face presence: reporting.charts draws it in the viewer's language, against the
    recommended range of the answer's language."""
    band = RATE_RANGE["en" if (answer_lang or "").startswith("en") else "zh"]
    return Markup(charts.timeline_svg(result, report_translator(lang), band))


def attention_list(points, flags, _, numbers=None):
    """Attention points and flags as sentences with what they mean (flags are stored as codes)."""
    items = [Markup("<li class='text-%s'>%s%s</li>") % (
        SEVERITY_CLASS.get(p.get("severity"), "body"), render_point(p, _),
        Markup(" <small>(%.0f s)</small>") % p["at_seconds"] if _num(p.get("at_seconds")) is not None else "")
        for p in points or [] if isinstance(p, dict)]
    items += [Markup("<li class='text-%s'>%s <div class='small text-muted'>%s</div></li>") % (
        SEVERITY_CLASS.get(f["severity"], "body"), f["text"], f["why"]) for f in render_flags(flags, _, numbers)]
    return Markup("<ul class='mb-0'>%s</ul>") % Markup("").join(items) if items else Markup("")


def player(answer):
    """HTML5 player of the recording, streamed with range requests by /web/content."""
    att = answer.attachment_id
    if not att:
        return Markup("")
    tag = "audio" if (att.mimetype or "").startswith("audio/") else "video"
    return Markup('<%s controls="controls" preload="metadata" style="max-width:100%%;max-height:360px" '
                  'src="/web/content/%s"><source src="/web/content/%s" type="%s"/></%s>') % (
        Markup(tag), att.id, att.id, att.mimetype or "video/webm", Markup(tag))


class HrAiInterviewAnswer(models.Model):
    _inherit = "hr.ai.interview.answer"

    transcript_html = fields.Html(compute="_compute_display_html", sanitize=False)
    dimensions_html = fields.Html(compute="_compute_display_html", sanitize=False)
    timeline_html = fields.Html(compute="_compute_display_html", sanitize=False)
    attention_html = fields.Html(compute="_compute_display_html", sanitize=False)
    video_url = fields.Char(compute="_compute_display_html")
    player_html = fields.Html(compute="_compute_display_html", sanitize=False)
    failure_message = fields.Char(string="Why It Failed", compute="_compute_failure_message")
    duration_display = fields.Char(string="Length", compute="_compute_duration_display")

    @api.depends("duration")
    def _compute_duration_display(self):
        for answer in self:
            s = round(answer.duration or 0)
            answer.duration_display = "%d:%02d" % (s // 60, s % 60) if answer.duration else False

    @api.depends_context("lang")
    @api.depends("failure_code", "failure_reason")
    def _compute_failure_message(self):
        """The failure in the reader's language (the stored reason is the engine's or the job's own words)."""
        tr = report_translator(self.env.lang)
        for answer in self:
            code, detail = answer.failure_code, answer.failure_reason
            if code in FAILURE_TEXTS:
                text = tr(FAILURE_TEXTS[code])
                answer.failure_message = "%s (%s)" % (text, detail) if detail and code in (
                    "engine_failed", "job_failed") else text
            else:
                answer.failure_message = detail or False

    @api.depends_context("lang")
    @api.depends("result_json", "transcript", "transcript_corrected", "text_answer", "attachment_id", "state")
    def _compute_display_html(self):
        tr = report_translator(self.env.lang)
        for answer in self:
            result = answer._result()
            dims = (result.get("scores") or {}).get("dimensions") or []
            keywords = {e["keyword"]: d.get("name") for d in dims for e in d.get("evidence") or []
                        if e.get("keyword")}
            for d in dims:  # matched surface forms (synonyms) are highlighted too
                for e in d.get("evidence") or []:
                    if e.get("matched") and isinstance(e["matched"], str):
                        keywords.setdefault(e["matched"], d.get("name"))
            # a typed answer is the candidate's own text (no recognition, no correction)
            text = (answer.text_answer if answer.mode == "text" else
                    answer.transcript_corrected or answer.transcript) or ""
            answer.transcript_html = highlight(text, keywords)
            answer.dimensions_html = dimensions_table(dims, tr)
            answer.timeline_html = timeline_svg(result, self.env.lang, answer.interview_id.language)
            number = answer._question_number()
            flags = [dict(f, question=number) if isinstance(f, dict) else {"code": f, "question": number}
                     for f in answer._flag_list()]
            answer.attention_html = attention_list(result.get("attention_points"), flags, tr)
            answer.video_url = "/web/content/%s" % answer.attachment_id.id if answer.attachment_id else False
            answer.player_html = player(answer)


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    hr_answer_ids = fields.One2many("hr.ai.interview.answer", "interview_id", string="Answers (HR)",
                                    domain=[("is_practice", "=", False)], readonly=True)
    dimension_scores_html = fields.Html(compute="_compute_result_html", sanitize=False)
    question_results_html = fields.Html(compute="_compute_result_html", sanitize=False)
    flags_html = fields.Html(compute="_compute_result_html", sanitize=False)

    @api.depends_context("lang")
    @api.depends("dimension_scores", "score_flags", "answer_ids.state", "answer_ids.overall_score")
    def _compute_result_html(self):
        tr = report_translator(self.env.lang)
        Answer = self.env["hr.ai.interview.answer"]
        modes = {"mode": Answer._fields["mode"]._description_selection(self.env),
                 "state": Answer._fields["state"]._description_selection(self.env)}
        for interview in self:
            interview.dimension_scores_html = weights_table(interview._ai_summary(), tr)
            answers = interview._current_answers().sorted(lambda a: (a.question_sequence, a.id))
            interview.question_results_html = questions_table(answers, modes, tr)
            numbers = {a.id: a._question_number() for a in answers}
            interview.flags_html = attention_list([], interview.score_flags or [], tr, numbers)
