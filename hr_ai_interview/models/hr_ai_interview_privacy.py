# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The candidate's data: the portal token's life cycle, erasure (HR action, the candidate's request, deletion
of an interview or applicant) and the retention purge. Erasing goes through the ORM (`unlink`), so attachment
rows go and their files are released to Odoo's file-store garbage collector, whatever the storage."""
import logging
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError
from odoo.modules.registry import Registry

_logger = logging.getLogger(__name__)

# Illinois AI Video Interview Act §15: delete within 30 days of the candidate's request.
ERASURE_DAYS = 30
# transcript, mimetype, size and checksum are computed from these and the (deleted) recording
ANSWER_PERSONAL_FIELDS = ("text_answer", "draft_notes", "transcript_corrected", "result_json", "failure_reason")
INTERVIEW_PERSONAL_FIELDS = ("consent_ip", "consent_user_agent", "device_check", "dimension_scores",
                             "score_flags", "browser_tz")


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    # the link carries the token: HR managers may hand it out, nobody else reads it
    portal_link = fields.Char(groups="hr_recruitment.group_hr_recruitment_manager")
    erasure_requested_at = fields.Datetime(readonly=True, copy=False, tracking=True)
    erasure_deadline = fields.Datetime(readonly=True, copy=False, tracking=True,
                                       help="The candidate's data is erased at the latest at this date.")
    erased_at = fields.Datetime(readonly=True, copy=False, tracking=True)
    erased_by = fields.Many2one("res.users", readonly=True, copy=False)
    erasure_reason = fields.Char(readonly=True, copy=False)

    # ---------- token ----------
    def _portal_ensure_token(self):
        # the token field is for administrators; creating/reading it here is the addon's own business
        return super(HrAiInterview, self.sudo())._portal_ensure_token()

    def action_send_invitation(self):
        """A re-invitation gets a new link: the previous one (maybe forwarded, maybe leaked) stops working."""
        self.filtered("invited_at").sudo().write({"access_token": False})
        return super().action_send_invitation()

    # ---------- erasure ----------
    def _ai_erase_files_and_logs(self):
        """Recordings, chunks, PDFs, attachments and delivery logs of these interviews (ORM unlink)."""
        interviews = self.sudo()
        answers = interviews.with_context(active_test=False).answer_ids
        attachments = answers.attachment_id | interviews.feedback_attachment_id
        attachments |= self.env["ir.attachment"].sudo().search([
            "|", "&", ("res_model", "=", self._name), ("res_id", "in", self.ids),
            "&", ("res_model", "=", "hr.ai.interview.answer"), ("res_id", "in", answers.ids)])
        answers._ai_remove_uploads()
        # every delivery (invitations and reminders too, not only the reports of `delivery_ids`)
        self.env["hr.ai.delivery"].sudo().search([("interview_id", "in", self.ids)]).unlink()
        if attachments:
            attachments.unlink()
            self._ai_collect_files_after_commit()

    def _ai_collect_files_after_commit(self):
        """Erased files leave the disk right after the commit, not at the next daily autovacuum. The file-store
        collector commits and locks ir_attachment itself, so it runs in its own cursor once this transaction
        is committed (a rolled-back erasure keeps its files); files other attachments share are kept."""
        cr = self.env.cr
        if cr.postcommit.data.get("hr_ai_interview.gc"):
            return
        cr.postcommit.data["hr_ai_interview.gc"] = True
        dbname = cr.dbname

        def collect():
            try:
                with Registry(dbname).cursor() as gc_cr:
                    api.Environment(gc_cr, SUPERUSER_ID, {})["ir.attachment"]._gc_file_store()
            except Exception:  # noqa: BLE001 - the daily autovacuum collects them anyway
                _logger.warning("file-store collection after an erasure failed; autovacuum will retry",
                                exc_info=True)
        cr.postcommit.add(collect)

    def _ai_erase_personal_data(self, reason, by_user=None):
        """Erase everything personal of these interviews; the row stays as a tombstone (state, scores, audit)."""
        for interview in self.sudo():
            interview._ai_erase_files_and_logs()
            answers = interview.with_context(active_test=False).answer_ids
            answers.write(dict.fromkeys(ANSWER_PERSONAL_FIELDS, False))
            interview.review_ids.unlink()
            self.env["mail.message"].sudo().search([("model", "=", self._name),
                                                    ("res_id", "=", interview.id)]).unlink()
            interview.activity_ids.unlink()
            interview.write(dict(dict.fromkeys(INTERVIEW_PERSONAL_FIELDS, False),
                                 name=self.env._("%s – erased", interview.job_id.name or ""),
                                 erased_at=fields.Datetime.now(), erased_by=(by_user or self.env.user).id,
                                 erasure_reason=(reason or "")[:200],
                                 feedback_attachment_id=False, identity_code_hash=False))
            interview._ai_audit("erasure", new="erased", detail=reason)

    def action_erase_candidate_data(self, reason=None):
        """HR: erase the candidate's interview data now (who, when and why are logged)."""
        self.check_access("write")
        if not self.env.user.has_group("hr_recruitment.group_hr_recruitment_user"):
            raise UserError(_("Only recruitment officers can erase candidate data."))
        reason = (reason or self.env.context.get("erasure_reason") or "").strip()
        if not reason:
            raise UserError(_("Please give the reason for the erasure."))
        for interview in self:
            interview.applicant_id.message_post(
                body=_("AI interview data erased by %(user)s. Reason: %(reason)s",
                       user=self.env.user.name, reason=reason), subtype_xmlid="mail.mt_note")
        self._ai_erase_personal_data(reason)
        return True

    def _portal_request_erasure(self):
        """The candidate asks for deletion: HR gets a to-do due before the legal deadline; the purge cron
        erases at the deadline if HR has not done it earlier."""
        self.ensure_one()
        if self.erasure_requested_at or self.erased_at:
            return {"deadline": self.erasure_deadline}
        now = fields.Datetime.now()
        deadline = now + timedelta(days=ERASURE_DAYS)
        self.sudo().write({"erasure_requested_at": now, "erasure_deadline": deadline})
        self._ai_audit("erasure", new="requested")
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=(deadline - timedelta(days=2)).date(),
            summary=_("Erase the candidate's AI interview data (requested by the candidate)"),
            user_id=(self.user_id or self.env.ref("base.user_admin")).id)
        if self.state in ("invited", "in_progress"):
            self.sudo().state = "cancelled"
        return {"deadline": deadline}

    def unlink(self):
        self._ai_erase_files_and_logs()
        for interview in self:
            interview._ai_audit("erasure", new="deleted")
        return super().unlink()

    # ---------- retention ----------
    @api.model
    def _cron_purge_personal_data(self):
        """Erase interviews whose retention period, counted from their close date, has passed (stuck ones
        in submitted/scoring too), and erasure requests that reached their deadline."""
        now = fields.Datetime.now()
        base = [("erased_at", "=", False)]
        due = self.search(base + [("erasure_deadline", "<=", now)])
        for company in self.env["res.company"].search([]):
            cutoff = now - timedelta(days=company.ai_retention_days or 180)
            due |= self.search(base + [("company_id", "=", company.id), ("state", "not in", ("draft", "invited",
                                                                                              "in_progress")),
                                       "|", ("closed_at", "<=", cutoff),
                                       "&", ("closed_at", "=", False), ("write_date", "<=", cutoff)])
        requested = due.filtered("erasure_deadline")
        requested._ai_erase_personal_data("candidate request (deadline)")
        (due - requested)._ai_erase_personal_data("retention period")
        return len(due)


class HrAiInterviewAnswer(models.Model):
    _inherit = "hr.ai.interview.answer"

    # the draft pad is the candidate's scratch paper: the page promises HR never reads it
    draft_notes = fields.Text(groups="base.group_system")

    def _ai_remove_uploads(self):
        """Upload bookkeeping and its chunk files (removed after commit: a rollback must not lose them)."""
        uploads = self.sudo().upload_ids
        stores = [upload._store() for upload in uploads]
        uploads.unlink()

        @self.env.cr.postcommit.add
        def _remove_chunks():
            for store in stores:
                try:
                    store.cleanup()
                except OSError:
                    _logger.warning("could not remove the chunks of an erased upload", exc_info=True)

    def unlink(self):
        attachments = self.sudo().attachment_id
        self._ai_remove_uploads()
        result = super().unlink()
        if attachments:
            attachments.unlink()
            self.env["hr.ai.interview"]._ai_collect_files_after_commit()
        return result


class HrApplicant(models.Model):
    _inherit = "hr.applicant"

    def unlink(self):
        # the database cascade would skip the ORM: recordings and messages would stay behind
        self.with_context(active_test=False).ai_interview_ids.sudo().unlink()
        return super().unlink()
