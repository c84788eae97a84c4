# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrAiInterviewQuestion(models.Model):
    """Snapshot of one job question inside one interview (the job's bank may change afterwards)."""
    _name = "hr.ai.interview.question"
    _description = "AI Interview Question (snapshot)"
    _order = "interview_id, sequence, id"

    interview_id = fields.Many2one("hr.ai.interview", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="interview_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Question", required=True)
    time_limit = fields.Integer(string="Answer Time (s)", default=180)
    prep_time = fields.Integer(string="Preparation (s)", default=30)
    max_retakes = fields.Integer(string="Retakes", default=1)
    answer_mode = fields.Selection([("video", "Video"), ("audio", "Audio only"), ("text", "Text")],
                                   default="video", required=True)
    dimension_names = fields.Json(string="Dimensions", help="Names of the rubric dimensions this question assesses.")
    is_practice = fields.Boolean(string="Practice", help="Never scored and never shown to HR.")
    source_question_id = fields.Many2one("hr.ai.question", string="Source Question", ondelete="set null")
    answer_ids = fields.One2many("hr.ai.interview.answer", "question_line_id", string="Answer Attempts")

    def _dimension_name_list(self):
        self.ensure_one()
        return [n for n in self.dimension_names or [] if isinstance(n, str)]

    def _current_answer(self):
        self.ensure_one()
        return self.answer_ids.filtered("is_current")[:1]
