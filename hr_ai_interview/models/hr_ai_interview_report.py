# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hiring report (综合招聘报告) on the interview: human reviews merged with the AI scores, gap flags, a
recommendation, focus areas and follow-up questions, and the human-only final decision.

Stored are numbers and codes only (scores, gap count, recommendation); the sentences of the summary are
rendered by reporting.followups.build_hiring_summary when shown, in the reader's language."""
import base64

from markupsafe import Markup

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.models import READ_GROUP_AGGREGATE, parse_read_group_spec
from odoo.tools import SQL
from odoo.tools.translate import get_translation

from ..reporting.followups import build_hiring_summary, scores_explained
from ..reporting.hiring_pdf import render_hiring_report
from ..reporting.levels import band_label
from .hr_ai_interview_flags import render_point

HR_GROUP = "hr_recruitment.group_hr_recruitment_user"
AI_RECOMMENDATIONS = [("advance", "Advance"), ("hold", "Hold"), ("reject", "Reject"),
                      ("needs_human_review", "Needs Human Review")]
DECISIONS = [("advance", "Advance"), ("hold", "Hold"), ("reject", "Reject")]
REVIEW_SCORES = ("human_score", "merged_score")  # exist only once a human review is done (human_reviewed)


def report_translator(lang):
    """The translation function the pure reporting/ code receives: this addon's .po terms in `lang`.
    `_(src, {"k": v})` formats named placeholders, `_(src, a, b)` positional ones (as Odoo's `_`)."""
    lang = lang or "en_US"

    def translate(source, *args):
        return get_translation("hr_ai_interview", lang, source,
                               args[0] if len(args) == 1 and isinstance(args[0], dict) else args)

    return translate


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    review_ids = fields.One2many("hr.ai.review", "interview_id", string="Human Reviews")
    review_count = fields.Integer(compute="_compute_review_count")
    review_done_count = fields.Integer(string="Completed Reviews", compute="_compute_review_count")
    human_score = fields.Float(string="Human Score", compute="_compute_hiring_summary", store=True,
                               aggregator="avg", copy=False)
    merged_score = fields.Float(string="Hiring Score", compute="_compute_hiring_summary", store=True,
                                aggregator="avg", copy=False, help="AI and human scores merged with the "
                                "company's weights (Recruitment settings).")
    # a Float column always holds a number (the ORM writes 0.0 for "none"): this flag says whether the human and
    # merged scores exist; views show "awaiting review" without it and group averages skip those rows
    human_reviewed = fields.Boolean(string="Reviewed by a Person", compute="_compute_hiring_summary", store=True,
                                    copy=False)
    gap_count = fields.Integer(string="AI–Human Gaps", compute="_compute_hiring_summary", store=True, copy=False)
    ai_recommendation = fields.Selection(AI_RECOMMENDATIONS, string="Recommendation",
                                         compute="_compute_hiring_summary", store=True, copy=False,
                                         help="Suggested from the reviews; never 'reject' without a human "
                                              "reviewer recommending it.")
    hiring_report_html = fields.Html(compute="_compute_hiring_report_html", sanitize=False)
    # Final decision: only ever written by action_ai_decide (a person clicking), see write().
    final_decision = fields.Selection(DECISIONS, readonly=True, copy=False, tracking=True)
    decision_user_id = fields.Many2one("res.users", string="Decided By", readonly=True, copy=False)
    decision_date = fields.Datetime(readonly=True, copy=False)

    @api.depends("review_ids.state")
    def _compute_review_count(self):
        for interview in self:
            interview.review_count = len(interview.review_ids)
            interview.review_done_count = len(interview.review_ids.filtered(lambda r: r.state == "done"))

    # ---------- inputs ----------
    def _ai_dimension_entries(self):
        """[{"name", "score", "weight"}] of the AI result, else the rubric with no score yet."""
        self.ensure_one()
        dims = [d for d in (self._dimension_scores() or []) if isinstance(d, dict) and d.get("name")]
        if not dims:  # not scored yet: the rubric it is scored against
            dims = [dict(d, score=None) for d in self._rubric().get("dimensions") or []]
        # the rubric's weights as they are (a 0 % dimension counts 0 %, as in the interview's overall)
        return [{"name": d["name"], "score": d.get("score"),
                 "weight": float(d["weight"]) if isinstance(d.get("weight"), (int, float)) else 1.0} for d in dims]

    def _ai_dimension_names(self):
        return [d["name"] for d in self._ai_dimension_entries()]

    def _ai_dimension_score_map(self):
        return {d["name"]: d["score"] for d in self._ai_dimension_entries() if d["score"] is not None}

    def _ai_scored_results(self):
        """Engine result dicts of the current, scored, non-practice answers (practice never reaches HR)."""
        return [a._result() for a in self._ai_scored_answers()]

    def _ai_attention_points(self, _=None):
        """The answers' attention points, worded in the report's language (`_`)."""
        _ = _ or report_translator(self._ai_hr_lang())
        points, seen = [], set()
        for result in self._ai_scored_results():
            for point in result.get("attention_points") or []:
                text = render_point(point, _)
                if text and text not in seen:  # the same remark on several answers is listed once
                    seen.add(text)
                    points.append(dict(point, message=text) if isinstance(point, dict) else text)
        return points

    def _ai_scored_answers(self):
        self.ensure_one()
        return self._current_answers().filtered(lambda a: a.state == "scored").sorted("question_sequence")

    def _ai_modality_entries(self, _):
        """AI-only parts of the overall (speaking fluency, on camera), as the interview's aggregation made them."""
        names = {"speech": _("Speaking fluency"), "vision": _("On camera")}
        return [dict(m, name=names[m["code"]]) for m in self._ai_aggregate()["modalities"]]

    def _ai_question_entries(self):
        """Per current scored answer: question text, mode, the answer's scores and the engine's feedback."""
        out = []
        for number, answer in enumerate(self._ai_scored_answers(), start=1):
            result = answer._result()
            scores = result.get("scores") or {}
            overall = scores.get("overall")
            out.append({"number": number, "text": answer.question_line_id.name or "", "mode": answer.mode,
                        "score": float(overall) if isinstance(overall, (int, float)) else None,
                        "dimensions": [d for d in scores.get("dimensions") or [] if isinstance(d, dict)],
                        "feedback": result.get("feedback") or {}})
        return out

    def _ai_company_logo(self):
        """The company's own logo for the reports; None without one (Odoo's "Your logo" placeholder, which a
        company gets by default, is no logo)."""
        company = self.company_id.sudo().with_context(bin_size=False)  # forms read with bin_size: "3.2 Kb"
        return base64.b64decode(company.logo) if company.logo and not company.uses_default_logo else None

    def _hiring_report_data(self, _=None):
        """Input of reporting.hiring_pdf / followups.build_hiring_summary (done reviews only)."""
        self.ensure_one()
        _ = _ or report_translator(self._ai_hr_lang())
        done = self.review_ids.filtered(lambda r: r.state == "done").sorted("id")
        data = {
            "candidate_name": self.candidate_name or self.partner_id.name or "",
            "job_name": self.job_id.name, "company_name": self.company_id.name,
            "company_logo": self._ai_company_logo(),
            "date": fields.Date.context_today(self, self.scored_at or self.submitted_at or fields.Datetime.now()),
            "interview_ref": self.name,
            "dimensions": self._ai_dimension_entries(),
            "modalities": self._ai_modality_entries(_),
            "text_weight": float(self._modality_weights().get("text") or 0),
            "questions": self._ai_question_entries(),
            "ai_overall": self.overall_score if self.state == "scored" else None,
            "reviews": [r._ai_report_dict() for r in done],
            "attention_points": self._ai_attention_points(_),
        }
        data.update(self.company_id._ai_report_settings())
        return data

    def _ai_hr_lang(self):
        return self.env.lang or "en_US"

    # ---------- summary ----------
    @api.depends("dimension_scores", "overall_score", "state", "policy", "review_ids.state",
                 "review_ids.recommendation", "review_ids.line_ids.score_value", "review_ids.line_ids.is_scored",
                 "company_id.ai_report_weight_ai", "company_id.ai_report_gap_threshold",
                 "company_id.ai_report_advance_min")
    def _compute_hiring_summary(self):
        for interview in self:
            summary = interview._ai_summary("en_US")  # only numbers and codes are stored
            interview.human_reviewed = summary["reviewed"]
            interview.human_score = summary["human_overall"] or 0.0
            interview.merged_score = summary["merged_overall"] or 0.0
            interview.gap_count = len(summary["gaps"])
            interview.ai_recommendation = summary["recommendation"]["decision"]

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        """Averages (and sums, min, max) of the human and merged scores over reviewed interviews only: an
        interview awaiting review has no such score, its stored 0.0 must not pull a group's average down."""
        fname, _prop, func = parse_read_group_spec(aggregate_spec) if aggregate_spec != "__count" else ("", "", "")
        if fname in REVIEW_SCORES and func in ("avg", "sum", "min", "max"):
            value = SQL("CASE WHEN %s THEN %s END", self._field_to_sql(self._table, "human_reviewed", query),
                        self._field_to_sql(self._table, fname, query))
            return READ_GROUP_AGGREGATE[func](self._table, value)
        return super()._read_group_select(aggregate_spec, query)

    def _ai_summary(self, lang=None):
        """The hiring summary with its sentences in `lang` (default: the reader's language)."""
        self.ensure_one()
        _ = report_translator(lang or self._ai_hr_lang())
        return build_hiring_summary(self._hiring_report_data(_), _=_)

    @api.depends_context("lang")
    @api.depends("human_score", "merged_score", "gap_count", "ai_recommendation", "overall_score")
    def _compute_hiring_report_html(self):
        tr = report_translator(self._ai_hr_lang())
        for interview in self:
            s = interview._ai_summary()
            fmt = lambda v: "—" if v is None else "%.0f" % v  # noqa: E731
            awaiting = Markup('<span class="text-muted">%s</span>') % _("Awaiting review")
            rows = Markup("").join(
                Markup("<tr%s><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>") % (
                    Markup(' class="table-warning"') if d["gap_flag"] else "", d["name"], fmt(d["ai"]),
                    band_label(d["ai"], tr), fmt(d["human"]), fmt(d["merged"]) if s["reviewed"] else awaiting)
                for d in s["dimensions"] + s["modalities"])
            table = Markup('<table class="table table-sm o_ai_hiring_dims"><thead><tr><th>%s</th><th>%s</th>'
                           '<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>') % (
                _("Dimension"), _("AI"), _("Level"), _("Human"), _("Merged"), rows)
            overall = Markup("<p>%s: <b>%s</b> · %s: <b>%s</b> · %s: <b>%s</b></p>") % (
                _("AI overall"), fmt(s["ai_overall"]), _("Human review average"),
                fmt(s["human_overall"]) if s["reviewed"] else awaiting, _("Merged score"),
                fmt(s["merged_overall"]) if s["reviewed"] else awaiting)
            overall += Markup("<ul class='small text-muted o_ai_scores_explained'>%s</ul>") % Markup("").join(
                Markup("<li>%s</li>") % note for note in scores_explained(s, tr))
            reasons = Markup("").join(Markup("<li>%s</li>") % r for r in s["recommendation"]["reasons"])
            focus = Markup("").join(Markup("<li>%s</li>") % a["dimension"] for a in s["focus_areas"])
            next_round = Markup("<p class='text-primary'>%s</p>") % s["next_round"] if s["next_round"] else ""
            questions = Markup("").join(
                Markup("<li>%s%s</li>") % (q["question"], Markup(" <small class='text-muted'>[%s]</small>")
                                           % q["dimension"] if q["dimension"] else "") for q in s["followups"])
            per_question = Markup("").join(
                Markup("<tr><td>%s. %s</td><td>%s</td><td>%s</td><td>%s</td></tr>") % (
                    q["number"], q["text"], fmt(q["score"]), band_label(q["score"], tr),
                    " · ".join("%s %s" % (d.get("name"), fmt(d.get("score"))) for d in q["dimensions"]))
                for q in interview._ai_question_entries())
            per_question = Markup('<h5>%s</h5><table class="table table-sm o_ai_hiring_questions"><thead><tr>'
                                  '<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody>'
                                  '</table>') % (_("Per question"), _("Question"), _("AI"), _("Level"),
                                                 _("By competency"), per_question) if per_question else ""
            interview.hiring_report_html = Markup(
                "%s%s%s<h5>%s</h5><ul>%s</ul><h5>%s</h5>%s<ul>%s</ul><h5>%s</h5><ol>%s</ol>") % (
                overall, table, per_question, _("Why"), reasons, _("Focus areas for the next round"), next_round,
                focus, _("Suggested follow-up questions"), questions)

    # ---------- decisions ----------
    def write(self, vals):
        # Rejection needs a person: a compute, a scoring job or a script (superuser) cannot set it.
        if vals.get("final_decision") == "reject" and not self.env.context.get("ai_human_decision"):
            raise UserError(_("A rejection must be decided by a person (use the Reject button)."))
        return super().write(vals)

    def _ai_check_human_decider(self):
        user = self.env.user
        if self.env.su or user.id == SUPERUSER_ID or user._is_public() or not user.has_group(HR_GROUP):
            raise AccessError(_("Only a recruitment officer can record the hiring decision."))

    def action_ai_decide(self, decision):
        """Record a person's final decision. Called only from buttons (see the form's action_ai_decide_*)."""
        if decision not in dict(DECISIONS):
            raise UserError(_("Unknown decision: %s", decision))
        self._ai_check_human_decider()
        for interview in self:
            if decision == "reject" and not interview.review_ids.filtered(lambda r: r.state == "done"):
                raise UserError(_("Complete at least one human review before rejecting a candidate."))
            interview.with_context(ai_human_decision=True).write({
                "final_decision": decision, "decision_user_id": self.env.uid,
                "decision_date": fields.Datetime.now()})
            interview.message_post(body=_("Hiring decision: %(d)s (by %(u)s)", d=dict(DECISIONS)[decision],
                                          u=self.env.user.name))
        return True

    def action_ai_decide_advance(self):
        return self.action_ai_decide("advance")

    def action_ai_decide_hold(self):
        return self.action_ai_decide("hold")

    def action_ai_decide_reject(self):
        return self.action_ai_decide("reject")

    # ---------- reviews / PDF ----------
    def action_ai_open_reviews(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": _("Human Reviews"), "res_model": "hr.ai.review",
                "view_mode": "list,form", "domain": [("interview_id", "=", self.id)],
                "context": {"default_interview_id": self.id}}

    def action_ai_my_review(self):
        """Open (or start) the current user's review of this interview."""
        self.ensure_one()
        review = self.review_ids.filtered(lambda r: r.reviewer_id == self.env.user)[:1]
        if not review:
            review = self.env["hr.ai.review"].create({"interview_id": self.id})
        return {"type": "ir.actions.act_window", "res_model": "hr.ai.review", "res_id": review.id,
                "view_mode": "form", "target": "current"}

    def _ai_after_review_done(self):
        """Hook after a review is completed: auto-send the candidate feedback when the company wants it."""
        for interview in self:
            if interview.company_id.ai_feedback_auto_send and interview.feedback_state == "draft" \
                    and interview.state == "scored":
                interview.sudo()._ai_approve_feedback(auto=True)
                interview.sudo()._ai_send_feedback()

    def _render_hiring_pdf(self, lang=None):
        """The hiring report in `lang` (default: the printing user's language)."""
        self.ensure_one()
        _ = report_translator(lang or self._ai_hr_lang())
        return render_hiring_report(self._hiring_report_data(_), _=_)

    def action_print_hiring_report(self):
        self.ensure_one()
        if not self.env.user.has_group(HR_GROUP):
            raise AccessError(_("Only recruitment officers can print the hiring report."))
        return {"type": "ir.actions.act_url", "target": "new",
                "url": "/ai-interview/hr/%s/hiring-report.pdf" % self.id}
