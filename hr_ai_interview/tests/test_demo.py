# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import AiInterviewCase


@tagged("post_install", "-at_install")
class TestDemoData(AiInterviewCase):
    def test_demo_reference_jobs(self):
        pm = self.env.ref("hr_ai_interview.demo_job_product_manager", raise_if_not_found=False)
        if not pm:
            self.skipTest("installed without demo data")
        self.assertTrue(pm.ai_interview_enabled)
        self.assertEqual({d.name: d.weight for d in pm.ai_dimension_ids},
                         {"需求分析能力": 35, "项目管理能力": 30, "用户思维": 35})
        self.assertIn("甘特图", pm.ai_dimension_ids.filtered(lambda d: d.name == "项目管理能力").keyword_list())
        self.assertGreaterEqual(len(pm.ai_question_ids), 3)
        mk = self.env.ref("hr_ai_interview.demo_job_marketing")
        self.assertEqual(mk._ai_rubric_dict()["dimensions"][0], {
            "name": "专业技能", "weight": 40, "keywords": ["营销方案", "新媒体运营", "品牌推广", "转化率", "市场调研"],
            "description": "掌握岗位所需的专业知识与工具，能用它们解决实际问题。"})
        applicants = self.env["hr.applicant"].search([("job_id", "in", (pm | mk).ids)])
        self.assertGreaterEqual(len(applicants), 4)
        self.assertIn("张伟", applicants.mapped("partner_name"))

    def test_demo_company_and_recruiter_look_real(self):
        company = self.env.ref("base.main_company")
        if not self.env.ref("hr_ai_interview.demo_user_recruiter", raise_if_not_found=False):
            self.skipTest("installed without demo data")
        self.assertEqual(company.name, "星河数智科技有限公司")
        self.assertFalse(company.uses_default_logo, "candidate pages show the demo logo, not 'Your logo'")
        recruiter = self.env.ref("hr_ai_interview.demo_user_recruiter")
        interview = self.env.ref("hr_ai_interview.demo_interview_zhang")
        self.assertEqual(interview.user_id, recruiter)
        mail = self.env["mail.mail"].search([("model", "=", "hr.ai.interview"), ("res_id", "=", interview.id)])
        self.assertIn("刘婷", mail.body_html, "the invitation is signed by the recruiter")
        self.assertIn(company.name, mail.body_html)

    def test_demo_interviews_are_scored_by_the_engine(self):
        li = self.env.ref("hr_ai_interview.demo_interview_li", raise_if_not_found=False)
        if not li:
            self.skipTest("installed without demo data")
        wang = self.env.ref("hr_ai_interview.demo_interview_wang")
        chen = self.env.ref("hr_ai_interview.demo_interview_chen")
        for interview in (li, wang, chen):
            self.assertEqual(interview.state, "scored", interview.name)
            answers = interview._current_answers()
            self.assertTrue(answers and all(a.state == "scored" and a.engine_version for a in answers))
            self.assertTrue(interview._dimension_scores(), "dimension scores stored")
        # the engine ranks the answers as their content deserves: concrete, data-backed answers above vague ones
        self.assertGreater(li.overall_score, wang.overall_score)
        self.assertGreater(wang.overall_score, chen.overall_score)
        self.assertEqual(li.applicant_id.ai_score, li.overall_score)
        live = self.env.ref("hr_ai_interview.demo_interview_zhao")
        self.assertEqual(live.state, "in_progress", "one candidate is still answering (Live now)")
        practice = self.env.ref("hr_ai_interview.demo_job_practice")
        self.assertTrue(practice.ai_interview_enabled)
        self.assertEqual(practice.ai_weight_total, 100)

    def test_demo_self_id_questions_are_translated(self):
        sex = self.env.ref("hr_ai_interview.demo_selfid_sex", raise_if_not_found=False)
        if not sex:
            self.skipTest("installed without demo data")
        if not self.env["res.lang"]._lang_get("zh_CN"):
            self.skipTest("zh_CN is not installed")
        age = self.env.ref("hr_ai_interview.demo_selfid_age")
        zh = (sex | age).with_context(lang="zh_CN")
        self.assertEqual(zh.mapped("name"), ["性别", "年龄段"])
        self.assertEqual(zh[0]._option_list(), ["女", "男", "其他"])
        self.assertEqual((sex | age).with_context(lang="en_US").mapped("name"), ["Sex", "Age band"])
        # the cohort's answers point at positions, so they read in either language
        line = self.env["hr.ai.selfid.line"].search([("category_id", "=", sex.id), ("option_index", "=", 1)],
                                                    limit=1)
        self.assertEqual(line.with_context(lang="zh_CN").value, "女")
        self.assertEqual(line.with_context(lang="en_US").value, "Female")
