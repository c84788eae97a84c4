# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Candidate rights on the portal pages: self-identification, explanation / human review requests, the
separate face/voice consent box (issue #12, items 2 and 6). Token (session) only; bad values are a 400."""
import re

from odoo.tests import tagged

from .portal_common import AiPortalCase


@tagged("post_install", "-at_install")
class TestPortalRights(AiPortalCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["hr.ai.selfid.category"]
        Category.search([("company_id", "=", cls.env.company.id)]).unlink()
        cls.sex = Category.create({"name": "Sex", "options": "Female\nMale"})

    def submitted(self, interview):
        interview.sudo().write({"consent_state": "given", "state": "scoring"})
        return interview

    def csrf(self, interview):
        page = self.url_open(self.page(interview, "/done"))
        self.assertEqual(page.status_code, 200)
        return page, re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_done_page_offers_optional_self_id_and_rights(self):
        a = self.submitted(self.interview_a)
        page, csrf = self.csrf(a)
        self.assertIn("o_hrai_selfid", page.text)
        self.assertIn("Prefer not to say", page.text)
        self.assertIn('<option value="1">Female</option>', page.text)
        self.assertIn("o_hrai_request_explanation", page.text)
        url = self.base_url() + f"/ai-interview/{a.id}/self-id"
        bad = self.url_open(url, data={"csrf_token": csrf, f"selfid_{self.sex.id}": "Martian"})
        self.assertEqual(bad.status_code, 400)
        bad = self.url_open(url, data={"csrf_token": csrf, "selfid_abc": "Female"})
        self.assertEqual(bad.status_code, 400)
        self.assertFalse(self.env["hr.ai.selfid"].search([("interview_id", "=", a.id)]))
        bad = self.url_open(url, data={"csrf_token": csrf, f"selfid_{self.sex.id}": "7"})
        self.assertEqual(bad.status_code, 400)
        ok = self.url_open(url, data={"csrf_token": csrf, f"selfid_{self.sex.id}": "1"})
        self.assertEqual(ok.status_code, 200)
        self.assertIn("o_hrai_selfid_done", ok.text)
        self.assertEqual(self.env["hr.ai.selfid"].search([("interview_id", "=", a.id)]).line_ids.value, "Female")

    def test_self_id_questions_in_the_pages_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.sex.update_field_translations("name", {"zh_CN": "性别"})
        self.sex.update_field_translations("options", {"zh_CN": "女\n男"})
        a = self.submitted(self.interview_a)
        a.sudo().language = "zh_CN"
        page, _csrf = self.csrf(a)
        self.assertIn(">性别</label>", page.text)
        self.assertIn('<option value="1">女</option>', page.text)
        self.assertNotIn(">Female<", page.text)

    def test_requests_need_the_token_and_show_their_status(self):
        a = self.submitted(self.interview_a)
        # without the session token (nor a form token): refused, nothing created
        anon = self.url_open(self.base_url() + f"/ai-interview/{a.id}/request/explanation",
                             data={"csrf_token": "bogus"})
        self.assertIn(anon.status_code, (400, 403, 404))
        self.assertFalse(self.env["hr.ai.candidate.request"].search([("interview_id", "=", a.id)]))
        _page, csrf = self.csrf(a)
        bad = self.url_open(self.base_url() + f"/ai-interview/{a.id}/request/nonsense", data={"csrf_token": csrf})
        self.assertEqual(bad.status_code, 400)
        ok = self.url_open(self.base_url() + f"/ai-interview/{a.id}/request/human_review",
                           data={"csrf_token": csrf})
        self.assertEqual(ok.status_code, 200)
        self.assertIn("o_hrai_human_requested", ok.text)  # the done page shows its status
        request = self.env["hr.ai.candidate.request"].search([("interview_id", "=", a.id)])
        self.assertEqual(request.kind, "human_review")
        self.assertTrue(request.activity_id)
        # the other candidate's token does not reach this interview
        self.assertFalse(self.env["hr.ai.candidate.request"].search([("interview_id", "=", self.interview_b.id)]))

    def test_full_policy_consent_has_a_separate_face_voice_box(self):
        b = self.interview_b
        b.sudo().policy = "full"
        page = self.url_open(self.page(b, "/consent"))
        self.assertIn('name="biometric"', page.text)
        self.assertIn("/ai-interview/model-card", page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        self.url_open(self.page(b, "/consent"), data={"csrf_token": csrf, "decision": "accept"})
        self.assertEqual((b.consent_state, b.policy, b.biometric_consent), ("given", "no-affect", False))
