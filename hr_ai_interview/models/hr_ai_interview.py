# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .res_company import SCORING_POLICIES

# fields shown by the interview list, kanban and form that change while an interview runs (live refresh)
INTERVIEW_LIVE_FIELDS = frozenset({"state", "consent_state", "identity_verified", "overall_score", "submitted_at",
                                   "scored_at", "text_mode"})

# the codes of scoring/bands.band(), worded for the views (the limits live in scoring/bands.py only)
BANDS = [("strong", "Strong"), ("adequate", "Adequate"), ("needs_work", "Needs work")]
STATES = [
    ("draft", "Draft"),
    ("invited", "Invited"),
    ("in_progress", "In Progress"),
    ("scoring", "Scoring"),
    ("human_review", "Awaiting Human Review"),  # AI scoring suspended for the job or company
    ("scored", "Scored"),
    ("expired", "Expired"),
    ("cancelled", "Cancelled"),
    ("failed", "Failed"),
]
# Explicit state machine: every write of `state` is checked against it (see write()).
TRANSITIONS = {
    "draft": {"invited", "cancelled"},
    "invited": {"invited", "in_progress", "scoring", "human_review", "expired", "cancelled"},
    "in_progress": {"scoring", "human_review", "expired", "cancelled"},  # submitted: scoring starts at once
    "scoring": {"scored", "failed", "cancelled"},
    "human_review": {"scoring", "cancelled"},  # AI scoring resumed (HR re-score) or withdrawn
    "scored": {"scoring"},  # HR re-score
    "failed": {"scoring"},  # HR re-score after a fix
    "expired": {"invited", "cancelled"},  # re-invite with a new deadline
    "cancelled": {"invited"},  # re-invite
}
OPEN_STATES = ("draft", "invited", "in_progress")
# Retention counts from the moment the candidate's part ended (submitted, expired, cancelled, declined).
CLOSING_STATES = ("scoring", "human_review", "expired", "cancelled")
ANSWERABLE_STATES = ("invited", "in_progress")


