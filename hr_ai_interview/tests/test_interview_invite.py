# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from .interview_common import InterviewCase, trap_jobs


@tagged("post_install", "-at_install")
class TestInterviewInvite(InterviewCase):

    def _mails(self, interview):
        return self.env["mail.mail"].search([("model", "=", "hr.ai.interview"), ("res_id", "=", interview.id)])

    def test_invite_from_applicant_queues_email_with_link_and_skips_wechat(self):
        self.applicant.partner_id.tz = "Asia/Shanghai"
        now = datetime(2030, 3, 1, 1, 30, 0)
        with patch("odoo.fields.Datetime.now", return_value=now):
            action = self.applicant.action_ai_interview_invite()
        interview = self.applicant.ai_interview_ids
        self.assertEqual(len(interview), 1)
        self.assertEqual(action["res_id"], interview.id)
        self.assertEqual(interview.state, "invited")
        self.assertEqual(interview.deadline, now + timedelta(days=5), "deadline from the job's default")
        # to the minute, in the candidate's zone (UTC+8)
        self.assertEqual(interview.deadline_display, "2030-03-06 09:30 (Asia/Shanghai, UTC+08:00)")
        mail = self._mails(interview)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn("wang.test@example.com", mail.email_to)
        self.assertIn(interview.get_portal_url(), mail.body_html)
        self.assertIn("access_token=%s" % interview.access_token, mail.body_html)
        for text in ("2030-03-06 09:30", "摄像头", "身份验证", "练习", "提交", "安静"):
            self.assertIn(text, mail.body_html)
        self.assertIn("AI 视频面试邀请", mail.subject)
        notes = interview.message_ids.mapped("body")
        self.assertTrue(any("WeChat invitation skipped" in str(b) and "not configured" in str(b) for b in notes))

    def test_skipped_wechat_note_names_the_message_in_the_readers_language(self):
        """Seen on a zh_CN interview: "已跳过微信invitation：…" (the kind's code inside the Chinese sentence)."""
        self.applicant.with_context(lang="zh_CN").action_ai_interview_invite()
        interview = self.applicant.ai_interview_ids
        interview.with_context(lang="zh_CN")._notify_wechat("reminder")
        notes = " ".join(str(b) for b in interview.message_ids.mapped("body"))
        self.assertIn("已跳过微信提醒", notes)
        self.assertNotIn("微信reminder", notes)
        self.assertNotIn("微信invitation", notes)

    def test_english_invitation(self):
        job = self.job.copy({"name": "EN job", "ai_language": "en_US"})
        job.ai_interview_enabled = True
        applicant = self.make_applicant("Jane Roe", "jane@example.com", job=job)
        applicant.action_ai_interview_invite()
        mail = self._mails(applicant.ai_interview_ids)
        self.assertIn("Start the interview", mail.body_html)
        self.assertIn("camera, a microphone", mail.body_html)
        self.assertNotIn("摄像头", mail.body_html)

    def test_mass_invite_reports_skipped_applicants(self):
        other_job = self.env["hr.job"].create({"name": "No AI job"})
        no_ai = self.make_applicant("No AI", "noai@example.com", job=other_job)
        second = self.make_applicant("李四", "li.si@example.com")
        result = (self.applicant | no_ai | second).action_ai_interview_invite()
        self.assertEqual(result["params"]["type"], "warning")
        self.assertIn("2 applicant(s) invited", result["params"]["message"])
        self.assertIn("No AI", result["params"]["message"])
        self.assertFalse(no_ai.ai_interview_ids)
        self.assertEqual(second.ai_interview_state, "invited")
        # inviting again neither creates a second interview nor silently mails the same invitation again
        mails = self._mails(self.applicant.ai_interview_ids)
        with self.assertRaisesRegex(UserError, "already invited"):
            self.applicant.action_ai_interview_invite()
        self.assertEqual(len(self.applicant.ai_interview_ids), 1)
        self.assertEqual(self._mails(self.applicant.ai_interview_ids), mails)
        with self.assertRaisesRegex(UserError, "no AI interview"):
            no_ai.action_ai_interview_invite()

    def test_list_and_kanban_server_action(self):
        action = self.env.ref("hr_ai_interview.action_server_ai_interview_invite")
        self.assertEqual(action.binding_view_types, "list,kanban")
        second = self.make_applicant("李四", "li.si@example.com")
        result = action.with_context(active_model="hr.applicant", active_ids=(self.applicant | second).ids).run()
        self.assertEqual(result["params"]["type"], "success")
        self.assertEqual((self.applicant | second).mapped("ai_interview_state"), ["invited", "invited"])

    def test_wechat_configured_queues_a_message_job(self):
        self.company.sudo().write({"ai_wecom_corp_id": "corp", "ai_wecom_secret": "s3cret",
                                   "ai_wecom_agent_id": "1000002"})
        self.applicant.partner_id.wecom_userid = "zhangsan"
        # WeCom app messages reach company members only: an internal applicant
        self.env["hr.employee"].create({"name": "Zhang San", "work_contact_id": self.applicant.partner_id.id})
        with trap_jobs() as trap:
            self.applicant.action_ai_interview_invite()
            interview = self.applicant.ai_interview_ids
            delivery = self.env["hr.ai.delivery"].search([("interview_id", "=", interview.id),
                                                          ("channel", "!=", "email")])
            self.assertEqual((delivery.kind, delivery.channel, delivery.recipient),
                             ("invitation", "wecom", "zhangsan"))
            trap.assert_jobs_count(1, only=delivery._ai_job_send)
        text = interview._wechat_text("invitation")
        self.assertIn(interview.portal_link, text)
        self.assertIn(interview.deadline_display, text)
        # in the candidate's language, through Odoo's translations (not in the sender's)
        interview.language = "zh_CN"
        self.assertTrue(interview.with_context(lang="en_US")._wechat_text("reminder").startswith("【面试提醒】"))
        interview.language = "en_US"
        self.assertTrue(interview.with_context(lang="zh_CN")._wechat_text("received").startswith("[Answers received]"))

    def test_wechat_partner_without_id_gets_note(self):
        self.company.sudo().write({"ai_wechat_app_id": "app", "ai_wechat_secret": "x", "ai_wechat_template_id": "t"})
        with trap_jobs() as trap:
            self.applicant.action_ai_interview_invite()
            trap.assert_jobs_count(0)
        bodies = " ".join(str(b) for b in self.applicant.ai_interview_ids.message_ids.mapped("body"))
        self.assertIn("no WeCom user id or WeChat OpenID", bodies)
