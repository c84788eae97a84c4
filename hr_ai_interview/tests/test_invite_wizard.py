# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .interview_common import InterviewCase, trap_jobs


@tagged("post_install", "-at_install")
class TestInviteWizard(InterviewCase):
    """The recruiter's invitation window: preview, deadline, times, channel, no silent resend."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.write({"name": "刘招聘", "email": "liu.hr@example.com", "phone": "+86 21 5555 0101"})

    def _mails(self, interview):
        return self.env["mail.mail"].search([("model", "=", "hr.ai.interview"), ("res_id", "=", interview.id)])

    def _wizard(self, applicant=None):
        action = (applicant or self.applicant).action_ai_interview_invite_wizard()
        self.assertEqual(action["res_model"], "hr.ai.interview.invite.wizard")
        return Form(self.env[action["res_model"]].with_context(action["context"]))

    def test_button_opens_the_window_and_sends_nothing(self):
        form = self._wizard()
        interview = self.applicant.ai_interview_ids
        self.assertEqual(interview.state, "draft")
        self.assertFalse(self._mails(interview))
        self.assertFalse(form.already_sent)

    def test_preview_in_candidate_language_follows_the_form(self):
        form = self._wizard()
        form.tz = "Asia/Shanghai"
        form.deadline = datetime(2031, 5, 10, 4, 0)
        form.scheduled_at = datetime(2031, 5, 8, 2, 0)
        body = str(form.preview_body)
        self.assertIn("2031-05-10 12:00 (Asia/Shanghai", body, "deadline as typed, in the candidate's zone")
        self.assertIn("2031-05-08 10:00", body)
        self.assertIn("截止时间", body, "the interview is zh_CN: the preview is the Chinese mail")
        self.assertIn("AI 视频面试邀请", form.preview_subject)
        # total duration and per-question limits: 2 x (30 s + 180 s) + practice (15 s + 60 s) = 495 s -> 9 + 5 min
        self.assertIn("请预留约 14 分钟", body)
        self.assertIn("第 1 题：准备 30 秒，作答最长 3 分钟", body)
        # signed by the recruiter with contact details and the company
        for text in ("刘招聘", "liu.hr@example.com", "+86 21 5555 0101", self.company.name):
            self.assertIn(text, body)
        # nothing was saved by previewing
        self.assertFalse(self.applicant.ai_interview_ids.scheduled_at)

    def test_english_preview(self):
        job = self.job.copy({"name": "Sales Rep", "ai_language": "en_US"})
        job.ai_interview_enabled = True
        form = self._wizard(self.make_applicant("Jane Roe", "jane@example.com", job=job))
        self.assertIn("Plan about", str(form.preview_body))
        self.assertIn("Question 1: 30 s to prepare, up to 3 min to answer", str(form.preview_body))
        self.assertNotIn("截止时间", str(form.preview_body))

    def test_send_writes_choices_and_a_second_click_does_not_resend(self):
        form = self._wizard()
        deadline = fields.Datetime.now() + timedelta(days=3)
        form.deadline = deadline
        form.tz = "America/New_York"
        form.channel = "email"
        wizard = form.save()
        wizard.action_send()
        interview = self.applicant.ai_interview_ids
        self.assertEqual((interview.state, interview.tz), ("invited", "America/New_York"))
        self.assertEqual(interview.deadline, deadline.replace(microsecond=0))
        self.assertIn("America/New_York", interview.deadline_display)
        self.assertEqual(len(self._mails(interview)), 1)
        delivery = self.env["hr.ai.delivery"].search([("interview_id", "=", interview.id)])
        self.assertEqual((delivery.kind, delivery.channel, delivery.state), ("invitation", "email", "sent"))
        notes = " ".join(str(b) for b in interview.message_ids.mapped("body"))
        self.assertNotIn("WeChat invitation skipped", notes, "email only was chosen")
        # the second click: the window says it was sent, "Send" refuses, "Send again" is explicit
        again = self._wizard()
        self.assertTrue(again.already_sent)
        self.assertIn("already sent", again.sent_info)
        again_wizard = again.save()
        with self.assertRaisesRegex(UserError, "already sent"):
            again_wizard.action_send()
        with self.assertRaisesRegex(UserError, "already sent"):
            interview.action_send_invitation()
        self.assertEqual(len(self._mails(interview)), 1)
        old_token = interview.sudo().access_token
        again_wizard.action_send_again()
        self.assertEqual(len(self._mails(interview)), 2)
        self.assertNotEqual(interview.sudo().access_token, old_token, "a resent invitation has a new link")

    def test_scheduled_send_waits_in_the_delivery_queue(self):
        form = self._wizard()
        send_at = fields.Datetime.now() + timedelta(hours=5)
        form.send_at = send_at
        form.channel = "email"
        wizard = form.save()
        with trap_jobs() as trap:
            wizard.action_send()
            interview = self.applicant.ai_interview_ids
            delivery = self.env["hr.ai.delivery"].search([("interview_id", "=", interview.id)])
            self.assertEqual((delivery.kind, delivery.channel, delivery.state), ("invitation", "email", "queued"))
            trap.assert_jobs_count(1, only=delivery._ai_job_send)
            self.assertEqual(trap.enqueued_jobs[0].eta, send_at.replace(microsecond=0))
            self.assertFalse(self._mails(interview), "nothing is mailed before the scheduled time")
            self.assertEqual(interview.state, "invited")
            self.assertGreater(interview.deadline, send_at, "the deadline counts from the sending time")
            self.assertIn("scheduled", self._wizard().sent_info)
            trap.perform_enqueued_jobs()
        self.assertEqual(delivery.state, "sent")
        self.assertEqual(len(self._mails(interview)), 1)

    def test_scheduled_invitation_of_a_cancelled_interview_is_not_sent(self):
        form = self._wizard()
        form.send_at = fields.Datetime.now() + timedelta(hours=2)
        form.channel = "email"
        with trap_jobs() as trap:
            form.save().action_send()
            interview = self.applicant.ai_interview_ids
            interview.action_cancel()
            trap.perform_enqueued_jobs()
        delivery = self.env["hr.ai.delivery"].search([("interview_id", "=", interview.id)])
        self.assertEqual(delivery.state, "failed")
        self.assertFalse(self._mails(interview))

    def test_bad_times_are_refused_with_a_reason(self):
        form = self._wizard()
        form.deadline = fields.Datetime.now() + timedelta(minutes=20)
        with self.assertRaisesRegex(UserError, "at least one hour"):
            form.save().action_send()
        form = self._wizard()
        form.scheduled_at = form.deadline + timedelta(days=1)
        with self.assertRaisesRegex(UserError, "between the sending time and the deadline"):
            form.save().action_send()
        self.assertEqual(self.applicant.ai_interview_ids.state, "draft")

    def test_wechat_channel_is_offered_only_when_possible(self):
        form = self._wizard()
        self.assertEqual(form.channel, "email")
        form.channel = "email_wechat"
        self.assertIn("not configured", form.wechat_note)
        # a candidate who follows the company's Official Account (bound by QR code or in WeChat's browser)
        self.company.sudo().write({"ai_wechat_app_id": "wxapp", "ai_wechat_secret": "s3cret",
                                   "ai_wechat_notice_template_id": "tmpl-notice"})
        interview = self.applicant.ai_interview_ids
        self.env["hr.ai.wechat.binding"]._ai_bind(interview, "official_account", "o_candidate", "qr")
        form = self._wizard()
        self.assertEqual(form.channel, "email_wechat")
        with trap_jobs() as trap:
            form.save().action_send()
            channels = self.env["hr.ai.delivery"].search(
                [("interview_id", "=", interview.id)]).mapped("channel")
            self.assertEqual(sorted(channels), ["email", "official_account"])
            trap.assert_jobs_count(1)


    def test_window_and_messages_in_chinese(self):
        Wizard = self.env["hr.ai.interview.invite.wizard"].with_context(lang="zh_CN")
        names = ["channel", "tz", "send_at", "scheduled_at", "lang_name", "preview_subject"]
        labels = Wizard.fields_get(names)
        self.assertEqual([labels[f]["string"] for f in names],
                         ["渠道", "候选人时区", "发送时间", "建议面试时间", "邮件语言", "主题"])
        self.assertEqual(dict(labels["channel"]["selection"])["email_wechat"], "邮件和微信")
        arch = Wizard.get_view(self.env.ref("hr_ai_interview.hr_ai_interview_invite_wizard_view_form").id)["arch"]
        for text in ("候选人将收到", "再次发送", "定时发送"):
            self.assertIn(text, arch)
        self.make_interview(ready=False).action_send_invitation()
        interview = self.applicant.ai_interview_ids
        with self.assertRaisesRegex(UserError, "的邀请已于 .* 发送"):
            interview.with_context(lang="zh_CN").action_send_invitation()

    def test_no_reminder_before_a_scheduled_invitation_went_out(self):
        form = self._wizard()
        form.send_at = fields.Datetime.now() + timedelta(hours=5)
        form.deadline = fields.Datetime.now() + timedelta(hours=10)  # inside the 24 h reminder window
        form.channel = "email"
        with trap_jobs():
            form.save().action_send()
        interview = self.applicant.ai_interview_ids
        self.env["hr.ai.interview"]._cron_send_reminders()
        self.assertFalse(interview.reminder_sent)
        self.assertFalse(self._mails(interview))
