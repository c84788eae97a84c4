# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import AiInterviewCase


@tagged("post_install", "-at_install")
class TestQuestion(AiInterviewCase):
    def test_defaults(self):
        q = self.Question.create({"job_id": self.job.id, "name": "请描述一个你解决过的复杂问题"})
        self.assertEqual((q.time_limit, q.prep_time, q.max_retakes, q.answer_mode, q.active),
                         (180, 30, 1, "video", True))
        self.assertEqual(q.company_id, self.job.company_id)

    def test_time_limit_bounds(self):
        for bad in (29, 601, 0):
            with self.assertRaisesRegex(ValidationError, rf"answer time limit.*between 30 and 600 \(got {bad}\)"):
                self.Question.create({"job_id": self.job.id, "name": "Q", "time_limit": bad})
        ok = self.Question.create([{"job_id": self.job.id, "name": "Q", "time_limit": t} for t in (30, 600)])
        self.assertEqual(ok.mapped("time_limit"), [30, 600])

    def test_prep_time_and_retakes_bounds(self):
        with self.assertRaisesRegex(ValidationError, r"preparation time.*between 0 and 300 \(got 301\)"):
            self.Question.create({"job_id": self.job.id, "name": "Q", "prep_time": 301})
        with self.assertRaisesRegex(ValidationError, r"number of retakes.*between 0 and 5 \(got 6\)"):
            self.Question.create({"job_id": self.job.id, "name": "Q", "max_retakes": 6})
        q = self.Question.create({"job_id": self.job.id, "name": "Q", "prep_time": 0, "max_retakes": 0})
        with self.assertRaises(ValidationError):
            q.max_retakes = -1

    def test_dimensions_must_belong_to_the_job(self):
        mine = self.make_job("Mine", weights=(100,))
        theirs = self.make_job("Theirs", weights=(100,))
        with self.assertRaisesRegex(ValidationError, "dimensions of its own job position"):
            self.Question.create({"job_id": mine.id, "name": "Q",
                                  "dimension_ids": [Command.set(theirs.ai_dimension_ids.ids)]})
        q = self.Question.create({"job_id": mine.id, "name": "Q",
                                  "dimension_ids": [Command.set(mine.ai_dimension_ids.ids)]})
        self.assertEqual(q.dimension_ids, mine.ai_dimension_ids)

    def test_duplicating_a_job_relinks_questions_to_the_copied_dimensions(self):
        job = self.make_job("Original", weights=(60, 40), questions=2, enabled=True)
        job.ai_question_ids[0].dimension_ids = job.ai_dimension_ids[1]
        job.ai_question_ids[1].active = False
        job.ai_question_ids.flush_recordset()
        copy = job.copy()
        self.assertFalse(copy.ai_interview_enabled)
        self.assertEqual(copy.ai_dimension_ids.mapped("weight"), [60, 40])
        questions = copy.with_context(active_test=False).ai_question_ids
        self.assertEqual(len(questions), 2)
        self.assertEqual(questions.filtered("dimension_ids").dimension_ids, copy.ai_dimension_ids[1])
        self.assertEqual(job.ai_question_ids[0].dimension_ids, job.ai_dimension_ids[1])
