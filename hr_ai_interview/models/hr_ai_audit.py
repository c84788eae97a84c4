# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Append-only audit trail of what an auditor asks about (EU AI Act logging): consent, identity checks,
transcript corrections, reviews, decisions and erasures — who, when, old → new. Rows are created by the
addon's code only (sudo); nobody edits or deletes them through the ORM or RPC. Entries hold codes and ids,
no personal data, so they survive the erasure of the interview they describe; no cron purges them, so they
are kept well beyond the AI Act's 6 months. Scoring runs and re-scores carry the engine version and the
scoring input's key."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

EVENTS = [("consent", "Consent"), ("identity", "Identity check"), ("transcript", "Transcript correction"),
          ("review", "Human review"), ("decision", "Decision"), ("erasure", "Erasure"),
          ("scoring", "Scoring run"), ("rescore", "Re-score"), ("request", "Candidate request"),
          ("accommodation", "Accommodation")]


class HrAiAudit(models.Model):
    _name = "hr.ai.audit"
    _description = "AI Interview Audit Trail"
    _order = "id desc"

    interview_id = fields.Many2one("hr.ai.interview", ondelete="set null", index=True, readonly=True)
    interview_ref = fields.Integer(string="Interview ID", readonly=True, index=True,
                                   help="Kept when the interview itself is deleted.")
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    event = fields.Selection(EVENTS, required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="By", readonly=True, ondelete="set null",
                              help="The user who acted; the public user for the candidate.")
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    detail = fields.Char(readonly=True)
    engine_version = fields.Char(readonly=True)
    input_hash = fields.Char(readonly=True, help="Key of the scoring input (content, transcript, policy).")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(_("Audit entries are written by the application only."))
        return super().create(vals_list)

    def write(self, vals):
        raise AccessError(_("The audit trail cannot be changed."))

    def unlink(self):
        raise AccessError(_("The audit trail cannot be deleted."))


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    audit_ids = fields.One2many("hr.ai.audit", "interview_id", string="Audit Trail", readonly=True,
                                groups="hr_recruitment.group_hr_recruitment_user")

    def _ai_audit(self, event, old=None, new=None, detail=None, engine_version=None, input_hash=None):
        self.env["hr.ai.audit"].sudo().create([{
            "engine_version": engine_version or False, "input_hash": input_hash or False,
            "interview_id": interview.id, "interview_ref": interview.id, "company_id": interview.company_id.id,
            "event": event, "user_id": self.env.uid, "old_value": (str(old) if old is not None else False),
            "new_value": (str(new) if new is not None else False), "detail": (detail or "")[:200] or False,
        } for interview in self])

    # decisions and reviews are recorded where they are made
    def action_ai_decide(self, decision):
        before = {interview.id: interview.final_decision for interview in self}
        result = super().action_ai_decide(decision)
        for interview in self:
            interview._ai_audit("decision", old=before[interview.id] or "", new=interview.final_decision)
        return result


class HrAiInterviewAnswer(models.Model):
    _inherit = "hr.ai.interview.answer"

    def _store_result(self, result, input_key):
        res = super()._store_result(result, input_key)
        self.interview_id._ai_audit("scoring", new=round(self.overall_score, 1), detail="answer %s" % self.id,
                                    engine_version=self.engine_version, input_hash=input_key)
        return res

    def action_rescore(self):
        for answer in self.filtered(lambda a: not a.is_practice):
            answer.interview_id._ai_audit("rescore", old=round(answer.overall_score, 1),
                                          detail="answer %s" % answer.id, engine_version=answer.engine_version)
        return super().action_rescore()

    def write(self, vals):
        if "transcript_corrected" in vals:
            for answer in self:
                answer.interview_id._ai_audit("transcript", old=len(answer.transcript_corrected or ""),
                                              new=len(vals["transcript_corrected"] or ""),
                                              detail="answer %s (characters before → after)" % answer.id)
        return super().write(vals)


class HrAiReview(models.Model):
    _inherit = "hr.ai.review"

    def action_done(self):
        result = super().action_done()
        for review in self:
            review.interview_id._ai_audit("review", old="draft", new="done",
                                          detail="review %s, %s" % (review.id, review.recommendation))
        return result

    def action_reset_draft(self):
        result = super().action_reset_draft()
        for review in self:
            review.interview_id._ai_audit("review", old="done", new="draft", detail="review %s" % review.id)
        return result
