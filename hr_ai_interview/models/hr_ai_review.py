# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Human review of an AI interview: one per reviewer, a score per rubric dimension, a recommendation.

Stars (1–5) are mapped to 0–100 with reporting.followups.stars_to_score so star and numeric reviews average on
one scale. Only 'done' reviews count in the hiring report."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..reporting.followups import stars_to_score

RECOMMENDATIONS = [("advance", "Advance"), ("hold", "Hold"), ("reject", "Reject")]
STARS = [("1", "★"), ("2", "★★"), ("3", "★★★"), ("4", "★★★★"), ("5", "★★★★★")]


class HrAiReview(models.Model):
    _name = "hr.ai.review"
    _description = "AI Interview Human Review"
    _order = "interview_id, id"
    _rec_name = "reviewer_id"

    interview_id = fields.Many2one("hr.ai.interview", required=True, ondelete="cascade", index=True)
    job_id = fields.Many2one(related="interview_id.job_id", store=True, index=True)
    company_id = fields.Many2one(related="interview_id.company_id", store=True, index=True)
    candidate_name = fields.Char(related="interview_id.candidate_name")
    reviewer_id = fields.Many2one("res.users", string="Reviewer", required=True, index=True,
                                  default=lambda self: self.env.user, domain=[("share", "=", False)])
    scale = fields.Selection([("score", "Score 0–100"), ("stars", "Stars 1–5")], default="score", required=True)
    line_ids = fields.One2many("hr.ai.review.line", "review_id", string="Dimension Scores", copy=True)
    comment = fields.Text()
    recommendation = fields.Selection(RECOMMENDATIONS)
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft", required=True, index=True)
    human_overall = fields.Float(string="Review Score", compute="_compute_human_overall", store=True,
                                 aggregator="avg", help="Mean of this reviewer's dimension scores (0–100).")

    _sql_constraints = [
        ("one_review_per_reviewer", "UNIQUE(interview_id, reviewer_id)",
         "Each reviewer reviews an interview once; edit the existing review."),
    ]

    @api.depends("line_ids.score_value", "line_ids.is_scored")
    def _compute_human_overall(self):
        for review in self:
            scored = review.line_ids.filtered("is_scored")
            review.human_overall = sum(scored.mapped("score_value")) / len(scored) if scored else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        for review in reviews.filtered(lambda r: not r.line_ids):
            review.line_ids = [fields.Command.create({"dimension": name, "sequence": seq})
                               for seq, name in enumerate(review.interview_id._ai_dimension_names(), start=1)]
        return reviews

    def write(self, vals):
        if self.filtered(lambda r: r.state == "done") and set(vals) - {"state"} and \
                not self.env.context.get("ai_review_reopen"):
            raise UserError(_("A completed review cannot be changed; reset it to draft first."))
        return super().write(vals)

    def action_done(self):
        for review in self:
            if not review.recommendation:
                raise UserError(_("Choose a recommendation (advance, hold or reject) before completing the review."))
            if not review.line_ids.filtered("is_scored"):
                raise UserError(_("Score at least one dimension before completing the review."))
        self.write({"state": "done"})
        self.interview_id._ai_after_review_done()
        return True

    def action_reset_draft(self):
        self.with_context(ai_review_reopen=True).write({"state": "draft"})
        return True

    def _ai_report_dict(self):
        """reporting.followups review shape: {"reviewer", "scores": {dim: 0-100}, "recommendation", "comment"}."""
        self.ensure_one()
        return {"reviewer": self.reviewer_id.name, "recommendation": self.recommendation,
                "comment": self.comment or "",
                "scores": {line.dimension: line.score_value for line in self.line_ids if line.is_scored}}


class HrAiReviewLine(models.Model):
    _name = "hr.ai.review.line"
    _description = "AI Interview Review: Dimension Score"
    _order = "review_id, sequence, id"

    review_id = fields.Many2one("hr.ai.review", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    scale = fields.Selection(related="review_id.scale")
    sequence = fields.Integer(default=10)
    dimension = fields.Char(required=True)
    score = fields.Float(string="Score (0–100)")
    stars = fields.Selection(STARS)
    note = fields.Char()
    # Blank is "not scored", not zero: a reviewer who skips a dimension must not drag its average down.
    is_scored = fields.Boolean(compute="_compute_score_value", store=True)
    score_value = fields.Float(string="Score", compute="_compute_score_value", store=True,
                               help="Score on the 0–100 scale (stars mapped: 1 → 0, 3 → 50, 5 → 100).")
    ai_score = fields.Float(string="AI Score", compute="_compute_ai_score")

    @api.depends("score", "stars", "review_id.scale")
    def _compute_score_value(self):
        for line in self:
            if line.review_id.scale == "stars":
                line.is_scored = bool(line.stars)
                line.score_value = stars_to_score(int(line.stars)) if line.stars else 0.0
            else:
                line.is_scored = bool(line.score)  # a literal 0 counts as not scored; use 1 for "very poor"
                line.score_value = line.score

    @api.depends("dimension", "review_id.interview_id")
    def _compute_ai_score(self):
        for line in self:
            scores = line.review_id.interview_id._ai_dimension_score_map() if line.review_id.interview_id else {}
            line.ai_score = scores.get(line.dimension) or 0.0

    @api.constrains("score")
    def _check_score(self):
        for line in self:
            if not 0 <= line.score <= 100:
                raise ValidationError(_("A dimension score must be between 0 and 100."))
