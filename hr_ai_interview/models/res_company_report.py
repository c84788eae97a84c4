# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # Humans weigh more by default: the AI score is an input to a human decision, not the decision.
    ai_report_weight_ai = fields.Integer(string="AI Weight in Hiring Score (%)", default=40,
                                         help="The human reviewers' average gets the rest (100 − this).")
    ai_report_gap_threshold = fields.Integer(string="AI–Human Gap Alert (points)", default=20,
                                             help="Flag a dimension when reviewers and the AI differ by this "
                                                  "many points or more (0–100 scale).")
    ai_report_advance_min = fields.Integer(string="Advance Reference Score", default=60)
    ai_feedback_auto_send = fields.Boolean(
        string="Send Feedback Automatically",
        help="Approve and send the candidate's feedback report as soon as a review is completed. "
             "Otherwise HR approves each report before it is sent.")
    ai_feedback_link_days = fields.Integer(string="Report Link Validity (days)", default=30)

    @api.constrains("ai_report_weight_ai", "ai_report_gap_threshold", "ai_report_advance_min",
                    "ai_feedback_link_days")
    def _check_ai_report_settings(self):
        for company in self:
            if not 0 <= company.ai_report_weight_ai <= 100:
                raise ValidationError(_("The AI weight in the hiring score must be between 0 and 100."))
            if not 1 <= company.ai_report_gap_threshold <= 100:
                raise ValidationError(_("The gap alert threshold must be between 1 and 100 points."))
            if not 0 <= company.ai_report_advance_min <= 100:
                raise ValidationError(_("The advance reference score must be between 0 and 100."))
            if company.ai_feedback_link_days < 1:
                raise ValidationError(_("The report link must stay valid for at least one day."))

    def _ai_report_settings(self):
        """Plain dict for reporting.followups (weights as fractions of 1)."""
        self.ensure_one()
        ai = self.ai_report_weight_ai / 100.0
        return {"weights": {"ai": ai, "human": 1.0 - ai}, "gap_threshold": float(self.ai_report_gap_threshold),
                "advance_min": float(self.ai_report_advance_min)}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ai_report_weight_ai = fields.Integer(related="company_id.ai_report_weight_ai", readonly=False)
    ai_report_gap_threshold = fields.Integer(related="company_id.ai_report_gap_threshold", readonly=False)
    ai_report_advance_min = fields.Integer(related="company_id.ai_report_advance_min", readonly=False)
    ai_feedback_auto_send = fields.Boolean(related="company_id.ai_feedback_auto_send", readonly=False)
    ai_feedback_link_days = fields.Integer(related="company_id.ai_feedback_link_days", readonly=False)
