# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Candidates download only their own, approved report, with their token, while the link is valid."""
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common_report import ReportFixtures

AI = {"沟通能力": 80.0, "问题解决": 45.0, "团队协作": 70.0}


@tagged("post_install", "-at_install")
class TestFeedbackDownload(ReportFixtures, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_report_fixtures()
        cls.mine = cls.make_interview(scores=AI)
        cls.theirs = cls.make_interview(name="李娜", scores=AI)
        for interview in cls.mine | cls.theirs:
            interview._portal_ensure_token()

    @staticmethod
    def token(interview):
        """The report link's own token (not the interview's)."""
        url = interview._ai_feedback_download_url(absolute=False)
        return url.split("access_token=")[1]

    def get(self, interview, token):
        return self.url_open("/ai-interview/%s/report.pdf?access_token=%s" % (interview.id, token))

    def test_download_after_approval_only(self):
        self.assertEqual(self.get(self.mine, self.token(self.mine)).status_code, 404)  # draft
        self.mine.with_user(self.officer).action_approve_feedback()
        res = self.get(self.mine, self.token(self.mine))
        self.assertEqual(res.status_code, 200)
        self.assertEqual(res.headers["Content-Type"], "application/pdf")
        self.assertEqual(res.headers["Referrer-Policy"], "no-referrer")
        self.assertEqual(res.content, self.mine.feedback_attachment_id.raw)

    def test_other_tokens_and_no_token_are_404(self):
        (self.mine | self.theirs).with_user(self.officer).action_approve_feedback()
        self.assertEqual(self.get(self.mine, self.token(self.theirs)).status_code, 404)
        self.assertEqual(self.get(self.theirs, self.token(self.mine)).status_code, 404)
        # the interview's own token (pages and API) does not open the report
        self.assertEqual(self.get(self.mine, self.mine.access_token).status_code, 404)
        self.assertEqual(self.get(self.mine, "").status_code, 404)
        self.assertEqual(self.get(self.mine, "x" * 36).status_code, 404)
        self.assertEqual(self.url_open("/ai-interview/999999/report.pdf?access_token=x").status_code, 404)

    def test_expired_link_is_404(self):
        self.mine.with_user(self.officer).action_approve_feedback()
        self.mine.feedback_link_expires = fields.Datetime.now() - timedelta(minutes=1)
        self.assertEqual(self.get(self.mine, self.token(self.mine)).status_code, 404)

    def test_done_page_links_the_report(self):
        url = "/ai-interview/%s/done?access_token=%s" % (self.mine.id, self.mine.access_token)
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_hrai_report_download", page.text)
        self.mine.with_user(self.officer).action_approve_feedback()
        page = self.url_open(url)
        self.assertIn("o_hrai_report_download", page.text)
        self.assertIn("/ai-interview/%s/report.pdf?access_token=%s" % (self.mine.id, self.token(self.mine)),
                      page.text)
