# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reaching candidates on WeChat, against the loopback mock that speaks WeChat's protocol: the silent OAuth round
trip inside WeChat's browser, the interview's QR code and the signed / encrypted event callbacks that bind and
unbind, and the notices (reminder, answers received, feedback report) that then go by template message or WeCom
customer contact, each once, with the channel's reason on the delivery."""
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from odoo import fields
from odoo.tests import tagged

from .common_report import ReportCase, load_wechat_mock
from .portal_common import AiPortalCase

MOCK = load_wechat_mock()
WECHAT_UA = ("Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 "
             "Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560 "
             "WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64")
CB_TOKEN, AES_KEY = "cb-token-123", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
AI = {"沟通能力": 80.0, "问题解决": 45.0, "团队协作": 70.0}


class WechatMockMixin:
    @classmethod
    def start_mock(cls):
        cls.srv = MOCK.MockWeChatServer().start()
        cls.addClassCleanup(cls.srv.stop)
        icp = cls.env["ir.config_parameter"].sudo()
        icp.set_param("hr_ai_interview.wechat_api_base_url", cls.srv.base_url)
        icp.set_param("hr_ai_interview.wechat_oauth_base_url", cls.srv.base_url.replace("cgi-bin/", "connect/"))
        icp.set_param("hr_ai_interview.wechat_timeout", "2")

    def reset_mock(self):
        self.srv.reset()
        with self.env.registry.cursor() as cr:  # tokens are committed by their own cursor
            cr.execute("DELETE FROM hr_ai_wechat_token")

    def oa_company(self, company):
        company.sudo().write({"ai_wechat_app_id": self.srv.app_id, "ai_wechat_secret": self.srv.app_secret,
                              "ai_wechat_template_id": "TPL_REPORT", "ai_wechat_notice_template_id": "TPL_NOTICE",
                              "ai_wechat_token": CB_TOKEN, "ai_wechat_aes_key": AES_KEY})

    def wecom_company(self, company):
        company.sudo().write({"ai_wecom_corp_id": self.srv.corp_id, "ai_wecom_secret": self.srv.corp_secret,
                              "ai_wecom_agent_id": str(self.srv.agent_id), "ai_wecom_contact_userid": "recruiter1",
                              "ai_wecom_callback_token": CB_TOKEN, "ai_wecom_aes_key": AES_KEY})

    def bindings(self, partner):
        return self.env["hr.ai.wechat.binding"].with_context(active_test=False).search(
            [("partner_id", "=", partner.id)])


