# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo data only: interviews that a candidate completed in writing, scored by the real engine while the demo
loads, so HR sees results straight after `make run`. Nothing here runs outside demo data."""
import logging

from odoo import models

_logger = logging.getLogger(__name__)


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    def _demo_complete_in_writing(self, answers, submit=True):
        """Invite, consent, identity checked by HR, typed `answers` (one per scored question, in order), then
        submit and run the queued scoring jobs here, as the job runner would (same input key: when the runner
        later picks the queued jobs up they find the answer scored and do nothing). `submit=False` leaves the
        interview in progress (the live monitoring view shows it)."""
        self.ensure_one()
        interview = self
        interview.action_send_invitation()
        interview._portal_give_consent("127.0.0.1", "demo data", None)
        interview.sudo().write({"identity_verified": True, "identity_method": "manual"})
        interview._portal_record_device_check({"camera": False, "microphone": False, "text_mode": True})
        interview._portal_skip_practice()
        lines = interview.question_line_ids.filtered(lambda q: not q.is_practice).sorted("sequence")
        for line, text in zip(lines, answers):
            interview._portal_answer_for(line, "text")._submit_text(text)
        if submit and len(answers) >= len(lines):
            interview._portal_submit()
            for answer in interview._current_answers().filtered(lambda a: a.state == "queued"):
                answer._job_score_answer(answer.input_key)
        if submit and interview.state != "scored":
            _logger.warning("demo interview %s ended %s instead of scored", interview.id, interview.state)
        return interview.state
