# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Read-only HTML for HR, computed from the stored engine result: transcript with highlighted keyword hits,
dimension scores with evidence, speech/vision timelines as inline SVG, attention points and flags.
Everything that comes from the result or the candidate goes through markupsafe.escape."""
import json

from markupsafe import Markup, escape

from odoo import api, fields, models

from ..scoring import bands

SVG_W, SVG_PAD = 640, 40
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


def timeline_svg(result):
    """Speaking rate over time (line) and face presence (band: absent red, several faces orange)."""
    speech = (result.get("features") or {}).get("speech") or {}
    vision = (result.get("features") or {}).get("vision") or {}
    series = speech.get("rate_series") or []
    duration = _num((result.get("media") or {}).get("duration")) or _num(speech.get("duration")) or max(
        [_num(w.get("end"), 0) for w in series] + [0.0])
    if not duration or not (series or vision.get("frames_analysed")):
        return Markup("")
    x = lambda t: SVG_PAD + (SVG_W - 2 * SVG_PAD) * max(0.0, min(1.0, (t or 0) / duration))  # noqa: E731
    parts = [Markup('<text x="%s" y="12" font-size="11">%s</text>') % (SVG_PAD, "Speaking rate (%s)" % (
        speech.get("rate_unit") or ""))]
    if series:
        top = max(260.0, max(_num(w.get("rate"), 0) for w in series))
        pts = " ".join("%.1f,%.1f" % (x((_num(w.get("start"), 0) + _num(w.get("end"), 0)) / 2),
                                      20 + 80 * (1 - _num(w.get("rate"), 0) / top)) for w in series)
        for band, label in ((150, "150"), (200, "200")):
            y = 20 + 80 * (1 - band / top)
            parts.append(Markup('<line x1="%s" x2="%s" y1="%.1f" y2="%.1f" stroke="#ccc" stroke-dasharray="3"/>'
                                '<text x="4" y="%.1f" font-size="9" fill="#888">%s</text>')
                         % (SVG_PAD, SVG_W - SVG_PAD, y, y, y + 3, label))
        parts.append(Markup('<polyline points="%s" fill="none" stroke="#2c7be5" stroke-width="2"/>') % pts)
    if vision.get("frames_analysed"):
        parts.append(Markup('<text x="%s" y="122" font-size="11">Face in view</text>'
                            '<rect x="%s" y="128" width="%s" height="14" fill="#5cb85c"/>')
                     % (SVG_PAD, SVG_PAD, SVG_W - 2 * SVG_PAD))
        for key, color in (("face_absent_intervals", "#d9534f"), ("multiple_faces_intervals", "#f0ad4e")):
            for a, b in vision.get(key) or []:
                parts.append(Markup('<rect x="%.1f" y="128" width="%.1f" height="14" fill="%s"/>')
                             % (x(a), max(1.0, x(b) - x(a)), color))
    parts.append(Markup('<text x="%s" y="158" font-size="9" fill="#888">0 s</text>'
                        '<text x="%s" y="158" font-size="9" fill="#888" text-anchor="end">%.0f s</text>')
                 % (SVG_PAD, SVG_W - SVG_PAD, duration))
    return Markup('<svg class="o_ai_timeline" viewBox="0 0 %s 162" width="100%%" role="img" '
                  'xmlns="http://www.w3.org/2000/svg">%s</svg>') % (SVG_W, Markup("").join(parts))


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
            text = answer.transcript_corrected or answer.transcript or answer.text_answer or ""
            answer.transcript_html = highlight(text, keywords)
            answer.dimensions_html = dimensions_table(dims)
            answer.timeline_html = timeline_svg(result)
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
