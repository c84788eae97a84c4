# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from .hr_ai_rubric_dimension import split_keywords
from .res_company import clear_brand_cache


class HrJob(models.Model):
    _inherit = "hr.job"

    ai_interview_enabled = fields.Boolean(
        string="AI Interview", copy=False,
        help="Invite applicants of this position to an asynchronous AI video interview.")
    ai_dimension_ids = fields.One2many("hr.ai.rubric.dimension", "job_id", string="Rubric Dimensions", copy=True)
    # questions are copied in copy() below: their dimension links must point to the copy's dimensions
    ai_question_ids = fields.One2many("hr.ai.question", "job_id", string="Interview Questions", copy=False)
    # Stored so that the rubric constraint below also fires when only a dimension's weight changes: Odoo
    # re-checks constraints on stored computed fields whenever they are recomputed (at flush), which
    # validates the final state of a form save instead of every intermediate line write.
    ai_weight_total = fields.Integer(string="Total Weight (%)", compute="_compute_ai_weight_total", store=True)
    ai_active_question_count = fields.Integer(
        string="Active Questions", compute="_compute_ai_active_question_count", store=True)
    ai_deadline_days = fields.Integer(string="Answer Deadline (days)", default=7,
                                      help="Days an invited applicant has to complete the interview.")
    ai_practice_enabled = fields.Boolean(string="Practice Question", default=True,
                                         help="Offer an unscored practice question before the real ones.")
    ai_language = fields.Selection([("zh_CN", "Chinese (Simplified)"), ("en_US", "English")],
                                   string="Interview Language", default="zh_CN", required=True)

    @api.depends("ai_dimension_ids.weight")
    def _compute_ai_weight_total(self):
        for job in self:
            job.ai_weight_total = sum(job.ai_dimension_ids.mapped("weight"))

    @api.depends("ai_question_ids.active")
    def _compute_ai_active_question_count(self):
        for job in self:
            # the one2many already hides archived questions; filtering keeps this right under active_test=False
            job.ai_active_question_count = len(job.ai_question_ids.filtered("active"))

    @api.constrains("ai_interview_enabled", "ai_weight_total", "ai_active_question_count", "ai_deadline_days")
    def _check_ai_interview_setup(self):
        for job in self:
            problems = job._ai_setup_problems()
            if problems:
                raise ValidationError("\n".join(problems))  # every problem at once, not one per save

    def _ai_setup_problems(self):
        """What keeps this job's AI interview from being saved: all problems, translated. A disabled job only
        needs a valid deadline (its rubric may be a draft; the form warns about the total)."""
        self.ensure_one()
        problems = []
        if self.ai_deadline_days < 1 or self.ai_deadline_days > 90:
            problems.append(_(
                "The AI interview deadline of “%(job)s” must be between 1 and 90 days (got %(days)s).",
                job=self.name, days=self.ai_deadline_days))
        if not self.ai_interview_enabled:
            return problems
        if not self.ai_dimension_ids:
            problems.append(_("The AI interview of “%(job)s” needs at least one rubric dimension.", job=self.name))
        elif self.ai_weight_total != 100:
            problems.append(_(
                "The rubric weights of “%(job)s” must sum to 100, but they currently sum to %(total)s.",
                job=self.name, total=self.ai_weight_total))
        if not self.ai_active_question_count:
            problems.append(_("The AI interview of “%(job)s” needs at least one active question.", job=self.name))
        return problems

    def write(self, vals):
        res = super().write(vals)
        if "name" in vals:
            clear_brand_cache(self.env)  # _ai_portal_name
        return res

    def _update_field_translations(self, field_name, translations, digest=None, source_lang=None):
        res = super()._update_field_translations(field_name, translations, digest=digest, source_lang=source_lang)
        if field_name == "name":  # the translation dialog writes the name's translations without write()
            clear_brand_cache(self.env)
        return res

    @api.model
    @tools.ormcache("job_id", "self.env.lang")
    def _ai_portal_name(self, job_id):
        """The job's name in the current language as the candidate pages show it, cached per worker (write
        and the translation dialog clear it)."""
        return self.sudo().browse(job_id).name or ""

    def copy(self, default=None):
        new_jobs = super().copy(default)
        for old, new in zip(self, new_jobs):
            new_dims = {dim.name: dim.id for dim in new.ai_dimension_ids}
            for question in old.with_context(active_test=False).ai_question_ids:
                question.copy({"job_id": new.id, "dimension_ids": [
                    Command.set([new_dims[d.name] for d in question.dimension_ids if d.name in new_dims])]})
        return new_jobs

    def _ai_rubric_dict(self):
        """The rubric in the scoring engine's input shape."""
        self.ensure_one()
        return {
            "language": "en" if self.ai_language == "en_US" else "zh",
            "dimensions": [{
                "name": dim.name,
                "weight": dim.weight,
                "keywords": split_keywords(dim.keywords),
                "description": dim.description or "",
                **({"anchors": dim._anchors_dict()} if dim._anchors_dict() else {}),  # level anchors HR wrote
            } for dim in self.ai_dimension_ids.sorted(lambda d: (d.sequence, d.id))],  # cache may be unsorted
        }

    def action_ai_suggest_rubric(self):
        self.ensure_one()
        wizard = self.env["hr.ai.rubric.suggest"].create({"job_id": self.id})
        wizard._generate_lines()
        return {
            "type": "ir.actions.act_window",
            "name": _("Suggested Rubric"),
            "res_model": "hr.ai.rubric.suggest",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def _ai_description_text(self):
        from ..scoring import jd

        self.ensure_one()
        text = jd.html_to_text(self.description or "").strip()
        if not text:
            raise UserError(_(
                "The job position “%s” has no job description to analyse. Write the description in the "
                "“Job Summary” tab first, then suggest a rubric again.", self.name))
        return text
