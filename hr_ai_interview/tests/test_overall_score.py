# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.tests import tagged

from odoo.addons.hr_ai_interview.models.hr_ai_interview_scores import aggregate
from odoo.addons.hr_ai_interview.scoring.errors import UndecodableMediaError

from .interview_common import InterviewCase, fake_result


@tagged("post_install", "-at_install")
class TestOverallScore(InterviewCase):

    def setUp(self):
        super().setUp()
        self.interview = self.make_interview()
        self.line1, self.line2 = self.real_lines(self.interview)

    def test_aggregate_formula(self):
        rubric = {"dimensions": [{"name": "A", "weight": 60}, {"name": "B", "weight": 40}, {"name": "C",
                                                                                            "weight": 0}]}
        results = [fake_result({"A": 80, "B": 40}, speech=50), fake_result({"A": 60}, speech=70)]
        overall, dims, flags = aggregate(rubric, results, {"text": 80, "speech": 20, "vision": 0}, "no-affect")
        by = {d["name"]: d["score"] for d in dims}
        self.assertEqual(by, {"A": 70.0, "B": 40.0, "C": None})
        content = (60 * 70 + 40 * 40) / 100.0  # 58
        self.assertAlmostEqual(overall, round((80 * content + 20 * 60) / 100.0, 1))
        self.assertEqual([f["code"] for f in flags], ["dimension_without_evidence"])
        # text-only ignores speech entirely
        overall2, _d, _f = aggregate(rubric, results, {"text": 80, "speech": 20, "vision": 0}, "text-only")
        self.assertAlmostEqual(overall2, content)

    def test_last_answer_scored_computes_the_interview(self):
        with self.engine(fake_result({"需求分析": 80, "项目管理": 60}), fake_result({"需求分析": 60})):
            a1 = self.answer_text(self.interview, self.line1, "答案一")
            self.run_job(a1)
            self.assertEqual(self.interview.state, "in_progress", "not submitted yet: no overall")
            a2 = self.answer_text(self.interview, self.line2, "答案二")
            self.interview._portal_submit()
            self.assertEqual(self.interview.state, "scoring")
            self.assertEqual((self.interview.answers_uploaded, self.interview.answers_scored), (2, 1))
            self.run_job(a2)
        self.assertEqual(self.interview.state, "scored")
        dims = {d["name"]: d["score"] for d in json.loads(self.interview.dimension_scores)}
        self.assertEqual(dims, {"需求分析": 70.0, "项目管理": 60.0})
        self.assertGreater(self.interview.overall_score, 0)
        self.assertEqual(self.interview.progress_percent, 100.0)
        self.assertEqual(self.applicant.ai_score, self.interview.overall_score, "stored on the applicant")
        self.assertIn("需求分析", self.interview.dimension_scores_html)

    def test_failed_answer_still_gives_a_flagged_result_and_rescore(self):
        with self.engine(fake_result({"需求分析": 80, "项目管理": 60})):
            a1 = self.answer_text(self.interview, self.line1, "答案一")
            a2 = self.answer_text(self.interview, self.line2, "答案二")
            self.interview._portal_submit()
            self.run_job(a1)
        with self.engine(UndecodableMediaError("cannot decode")):
            self.run_job(a2)
        self.assertEqual(self.interview.state, "scored")
        flags = json.loads(self.interview.score_flags)
        self.assertIn("answer_failed", [f["code"] for f in flags])
        self.assertEqual(self.interview.answers_failed, 1)
        # HR re-scores: back to scoring, then scored without the flag
        with self.engine(fake_result({"需求分析": 50, "项目管理": 50})):
            self.interview.action_rescore()
            self.assertEqual(self.interview.state, "scoring")
            for answer in (a1, a2):
                self.run_job(answer)
        self.assertEqual(self.interview.state, "scored")
        self.assertNotIn("answer_failed", self.interview.score_flags)

    def test_all_answers_failed_means_failed(self):
        with self.engine(UndecodableMediaError("cannot decode")):
            answers = [self.answer_text(self.interview, line, "x") for line in (self.line1, self.line2)]
            self.interview._portal_submit()
            for answer in answers:
                self.run_job(answer)
        self.assertEqual(self.interview.state, "failed")
