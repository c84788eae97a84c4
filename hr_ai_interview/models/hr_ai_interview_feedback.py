# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Candidate feedback report: built from the engine's per-answer feedback and the (merged) dimension scores,
rendered in the candidate's language, approved by HR (or automatically after review, per company), stored as an
attachment and delivered (hr.ai.delivery). Nothing internal goes in: feedback_pdf reads whitelisted keys only."""
import base64
import secrets
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..reporting.feedback_pdf import render_candidate_feedback
from ..scoring.fusion import RATE_RANGE
from ..scoring.policy import get_policy
from .hr_ai_interview_flags import render_feedback
from .hr_ai_interview_report import HR_GROUP, report_translator

FEEDBACK_STATES = [("draft", "Draft"), ("approved", "Approved"), ("sent", "Sent"), ("failed", "Failed")]
MAX_ITEMS = 6  # per question


def _speech_rate(result):
    speech = ((result.get("features") or {}).get("speech") or {})
    for key in ("rate_cpm", "rate", "syllables_per_minute"):
        if isinstance(speech.get(key), (int, float)) and speech[key] > 0:
            return float(speech[key])
    return None


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    feedback_state = fields.Selection(FEEDBACK_STATES, string="Feedback Report", default="draft", required=True,
                                      tracking=True, copy=False)
    feedback_attachment_id = fields.Many2one("ir.attachment", string="Feedback PDF", readonly=True, copy=False,
                                             ondelete="set null")
    feedback_approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    feedback_approved_at = fields.Datetime(readonly=True, copy=False)
    feedback_auto = fields.Boolean(string="Approved Automatically", readonly=True, copy=False)
    feedback_sent_at = fields.Datetime(readonly=True, copy=False)
    feedback_link_expires = fields.Datetime(string="Download Link Valid Until", readonly=True, copy=False)
    # the report link has its own token: it is mailed and pushed to WeChat, and must not open the interview
    feedback_access_token = fields.Char(copy=False, groups="base.group_system")
    delivery_ids = fields.One2many("hr.ai.delivery", "interview_id", string="Deliveries",
                                   domain=[("kind", "=", "report")])
    delivery_count = fields.Integer(compute="_compute_delivery_count")
    # `lang` of the candidate mail templates: rendering in a language that is not installed raises, so fall
    # back to the partner's language (always an installed one) and then the template's own (English) text
    ai_mail_lang = fields.Char(string="Mail Language", compute="_compute_ai_mail_lang")

    @api.depends("language", "partner_id.lang")
    def _compute_ai_mail_lang(self):
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        for interview in self:
            interview.ai_mail_lang = interview.language if interview.language in installed else \
                (interview.partner_id.lang or "")

    def _compute_delivery_count(self):
        for interview in self:
            interview.delivery_count = len(interview.delivery_ids)

    # ---------- data ----------
    def _ai_candidate_lang(self):
        return "en_US" if self.language == "en_US" else "zh_CN"

    def _feedback_report_data(self, _=None):
        """Input of reporting.feedback_pdf. Dimension levels use the merged (AI + human) scores once reviewed."""
        self.ensure_one()
        _ = _ or report_translator(self._ai_candidate_lang())
        en = self._ai_candidate_lang() == "en_US"  # the pace is measured in the answer's language
        summary = self._ai_summary(self._ai_candidate_lang())
        merged = {d["name"]: d["merged"] for d in summary["dimensions"] if d["merged"] is not None}
        dims = [{"name": d["name"], "weight": d["weight"], "score": merged.get(d["name"], d["score"])}
                for d in self._ai_dimension_entries()]
        questions, rates, affect = [], [], []
        for q, answer in zip(self._ai_question_entries(), self._ai_scored_answers()):
            feedback = q["feedback"]
            worded = render_feedback(feedback, _)  # from the stored codes, in the candidate's language
            questions.append({"number": q["number"], "text": q["text"], "mode": q["mode"], "score": q["score"],
                              "strengths": worded["strengths"][:MAX_ITEMS],
                              "improvements": worded["improvements"][:MAX_ITEMS]})
            rate = _speech_rate(answer._result())
            if rate:
                rates.append(rate)
            affect += feedback.get("affect") or []
        policy = get_policy(self.policy)
        return {
            "candidate_name": self.candidate_name or self.partner_id.name or "",
            "job_name": self.job_id.name, "company_name": self.company_id.name,
            "company_logo": self._ai_company_logo(),
            # the candidate's calendar day, not the HR user's who generates the report
            "date": fields.Date.context_today(self.with_context(tz=self._candidate_tz()),
                                              self.submitted_at or fields.Datetime.now()),
            "dimensions": dims,
            "questions": questions,
            # pace only when the policy analysed speech at all (text-only interviews have none)
            "speech": {"rate_cpm": sum(rates) / len(rates), "band": RATE_RANGE["en" if en else "zh"],
                       "unit": _("words/min") if en else _("chars/min")}
            if rates and policy.speech_fluency else None,
            "affect": affect if policy.speech_affect or policy.vision else [],
            "next_steps": [
                _("Answer with a clear structure: conclusion first, then your points, then a short summary."),
                _("Prepare two or three real examples with concrete figures (scale, percentages, time)."),
                _("Our hiring team will contact you about the next steps after the review.")],
            "contact": self.user_id.email or self.company_id.email or "",
            "policy": {"affect_analysis": self.policy == "full", "show_dimension_scores": True,
                       "show_overall": False},
        }

    def _render_feedback_pdf(self):
        """The candidate's report, in the interview's language."""
        self.ensure_one()
        _ = report_translator(self._ai_candidate_lang())
        return render_candidate_feedback(self._feedback_report_data(_), _=_)

    def _ai_feedback_filename(self):
        _ = report_translator(self._ai_candidate_lang())
        return "%s - %s.pdf" % (_("Interview feedback"), self.candidate_name or self.partner_id.name or self.id)

    # ---------- workflow ----------
    def _ai_check_hr(self):
        if not self.env.su and not self.env.user.has_group(HR_GROUP):
            raise AccessError(_("Only recruitment officers can approve or send feedback reports."))

    def action_generate_feedback(self):
        """(Re)build the PDF attachment; allowed until the report is sent."""
        self._ai_check_hr()
        for interview in self:
            if interview.state != "scored":
                raise UserError(_("The feedback report needs a scored interview."))
            if interview.feedback_state == "sent":
                raise UserError(_("This feedback report was already sent to the candidate."))
            pdf = interview._render_feedback_pdf()
            vals = {"name": interview._ai_feedback_filename(), "datas": base64.b64encode(pdf),
                    "mimetype": "application/pdf", "res_model": interview._name, "res_id": interview.id}
            att = interview.sudo().feedback_attachment_id
            if att:
                att.write(vals)
            else:
                att = self.env["ir.attachment"].sudo().create(vals)
            interview.sudo().write({"feedback_attachment_id": att.id,
                                    "feedback_state": "draft" if interview.feedback_state == "approved"
                                    else interview.feedback_state})
        return True

    def action_approve_feedback(self):
        self._ai_check_hr()
        for interview in self:
            interview._ai_approve_feedback()
        return True

    def _ai_approve_feedback(self, auto=False):
        self.ensure_one()
        if self.feedback_state != "draft":
            raise UserError(_("Only a draft feedback report can be approved."))
        self.action_generate_feedback()  # approve exactly what is current, never a stale PDF
        days = self.company_id.ai_feedback_link_days or 30
        self.write({"feedback_state": "approved", "feedback_auto": auto,
                    "feedback_approved_by": False if auto else self.env.uid,
                    "feedback_approved_at": fields.Datetime.now(),
                    "feedback_link_expires": fields.Datetime.now() + timedelta(days=days)})
        self.message_post(body=_("Feedback report approved automatically after review.") if auto
                          else _("Feedback report approved by %s.", self.env.user.name))

    def action_send_feedback(self):
        self._ai_check_hr()
        for interview in self:
            interview._ai_send_feedback()
        return True

    def _ai_send_feedback(self):
        """Create one delivery per channel and queue it. Refused before HR approval."""
        self.ensure_one()
        if self.feedback_state not in ("approved", "sent", "failed") or not self.feedback_approved_at:
            raise UserError(_("HR must approve the feedback report before it is sent."))
        if not self.feedback_attachment_id:
            raise UserError(_("The feedback report has no PDF; generate it first."))
        self.env["hr.ai.delivery"].sudo()._ai_create_for(self)._ai_enqueue()

    def _ai_update_feedback_state(self):
        """sent once any channel delivered; failed when every channel failed for good."""
        for interview in self:
            deliveries = interview.delivery_ids
            if deliveries.filtered(lambda d: d.state == "sent"):
                if interview.feedback_state != "sent":
                    interview.write({"feedback_state": "sent", "feedback_sent_at": fields.Datetime.now()})
            elif deliveries and all(d.state == "failed" for d in deliveries):
                interview.feedback_state = "failed"

    def _ai_feedback_download_url(self, absolute=True):
        self.ensure_one()
        rec = self.sudo()
        if not rec.feedback_access_token:
            rec.feedback_access_token = secrets.token_urlsafe(32)
        path = "/ai-interview/%s/report.pdf?access_token=%s" % (self.id, rec.feedback_access_token)
        return (self.get_base_url() + path) if absolute else path

    def _ai_feedback_available(self):
        """The candidate may download while the report is approved/sent and the link has not expired."""
        self.ensure_one()
        return bool(self.feedback_state in ("approved", "sent") and self.feedback_attachment_id
                    and (not self.feedback_link_expires or self.feedback_link_expires > fields.Datetime.now()))

    def action_ai_view_deliveries(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": _("Deliveries"), "res_model": "hr.ai.delivery",
                "view_mode": "list,form", "domain": [("interview_id", "=", self.id)]}
