# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from ..models.hr_ai_rubric_dimension import split_keywords
from .common import AiInterviewCase


@tagged("post_install", "-at_install")
class TestKeywords(AiInterviewCase):
    def test_normalised_on_create_with_mixed_separators(self):
        dim = self.Dimension.create({
            "job_id": self.job.id, "name": "需求分析能力", "weight": 35,
            "keywords": " 用户调研数据，功能优先级排序、需求文档；竞品分析\n\n 用户调研数据 , PRD;prd ",
        })
        self.assertEqual(dim.keywords, "用户调研数据, 功能优先级排序, 需求文档, 竞品分析, PRD")
        self.assertEqual(dim.keyword_list(), ["用户调研数据", "功能优先级排序", "需求文档", "竞品分析", "PRD"])

    def test_normalised_on_write_and_emptied(self):
        dim = self.Dimension.create({"job_id": self.job.id, "name": "项目管理能力", "weight": 30})
        dim.write({"keywords": "甘特图\n  风险应对方案  \n甘特图\n里程碑"})
        self.assertEqual(dim.keywords, "甘特图, 风险应对方案, 里程碑")
        dim.write({"keywords": " ， ; \n"})
        self.assertFalse(dim.keywords)
        self.assertEqual(dim.keyword_list(), [])

    def test_split_keeps_first_spelling_and_inner_spaces(self):
        self.assertEqual(split_keywords("User  research, user research,Gantt chart"),
                         ["User research", "Gantt chart"])
