# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import tagged

from odoo.addons.hr_ai_interview.models.hr_ai_interview_report import report_translator
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
        agg = aggregate(rubric, results, {"text": 80, "speech": 20, "vision": 0}, "no-affect")
        overall, flags = agg["overall"], agg["flags"]
        by = {d["name"]: d["score"] for d in agg["dimensions"]}
        self.assertEqual(by, {"A": 70.0, "B": 40.0, "C": None})
        content = (60 * 70 + 40 * 40) / 100.0  # 58
        self.assertAlmostEqual(overall, round((80 * content + 20 * 60) / 100.0, 1))
        self.assertEqual([f["code"] for f in flags], ["dimension_without_evidence"])
        # text-only ignores speech entirely
        self.assertEqual(agg["modalities"], [{"code": "speech", "score": 60.0, "weight": 20.0, "answers": 2}])
        text_only = aggregate(rubric, results, {"text": 80, "speech": 20, "vision": 0}, "text-only")
        self.assertAlmostEqual(text_only["overall"], content)
        self.assertEqual(text_only["modalities"], [])

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
        dims = {d["name"]: d["score"] for d in self.interview.dimension_scores}
        self.assertEqual(dims, {"需求分析": 70.0, "项目管理": 60.0})
        self.assertGreater(self.interview.overall_score, 0)
        self.assertEqual(self.interview.progress_percent, 100.0)
        self.assertEqual(self.applicant.ai_score, self.interview.overall_score, "stored on the applicant")
        self.assertIn("需求分析", self.interview.dimension_scores_html)
        # per question as well as the averages: question, mode, score, level, evidence
        rows = self.interview.with_context(lang="en_US").question_results_html
        for line in (self.line1, self.line2):
            self.assertIn(line.name, rows)
        self.assertIn("Text", rows)
        self.assertIn("用户调研", rows)
        # the scoring job may run as the candidate's public user: the message is OdooBot's
        note = self.interview.message_ids.filtered(lambda m: "AI scoring finished" in (m.body or ""))
        self.assertEqual(note.author_id, self.env.ref("base.partner_root"))

    def test_attention_points_are_worded_for_the_reader(self):
        result = fake_result({"需求分析": 30, "项目管理": 60})
        result["attention_points"] = [{"code": "weak_dimension", "severity": "info", "message": "“需求分析”缺少证据",
                                       "params": {"dimension": "需求分析", "missing": ["用户调研", "需求文档"]}},
                                      {"code": "long_pause", "severity": "info", "message": "在 12 秒处停顿 6 秒",
                                       "params": {"seconds": 6, "at": 12}, "at_seconds": 12.0},
                                      {"code": "legacy", "message": "旧版本的提示"}]
        with self.engine(result, fake_result({"需求分析": 60})):
            answers = [self.answer_text(self.interview, line, "答案") for line in (self.line1, self.line2)]
            self.interview._portal_submit()
            for answer in answers:
                self.run_job(answer)
        en = answers[0].with_context(lang="en_US").attention_html
        self.assertIn("Little evidence for “需求分析” (not mentioned: 用户调研, 需求文档)", en)
        self.assertIn("Pause of 6 s at 12 s", en)
        self.assertIn("旧版本的提示", en, "a point without parameters keeps its stored message")
        zh = answers[0].with_context(lang="zh_CN").attention_html
        self.assertIn("未提及：用户调研、需求文档", zh)
        points = self.interview._ai_attention_points(report_translator("en_US"))
        self.assertIn("Pause of 6 s at 12 s", [p["message"] for p in points])

    def test_rubric_and_weights_as_sent(self):
        """Weights and rubric changed after the invitation do not change how the interview is scored."""
        self.interview.company_id.write({"ai_weight_content": 50, "ai_weight_speech": 50})
        self.job.ai_dimension_ids.filtered(lambda d: d.name == "项目管理").keywords = "完全不同"
        self.assertEqual(self.interview._modality_weights()["text"], 70)
        self.assertNotIn("完全不同", str(self.interview._rubric()))
        with self.engine(fake_result({"需求分析": 80, "项目管理": 40}, speech=0.0),
                         fake_result({"需求分析": 80, "项目管理": 40}, speech=0.0)):
            answers = [self.answer_text(self.interview, line, "答案") for line in (self.line1, self.line2)]
            self.interview._portal_submit()
            for answer in answers:
                self.run_job(answer)
        content = (60 * 80 + 40 * 40) / 100.0  # the job's rubric weights
        self.assertAlmostEqual(self.interview.overall_score, round((70 * content + 20 * 0.0) / 90.0, 1))
        # a draft sent later takes what holds when it is sent
        draft = self.make_interview(self.make_applicant("李四", "li.test@example.com"), ready=False)
        draft.action_send_invitation()
        self.assertEqual(draft._modality_weights()["text"], 50)

    def test_failed_answer_still_gives_a_flagged_result_and_rescore(self):
        with self.engine(fake_result({"需求分析": 80, "项目管理": 60})):
            a1 = self.answer_text(self.interview, self.line1, "答案一")
            a2 = self.answer_text(self.interview, self.line2, "答案二")
            self.interview._portal_submit()
            self.run_job(a1)
        with self.engine(UndecodableMediaError("cannot decode")):
            self.run_job(a2)
        self.assertEqual(self.interview.state, "scored")
        flags = self.interview.score_flags
        failed = [f for f in flags if f["code"] == "answer_failed"]
        self.assertEqual([(f["question"], f["failure_code"]) for f in failed], [(2, "undecodable")])
        self.assertNotIn("message", failed[0], "codes and parameters are stored, sentences rendered when shown")
        self.assertIn("could not be scored: the recording cannot be decoded",
                      self.interview.with_context(lang="en_US").flags_html)
        self.assertIn("无法评分", self.interview.with_context(lang="zh_CN").flags_html)
        self.assertEqual(a2.with_context(lang="zh_CN").failure_message, "录像无法解码")
        self.assertEqual(self.interview.answers_failed, 1)
        # HR re-scores: back to scoring, then scored without the flag
        with self.engine(fake_result({"需求分析": 50, "项目管理": 50})):
            self.interview.action_rescore()
            self.assertEqual(self.interview.state, "scoring")
            for answer in (a1, a2):
                self.run_job(answer)
        self.assertEqual(self.interview.state, "scored")
        self.assertNotIn("answer_failed", [f["code"] for f in self.interview.score_flags or []])

    def test_all_answers_failed_means_failed(self):
        with self.engine(UndecodableMediaError("cannot decode")):
            answers = [self.answer_text(self.interview, line, "x") for line in (self.line1, self.line2)]
            self.interview._portal_submit()
            for answer in answers:
                self.run_job(answer)
        self.assertEqual(self.interview.state, "failed")
