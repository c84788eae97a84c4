# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Human oversight (EU AI Act Art 14, PIPL Art 24): every hiring decision is an append-only record of who
decided what against which AI band; a decision on the opposite side of the AI's band needs a reason; a
switch per company and per job suspends AI scoring (answers are kept for human review, no job is queued)."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..scoring import bands
from .hr_ai_interview import BANDS

# the decision the AI's band speaks against: rejecting a strong result, advancing a weak one
AGAINST_BAND = {"strong": "reject", "needs_work": "advance"}


def departs(band, decision):
    return bool(band) and AGAINST_BAND.get(band) == decision


class HrAiDecision(models.Model):
    _name = "hr.ai.decision"
    _description = "AI Interview Hiring Decision Record"
    _order = "id desc"
    _rec_name = "decision"

    interview_id = fields.Many2one("hr.ai.interview", required=True, ondelete="cascade", index=True, readonly=True)
    job_id = fields.Many2one(related="interview_id.job_id", store=True, index=True)
    company_id = fields.Many2one(related="interview_id.company_id", store=True, index=True)
    user_id = fields.Many2one("res.users", string="Decided By", required=True, readonly=True, ondelete="restrict")
    decision = fields.Selection([("advance", "Advance"), ("hold", "Hold"), ("reject", "Reject")],
                                required=True, readonly=True)
    ai_score = fields.Float(string="AI Score", readonly=True, aggregator="avg")
    ai_band = fields.Selection(BANDS, string="AI Band", readonly=True)
    ai_suspended = fields.Boolean(string="AI Scoring Suspended", readonly=True)
    departs = fields.Boolean(string="Departs from AI", readonly=True,
                             help="The decision goes against the AI's band (rejecting a strong result or "
                                  "advancing a weak one).")
    reason = fields.Text(readonly=True)

    @api.constrains("departs", "reason")
    def _check_reason(self):
        for record in self:
            if record.departs and not (record.reason or "").strip():
                raise ValidationError(_("A decision that departs from the AI's band needs a reason."))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("ai_human_decision"):
            raise AccessError(_("Decision records are written by the decision buttons only."))
        return super().create(vals_list)

    def write(self, vals):
        raise AccessError(_("A decision record cannot be changed; record a new decision instead."))

    def unlink(self):
        # deleting the interview removes them by database cascade (erasure); the audit trail keeps the decisions
        raise AccessError(_("A decision record cannot be deleted."))


class HrAiDecisionWizard(models.TransientModel):
    _name = "hr.ai.decision.wizard"
    _description = "AI Interview: decision with a reason"

    interview_id = fields.Many2one("hr.ai.interview", required=True)
    decision = fields.Selection([("advance", "Advance"), ("hold", "Hold"), ("reject", "Reject")], required=True)
    ai_band = fields.Selection(related="interview_id.ai_band")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.interview_id.action_ai_decide(self.decision, reason=self.reason)
        return {"type": "ir.actions.act_window_close"}


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    decision_ids = fields.One2many("hr.ai.decision", "interview_id", string="Decision History", readonly=True)
    # stored: views colour and group on it, so the band limits live only in scoring/bands.py
    ai_band = fields.Selection(BANDS, string="AI Band", compute="_compute_ai_band", store=True)
    ai_scoring_suspended = fields.Boolean(string="AI Scoring Suspended", compute="_compute_ai_scoring_suspended",
                                          help="AI scoring is suspended for this company or job.")

    @api.depends("job_id.ai_scoring_suspended", "company_id.ai_scoring_suspended")
    def _compute_ai_scoring_suspended(self):
        for interview in self:
            interview.ai_scoring_suspended = interview._ai_scoring_suspended()

    @api.depends("overall_score", "state", "job_id.ai_scoring_suspended", "company_id.ai_scoring_suspended")
    def _compute_ai_band(self):
        for interview in self:
            scored = interview.state == "scored" and not interview._ai_scoring_suspended()
            interview.ai_band = bands.band(interview.overall_score) if scored else False

    def _ai_scoring_suspended(self):
        self.ensure_one()
        return bool(self.company_id.ai_scoring_suspended or self.job_id.ai_scoring_suspended)

    def action_ai_decide(self, decision, reason=None):
        if not (reason or "").strip() and any(departs(i.ai_band, decision) for i in self):
            raise ValidationError(_("A decision that departs from the AI's band needs a reason."))
        result = super().action_ai_decide(decision)
        self.env["hr.ai.decision"].with_context(ai_human_decision=True).create([{
            "interview_id": interview.id, "user_id": self.env.uid, "decision": decision,
            "ai_score": interview.overall_score if interview.ai_band else 0.0, "ai_band": interview.ai_band,
            "ai_suspended": interview.ai_scoring_suspended, "departs": departs(interview.ai_band, decision),
            "reason": (reason or "").strip() or False} for interview in self])
        return result

    def _ai_decide_button(self, decision):
        """The form's buttons: a decision against the AI's band opens the reason dialog first."""
        if len(self) == 1 and departs(self.ai_band, decision):
            return {"type": "ir.actions.act_window", "res_model": "hr.ai.decision.wizard", "view_mode": "form",
                    "target": "new", "name": _("Reason for departing from the AI"),
                    "context": {"default_interview_id": self.id, "default_decision": decision}}
        return self.action_ai_decide(decision)

    def action_ai_decide_advance(self):
        return self._ai_decide_button("advance")

    def action_ai_decide_hold(self):
        return self._ai_decide_button("hold")

    def action_ai_decide_reject(self):
        return self._ai_decide_button("reject")

    def action_rescore(self):
        if any(interview._ai_scoring_suspended() for interview in self):
            raise UserError(_("AI scoring is suspended for this job or company: the answers are for human "
                              "review only."))
        return super().action_rescore()


class HrAiInterviewAnswer(models.Model):
    _inherit = "hr.ai.interview.answer"

    def _enqueue_scoring(self):
        """Suspended AI scoring queues nothing: the answers stay 'uploaded' for the human reviewers."""
        suspended = self.filtered(lambda a: a.interview_id._ai_scoring_suspended())
        return super(HrAiInterviewAnswer, self - suspended)._enqueue_scoring()


class HrJob(models.Model):
    _inherit = "hr.job"

    ai_scoring_suspended = fields.Boolean(
        string="Suspend AI Scoring", tracking=True,
        help="Answers are recorded and kept for human review only; no AI score is computed.")


class ResCompany(models.Model):
    _inherit = "res.company"

    ai_scoring_suspended = fields.Boolean(
        string="Suspend AI Scoring", help="For every job of the company: answers are kept for human review only, "
                                          "no AI score is computed.")


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ai_scoring_suspended = fields.Boolean(related="company_id.ai_scoring_suspended", readonly=False)
