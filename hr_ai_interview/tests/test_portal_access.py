# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.tests import new_test_user, tagged

from .portal_common import AiPortalCase


@tagged("post_install", "-at_install")
class TestPortalAccess(AiPortalCase):

    def test_landing_shows_guide(self):
        resp = self.url_open(self.page(self.interview_a))
        self.assertEqual(resp.status_code, 200)
        for text in ("Analysis", "60", "Communication", "40", "How it works", "Start the interview"):
            self.assertIn(text, resp.text)

    def test_wrong_or_foreign_token_is_404(self):
        a, b = self.interview_a, self.interview_b
        for url in (self.page(a, token="not-the-token"), self.page(a, token=b.access_token),
                    f"/ai-interview/{a.id}", self.page(a, "/question", token=b.access_token),
                    f"/ai-interview/{max(a.id, b.id) + 1000}?access_token={a.access_token}"):
            resp = self.url_open(url, allow_redirects=False)
            self.assertEqual(resp.status_code, 404, url)
            self.assertIn("This interview link is not valid", resp.text)
            self.assertNotIn("Q-ONE", resp.text)
        # the API refuses a foreign token as well
        line = self.lines(a)[0]
        self.assertEqual(self.api(a, "/answer", {"line_id": line.id}, token=b.access_token).status_code, 404)

    def test_expired_and_cancelled_get_a_clear_page(self):
        self.interview_a.state = "expired"
        resp = self.url_open(self.page(self.interview_a, "/question"))
        self.assertEqual(resp.status_code, 200)
        self.assertIn("This interview has expired", resp.text)
        self.assertNotIn("Q-ONE", resp.text)
        self.interview_b.action_cancel()
        self.assertIn("This interview was cancelled", self.url_open(self.page(self.interview_b)).text)

    def test_consent_required_before_questions(self):
        a = self.interview_a
        resp = self.url_open(self.page(a, "/question"))
        self.assertIn("/consent", resp.url)
        self.assertIn("How AI is used in this interview", resp.text)
        self.assertNotIn("Q-ONE", resp.text)
        line = self.lines(a)[0]
        resp = self.api(a, "/answer", {"line_id": line.id, "mode": "video"})
        self.assertEqual(resp.status_code, 403)
        self.assertIn("consent", resp.json()["error"]["message"])
        self.assertFalse(a.answer_ids)

    def test_consent_form_then_identity(self):
        a = self.interview_a
        page = self.url_open(self.page(a, "/consent"))
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        resp = self.url_open(self.page(a, "/consent"), data={"csrf_token": csrf, "decision": "accept"})
        self.assertEqual(resp.status_code, 200)
        self.assertIn("/identity", resp.url)
        self.assertEqual(a.consent_state, "given")
        self.assertEqual(a.consent_ip, "127.0.0.1")
        self.assertTrue(a.consent_text_version)
        # still gated: identity comes before the questions
        self.assertIn("/identity", self.url_open(self.page(a, "/question")).url)

    def test_decline_requests_a_human_interview(self):
        b = self.interview_b
        page = self.url_open(self.page(b, "/consent"))
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        resp = self.url_open(self.page(b, "/consent"),
                             data={"csrf_token": csrf, "decision": "decline", "note": "Weekdays after 6 pm"})
        self.assertIn("Your request was sent", resp.text)
        self.assertEqual(b.consent_state, "declined")
        self.assertTrue(b.activity_ids, "declining must create an activity for HR")

    def test_questions_after_consent_and_identity(self):
        a = self.interview_a
        self.ready(a)
        a.sudo()._portal_record_device_check({"camera": True, "microphone": True, "upload_kbps": 5000})
        resp = self.url_open(self.page(a, "/question"))
        self.assertEqual(resp.status_code, 200)
        self.assertIn("Q-ONE", resp.text)
        self.assertIn("Question 1 of 2", resp.text)
        self.assertIn("o_hrai_draft", resp.text)
        resp = self.url_open(self.page(a, "/question", ) + "&mode=text")
        self.assertIn("o_hrai_send_text", resp.text)

    def test_my_page_lists_only_own_interviews(self):
        user_a = new_test_user(self.env, login="ai_portal_alice", groups="base.group_portal",
                               password="ai_portal_alice")
        user_b = new_test_user(self.env, login="ai_portal_bob", groups="base.group_portal",
                               password="ai_portal_bob")
        self.interview_a.partner_id = user_a.partner_id
        self.interview_b.partner_id = user_b.partner_id
        self.interview_b.name = "Bob's interview"
        self.authenticate("ai_portal_alice", "ai_portal_alice")
        resp = self.url_open("/my/ai-interviews")
        self.assertEqual(resp.status_code, 200)
        self.assertEqual(resp.text.count("o_hrai_my_row"), 1)
        self.assertIn(f"/ai-interview/{self.interview_a.id}?access_token={self.interview_a.access_token}",
                      resp.text.replace("&amp;", "&"))
        self.assertNotIn(self.interview_b.access_token, resp.text)
        home = self.url_open("/my")
        self.assertIn("/my/ai-interviews", home.text)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["ai_interview_count"]})
        self.assertEqual(counters["ai_interview_count"], 1)

    def _load_zh_cn(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_ai_interview"], ["zh_CN"], overwrite=True)

    def test_pages_follow_the_interview_language(self):
        self._load_zh_cn()
        a = self.interview_a
        a.language = "zh_CN"
        resp = self.url_open(self.page(a))  # no choice made yet: opens in the interview's language
        self.assertNotIn("/zh_CN/", resp.url)  # no language prefix (a website may not know zh_CN)
        self.assertIn('lang="zh-CN"', resp.text)
        self.assertIn("开始面试", resp.text)
        self.assertIn("面试流程", resp.text)
        # the API answers in the page's language too
        resp = self.api(a, "/answer", {"line_id": self.lines(a)[0].id})
        self.assertEqual(resp.status_code, 403)
        self.assertRegex(resp.json()["error"]["message"], r"[\u4e00-\u9fff]")
        # the candidate can switch to English, and the choice is kept on the next pages and in the API
        resp = self.url_open(f"/ai-interview/{a.id}?lang=en_US")
        self.assertIn("Start the interview", resp.text)
        self.assertIn('lang="en-US"', resp.text)
        self.assertIn("Start the interview", self.url_open(f"/ai-interview/{a.id}").text)
        resp = self.api(a, "/answer", {"line_id": self.lines(a)[0].id})
        self.assertNotRegex(resp.json()["error"]["message"], r"[\u4e00-\u9fff]")

    def test_interview_language_missing_from_the_website(self):
        """A careers site that offers only English must still show a zh_CN interview in Chinese."""
        self._load_zh_cn()
        if "website" not in self.env:
            self.skipTest("needs the website module (run by make test in the database with a careers site)")
        self.env["website"].search([]).write({"language_ids": [(6, 0, self.env.ref("base.lang_en").ids)],
                                              "default_lang_id": self.env.ref("base.lang_en").id})
        a = self.interview_a
        a.language = "zh_CN"
        resp = self.url_open(self.page(a))
        self.assertEqual(resp.status_code, 200)
        self.assertIn("开始面试", resp.text)
        resp = self.url_open(f"/ai-interview/{a.id}/consent")
        self.assertEqual(resp.status_code, 200)
        self.assertIn("本次面试如何使用 AI", resp.text)
