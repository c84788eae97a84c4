# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_report import ReportCase

AI = {"沟通能力": 80.0, "问题解决": 50.0, "团队协作": 70.0}


@tagged("post_install", "-at_install")
class TestReviewHuman(ReportCase):

    def test_review_lines_follow_the_rubric(self):
        interview = self.make_interview(scores=AI)
        review = self.env["hr.ai.review"].create({"interview_id": interview.id})
        self.assertEqual(review.line_ids.mapped("dimension"), ["沟通能力", "问题解决", "团队协作"])
        self.assertEqual(review.line_ids[0].ai_score, 80.0)

    def test_reviews_are_averaged_per_dimension_with_stars_mapped(self):
        interview = self.make_interview(scores=AI)
        self.review(interview, self.officer, {"沟通能力": 60, "问题解决": 70, "团队协作": 80})
        # stars: 5 → 100, 3 → 50, 1 → 0
        r2 = self.review(interview, self.interviewer, {"沟通能力": 5, "问题解决": 3, "团队协作": 1}, scale="stars")
        self.assertEqual(r2.line_ids.mapped("score_value"), [100.0, 50.0, 0.0])
        summary = interview._ai_summary()
        human = {d["name"]: d["human"] for d in summary["dimensions"]}
        self.assertEqual(human, {"沟通能力": 80.0, "问题解决": 60.0, "团队协作": 40.0})
        self.assertAlmostEqual(interview.human_score, (80 * 40 + 60 * 30 + 40 * 30) / 100)
        # merged = 0.4·AI + 0.6·human per dimension (company weights)
        merged = {d["name"]: d["merged"] for d in summary["dimensions"]}
        self.assertAlmostEqual(merged["沟通能力"], 0.4 * 80 + 0.6 * 80)
        self.assertAlmostEqual(merged["团队协作"], 0.4 * 70 + 0.6 * 40)

    def test_draft_reviews_do_not_count_and_unscored_lines_are_skipped(self):
        interview = self.make_interview(scores=AI)
        self.review(interview, self.officer, {"沟通能力": 90}, done=False)
        self.assertEqual(interview.review_done_count, 0)
        self.assertEqual(interview.human_score, 0.0)
        review = self.review(interview, self.interviewer, {"沟通能力": 40})
        self.assertEqual(review.human_overall, 40.0)  # blank dimensions are not zeros
        human = {d["name"]: d["human"] for d in interview._ai_summary()["dimensions"]}
        self.assertEqual(human["沟通能力"], 40.0)
        self.assertIsNone(human["问题解决"])

    def test_large_gaps_are_flagged(self):
        interview = self.make_interview(scores=AI)
        self.review(interview, self.officer, {"沟通能力": 40, "问题解决": 55, "团队协作": 95})
        summary = interview._ai_summary()
        flagged = [d["name"] for d in summary["dimensions"] if d["gap_flag"]]
        self.assertEqual(sorted(flagged), sorted(["沟通能力", "团队协作"]))  # |−40| and |+25| ≥ 20; 5 is not
        self.assertEqual(interview.gap_count, 2)
        self.assertEqual(summary["gaps"][0]["dimension"], "沟通能力")  # largest first
        # the threshold is a company setting
        self.company.ai_report_gap_threshold = 30
        self.assertEqual(interview.gap_count, 1)

    def test_completed_review_is_locked_until_reset(self):
        interview = self.make_interview(scores=AI)
        review = self.review(interview, self.officer, {"沟通能力": 60})
        with self.assertRaises(UserError):
            review.comment = "changed my mind"
        review.action_reset_draft()
        review.comment = "changed my mind"
        with self.assertRaises(UserError):  # no recommendation: cannot complete
            review.recommendation = False
            review.action_done()

    def test_score_range(self):
        interview = self.make_interview(scores=AI)
        review = self.env["hr.ai.review"].create({"interview_id": interview.id})
        with self.assertRaises(Exception):
            review.line_ids[0].score = 120

    # ---------- the AI never rejects on its own ----------
    def test_ai_alone_never_recommends_reject(self):
        interview = self.make_interview(scores={"沟通能力": 5.0, "问题解决": 3.0, "团队协作": 1.0})
        self.assertEqual(interview.ai_recommendation, "needs_human_review")
        self.assertFalse(interview.final_decision)
        self.review(interview, self.officer, {"沟通能力": 20}, recommendation="reject")
        self.assertEqual(interview.ai_recommendation, "reject")  # only once a person recommends it
        self.assertFalse(interview.final_decision)  # and still not decided

    def test_reject_decision_only_by_a_person(self):
        interview = self.make_interview(scores=AI)
        with self.assertRaises(UserError):  # direct write (a compute, a job, a script)
            interview.write({"final_decision": "reject"})
        with self.assertRaises(UserError):
            interview.sudo().write({"final_decision": "reject"})
        with self.assertRaises(AccessError):  # superuser environment (cron, queue job) is not a person
            interview.sudo().action_ai_decide("reject")
        with self.assertRaises(AccessError):  # interviewers recommend; officers decide
            interview.with_user(self.interviewer).action_ai_decide_reject()
        with self.assertRaises(UserError):  # an officer needs a completed human review first
            interview.with_user(self.officer).action_ai_decide_reject()
        self.review(interview, self.interviewer, {"沟通能力": 30}, recommendation="reject")
        interview.with_user(self.officer).action_ai_decide_reject()
        self.assertEqual(interview.final_decision, "reject")
        self.assertEqual(interview.decision_user_id, self.officer)
        self.assertTrue(interview.decision_date)

    def test_advance_decision_by_officer(self):
        interview = self.make_interview(scores=AI)
        interview.with_user(self.officer).action_ai_decide_advance()
        self.assertEqual(interview.final_decision, "advance")

    def test_chinese_terms(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_ai_interview"], ["zh_CN"], overwrite=True)
        self.env.registry.clear_cache()  # field labels are ormcached
        interview = self.make_interview(scores=AI).with_context(lang="zh_CN")
        labels = interview.fields_get(["merged_score", "final_decision"])
        self.assertEqual(labels["merged_score"]["string"], "综合得分")
        self.assertEqual(dict(labels["final_decision"]["selection"])["reject"], "拒绝")
        with self.assertRaisesRegex(UserError, "拒绝必须由人来决定"):
            interview.write({"final_decision": "reject"})
        arch = interview.get_view(view_type="form")["arch"]
        self.assertIn("打印综合招聘报告（PDF）", arch)
