# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Accommodations for one candidate (the most requested accessibility adjustments): extra preparation or
answer time, more retakes, a text-only or audio-only interview. They are applied to the interview's question
snapshot, so every server-side limit (retakes, upload size and duration, answer mode) enforces them; the job's
own limits are kept on each line as the base."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

ACCOMMODATION_FIELDS = ("accommodation_extra_prep", "accommodation_extra_time", "accommodation_extra_retakes",
                        "accommodation_mode")
MAX_EXTRA_PREP, MAX_EXTRA_TIME_PCT, MAX_EXTRA_RETAKES = 600, 200, 5


class HrAiInterviewQuestion(models.Model):
    _inherit = "hr.ai.interview.question"

    base_time_limit = fields.Integer(string="Base Answer Time (s)", readonly=True)
    base_prep_time = fields.Integer(string="Base Preparation (s)", readonly=True)
    base_max_retakes = fields.Integer(string="Base Retakes", readonly=True)
    base_answer_mode = fields.Char(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("base_time_limit", vals.get("time_limit", 180))
            vals.setdefault("base_prep_time", vals.get("prep_time", 30))
            vals.setdefault("base_max_retakes", vals.get("max_retakes", 1))
            vals.setdefault("base_answer_mode", vals.get("answer_mode", "video"))
        lines = super().create(vals_list)
        lines.interview_id.filtered("has_accommodation")._ai_apply_accommodations()
        return lines


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    accommodation_extra_prep = fields.Integer(string="Extra Preparation (s)", tracking=True, copy=False)
    accommodation_extra_time = fields.Integer(string="Extra Answer Time (%)", tracking=True, copy=False,
                                              help="E.g. 50: every answer may last 1.5 times the job's limit.")
    accommodation_extra_retakes = fields.Integer(string="Extra Retakes", tracking=True, copy=False)
    accommodation_mode = fields.Selection([("text", "Text only"), ("audio", "Audio only (no camera)")],
                                          string="Answer Mode Accommodation", tracking=True, copy=False)
    has_accommodation = fields.Boolean(compute="_compute_has_accommodation", store=True)

    @api.depends(*ACCOMMODATION_FIELDS)
    def _compute_has_accommodation(self):
        for interview in self:
            interview.has_accommodation = any(interview[f] for f in ACCOMMODATION_FIELDS)

    @api.constrains(*ACCOMMODATION_FIELDS[:3])
    def _check_accommodation(self):
        for interview in self:
            if not 0 <= interview.accommodation_extra_prep <= MAX_EXTRA_PREP:
                raise ValidationError(_("Extra preparation time must be between 0 and %s seconds.", MAX_EXTRA_PREP))
            if not 0 <= interview.accommodation_extra_time <= MAX_EXTRA_TIME_PCT:
                raise ValidationError(_("Extra answer time must be between 0 and %s %%.", MAX_EXTRA_TIME_PCT))
            if not 0 <= interview.accommodation_extra_retakes <= MAX_EXTRA_RETAKES:
                raise ValidationError(_("Extra retakes must be between 0 and %s.", MAX_EXTRA_RETAKES))

    def write(self, vals):
        changed = [f for f in ACCOMMODATION_FIELDS if f in vals]
        if changed and self.filtered(lambda i: i.state not in ("draft", "invited", "in_progress")):
            raise UserError(_("Accommodations can only be changed while the interview is open."))
        res = super().write(vals)
        if changed:
            self._ai_apply_accommodations()
            for interview in self:
                interview._ai_audit("accommodation", detail=", ".join(
                    "%s=%s" % (f.replace("accommodation_", ""), interview[f] or 0) for f in ACCOMMODATION_FIELDS))
        return res

    def _ai_apply_accommodations(self):
        for interview in self:
            extra_time = interview.accommodation_extra_time / 100.0
            for line in interview.question_line_ids:
                if not line.base_answer_mode:  # a line from before accommodations existed: its limits are the base
                    line.write({"base_time_limit": line.time_limit, "base_prep_time": line.prep_time,
                                "base_max_retakes": line.max_retakes, "base_answer_mode": line.answer_mode})
                mode = line.base_answer_mode
                if interview.accommodation_mode == "text":
                    mode = "text"
                elif interview.accommodation_mode == "audio" and mode == "video":
                    mode = "audio"
                line.write({
                    "time_limit": round(line.base_time_limit * (1 + extra_time)),
                    "prep_time": line.base_prep_time + interview.accommodation_extra_prep,
                    "max_retakes": line.base_max_retakes + interview.accommodation_extra_retakes,
                    "answer_mode": mode,
                })

    def _portal_answer_for(self, question_line, mode):
        # the accommodated mode wins over what the page asks for
        if self.accommodation_mode:
            mode = question_line.answer_mode
        return super()._portal_answer_for(question_line, mode)
