# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import AiInterviewCase


@tagged("post_install", "-at_install")
class TestRubricConstraints(AiInterviewCase):
    def test_enable_with_wrong_sum_states_current_sum(self):
        job = self.make_job("Sum 90", weights=(40, 30, 20))
        with self.assertRaisesRegex(ValidationError, r"must sum to 100.*currently sum to 90"):
            job.write({"ai_interview_enabled": True})
            job.flush_recordset()

    def test_create_enabled_with_wrong_sum(self):
        with self.assertRaisesRegex(ValidationError, "currently sum to 110"):
            self.make_job("Sum 110", weights=(50, 30, 30), enabled=True)

    def test_enable_with_sum_100_and_question(self):
        job = self.make_job("Valid", weights=(35, 30, 35), enabled=True)
        self.assertTrue(job.ai_interview_enabled)
        self.assertEqual(job.ai_weight_total, 100)

    def test_changing_one_weight_of_enabled_job_is_rechecked(self):
        job = self.make_job("Recheck", enabled=True)
        with self.assertRaisesRegex(ValidationError, "currently sum to 120"):
            job.ai_dimension_ids[0].weight = 60
            job.flush_recordset()

    def test_rebalancing_in_one_write_checks_final_state_only(self):
        # What the form does: several line updates in one save, intermediate sums are not 100.
        job = self.make_job("Rebalance", enabled=True)
        d1, d2, d3 = job.ai_dimension_ids
        job.write({"ai_dimension_ids": [Command.update(d1.id, {"weight": 20}), Command.update(d2.id, {"weight": 50}),
                                        Command.update(d3.id, {"weight": 30})]})
        job.flush_recordset()
        self.assertEqual(job.ai_weight_total, 100)
        self.assertEqual(d2.weight, 50)

    def test_disabled_job_allows_partial_rubric(self):
        job = self.make_job("Draft", weights=(10,), questions=0)
        job.flush_recordset()
        self.assertEqual(job.ai_weight_total, 10)
        self.assertFalse(job.ai_interview_enabled)

    def test_enabled_job_needs_dimensions(self):
        with self.assertRaisesRegex(ValidationError, "at least one rubric dimension"):
            self.make_job("No dims", weights=(), enabled=True)

    def test_weight_bounds(self):
        job = self.make_job("Bounds", weights=())
        with self.assertRaisesRegex(ValidationError, r"between 0 and 100 \(got 101\)"):
            self.Dimension.create({"job_id": job.id, "name": "Too much", "weight": 101})
        with self.assertRaisesRegex(ValidationError, r"between 0 and 100 \(got -5\)"):
            self.Dimension.create({"job_id": job.id, "name": "Negative", "weight": -5})
        self.Dimension.create({"job_id": job.id, "name": "Edge", "weight": 100})

    def test_dimension_names_unique_per_job(self):
        job = self.make_job("Unique", weights=(50,))
        with self.assertRaisesRegex(ValidationError, "already has a rubric dimension named"):
            self.Dimension.create({"job_id": job.id, "name": "  d1 ", "weight": 50})
        other = self.make_job("Other job", weights=(100,))
        self.assertEqual(other.ai_dimension_ids.name, "D1")  # the same name on another job is fine

    def test_enabled_job_needs_active_question(self):
        with self.assertRaisesRegex(ValidationError, "at least one active question"):
            self.make_job("No question", questions=0, enabled=True)
        job = self.make_job("Archive last", enabled=True)
        with self.assertRaisesRegex(ValidationError, "at least one active question"):
            job.ai_question_ids.action_archive()
            job.flush_recordset()

    def test_deadline_days_bounds(self):
        with self.assertRaisesRegex(ValidationError, r"between 1 and 90 days \(got 0\)"):
            self.job.ai_deadline_days = 0
        self.assertEqual(self.Job.create({"name": "Defaults"}).ai_deadline_days, 7)
