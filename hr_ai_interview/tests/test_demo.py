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
            "description": ""})
        applicants = self.env["hr.applicant"].search([("job_id", "in", (pm | mk).ids)])
        self.assertGreaterEqual(len(applicants), 4)
        self.assertIn("张伟", applicants.mapped("partner_name"))
