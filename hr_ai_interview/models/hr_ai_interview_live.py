# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Live monitoring (实时监控): the interview views refresh by themselves as candidates start, upload and
get scored. Writes that change what the lists show queue the interview ids; one bus message per transaction
goes to the recruitment interviewers' group channel just before commit (a rolled-back write sends nothing).
The message carries ids only: each client reloads through its own access rights."""
from odoo import api, models

LIVE_NOTIFICATION = "hr_ai_interview/live"
LIVE_GROUP = "hr_recruitment.group_hr_recruitment_interviewer"
ANSWER_LIVE_FIELDS = frozenset({"state", "overall_score", "is_current"})


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    def _live_notify(self):
        """Queue these interviews for this transaction's live message."""
        if not self.ids:
            return
        cr = self.env.cr
        pending = cr.precommit.data.setdefault("hr_ai_interview.live", set())
        if not pending:
            cr.precommit.add(self._live_flush)
        pending.update(self.ids)

    @api.model
    def _live_flush(self):
        ids = sorted(self.env.cr.precommit.data.pop("hr_ai_interview.live", ()))
        group = self.env.ref(LIVE_GROUP, raise_if_not_found=False)
        if ids and group:
            group.sudo()._bus_send(LIVE_NOTIFICATION, {"interview_ids": ids})


class HrAiInterviewAnswer(models.Model):
    _inherit = "hr.ai.interview.answer"

    @api.model_create_multi
    def create(self, vals_list):
        answers = super().create(vals_list)
        answers.interview_id._live_notify()
        return answers

    def write(self, vals):
        res = super().write(vals)
        if ANSWER_LIVE_FIELDS.intersection(vals):
            self.interview_id._live_notify()
        return res
