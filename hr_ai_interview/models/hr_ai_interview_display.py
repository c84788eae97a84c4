# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Read-only HTML for HR, computed from the stored engine result: transcript with highlighted keyword hits,
dimension scores with evidence, speech/vision timelines as inline SVG, attention points and flags.
Everything that comes from the result or the candidate goes through markupsafe.escape."""
import json

from markupsafe import Markup, escape

from odoo import api, fields, models

from ..reporting import charts
from ..scoring import bands
from ..scoring.fusion import RATE_RANGE
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


def dimensions_table(dims, with_evidence=True):
    if not dims:
        return Markup('<p class="text-muted">—</p>')
    rows = []
    for d in dims:
        evidence = Markup("")
        if with_evidence:
            items = [Markup("<li><b>%s</b>: …%s…</li>") % (e.get("keyword"), e.get("snippet") or "")
                     for e in d.get("evidence") or []]
            missing = d.get("missing_keywords") or []
            evidence = Markup("<ul class='mb-0 small'>%s</ul>") % Markup("").join(items) if items else Markup("")
            if missing:
                evidence += Markup("<div class='small text-muted'>Not mentioned: %s</div>") % ", ".join(
                    map(str, missing))
        rows.append(Markup("<tr><td>%s</td><td class='text-end'>%s%%</td><td>%s</td><td>%s</td></tr>") % (
            d.get("name"), d.get("weight", 0), score_bar(_num(d.get("score"))), evidence))
    head = Markup("<tr><th>Dimension</th><th class='text-end'>Weight</th><th>Score</th><th>%s</th></tr>") % (
        "Evidence" if with_evidence else "")
    return Markup("<table class='table table-sm o_ai_dimensions'><thead>%s</thead><tbody>%s</tbody></table>") % (
        head, Markup("").join(rows))


def timeline_svg(result, lang, answer_lang):
    """Speaking rate over time and face presence: reporting.charts draws it in the viewer's language, against the
    recommended range of the answer's language."""
    band = RATE_RANGE["en" if (answer_lang or "").startswith("en") else "zh"]
    return Markup(charts.timeline_svg(result, report_translator(lang), band))


def attention_list(points, flags):
    items = [Markup("<li class='text-%s'>%s%s</li>") % (
        SEVERITY_CLASS.get(p.get("severity"), "body"), p.get("message") or p.get("code"),
        Markup(" <small>(%.0f s)</small>") % p["at_seconds"] if _num(p.get("at_seconds")) is not None else "")
        for p in points or []]
    for flag in flags or []:
        flag = flag if isinstance(flag, dict) else {"code": flag}
        items.append(Markup("<li><span class='badge text-bg-secondary'>%s</span> %s</li>") % (
            flag.get("code"), flag.get("message") or ""))
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
    duration_display = fields.Char(string="Length", compute="_compute_duration_display")

    @api.depends("duration")
    def _compute_duration_display(self):
        for answer in self:
            s = round(answer.duration or 0)
            answer.duration_display = "%d:%02d" % (s // 60, s % 60) if answer.duration else False

    @api.depends("result_json", "transcript", "transcript_corrected", "text_answer", "attachment_id", "flags")
    def _compute_display_html(self):
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
            answer.dimensions_html = dimensions_table(dims)
            answer.timeline_html = timeline_svg(result, self.env.lang, answer.interview_id.language)
            answer.attention_html = attention_list(result.get("attention_points"), answer._flag_list())
            answer.video_url = "/web/content/%s" % answer.attachment_id.id if answer.attachment_id else False
            answer.player_html = player(answer)


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    hr_answer_ids = fields.One2many("hr.ai.interview.answer", "interview_id", string="Answers (HR)",
                                    domain=[("is_practice", "=", False)], readonly=True)
    dimension_scores_html = fields.Html(compute="_compute_result_html", sanitize=False)
    flags_html = fields.Html(compute="_compute_result_html", sanitize=False)

    @api.depends("dimension_scores", "score_flags")
    def _compute_result_html(self):
        for interview in self:
            interview.dimension_scores_html = dimensions_table(interview._dimension_scores(), with_evidence=False)
            try:
                flags = json.loads(interview.score_flags or "[]")
            except ValueError:
                flags = []
            interview.flags_html = attention_list([], flags)
