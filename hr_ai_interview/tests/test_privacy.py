# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Erasure erases, retention counts from the close date, the practice and draft pad stay the candidate's, secrets
stay with administrators and the audit trail is append-only."""
import os
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .interview_common import InterviewCase, tiny_webm


@tagged("post_install", "-at_install")
class TestPrivacy(InterviewCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(cls.env, "ai_priv_officer", groups="hr_recruitment.group_hr_recruitment_user")
        cls.interviewer = new_test_user(cls.env, "ai_priv_interviewer",
                                        groups="hr_recruitment.group_hr_recruitment_interviewer")
        cls.manager = new_test_user(cls.env, "ai_priv_manager", groups="hr_recruitment.group_hr_recruitment_manager")
        cls.job.interviewer_ids = [Command.link(cls.interviewer.id)]
        cls.job.ai_practice_enabled = True

    def recorded(self, applicant=None):
        """An interview with a real uploaded recording, a text answer with a draft and consent data."""
        interview = self.make_interview(applicant or self.make_applicant("李雷", "lilei.priv@example.com"))
        line1, line2 = self.real_lines(interview)
        video = interview._portal_answer_for(line1, "video")
        upload, result = self.upload(video, tiny_webm())
        self.assertFalse(result.get("error"), result)
        with self.engine({}):
            text = self.answer_text(interview, line2, "我的回答：用户调研")
        text.sudo()._save_draft("草稿：私人笔记")
        interview.sudo().write({"consent_ip": "10.0.0.7", "consent_user_agent": "UA"})
        interview.message_post(body="a note about 李雷")
        self.assertTrue(video.attachment_id)
        return interview, video, text

    def files(self, attachments):
        return [a._full_path(a.store_fname) for a in attachments.sudo() if a.store_fname]

    def assert_erased(self, attachment_ids, paths):
        Attachment = self.env["ir.attachment"].sudo()
        self.env.cr.execute("SELECT id FROM ir_attachment WHERE id IN %s", [tuple(attachment_ids)])
        self.assertFalse(self.env.cr.fetchall(), "attachment rows left (SQL, search would hide orphans)")
        Attachment._gc_file_store_unsafe()  # what the daily autovacuum does
        self.assertFalse([p for p in paths if os.path.exists(p)], "recording files left on disk")

    # ---------------------------------------------------------------- deletion
    def test_deleting_the_applicant_removes_recordings_and_messages(self):
        interview, video, _text = self.recorded()
        att = video.attachment_id
        ids, paths, iid = att.ids, self.files(att), interview.id
        interview.applicant_id.unlink()
        self.assertFalse(self.env["hr.ai.interview"].browse(iid).exists())
        self.assert_erased(ids, paths)
        self.env.cr.execute("SELECT count(*) FROM mail_message WHERE model = 'hr.ai.interview' AND res_id = %s",
                            [iid])
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.assertTrue(self.env["hr.ai.audit"].sudo().search([("interview_ref", "=", iid),
                                                               ("event", "=", "erasure")]))

    # ---------------------------------------------------------------- erasure
    def test_hr_erasure_is_logged_and_erases_everything_personal(self):
        interview, video, text = self.recorded()
        att = video.attachment_id
        ids, paths = att.ids, self.files(att)
        with self.assertRaises(AccessError):
            interview.with_user(self.interviewer).action_erase_candidate_data("asked by phone")
        interview.with_user(self.officer).action_erase_candidate_data("candidate asked by phone")
        self.assert_erased(ids, paths)
        for field in ("text_answer", "transcript", "result_json"):
            self.assertFalse(text[field], field)
        self.assertFalse(text.sudo().draft_notes)
        self.assertFalse(interview.consent_ip or interview.consent_user_agent or interview.device_check)
        self.assertNotIn("李雷", interview.name)
        self.assertFalse([m for m in interview.message_ids if "李雷" in (m.body or "")])
        self.assertEqual((interview.erased_by, interview.erasure_reason), (self.officer, "candidate asked by phone"))
        self.assertTrue([m for m in interview.applicant_id.message_ids if "erased by" in (m.body or "")])

    def test_candidate_request_has_a_30_day_deadline_then_erases(self):
        interview, video, _text = self.recorded()
        ids = video.attachment_id.ids
        result = interview.sudo()._portal_request_erasure()
        self.assertAlmostEqual(result["deadline"], fields.Datetime.now() + timedelta(days=30),
                               delta=timedelta(minutes=5))
        self.assertTrue(interview.activity_ids, "HR gets a to-do")
        self.env["hr.ai.interview"]._cron_purge_personal_data()
        self.assertTrue(video.attachment_id, "nothing is erased before the deadline")
        interview.sudo().erasure_deadline = fields.Datetime.now() - timedelta(minutes=1)
        self.env["hr.ai.interview"]._cron_purge_personal_data()
        self.assertTrue(interview.erased_at)
        self.assert_erased(ids, [])

    # ---------------------------------------------------------------- retention
    def test_retention_counts_from_the_close_date_and_covers_stuck_interviews(self):
        self.company.ai_retention_days = 30
        interview, video, text = self.recorded()
        interview._portal_submit()
        self.assertEqual(interview.state, "scoring")  # stuck in scoring (never finished)
        self.assertTrue(interview.closed_at)
        interview.closed_at = fields.Datetime.now() - timedelta(days=31)
        interview.scheduled_at = fields.Datetime.now()  # a recent write must not reset the clock
        ids = video.attachment_id.ids
        self.assertEqual(self.env["hr.ai.interview"]._cron_purge_personal_data(), 1)
        self.assert_erased(ids, [])
        self.assertFalse(text.text_answer or text.transcript or interview.consent_ip)
        fresh, fresh_video, _t = self.recorded(self.make_applicant("韩梅梅", "hmm.priv@example.com"))
        fresh._portal_submit()
        self.env["hr.ai.interview"]._cron_purge_personal_data()
        self.assertTrue(fresh_video.attachment_id, "within the retention period")

    # ---------------------------------------------------------------- practice, drafts
    def test_practice_and_drafts_are_not_readable_by_hr(self):
        interview = self.make_interview(self.make_applicant("练习", "practice.priv@example.com"), ready=False)
        interview.action_send_invitation()
        interview._portal_give_consent("127.0.0.1", "ua", "v1")
        practice = interview.question_line_ids.filtered("is_practice")
        self.assertTrue(practice)
        with self.engine({}):
            p_answer = interview._portal_answer_for(practice, "text")
            p_answer._submit_text("practice words")
        real = interview._portal_answer_for(self.real_lines(interview)[0], "text")
        real._save_draft("scratch")
        for user in (self.officer, self.interviewer, self.manager):
            Answer = self.env["hr.ai.interview.answer"].with_user(user)
            self.assertFalse(Answer.search([("id", "=", p_answer.id)]), user.login)
            with self.assertRaises(AccessError):
                p_answer.with_user(user).read(["text_answer"])
            with self.assertRaises(AccessError):
                real.with_user(user).read(["draft_notes"])

    # ---------------------------------------------------------------- secrets, audit
    def test_secrets_only_for_administrators(self):
        Company = self.env["res.company"]
        for user in (self.officer, self.manager):
            seen = Company.with_user(user).fields_get()
            for name in ("ai_wecom_secret", "ai_wechat_secret"):
                self.assertNotIn(name, seen, (user.login, name))
            self.assertNotIn("access_token", self.env["hr.ai.interview"].with_user(user).fields_get())
            self.assertNotIn("feedback_access_token", self.env["hr.ai.interview"].with_user(user).fields_get())

    def test_audit_trail_is_append_only(self):
        interview, _video, text = self.recorded()
        text.with_user(self.officer).write({"transcript_corrected": "更正后的文字"})
        Audit = self.env["hr.ai.audit"].with_user(self.officer)
        entries = Audit.search([("interview_id", "=", interview.id)])
        self.assertIn("consent", entries.mapped("event"))
        self.assertIn("transcript", entries.mapped("event"))
        entry = entries[0]
        with self.assertRaises(AccessError):
            entry.write({"new_value": "forged"})
        with self.assertRaises(AccessError):
            entry.unlink()
        with self.assertRaises(AccessError):
            Audit.create({"event": "decision", "interview_id": interview.id})
        with self.assertRaises(AccessError):
            entry.sudo().write({"new_value": "forged"})
