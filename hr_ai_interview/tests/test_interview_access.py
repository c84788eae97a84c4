# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .interview_common import InterviewCase


@tagged("post_install", "-at_install")
class TestInterviewAccess(InterviewCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job_b = cls.job.copy({"name": "Other job"})
        cls.job_b.ai_interview_enabled = True
        cls.interviewer = new_test_user(cls.env, "ai_interviewer", groups="hr_recruitment.group_hr_recruitment_interviewer")
        cls.officer = new_test_user(cls.env, "ai_officer", groups="hr_recruitment.group_hr_recruitment_user")
        cls.portal = new_test_user(cls.env, "ai_portal", groups="base.group_portal")
        cls.job.interviewer_ids = [Command.link(cls.interviewer.id)]

    def setUp(self):
        super().setUp()
        self.mine = self.make_interview()
        self.other = self.make_interview(self.make_applicant("Other", "other@example.com", job=self.job_b))
        self.answer = self.answer_text(self.mine, self.real_lines(self.mine)[0], "用户调研")
        self.other_answer = self.answer_text(self.other, self.real_lines(self.other)[0], "用户调研")

    def test_interviewer_sees_only_interviews_of_their_jobs_read_only(self):
        Interview = self.env["hr.ai.interview"].with_user(self.interviewer)
        self.assertEqual(Interview.search([("id", "in", (self.mine | self.other).ids)]), self.mine)
        Answer = self.env["hr.ai.interview.answer"].with_user(self.interviewer)
        self.assertEqual(Answer.search([("id", "in", (self.answer | self.other_answer).ids)]), self.answer)
        with self.assertRaises(AccessError):
            self.other.with_user(self.interviewer).read(["name"])
        with self.assertRaises(AccessError):
            self.mine.with_user(self.interviewer).write({"scheduled_at": "2030-01-01 10:00:00"})
        self.mine.with_user(self.interviewer).read(["overall_score", "dimension_scores_html"])
        # applicant-level interviewers see that applicant's interview too
        self.other.applicant_id.interviewer_ids = [Command.link(self.interviewer.id)]
        self.assertEqual(Interview.search([("id", "in", (self.mine | self.other).ids)]), self.mine | self.other)

    def test_officer_sees_all(self):
        Interview = self.env["hr.ai.interview"].with_user(self.officer)
        self.assertEqual(Interview.search([("id", "in", (self.mine | self.other).ids)]), self.mine | self.other)
        self.mine.with_user(self.officer).write({"scheduled_at": "2030-01-01 10:00:00"})

    def test_portal_user_sees_nothing_through_the_orm(self):
        for model in ("hr.ai.interview", "hr.ai.interview.answer", "hr.ai.interview.question", "hr.ai.upload"):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.portal).search([])
        with self.assertRaises(AccessError):
            self.mine.with_user(self.portal).read(["name"])

    def test_identity_secrets_are_not_readable_by_officers(self):
        self.mine._portal_send_identity_code()
        fields_seen = self.env["hr.ai.interview"].with_user(self.officer).fields_get()
        self.assertNotIn("identity_code_hash", fields_seen)
        self.assertNotIn("ai_wecom_secret", self.env["res.company"].with_user(self.officer).fields_get())

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        self.officer.write({"company_ids": [Command.link(other_company.id)]})
        self.other.sudo().company_id = other_company
        Interview = self.env["hr.ai.interview"].with_user(self.officer).with_context(
            allowed_company_ids=[self.env.company.id])
        self.assertEqual(Interview.search([("id", "in", (self.mine | self.other).ids)]), self.mine)
