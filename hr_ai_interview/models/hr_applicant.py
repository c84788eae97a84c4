# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .hr_ai_interview import BANDS, STATES


class HrApplicant(models.Model):
    _inherit = "hr.applicant"

    ai_interview_ids = fields.One2many("hr.ai.interview", "applicant_id", string="AI Interviews")
    ai_interview_count = fields.Integer(compute="_compute_ai_interview", string="AI Interview Count")
    ai_interview_state = fields.Selection(STATES, compute="_compute_ai_interview", string="AI Interview")
    # Stored so the kanban/list can sort by it: the overall score of the latest scored interview.
    ai_score = fields.Float(string="AI Score", compute="_compute_ai_score", store=True, aggregator="avg")
    ai_band = fields.Selection(BANDS, string="AI Band", compute="_compute_ai_score", store=True)

    @api.depends("ai_interview_ids.state")
    def _compute_ai_interview(self):
        for applicant in self:
            interviews = applicant.ai_interview_ids
            applicant.ai_interview_count = len(interviews)
            latest = interviews.sorted("id", reverse=True)[:1]
            applicant.ai_interview_state = latest.state or False

    @api.depends("ai_interview_ids.state", "ai_interview_ids.overall_score", "ai_interview_ids.ai_band")
    def _compute_ai_score(self):
        for applicant in self:
            scored = applicant.ai_interview_ids.filtered(lambda i: i.state == "scored").sorted("id", reverse=True)
            applicant.ai_score = scored[:1].overall_score or 0.0
            applicant.ai_band = scored[:1].ai_band or False

    def action_ai_interview_invite(self):
        """Invite the selected applicants (form button and list/kanban action). Applicants that cannot be
        invited are reported, not fatal, so one bad row does not block a mass invitation."""
        Interview = self.env["hr.ai.interview"]
        invited, skipped = Interview, []
        for applicant in self:
            job = applicant.job_id
            if not job or not job.ai_interview_enabled:
                skipped.append(_("%s: the job position has no AI interview", applicant.partner_name or applicant.id))
                continue
            if not applicant.email_from:
                skipped.append(_("%s: no email address", applicant.partner_name or applicant.id))
                continue
            interview = applicant._ai_open_interview()
            if not interview:
                skipped.append(_("%s: an interview is already under way", applicant.partner_name))
                continue
            if interview.state == "invited" and interview.invited_at:  # never a silent second mail
                skipped.append(_("%s: already invited (open the interview to send it again)",
                                 applicant.partner_name or applicant.id))
                continue
            interview.action_send_invitation()
            invited |= interview
        if len(self) == 1 and not skipped:
            return invited.get_formview_action() if invited else True
        if len(self) == 1 and skipped:
            raise UserError(skipped[0])
        message = _("%s applicant(s) invited to the AI interview.", len(invited))
        if skipped:
            message += " " + _("Skipped: %s", "; ".join(map(str, skipped)))
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"title": _("AI Interview"), "message": message, "sticky": bool(skipped),
                           "type": "warning" if skipped else "success",
                           "next": {"type": "ir.actions.act_window_close"}}}

    def _ai_open_interview(self):
        """The interview to invite to: the open one, else a new draft; none while one is under way."""
        self.ensure_one()
        interview = self.ai_interview_ids.filtered(lambda i: i.state in ("draft", "invited", "expired"))[:1]
        if interview:
            return interview
        if self.ai_interview_ids.filtered(lambda i: i.state in ("in_progress", "human_review", "scoring")):
            return self.env["hr.ai.interview"]
        return self.env["hr.ai.interview"].create({"applicant_id": self.id})

    def action_ai_interview_invite_wizard(self):
        """Form button: the invitation window for this applicant's interview (nothing is sent yet)."""
        self.ensure_one()
        if not self.job_id.ai_interview_enabled:
            raise UserError(_("%s: the job position has no AI interview", self.partner_name or self.id))
        if not self.email_from:
            raise UserError(_("%s: no email address", self.partner_name or self.id))
        interview = self._ai_open_interview()
        if not interview:
            raise UserError(_("%s: an interview is already under way", self.partner_name))
        return interview.action_open_invite_wizard()

    def action_view_ai_interviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_ai_interview.action_hr_ai_interview")
        action["domain"] = [("applicant_id", "=", self.id)]
        action["context"] = {"default_applicant_id": self.id}
        if self.ai_interview_count == 1:
            action.update(view_mode="form", res_id=self.ai_interview_ids.id, views=[(False, "form")])
        return action
