# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common_report import ReportCase


@tagged("post_install", "-at_install")
class TestReviewAccess(ReportCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.interview = cls.make_interview(scores={"沟通能力": 70.0, "问题解决": 60.0, "团队协作": 50.0})
        cls.other = cls.make_interview(name="李娜", job=cls.other_job, scores={"沟通能力": 70.0})

    def test_interviewer_reviews_interviews_of_own_jobs(self):
        Review = self.env["hr.ai.review"].with_user(self.interviewer)
        review = Review.create({"interview_id": self.interview.id})
        review.line_ids[0].score = 75
        review.write({"recommendation": "hold", "comment": "ok"})
        review.action_done()
        self.assertEqual(review.state, "done")

    def test_interviewer_cannot_review_other_jobs(self):
        with self.assertRaises(AccessError):
            self.env["hr.ai.review"].with_user(self.interviewer).create({"interview_id": self.other.id})
        with self.assertRaises(AccessError):
            self.env["hr.ai.review"].with_user(self.outsider).create({"interview_id": self.interview.id})

    def test_interviewer_cannot_edit_someone_elses_review(self):
        theirs = self.review(self.interview, self.officer, {"沟通能力": 60}, done=False)
        as_ivan = theirs.with_user(self.interviewer)
        as_ivan.read(["comment"])  # visible: same job
        with self.assertRaises(AccessError):
            as_ivan.write({"comment": "mine now"})
        with self.assertRaises(AccessError):
            as_ivan.line_ids[0].write({"score": 1})
        with self.assertRaises(AccessError):  # not the reviewer on their behalf either
            self.env["hr.ai.review"].with_user(self.interviewer).create(
                {"interview_id": self.interview.id, "reviewer_id": self.outsider.id})

    def test_outsider_sees_no_review_and_no_delivery(self):
        self.review(self.interview, self.officer, {"沟通能力": 60})
        self.assertFalse(self.env["hr.ai.review"].with_user(self.outsider).search([]))
        with self.assertRaises(AccessError):
            self.env["hr.ai.delivery"].with_user(self.interviewer).search([])

    def test_portal_user_has_no_access(self):
        portal = new_test_user(self.env, "ai_portal", groups="base.group_portal")
        for model in ("hr.ai.review", "hr.ai.review.line", "hr.ai.delivery"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(portal).search([])

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        self.officer.write({"company_ids": [(4, other_company.id)]})
        review = self.review(self.interview, self.officer, {"沟通能力": 60})
        as_officer = self.env["hr.ai.review"].with_user(self.officer).with_context(
            allowed_company_ids=[other_company.id])
        self.assertNotIn(review, as_officer.search([]))