@tagged("post_install", "-at_install")
class TestWechatBindingHttp(WechatMockMixin, AiPortalCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_mock()
        cls.company = cls.interview_a.company_id

    def setUp(self):
        super().setUp()
        self.reset_mock()
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", self.base_url())
        self.oa_company(self.company)

    def open_link(self, interview, ua=WECHAT_UA):
        return self.url_open(self.page(interview), headers={"User-Agent": ua}, timeout=30)

    # ---------- silent OAuth ----------
    def test_link_opened_in_wechat_binds_the_openid_through_oauth(self):
        self.srv.oauth_openid = "o_in_wechat"
        res = self.open_link(self.interview_a)
        self.assertEqual(res.status_code, 200)
        (auth,) = self.srv.authorize_requests
        self.assertEqual((auth["scope"], auth["appid"]), ("snsapi_base", self.srv.app_id))
        self.assertTrue(auth["redirect_uri"].endswith("/ai-interview/wechat/oauth"))
        self.assertNotIn(self.interview_a.access_token, str(auth), "no interview token goes through WeChat")
        self.assertEqual(urlsplit(res.url).path, "/ai-interview/%d" % self.interview_a.id)
        binding = self.bindings(self.interview_a.partner_id)
        self.assertEqual((binding.identity, binding.source, binding.consent, binding.active),
                         ("o_in_wechat", "oauth", True, True))
        self.assertEqual(self.interview_a.partner_id.wechat_openid, "o_in_wechat")
        self.assertIn("o_hrai_wechat_linked", res.text)
        # opening again does not run the round trip again
        self.open_link(self.interview_a)
        self.assertEqual(len(self.srv.authorize_requests), 1)

    def test_outside_wechat_nothing_changes(self):
        res = self.open_link(self.interview_a, ua="Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36")
        self.assertEqual(res.status_code, 200)
        self.assertFalse(self.srv.authorize_requests)
        self.assertFalse(self.bindings(self.interview_a.partner_id))
        self.assertIn("o_hrai_wechat_qr", res.text, "outside WeChat the page offers the QR code")

    def test_oauth_state_is_single_use_and_bound_to_the_session(self):
        self.open_link(self.interview_a, ua="Mozilla/5.0 Chrome/126.0")  # the session holds the token
        self.company.sudo().ai_wechat_app_id = self.srv.app_id
        res = self.url_open("/ai-interview/%d" % self.interview_a.id, headers={"User-Agent": WECHAT_UA},
                            allow_redirects=False)
        self.assertEqual(res.status_code, 303)
        state = parse_qs(urlsplit(res.headers["Location"]).query)["state"][0]
        code = self.srv.issue_oauth_code("o_attacker")
        # another browser (no session) replaying the callback gets 400 and binds nothing
        other = self.url_open  # same helper, fresh cookies below
        self.opener.cookies.clear()
        replay = other("/ai-interview/wechat/oauth?code=%s&state=%s" % (code, state), allow_redirects=False)
        self.assertEqual(replay.status_code, 400)
        self.assertFalse(self.bindings(self.interview_a.partner_id))
        for bad in ("", "state=short", "code=x&state=" + "A" * 30, "code=%%00&state=%s" % state):
            self.assertEqual(self.url_open("/ai-interview/wechat/oauth?" + bad,
                                           allow_redirects=False).status_code, 400, bad)

    def test_forged_code_is_refused(self):
        self.open_link(self.interview_a, ua="Mozilla/5.0 Chrome/126.0")
        res = self.url_open("/ai-interview/%d" % self.interview_a.id, headers={"User-Agent": WECHAT_UA},
                            allow_redirects=False)
        state = parse_qs(urlsplit(res.headers["Location"]).query)["state"][0]
        res = self.url_open("/ai-interview/wechat/oauth?code=forged&state=%s" % state, allow_redirects=False)
        self.assertEqual(res.status_code, 400)
        res = self.url_open("/ai-interview/wechat/oauth?code=forged&state=%s" % state, allow_redirects=False)
        self.assertEqual(res.status_code, 400, "the state was used up by the first try")
        self.assertFalse(self.bindings(self.interview_a.partner_id))

    # ---------- QR code + events ----------
    def qr_scene(self, interview):
        self.open_link(interview, ua="Mozilla/5.0 Chrome/126.0")
        scene = self.env["hr.ai.wechat.scene"].search([("interview_id", "=", interview.id)])
        self.assertEqual(len(scene), 1)
        return scene

    def post_event(self, query, body, path=None):
        path = path or "/ai-interview/wechat/event/%d" % self.company.id
        return self.opener.post(self.base_url() + path, params=query, data=body, timeout=30)

    def test_qr_scan_binds_and_unsubscribe_unbinds(self):
        scene = self.qr_scene(self.interview_a)
        (qr,) = self.srv.qrcodes
        self.assertEqual(qr["action_info"]["scene"]["scene_str"], scene.scene)
        self.assertEqual(qr["action_name"], "QR_STR_SCENE")
        self.assertGreater(qr["expire_seconds"], 0)
        self.assertNotIn(self.interview_a.access_token, scene.scene)
        self.qr_scene(self.interview_a)
        self.assertEqual(len(self.srv.qrcodes), 1, "the ticket is reused until it nears expiry")
        # plain mode: signature checked
        query, body = MOCK.signed_event(CB_TOKEN, MOCK.event_xml("o_scan", "subscribe", "qrscene_" + scene.scene))
        res = self.post_event(query, body)
        self.assertEqual((res.status_code, res.text), (200, "success"))
        binding = self.bindings(self.interview_a.partner_id)
        self.assertEqual((binding.identity, binding.source, binding.active), ("o_scan", "qr", True))
        query, body = MOCK.signed_event(CB_TOKEN, MOCK.event_xml("o_scan", "unsubscribe"))
        self.assertEqual(self.post_event(query, body).status_code, 200)
        self.assertFalse(binding.active)
        # safe mode (AES): a SCAN by a follower binds again
        query, body = MOCK.encrypted_event(CB_TOKEN, AES_KEY, self.srv.app_id,
                                           MOCK.event_xml("o_scan", "SCAN", scene.scene))
        self.assertEqual(self.post_event(query, body).status_code, 200)
        self.assertTrue(binding.active)

    def test_qr_refused_by_wechat_the_page_still_opens_and_does_not_ask_on_every_view(self):
        self.srv.add_fault("qrcode/create", "errcode", errcode=48001, errmsg="api unauthorized")
        res = self.open_link(self.interview_a, ua="Mozilla/5.0 Chrome/126.0")
        self.assertEqual(res.status_code, 200)
        self.assertIn("o_hrai_landing", res.text)
        self.assertNotIn("o_hrai_wechat_qr", res.text)
        self.open_link(self.interview_a, ua="Mozilla/5.0 Chrome/126.0")
        self.assertEqual(self.srv.count("qrcode/create"), 1)

    def test_bad_callbacks_get_400_and_bind_nothing(self):
        scene = self.qr_scene(self.interview_a)
        xml = MOCK.event_xml("o_evil", "subscribe", "qrscene_" + scene.scene)
        query, body = MOCK.signed_event("not-the-token", xml)
        self.assertEqual(self.post_event(query, body).status_code, 400)
        query, body = MOCK.encrypted_event(CB_TOKEN, AES_KEY, self.srv.app_id, xml)
        self.assertEqual(self.post_event(dict(query, msg_signature="0" * 40), body).status_code, 400)
        query, _body = MOCK.signed_event(CB_TOKEN, "")
        self.assertEqual(self.post_event(query, b"<xml><not closed").status_code, 400)
        self.assertEqual(self.post_event(query, b"x", path="/ai-interview/wechat/event/999999").status_code, 400)
        # an unknown scene is acknowledged but binds nothing
        query, body = MOCK.signed_event(CB_TOKEN, MOCK.event_xml("o_evil", "subscribe", "qrscene_hrai_unknownscene1"))
        self.assertEqual(self.post_event(query, body).status_code, 200)
        self.assertFalse(self.bindings(self.interview_a.partner_id))
        # URL verification echo
        query, _body = MOCK.signed_event(CB_TOKEN, "")
        res = self.opener.get(self.base_url() + "/ai-interview/wechat/event/%d" % self.company.id,
                              params=dict(query, echostr="echo-42"), timeout=30)
        self.assertEqual(res.text, "echo-42")

    def test_withdrawn_consent_stops_notices_and_is_not_silently_renewed(self):
        self.srv.oauth_openid = "o_withdraw"
        res = self.open_link(self.interview_a)
        csrf = res.text.split('name="csrf_token" value="')[1].split('"')[0]
        res = self.url_open("/ai-interview/%d/wechat/withdraw" % self.interview_a.id,
                            data={"csrf_token": csrf, "back": "landing"}, headers={"User-Agent": WECHAT_UA})
        self.assertEqual(res.status_code, 200)
        binding = self.bindings(self.interview_a.partner_id)
        self.assertEqual((binding.consent, bool(binding.withdrawn_date)), (False, True))
        channel, _to, why = self.env["hr.ai.delivery"]._ai_choose_channel(
            self.interview_a, "reminder", self.interview_a.partner_id)
        self.assertEqual(channel, "email")
        self.assertIn("withdrew", why)
        self.opener.cookies.clear()
        self.open_link(self.interview_a)
        self.assertEqual(len(self.srv.authorize_requests), 1, "no silent re-binding after a withdrawal")
        self.assertFalse(binding.consent)

    def test_wecom_contact_way_binds_an_external_contact(self):
        self.company.sudo().write({"ai_wechat_app_id": False})
        self.wecom_company(self.company)
        res = self.open_link(self.interview_a, ua="Mozilla/5.0 Chrome/126.0")
        (way,) = self.srv.contact_ways
        self.assertIn("o_hrai_wecom_contact", res.text)
        self.assertEqual(way["user"], ["recruiter1"])
        xml = MOCK.event_xml("recruiter1", "add_external_contact", external_userid="wm_cand", state=way["state"])
        query, body = MOCK.encrypted_event(CB_TOKEN, AES_KEY, self.srv.corp_id, xml, enterprise=True)
        res = self.post_event(query, body, path="/ai-interview/wecom/event/%d" % self.company.id)
        self.assertEqual(res.status_code, 200)
        binding = self.bindings(self.interview_a.partner_id)
        self.assertEqual((binding.channel, binding.identity, binding.sender_userid),
                         ("wecom_external", "wm_cand", "recruiter1"))
        query, body = MOCK.encrypted_event("other", AES_KEY, self.srv.corp_id, xml, enterprise=True)
        self.assertEqual(self.post_event(query, body, path="/ai-interview/wecom/event/%d"
                                         % self.company.id).status_code, 400)


@tagged("post_install", "-at_install")
class TestWechatNotices(WechatMockMixin, ReportCase):
    """Bound candidates get their notices on WeChat, once each, with the channel's reason recorded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_mock()

    def setUp(self):
        super().setUp()
        self.reset_mock()

    def bound(self, channel="official_account", scores=AI, **kw):
        interview = self.make_interview(scores=scores, **kw)
        interview._portal_ensure_token()
        self.env["hr.ai.wechat.binding"]._ai_bind(
            interview, channel, "o_bound" if channel == "official_account" else "wm_bound",
            "qr" if channel == "official_account" else "contact_way",
            sender="recruiter1" if channel != "official_account" else None)
        return interview

    def test_reminder_received_and_report_reach_the_bound_candidate_once(self):
        self.oa_company(self.company)
        invited = self.bound(name="王芳", scores=None)
        invited.write({"state": "invited", "deadline": fields.Datetime.now() + timedelta(hours=3)})
        self.env["hr.ai.interview"]._cron_send_reminders()
        invited._notify_wechat("reminder")  # the same reminder again: nothing new
        reminder = self.env["hr.ai.delivery"].search([("interview_id", "=", invited.id)])
        self.assertEqual((reminder.kind, reminder.channel, reminder.state), ("reminder", "official_account", "sent"))
        interview = self.bound()
        interview._notify_wechat("received")
        interview._notify_wechat("received")  # a second submission signal: nothing new
        interview.with_user(self.officer).action_approve_feedback()
        interview.action_send_feedback()
        interview.action_send_feedback()  # a double click
        notices = self.env["hr.ai.delivery"].search([("interview_id", "=", interview.id)])
        self.assertEqual(sorted(notices.mapped("kind")), ["received", "report"])
        self.assertEqual(set(notices.mapped("channel")), {"official_account"})
        self.assertEqual(set(notices.mapped("state")), {"sent"})
        self.assertTrue(all("Official Account" in r for r in (notices | reminder).mapped("channel_reason")))
        by_template = {t["template_id"]: t for t in self.srv.templates}
        self.assertEqual(len(self.srv.templates), 3)
        self.assertEqual({t["touser"] for t in self.srv.templates}, {"o_bound"})
        report = by_template["TPL_REPORT"]
        self.assertIn("/report.pdf?access_token=%s" % interview.sudo().feedback_access_token, report["url"])
        self.assertNotIn(interview.sudo().access_token, report["url"], "the report link has its own token")
        self.assertEqual(report["data"]["first"]["value"], "您的面试反馈报告已生成")  # the candidate's language
        texts = [t["data"]["first"]["value"] for t in self.srv.templates if t["template_id"] == "TPL_NOTICE"]
        self.assertTrue(any(t.startswith("【面试提醒】") for t in texts))
        self.assertTrue(any(t.startswith("【已收到您的回答】") for t in texts))

    def test_invitation_goes_by_email_and_by_wechat_once_bound(self):
        self.oa_company(self.company)
        interview = self.bound(scores=None)
        interview.action_send_invitation()
        mails = self.env["mail.mail"].search([("model", "=", "hr.ai.interview"), ("res_id", "=", interview.id)])
        self.assertTrue(mails, "the email invitation always goes")
        invitations = self.env["hr.ai.delivery"].search([("interview_id", "=", interview.id),
                                                         ("kind", "=", "invitation")])
        self.assertEqual(sorted(invitations.mapped("channel")), ["email", "official_account"])
        invitation = invitations.filtered(lambda d: d.channel == "official_account")
        self.assertEqual(invitation.state, "sent")
        (tpl,) = self.srv.templates
        self.assertEqual((tpl["template_id"], tpl["touser"]), ("TPL_NOTICE", "o_bound"))
        self.assertEqual(tpl["url"], interview.portal_link)

    def test_english_candidate_gets_english_notices(self):
        self.oa_company(self.company)
        interview = self.bound(name="Alice Smith", lang="en_US")
        interview.with_user(self.officer).action_approve_feedback()
        interview.action_send_feedback()
        self.assertEqual(self.srv.templates[0]["data"]["first"]["value"], "Your interview feedback report is ready")

    def test_wecom_external_contact_gets_the_report_link(self):
        self.wecom_company(self.company)
        interview = self.bound(channel="wecom_external")
        interview.with_user(self.officer).action_approve_feedback()
        interview.action_send_feedback()
        delivery = interview.delivery_ids
        self.assertEqual((delivery.channel, delivery.state, delivery.recipient), ("wecom_external", "sent", "wm_bound"))
        self.assertIn("recruiter1", delivery.channel_reason)
        (msg,) = self.srv.group_msgs
        self.assertEqual((msg["sender"], msg["external_userid"]), ("recruiter1", ["wm_bound"]))
        self.assertIn("/report.pdf?access_token=", msg["link"]["url"])
        self.assertFalse(self.srv.messages, "no message/send to an external person")

    def test_unbound_candidate_gets_email_with_the_reason(self):
        self.oa_company(self.company)
        interview = self.make_interview(scores=AI)
        interview.with_user(self.officer).action_approve_feedback()
        interview.action_send_feedback()
        self.assertEqual(interview.delivery_ids.channel, "email")
        self.assertIn("not linked WeChat", interview.delivery_ids.channel_reason)
        self.assertFalse(self.srv.templates)

    def test_expired_token_is_refreshed_for_template_messages(self):
        self.oa_company(self.company)
        first = self.bound()
        first._notify_wechat("received")
        self.srv.expire_tokens()
        second = self.bound(name="李雷")
        second._notify_wechat("received")
        self.assertEqual(len(self.srv.templates), 2)
        self.assertEqual(self.srv.count("message/template/send", "errcode 42001"), 1)
        self.assertEqual(self.srv.token_fetches, 2)

    def test_recruiter_hears_of_received_answers_by_wecom_app_message(self):
        """message/send is for company members: the recruiter, never the candidate."""
        self.wecom_company(self.company)
        self.officer.partner_id.wecom_userid = "hr_olga"
        interview = self.make_interview(scores=AI, partner_vals={"wecom_userid": "cand_not_member"})
        interview.user_id = self.officer
        interview._notify_wechat("received")
        interview._notify_wechat("received")
        delivery = self.env["hr.ai.delivery"].search([("interview_id", "=", interview.id)])
        self.assertEqual((delivery.channel, delivery.recipient, delivery.state), ("wecom", "hr_olga", "sent"))
        (msg,) = self.srv.messages
        self.assertEqual(msg["touser"], "hr_olga")
        self.assertIn("/odoo/action-hr_ai_interview.action_hr_ai_interview/%d" % interview.id,
                      msg["text"]["content"])
        notes = " ".join(str(b) for b in interview.message_ids.mapped("body"))
        self.assertIn("company members only", notes, "the candidate's skipped notice says why")

    def test_erasure_forgets_the_wechat_identity(self):
        self.oa_company(self.company)
        interview = self.bound()
        self.assertTrue(self.bindings(interview.partner_id))
        interview._ai_erase_personal_data("candidate asked")
        self.assertFalse(self.bindings(interview.partner_id))

    def test_callback_secrets_are_for_administrators_only(self):
        for user in (self.officer, self.env.ref("base.user_admin")):
            seen = self.env["res.company"].with_user(user).fields_get()
            for name in ("ai_wechat_token", "ai_wechat_aes_key", "ai_wecom_callback_token", "ai_wecom_aes_key"):
                self.assertEqual(name in seen, user != self.officer, name)

    def test_settings_test_connection(self):
        self.oa_company(self.company)
        settings = self.env["res.config.settings"].create({})
        result = settings.action_ai_wechat_test_connection()
        self.assertEqual(result["params"]["type"], "success")
        self.company.sudo().ai_wechat_secret = "wrong-secret-value"
        result = self.env["res.config.settings"].create({}).action_ai_wechat_test_connection()
        self.assertEqual(result["params"]["type"], "danger")
        self.assertNotIn("wrong-secret-value", result["params"]["message"])
        with self.assertRaises(Exception):
            self.env["res.config.settings"].with_user(self.officer).action_ai_wechat_test_connection()
