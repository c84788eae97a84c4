# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrAiEraseWizard(models.TransientModel):
    """HR's "erase candidate data": asks why (the reason is logged with who and when)."""
    _name = "hr.ai.erase.wizard"
    _description = "Erase AI Interview Candidate Data"

    interview_ids = fields.Many2many("hr.ai.interview", string="Interviews", required=True,
                                     default=lambda self: self.env.context.get("active_ids"))
    reason = fields.Char(required=True, help="Logged with your name and the time, e.g. the candidate's request.")

    def action_erase(self):
        self.ensure_one()
        self.interview_ids.action_erase_candidate_data(self.reason)
        return {"type": "ir.actions.act_window_close"}