class HrAiInterview(models.Model):
    _name = "hr.ai.interview"
    _description = "AI Video Interview"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(required=True, default=lambda self: _("New"), copy=False)
    applicant_id = fields.Many2one("hr.applicant", required=True, ondelete="cascade", index=True, tracking=True)
    job_id = fields.Many2one("hr.job", string="Job Position", required=True, index=True, ondelete="restrict")
    partner_id = fields.Many2one("res.partner", string="Candidate Contact", index="btree_not_null")
    candidate_name = fields.Char(related="applicant_id.partner_name", string="Candidate")
    email = fields.Char(related="applicant_id.email_from", string="Email")
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda self: self.env.company)
    user_id = fields.Many2one("res.users", string="Recruiter", default=lambda self: self.env.user)
    state = fields.Selection(STATES, default="draft", required=True, tracking=True, index=True, copy=False)
    # secrets: the portal token (and the link that carries it) are for administrators only; the candidate
    # pages read them with sudo after their own check
    access_token = fields.Char(groups="base.group_system")
    closed_at = fields.Datetime(readonly=True, copy=False, index=True,
                                help="When the candidate's part ended; the retention period counts from here.")
    deadline = fields.Datetime(tracking=True, copy=False)
    scheduled_at = fields.Datetime(string="Scheduled Time", help="Optional time agreed with the candidate.")
    language = fields.Selection([("zh_CN", "Chinese (Simplified)"), ("en_US", "English")], default="zh_CN",
                                required=True)
    policy = fields.Selection(SCORING_POLICIES, string="Scoring Policy", required=True, default="no-affect",
                              help="Copied from the company settings when the interview is created.")
    question_line_ids = fields.One2many("hr.ai.interview.question", "interview_id", string="Questions", copy=True)
    answer_ids = fields.One2many("hr.ai.interview.answer", "interview_id", string="Answers")
    invited_at = fields.Datetime(readonly=True, copy=False)
    reminder_sent = fields.Boolean(copy=False)
    submitted_at = fields.Datetime(readonly=True, copy=False)
    scored_at = fields.Datetime(readonly=True, copy=False)
    # consent
    consent_state = fields.Selection([("none", "Not Yet"), ("given", "Given"), ("declined", "Declined")],
                                     default="none", required=True, tracking=True, copy=False)
    consent_at = fields.Datetime(readonly=True, copy=False)
    consent_ip = fields.Char(readonly=True, copy=False)
    consent_user_agent = fields.Char(readonly=True, copy=False)
    consent_text_version = fields.Char(readonly=True, copy=False)
    # identity: the code itself is never stored, only a keyed hash (see hr_ai_interview_portal.py)
    identity_verified = fields.Boolean(readonly=True, copy=False, tracking=True)
    identity_method = fields.Selection([("email_code", "Name + email code"), ("manual", "Checked by HR")],
                                       readonly=True, copy=False)
    identity_locked = fields.Boolean(compute="_compute_identity_locked", compute_sudo=True,
                                     help="Too many failed identity checks: HR must unlock.")
    identity_verified_at = fields.Datetime(readonly=True, copy=False)
    identity_code_hash = fields.Char(copy=False, groups="base.group_system")
    identity_code_expires = fields.Datetime(copy=False, groups="base.group_system")
    identity_code_attempts = fields.Integer(copy=False, groups="base.group_system")
    identity_code_sent_at = fields.Datetime(copy=False, groups="base.group_system")
    identity_code_sends = fields.Integer(copy=False, groups="base.group_system")
    device_check = fields.Json(string="Device Check", copy=False)
    text_mode = fields.Boolean(string="Text Answers", copy=False,
                               help="No camera or microphone: the candidate answers in writing.")
    # progress (not stored: kept out of the interview row so scoring jobs and uploads do not contend on it)
    answers_total = fields.Integer(compute="_compute_progress")
    answers_uploaded = fields.Integer(compute="_compute_progress")
    answers_scored = fields.Integer(compute="_compute_progress")
    answers_failed = fields.Integer(compute="_compute_progress")
    progress_percent = fields.Float(compute="_compute_progress")
    # results
    overall_score = fields.Float(readonly=True, copy=False, tracking=True, aggregator="avg")
    # per dimension {name, weight, score, answers}; flags are codes with parameters, worded when shown
    dimension_scores = fields.Json(readonly=True, copy=False)
    score_flags = fields.Json(string="Result Flags", readonly=True, copy=False)

    _sql_constraints = [
        ("consent_required_for_answers", "CHECK(state NOT IN ('scoring', 'scored') "
         "OR consent_state = 'given')", "An interview cannot be submitted without the candidate's consent."),
    ]

    # ---------- ORM ----------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            applicant = self.env["hr.applicant"].browse(vals.get("applicant_id"))
            job = self.env["hr.job"].browse(vals.get("job_id")) or applicant.job_id
            company = applicant.company_id or job.company_id or self.env.company
            vals.setdefault("job_id", job.id)
            vals.setdefault("company_id", company.id)
            vals.setdefault("partner_id", applicant.partner_id.id)
            vals.setdefault("language", job.ai_language or "zh_CN")
            vals.setdefault("policy", company.ai_scoring_policy or "no-affect")
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = _("%(job)s – %(who)s", job=job.name or "", who=applicant.partner_name or "")
        records = super().create(vals_list)
        for interview in records.filtered(lambda i: not i.question_line_ids):
            interview._snapshot_questions()
        return records

    def write(self, vals):
        if "state" in vals:
            for interview in self:
                if interview.state != vals["state"] and vals["state"] not in TRANSITIONS[interview.state]:
                    raise UserError(_("An interview cannot go from “%(old)s” to “%(new)s”.",
                                      old=dict(STATES)[interview.state], new=dict(STATES)[vals["state"]]))
        closing = vals.get("state") in CLOSING_STATES or vals.get("consent_state") == "declined"
        if closing and "closed_at" not in vals:
            self.filtered(lambda i: not i.closed_at).write({"closed_at": fields.Datetime.now()})
        elif vals.get("state") == "invited":
            vals = dict(vals, closed_at=False)
        res = super().write(vals)
        if INTERVIEW_LIVE_FIELDS.intersection(vals):
            self._live_notify()
        return res

    @api.depends("identity_code_attempts")
    def _compute_identity_locked(self):
        for interview in self:
            interview.identity_locked = interview._identity_locked()

    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        """The interview's token is valid on the addon's own routes only: Odoo's chatter routes
        (/mail/message/post, /mail/attachment/upload, ...) must not accept it (nor a portal hash)."""
        kwargs.pop("token", None)
        kwargs.pop("hash", None)
        kwargs.pop("pid", None)
        return super()._get_thread_with_access(thread_id, mode, **kwargs)

    def _compute_access_url(self):
        super()._compute_access_url()
        for interview in self:
            interview.access_url = "/ai-interview/%s" % interview.id

    def _snapshot_questions(self):
        """Copy the job's questions: editing the job later must not change an interview in flight."""
        self.ensure_one()
        lines = []
        job = self.job_id
        if job.ai_practice_enabled:
            lines.append({"sequence": 0, "is_practice": True, "time_limit": 60, "prep_time": 15,
                          "max_retakes": 3, "answer_mode": "video",
                          "name": _("Practice: introduce yourself in about one minute (this answer is not scored)."
                                    ) if self.language == "en_US" else "练习题：请用一分钟左右做个自我介绍（不计分）。"})
        for q in job.ai_question_ids.filtered("active").sorted(lambda q: (q.sequence, q.id)):
            lines.append({"sequence": q.sequence or 1, "name": q.name, "time_limit": q.time_limit,
                          "prep_time": q.prep_time, "max_retakes": q.max_retakes, "answer_mode": q.answer_mode,
                          "source_question_id": q.id,
                          "dimension_names": q.dimension_ids.mapped("name")})
        self.write({"question_line_ids": [fields.Command.create(v) for v in lines]})
        self._snapshot_scoring_setup()

    # ---------- progress ----------
    @api.depends("answer_ids.state", "answer_ids.is_current", "question_line_ids")
    def _compute_progress(self):
        for interview in self:
            required = interview.question_line_ids.filtered(lambda q: not q.is_practice)
            current = interview._current_answers()
            interview.answers_total = len(required)
            interview.answers_uploaded = len(current.filtered(
                lambda a: a.state in ("uploaded", "queued", "scoring", "scored", "failed")))
            interview.answers_scored = len(current.filtered(lambda a: a.state == "scored"))
            interview.answers_failed = len(current.filtered(lambda a: a.state == "failed"))
            done = interview.answers_scored + interview.answers_failed
            interview.progress_percent = 100.0 * done / len(required) if required else 0.0

    def _current_answers(self):
        """The latest attempt of each scored (non-practice) question."""
        self.ensure_one()
        return self.answer_ids.filtered(lambda a: a.is_current and not a.is_practice)

    # ---------- HR actions ----------
    def action_cancel(self):
        for interview in self.filtered(lambda i: i.state not in ("cancelled", "scored", "failed")):
            interview.state = "cancelled"
            interview.answer_ids.filtered(lambda a: a.state in ("queued", "scoring")).write({"state": "uploaded"})
        return True

    def action_rescore(self):
        """Queue all current answers again (engine or transcript changed); overall scores follow."""
        for interview in self:
            if interview.state not in ("scored", "failed", "scoring"):
                raise UserError(_("Only submitted interviews can be re-scored."))
            answers = interview._current_answers().filtered(lambda a: a.mode == "text" or a.attachment_id)
            if not answers:
                raise UserError(_("This interview has no answer to score."))
            interview.state = "scoring"
            answers.action_rescore()
        return True

    def action_view_answers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Answers"),
            "res_model": "hr.ai.interview.answer",
            "view_mode": "list,form",
            "domain": [("interview_id", "=", self.id), ("is_practice", "=", False)],
            "context": {"default_interview_id": self.id},
        }

    def _dimension_scores(self):
        self.ensure_one()
        return self.dimension_scores if isinstance(self.dimension_scores, list) else []
