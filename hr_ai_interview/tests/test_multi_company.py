# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AiInterviewCase


@tagged("post_install", "-at_install")
class TestMultiCompany(AiInterviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "AI Interview Co. B"})
        cls.job_b = cls.make_job("Job in B", weights=(50, 50), enabled=True, company_id=cls.company_b.id)
        cls.shared_comp = cls.env["hr.ai.competency"].create({"code": "x_shared", "name": "Shared"})
        cls.b_comp = cls.env["hr.ai.competency"].create(
            {"code": "x_b_only", "name": "B only", "company_id": cls.company_b.id})
        cls.officer_a = new_test_user(cls.env, "ai_officer_a", groups="hr_recruitment.group_hr_recruitment_user",
                                      company_id=cls.company_a.id, company_ids=[(6, 0, cls.company_a.ids)])

    def test_related_company_is_stored(self):
        self.assertEqual(self.job_b.ai_dimension_ids.company_id, self.company_b)
        self.assertEqual(self.job_b.ai_question_ids.company_id, self.company_b)

    def test_other_company_rubric_invisible(self):
        Dimension = self.Dimension.with_user(self.officer_a)
        self.assertFalse(Dimension.search([("id", "in", self.job_b.ai_dimension_ids.ids)]))
        self.assertFalse(self.Question.with_user(self.officer_a).search([("job_id", "=", self.job_b.id)]))
        with self.assertRaises(AccessError):
            self.job_b.ai_dimension_ids.with_user(self.officer_a).read(["name"])
        # the same user sees company A's rubric
        job_a = self.make_job("Job in A", weights=(100,))
        self.assertEqual(Dimension.search([("job_id", "=", job_a.id)]), job_a.ai_dimension_ids)

    def test_competencies_without_company_are_shared(self):
        exported = {e["code"] for e in self.env["hr.ai.competency"].with_user(self.officer_a)._to_lexicon()}
        self.assertIn("x_shared", exported)
        self.assertNotIn("x_b_only", exported)
        self.officer_a.company_ids = [(4, self.company_b.id)]
        exported = {e["code"] for e in self.env["hr.ai.competency"].with_user(self.officer_a).with_context(
            allowed_company_ids=[self.company_a.id, self.company_b.id])._to_lexicon()}
        self.assertIn("x_b_only", exported)
