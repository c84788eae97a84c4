# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Feedback approval and delivery against the real local WeChat mock server (wechatpy over HTTP)."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.queue_job.exception import FailedJobError, RetryableJobError

from .common_report import ReportCase, load_wechat_mock
from .interview_common import trap_jobs
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
        icp.set_param("hr_ai_interview.wechat_timeout", "1")

    def setUp(self):
        super().setUp()
        self.srv.reset()
        self.clear_tokens()  # the mock forgot its tokens: start each test with a fresh fetch

    def clear_tokens(self):
        with self.env.registry.cursor() as cr:  # tokens are committed by their own cursor, shared by workers
            cr.execute("DELETE FROM hr_ai_wechat_token")

    def stored_tokens(self):
        with self.env.registry.cursor() as cr:
            cr.execute("SELECT token FROM hr_ai_wechat_token")
            return [row[0] for row in cr.fetchall()]

    def deliver(self, interview):
        """Send the feedback and run every job it queues as queue_job would: RetryableJobError puts the job
        back (its retry_pattern gives the delay), FailedJobError ends in the on_fail hook. -> retry delays."""
        delays = []
        with trap_jobs() as trap:
            interview.with_user(self.officer).with_context(queue_job__no_delay=False).action_send_feedback()
            for _round in range(40):
                jobs, trap.enqueued_jobs = trap.enqueued_jobs, []
                if not jobs:
                    break
                for job in jobs:
                    try:
                        job.perform()
                    except RetryableJobError:
                        delays.append(job._get_retry_seconds())
                        trap.enqueued_jobs.append(job)
                    except FailedJobError as exc:
                        job.on_fail({"exc_name": "FailedJobError", "exc_message": str(exc), "exc_info": ""})
        return delays

    def wecom_company(self):
        self.company.sudo().write({"ai_wecom_corp_id": self.srv.corp_id, "ai_wecom_secret": self.srv.corp_secret,
                                   "ai_wecom_agent_id": str(self.srv.agent_id)})

    def oa_company(self):
        self.company.sudo().write({"ai_wechat_app_id": self.srv.app_id, "ai_wechat_secret": self.srv.app_secret,
                                   "ai_wechat_template_id": "TPL_REPORT"})

    def approved(self, **kw):
        interview = self.make_interview(scores=AI, **kw)
        if interview.partner_id.wecom_userid:  # WeCom app messages reach members: an internal applicant
            self.env["hr.employee"].create({"name": interview.partner_id.name,
                                            "work_contact_id": interview.partner_id.id})
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
        # the candidate's language through Odoo's translations, whoever sends it (the officer reads English)
        self.assertIn("面试反馈报告", text_msg["text"]["content"])
        self.assertEqual(interview.feedback_state, "sent")
        self.assert_no_secret(interview)

    def test_wecom_5xx_is_retried_by_queue_job_reusing_the_uploaded_file(self):
        self.wecom_company()
        interview = self.approved(partner_vals={"wecom_userid": "zhangwei"})
        self.srv.add_fault("message/send", "http_500", count=2)
        delays = self.deliver(interview)
        delivery = interview.delivery_ids
        self.assertEqual(delivery.state, "sent")
        self.assertEqual(delays, [30, 30], "queue_job's retry_pattern spaces the runs, no sleeping worker")
        self.assertEqual(self.srv.count("message/send", "http_500"), 2)
        self.assertEqual(len(self.srv.media), 1, "a failed send never re-uploads")
        self.assertEqual(len(self.srv.messages), 2)  # file + text, once each

    def test_permanent_errcode_falls_back_to_email(self):
        self.wecom_company()
        interview = self.approved(partner_vals={"wecom_userid": "ghost"})
        self.srv.invalid_users.add("ghost")
        interview.with_user(self.officer).action_send_feedback()
        wecom = interview.delivery_ids.filtered(lambda d: d.channel == "wecom")
        email = interview.delivery_ids.filtered(lambda d: d.channel == "email")
        self.assertEqual(wecom.state, "failed")
        self.assertIn("81013", wecom.reason)
        self.assertEqual((email.state, email.fallback_of_id), ("sent", wecom))
        mail = self.env["mail.mail"].search([("model", "=", "hr.ai.interview"), ("res_id", "=", interview.id)])
        self.assertEqual(mail.attachment_ids.raw, interview.feedback_attachment_id.raw)
        self.assertEqual(interview.feedback_state, "sent")
        bodies = " ".join(interview.message_ids.mapped("body"))
        self.assertIn("failed", bodies)  # the log shows each outcome
        self.assert_no_secret(interview)

    def test_transient_failure_is_retried_with_backoff_nothing_lost_nothing_doubled(self):
        self.wecom_company()
        interview = self.approved(partner_vals={"wecom_userid": "zhangwei"})
        self.srv.add_fault("media/upload", "http_500", count=3)
        self.srv.add_fault("message/send", "drop")  # processed, answer lost: resent, WeCom drops the duplicate
        delays = self.deliver(interview)
        delivery = interview.delivery_ids
        self.assertEqual(delays, [30, 30, 120, 30])
        self.assertEqual((delivery.state, interview.feedback_state), ("sent", "sent"))
        self.assertEqual(len(self.srv.messages), 2)  # nothing lost, nothing doubled
        self.assertFalse(self.env["ir.cron"].search([("code", "ilike", "retry_failed")]), "no retry cron")

    def test_retries_exhausted_fail_with_reason_and_fall_back_to_email(self):
        self.wecom_company()
        interview = self.approved(partner_vals={"wecom_userid": "zhangwei"})
        self.srv.add_fault("media/upload", "http_500", count=100)
        self.deliver(interview)
        wecom = interview.delivery_ids.filtered(lambda d: d.channel == "wecom")
        self.assertEqual(wecom.state, "failed")
        self.assertIn("Max. retries", wecom.reason)
        self.assertEqual(interview.delivery_ids.filtered(lambda d: d.channel == "email").state, "sent")
        self.assertEqual(interview.feedback_state, "sent")

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

    def test_official_account_lost_answer_is_not_sent_twice_but_by_email(self):
        self.oa_company()
        interview = self.approved(partner_vals={"wechat_openid": "o_openid_1"})
        self.srv.add_fault("message/template/send", "drop")  # processed, the answer never comes
        self.deliver(interview)
        oa = interview.delivery_ids.filtered(lambda d: d.channel == "official_account")
        self.assertEqual(len(self.srv.templates), 1, "no second template message")
        self.assertEqual(oa.state, "failed")
        self.assertIn("not sent again", oa.reason)
        self.assertEqual(interview.delivery_ids.filtered(lambda d: d.channel == "email").state, "sent")

    def test_official_account_token_is_shared_by_all_workers(self):
        """An OA has one valid token at a time: every sender (any worker) uses the one in the database."""
        self.oa_company()
        self.srv.single_token_accounts.add(self.srv.app_id)  # a new token invalidates the previous one
        for name in ("甲", "乙", "丙"):
            interview = self.approved(name=name, partner_vals={"wechat_openid": "o_%s" % name})
            self.deliver(interview)
            self.assertEqual(interview.delivery_ids.state, "sent")
        self.assertEqual(self.srv.token_fetches, 1)
        self.assertEqual(len(self.stored_tokens()), 1)

    def test_wecom_app_messages_are_not_for_candidates(self):
        """message/send reaches company members only: a candidate's WeCom user id is not a channel."""
        self.wecom_company()
        interview = self.make_interview(scores=AI, partner_vals={"wecom_userid": "outsider"})
        interview.with_user(self.officer).action_approve_feedback()
        interview.action_send_feedback()
        delivery = interview.delivery_ids
        self.assertEqual((delivery.channel, delivery.state), ("email", "sent"))
        self.assertIn("company members only", delivery.channel_reason)
        self.assertFalse(self.srv.messages)

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

