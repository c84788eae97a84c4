# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Bounds in seconds: below 30 s nobody can answer a behavioural question, above 10 min an
# asynchronous recording gets too large to upload reliably from a phone.
TIME_LIMIT_BOUNDS = (30, 600)
PREP_TIME_BOUNDS = (0, 300)
RETAKE_BOUNDS = (0, 5)


class HrAiQuestion(models.Model):
    _name = "hr.ai.question"
    _description = "AI Interview Question"
    _order = "job_id, sequence, id"

    job_id = fields.Many2one("hr.job", string="Job Position", required=True, ondelete="cascade", index=True)
    name = fields.Text(string="Question", required=True)
    dimension_ids = fields.Many2many(
        "hr.ai.rubric.dimension", "hr_ai_question_dimension_rel", "question_id", "dimension_id",
        string="Assessed Dimensions", domain="[('job_id', '=', job_id)]",
        help="Rubric dimensions this question provides evidence for.")
    time_limit = fields.Integer(string="Answer Time Limit (s)", default=180,
                                help="Maximum answer length in seconds (30–600).")
    prep_time = fields.Integer(string="Preparation Time (s)", default=30,
                               help="Time to read and think before recording starts (0–300 s).")
    max_retakes = fields.Integer(string="Retakes Allowed", default=1,
                                 help="How many times the candidate may record this answer again (0–5).")
    answer_mode = fields.Selection(
        [("video", "Video"), ("audio", "Audio only"), ("text", "Text")],
        string="Answer Mode", default="video", required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(related="job_id.company_id", store=True, index=True, string="Company")

    @api.constrains("time_limit", "prep_time", "max_retakes")
    def _check_bounds(self):
        checks = [("time_limit", TIME_LIMIT_BOUNDS, _("answer time limit")),
                  ("prep_time", PREP_TIME_BOUNDS, _("preparation time")),
                  ("max_retakes", RETAKE_BOUNDS, _("number of retakes"))]
        for question in self:
            for fname, (low, high), label in checks:
                value = question[fname]
                if not low <= value <= high:
                    raise ValidationError(_(
                        "The %(what)s of question “%(question)s” must be between %(low)s and %(high)s "
                        "(got %(value)s).",
                        what=label, question=question.name, low=low, high=high, value=value))

    @api.constrains("dimension_ids", "job_id")
    def _check_dimension_job(self):
        for question in self:
            foreign = question.dimension_ids.filtered(lambda d: d.job_id != question.job_id)
            if foreign:
                raise ValidationError(_(
                    "Question “%(question)s” can only assess dimensions of its own job position "
                    "(not: %(dims)s).", question=question.name, dims=", ".join(foreign.mapped("name"))))
