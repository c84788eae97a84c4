# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Candidate rights on the portal (PIPL Art 24, EU AI Act Art 86): ask for an explanation or a human review
(an HR activity with a deadline; the candidate sees its status), separate consent for face/voice processing
when the policy analyses them (PIPL Art 28–29). "Delete my data" is the erasure request (privacy file)."""
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..reporting.model_card import VALIDATION
from ..scoring.engine import ENGINE_VERSION

REQUEST_KINDS = [("explanation", "Explanation of the result"), ("human_review", "Human re-review")]
REQUEST_DAYS = 15  # PIPL asks for a timely answer; 15 days is the usual term for personal-information requests
REQUESTABLE_STATES = ("human_review", "scoring", "scored")


class HrAiCandidateRequest(models.Model):
    _name = "hr.ai.candidate.request"
    _description = "AI Interview: Candidate Request"
    _order = "id desc"

    interview_id = fields.Many2one("hr.ai.interview", required=True, ondelete="cascade", index=True,
                                   readonly=True)
    company_id = fields.Many2one(related="interview_id.company_id", store=True, index=True)
    job_id = fields.Many2one(related="interview_id.job_id", store=True)
    candidate_name = fields.Char(related="interview_id.candidate_name")
    kind = fields.Selection(REQUEST_KINDS, required=True, readonly=True)
    deadline = fields.Date(required=True, readonly=True)
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    answered_at = fields.Datetime(readonly=True)
    state = fields.Selection([("open", "Awaiting reply"), ("done", "Replied")], compute="_compute_state")

    @api.depends("activity_id", "answered_at")
    def _compute_state(self):
        for request in self:
            request.state = "done" if request.answered_at or not request.activity_id.exists() else "open"

    def action_mark_answered(self):
        for request in self.filtered(lambda r: r.state == "open"):
            request.activity_id.exists().action_feedback(feedback=_("Answered to the candidate."))
            request.answered_at = fields.Datetime.now()
            request.interview_id._ai_audit("request", old="open", new="done", detail=request.kind)
        return True


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    candidate_request_ids = fields.One2many("hr.ai.candidate.request", "interview_id", string="Candidate Requests",
                                            groups="hr_recruitment.group_hr_recruitment_user")
    biometric_consent = fields.Boolean(string="Face/Voice Consent", readonly=True, copy=False,
                                       help="Separate consent to the analysis of face and voice (policy Full).")

    def _portal_requests(self):
        """{kind: request} of the candidate's requests (latest of each kind)."""
        self.ensure_one()
        out = {}
        for request in self.env["hr.ai.candidate.request"].sudo().search([("interview_id", "=", self.id)],
                                                                          order="id"):
            out[request.kind] = request
        return out

    def _portal_request_right(self, kind, note=None):
        """The one path of a candidate's request (explanation or human review, from the done page): an HR
        to-do with a deadline for the recruiter, in their language, the candidate's note kept as plain text;
        asking again while a request is open changes nothing."""
        self.ensure_one()
        if kind not in dict(REQUEST_KINDS):
            raise UserError(_("Unknown request."))
        if self.state not in REQUESTABLE_STATES:
            raise UserError(_("You can ask for this once your interview is submitted."))
        current = self._portal_requests().get(kind)
        if current and current.state == "open":
            return current
        deadline = fields.Date.today() + timedelta(days=REQUEST_DAYS)
        recruiter = self.user_id or self.job_id.user_id or self.env.ref("base.user_admin")
        rec = self.sudo().with_context(lang=recruiter.lang)  # written for the recruiter, in their language
        label = dict(rec.env["hr.ai.candidate.request"]._fields["kind"]._description_selection(rec.env))[kind]
        note = (note or "").strip()[:2000] if isinstance(note, str) else ""
        # the candidate's words are plain text for HR: escaped, never markup or links
        note_html = Markup("<p>%s</p>") % Markup("<br/>").join(note.splitlines()) if note else False
        activity = rec.activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=deadline,
            summary=rec.env._("Candidate asks for: %s", label), note=note_html, user_id=recruiter.id)
        request = self.env["hr.ai.candidate.request"].sudo().create({
            "interview_id": self.id, "kind": kind, "deadline": deadline, "activity_id": activity.id})
        rec.message_post(body=rec.env._("The candidate asked for: %s.", label), subtype_xmlid="mail.mt_note")
        self._ai_audit("request", new="open", detail=kind)
        return request

    def _portal_give_consent(self, ip=None, user_agent=None, text_version=None):
        """The portal's consent form passes ai_biometric (the separate face/voice box, shown under the Full
        policy): without it the interview is scored without voice tone or video (no-affect)."""
        res = super()._portal_give_consent(ip, user_agent, text_version)
        if "ai_biometric" in self.env.context and self.policy == "full":
            given = bool(self.env.context["ai_biometric"])
            self.write({"biometric_consent": given} if given else {"biometric_consent": False,
                                                                    "policy": "no-affect"})
            self._ai_audit("consent", new="biometric given" if given else "biometric refused")
        return res

    def _portal_request_status(self, request):
        """The candidate's view of one request, in the page's language."""
        if request.state == "open":
            return _("Requested on %(date)s: the team answers by %(deadline)s.",
                     date=fields.Date.to_string(request.create_date.date()),
                     deadline=fields.Date.to_string(request.deadline))
        return _("Answered on %s.", fields.Date.to_string((request.answered_at or request.write_date).date()))

    def _ai_model_card(self):
        """What the model card page shows for this interview's company (policy in force, versions, validation
        figures as sentences in the reader's language)."""
        company = self.company_id or self.env.company
        policy = self.policy or company.ai_scoring_policy
        labels = dict(self.env["res.company"]._fields["ai_scoring_policy"]._description_selection(self.env))
        v = VALIDATION
        card_version = "%s / %s" % (ENGINE_VERSION.rsplit("/", 1)[-1], company.ai_consent_version)
        return {
            "engine_version": ENGINE_VERSION, "consent_version": company.ai_consent_version, "policy": policy,
            "policy_label": labels.get(policy, policy), "card_version": card_version,
            "versions": _("Engine %(engine)s · disclosure version %(consent)s · card version %(card)s",
                          engine=ENGINE_VERSION, consent=company.ai_consent_version, card=card_version),
            "validation_intro": _(
                "Scoring validity benchmark (engine %(engine)s, measured %(date)s): %(answers)s answers to "
                "%(questions)s questions in Chinese and English, ranked and levelled by an expert; %(held)s "
                "questions were held out while tuning.", engine=v["engine_version"], date=v["measured"],
                answers=v["answers"], questions=v["questions"], held=v["held_out"]),
            "validation_lines": [
                _("Pairs of answers at different expert levels ordered as the expert did (held-out questions): "
                  "%s %%", v["pairwise_holdout"]),
                _("Held-out answers inside their band: strong %(strong)s %%, adequate %(adequate)s %%, needs work "
                  "%(weak)s %%", strong=v["in_band"]["strong"], adequate=v["in_band"]["adequate"],
                  weak=v["in_band"]["needs_work"]),
                _("Score change under simulated speech-recognition errors: mean %(mean)s points, 90th percentile "
                  "%(p90)s points (0–100 scale)", mean=v["asr_noise_mean"], p90=v["asr_noise_p90"]),
                _("Keyword stuffing and off-topic answers scored below every adequate answer: %(stuffing)s %% and "
                  "%(offtopic)s %% of the questions", stuffing=v["stuffing_below_adequate"],
                  offtopic=v["offtopic_below_adequate"]),
            ] + ([_("The same answer always gets the same score.")] if v["deterministic"] else []),
        }
