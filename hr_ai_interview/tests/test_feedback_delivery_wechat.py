# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Feedback approval and delivery against the real local WeChat mock server (wechatpy over HTTP)."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..wechat.client import SHARED_TOKENS
from .common_report import ReportCase, load_wechat_mock
from .test_hiring_report_pdf import pdf_text, save_png

AI = {"沟通能力": 80.0, "问题解决": 45.0, "团队协作": 70.0}


@tagged("post_install", "-at_install")
class TestFeedbackDelivery(ReportCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.srv = load_wechat_mock().MockWeChatServer().start()
        cls.addClassCleanup(cls.srv.stop)
        icp = cls.env["ir.config_parameter"].sudo()
        icp.set_param("hr_ai_interview.wechat_api_base_url", cls.srv.base_url)
        icp.set_param("hr_ai_interview.wechat_retry_base_delay", "0.01")
        icp.set_param("hr_ai_interview.wechat_max_attempts", "3")

    def setUp(self):
        super().setUp()
        self.srv.reset()
        SHARED_TOKENS._data.clear()  # the mock forgot its tokens: start each test with a fresh fetch

    def wecom_company(self):
        self.company.sudo().write({"ai_wecom_corp_id": self.srv.corp_id, "ai_wecom_secret": self.srv.corp_secret,
                                   "ai_wecom_agent_id": str(self.srv.agent_id)})

    def oa_company(self):
        self.company.sudo().write({"ai_wechat_app_id": self.srv.app_id, "ai_wechat_secret": self.srv.app_secret,
                                   "ai_wechat_template_id": "TPL_REPORT"})

    def approved(self, **kw):
        interview = self.make_interview(scores=AI, **kw)
        interview.with_user(self.officer).action_approve_feedback()
        return interview

    def assert_no_secret(self, interview):
        secrets = (self.srv.corp_secret, self.srv.app_secret)
        texts = interview.delivery_ids.mapped("reason") + interview.message_ids.mapped("body")
        for text in filter(None, texts):
            for secret in secrets:
                self.assertNotIn(secret, str(text))

    # ---------- approval ----------
    def test_sending_needs_hr_approval(self):
        interview = self.make_interview(scores=AI)
        with self.assertRaisesRegex(UserError, "approve"):
            interview.with_user(self.officer).action_send_feedback()
        with self.assertRaises(AccessError):
            interview.with_user(self.interviewer).action_approve_feedback()
        self.assertFalse(interview.delivery_ids)
        interview.with_user(self.officer).action_approve_feedback()
        self.assertEqual(interview.feedback_state, "approved")
        self.assertEqual(interview.feedback_approved_by, self.officer)
        self.assertTrue(interview.feedback_attachment_id.raw.startswith(b"%PDF"))
        self.assertGreater(interview.feedback_link_expires, fields.Datetime.now() + timedelta(days=29))

    def test_feedback_pdf_content_and_policy(self):
        interview = self.approved()
        pdf = interview.feedback_attachment_id.raw
        text = pdf_text(pdf)
        for expected in ("张伟", "销售经理", "沟通能力", "问题解决", "团队协作", "回答中没有具体数据"):
            self.assertIn(expected, text)
        self.assertNotIn("AFFECT-LABEL", text)  # no-affect policy: no emotion label anywhere
        self.assertNotIn("Officer Olga", text)  # nothing internal
        save_png(pdf, "odoo-candidate-feedback")
        full = self.make_interview(name="王芳", scores=AI, policy="full")
        self.assertIn("AFFECT-LABEL", pdf_text(full._render_feedback_pdf()))

    def test_english_candidate_gets_english_report(self):
        interview = self.make_interview(name="Alice Smith", scores=AI, lang="en_US")
        text = pdf_text(interview._render_feedback_pdf())
        self.assertIn("Alice Smith", text)
        self.assertIn("Next steps", text)

    def test_auto_send_after_review(self):
        self.company.ai_feedback_auto_send = True
        interview = self.make_interview(scores=AI)
        self.review(interview, self.officer, {"沟通能力": 70})
        self.assertTrue(interview.feedback_auto)
        self.assertEqual(interview.feedback_state, "sent")  # email: WeChat not configured
        self.assertEqual(interview.delivery_ids.channel, "email")

    # ---------- WeCom ----------
    def test_wecom_delivers_the_report_bytes(self):
        self.wecom_company()
        interview = self.approved(partner_vals={"wecom_userid": "zhangwei"})
        interview.with_user(self.officer).action_send_feedback()
        delivery = interview.delivery_ids
        self.assertEqual((delivery.channel, delivery.state, delivery.attempts), ("wecom", "sent", 3))
        (media,) = self.srv.media.values()
        self.assertEqual(media["content"], interview.feedback_attachment_id.raw)
        file_msg, text_msg = self.srv.messages
        self.assertEqual(file_msg["touser"], "zhangwei")
        self.assertIn("张伟", text_msg["text"]["content"])
        self.assertEqual(interview.feedback_state, "sent")
        self.assert_no_secret(interview)

    def test_wecom_5xx_is_retried(self):
        self.wecom_company()
        interview = self.approved(partner_vals={"wecom_userid": "zhangwei"})
        self.srv.add_fault("message/send", "http_500", count=2)
        with self.assertLogs(level="INFO") as logs:
            interview.with_user(self.officer).action_send_feedback()
        delivery = interview.delivery_ids
        self.assertEqual(delivery.state, "sent")
        self.assertEqual(delivery.attempts, 5)  # upload + 3 × file send + text
        self.assertEqual(self.srv.count("message/send", "http_500"), 2)
        self.assertEqual(len(self.srv.media), 1)  # a failed send never re-uploads
        self.assertTrue(any("retry 1/2" in line for line in logs.output))
        for line in logs.output:
            self.assertNotIn(self.srv.corp_secret, line)

    def test_permanent_errcode_falls_back_to_email(self):
        self.wecom_company()
        interview = self.approved(partner_vals={"wecom_userid": "ghost"})
        self.srv.invalid_users.add("ghost")
        interview.with_user(self.officer).action_send_feedback()
        wecom = interview.delivery_ids.filtered(lambda d: d.channel == "wecom")
        email = interview.delivery_ids.filtered(lambda d: d.channel == "email")
        self.assertEqual((wecom.state, wecom.retriable), ("failed", False))
        self.assertIn("81013", wecom.reason)
        self.assertEqual((email.state, email.fallback_of_id), ("sent", wecom))
        mail = self.env["mail.mail"].search([("model", "=", "hr.ai.interview"), ("res_id", "=", interview.id)])
        self.assertEqual(mail.attachment_ids.raw, interview.feedback_attachment_id.raw)
        self.assertEqual(interview.feedback_state, "sent")
        bodies = " ".join(interview.message_ids.mapped("body"))
        self.assertIn("failed", bodies)  # the log shows each outcome
        self.assert_no_secret(interview)

    def test_transient_failure_is_retried_by_cron_with_backoff(self):
        self.wecom_company()
        interview = self.approved(partner_vals={"wecom_userid": "zhangwei"})
        self.srv.add_fault("media/upload", "http_500", count=3)  # all in-call attempts fail
        interview.with_user(self.officer).action_send_feedback()
        delivery = interview.delivery_ids
        self.assertEqual((delivery.state, delivery.retriable, delivery.attempts), ("failed", True, 3))
        self.assertIn("HTTP 500", delivery.reason)
        self.assertGreater(delivery.next_retry, fields.Datetime.now())
        self.assertEqual(interview.feedback_state, "approved")  # not failed for good yet
        Delivery = self.env["hr.ai.delivery"]
        self.assertEqual(Delivery._cron_retry_failed(), 0)  # back-off not elapsed
        delivery.next_retry = fields.Datetime.now() - timedelta(seconds=1)
        self.assertEqual(Delivery._cron_retry_failed(), 1)
        self.assertEqual((delivery.state, delivery.retry_count, delivery.attempts), ("sent", 1, 6))
        self.assertEqual(interview.feedback_state, "sent")
        self.assertEqual(len(self.srv.messages), 2)  # nothing lost, nothing doubled

    def test_retries_exhausted_fall_back_to_email(self):
        self.wecom_company()
        interview = self.approved(partner_vals={"wecom_userid": "zhangwei"})
        self.srv.add_fault("media/upload", "http_500", count=100)
        interview.with_user(self.officer).action_send_feedback()
        delivery = interview.delivery_ids
        for _i in range(5):
            delivery.next_retry = fields.Datetime.now() - timedelta(seconds=1)
            self.env["hr.ai.delivery"]._cron_retry_failed()
        self.assertEqual((delivery.state, delivery.retriable, delivery.retry_count), ("failed", False, 5))
        self.assertEqual(interview.delivery_ids.filtered(lambda d: d.channel == "email").state, "sent")

    def test_expired_token_is_refreshed(self):
        self.wecom_company()
        first = self.approved(partner_vals={"wecom_userid": "u1"})
        first.action_send_feedback()
        self.srv.expire_tokens()
        second = self.approved(name="李雷", partner_vals={"wecom_userid": "u2"})
        second.action_send_feedback()
        self.assertEqual(second.delivery_ids.state, "sent")
        self.assertEqual(self.srv.count("media/upload", "errcode 42001"), 1)

    # ---------- Official Account ----------
    def test_official_account_links_to_token_protected_download(self):
        self.oa_company()
        interview = self.approved(partner_vals={"wechat_openid": "o_openid_1"})
        interview.action_send_feedback()
        delivery = interview.delivery_ids
        self.assertEqual((delivery.channel, delivery.state), ("official_account", "sent"))
        (tpl,) = self.srv.templates
        self.assertEqual(tpl["touser"], "o_openid_1")
        self.assertTrue(tpl["url"].endswith("/ai-interview/%s/report.pdf?access_token=%s"
                                            % (interview.id, interview.feedback_access_token)))
        self.assertEqual(tpl["data"]["keyword2"]["value"], "销售经理")

    def test_unsubscribed_official_account_falls_back_to_email(self):
        self.oa_company()
        interview = self.approved(partner_vals={"wechat_openid": "o_gone"})
        self.srv.unsubscribed.add("o_gone")
        interview.action_send_feedback()
        self.assertEqual(sorted(interview.delivery_ids.mapped("channel")), ["email", "official_account"])
        self.assertIn("43004", interview.delivery_ids.filtered(lambda d: d.channel != "email").reason)

    def test_not_configured_uses_email(self):
        interview = self.approved(partner_vals={"wecom_userid": "zhangwei"})
        interview.action_send_feedback()
        self.assertEqual((interview.delivery_ids.channel, interview.delivery_ids.state), ("email", "sent"))
        self.assertFalse(self.srv.calls)

    def test_no_email_and_no_wechat_fails_clearly(self):
        interview = self.approved()
        interview.applicant_id.candidate_id.email_from = False
        interview.partner_id.email = False
        interview.action_send_feedback()
        self.assertEqual(interview.delivery_ids.state, "failed")
        self.assertEqual(interview.feedback_state, "failed")

    def test_queue_job_is_used(self):
        interview = self.approved()
        interview.with_context(queue_job__no_delay=False).action_send_feedback()
        delivery = interview.delivery_ids
        self.assertEqual(delivery.state, "queued")
        job = self.env["queue.job"].search([("model_name", "=", "hr.ai.delivery"),
                                            ("method_name", "=", "_ai_job_send")])
        self.assertEqual(job.channel, "root.ai_interview")
        self.assertEqual(job.records, delivery)

