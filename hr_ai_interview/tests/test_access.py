# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AiInterviewCase

MODELS = ("hr.ai.rubric.dimension", "hr.ai.question", "hr.ai.competency")


@tagged("post_install", "-at_install")
class TestAccess(AiInterviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rubric_job = cls.make_job("Access job", weights=(60, 40), enabled=True)
        cls.records = {
            "hr.ai.rubric.dimension": cls.rubric_job.ai_dimension_ids,
            "hr.ai.question": cls.rubric_job.ai_question_ids,
            "hr.ai.competency": cls.env["hr.ai.competency"].create(
                {"code": "x_access", "name": "Test"}),
        }
        cls.officer = new_test_user(cls.env, "ai_officer", groups="hr_recruitment.group_hr_recruitment_user")
        cls.interviewer = new_test_user(cls.env, "ai_interviewer",
                                        groups="hr_recruitment.group_hr_recruitment_interviewer")
        cls.employee = new_test_user(cls.env, "ai_employee", groups="base.group_user")
        cls.portal = new_test_user(cls.env, "ai_portal", groups="base.group_portal")

    def test_interviewer_reads_but_cannot_write(self):
        for model in MODELS:
            recs = self.records[model].with_user(self.interviewer)
            self.assertTrue(recs.read(["display_name"]), model)
            self.assertEqual(self.env[model].with_user(self.interviewer).search_count([("id", "in", recs.ids)]),
                             len(recs))
            with self.assertRaises(AccessError, msg=model):
                recs[0].write({"sequence": 99})
            with self.assertRaises(AccessError, msg=model):
                recs[0].unlink()
        with self.assertRaises(AccessError):
            self.Question.with_user(self.interviewer).create({"job_id": self.rubric_job.id, "name": "Q?"})

    def test_interviewer_cannot_run_the_wizard(self):
        with self.assertRaises(AccessError):
            self.rubric_job.with_user(self.interviewer).action_ai_suggest_rubric()

    def test_portal_and_plain_employee_denied(self):
        for user in (self.portal, self.employee):
            for model in MODELS:
                with self.assertRaises(AccessError, msg=f"{user.login} {model}"):
                    self.records[model].with_user(user).read(["display_name"])
                with self.assertRaises(AccessError, msg=f"{user.login} {model}"):
                    self.env[model].with_user(user).search([])

    def test_officer_full_access(self):
        job = self.rubric_job.with_user(self.officer)
        dim = self.Dimension.with_user(self.officer).create({"job_id": job.id, "name": "D3", "weight": 0})
        dim.write({"keywords": "a, b"})
        question = self.Question.with_user(self.officer).create({"job_id": job.id, "name": "Another?"})
        question.unlink()
        dim.unlink()
        comp = self.records["hr.ai.competency"].with_user(self.officer)
        comp.write({"triggers": "x"})
        comp.unlink()
        self.assertEqual(job.ai_weight_total, 100)

    def test_job_form_page_hidden_without_recruitment_rights(self):
        # a plain HR user may open job positions; the rubric fields must not be in their form at all
        hr_user = new_test_user(self.env, "ai_hr_user", groups="hr.group_hr_user")
        arch = self.Job.with_user(hr_user).get_view(view_type="form")["arch"]
        self.assertNotIn("ai_dimension_ids", arch)
        arch = self.Job.with_user(self.interviewer).get_view(view_type="form")["arch"]
        self.assertIn("ai_dimension_ids", arch)
        self.assertNotIn("action_ai_suggest_rubric", arch)
