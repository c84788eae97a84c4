# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import AiInterviewCase


@tagged("post_install", "-at_install")
class TestRubricDict(AiInterviewCase):
    def test_shape_and_order_zh(self):
        job = self.make_job("Dict", weights=(35, 30, 35), enabled=True)
        d1, d2, _d3 = job.ai_dimension_ids
        d1.write({"keywords": "用户调研数据，竞品分析", "description": "需求"})
        d2.sequence = 0  # ordering follows the sequence
        rubric = job._ai_rubric_dict()
        self.assertEqual(rubric["language"], "zh")
        self.assertEqual([d["name"] for d in rubric["dimensions"]], ["D2", "D1", "D3"])
        self.assertEqual(sum(d["weight"] for d in rubric["dimensions"]), 100)
        self.assertEqual(rubric["dimensions"][1], {"name": "D1", "weight": 35,
                                                   "keywords": ["用户调研数据", "竞品分析"], "description": "需求"})
        self.assertEqual(rubric["dimensions"][0]["keywords"], [])

    def test_language_en(self):
        job = self.make_job("Dict en", weights=(100,), ai_language="en_US")
        self.assertEqual(job._ai_rubric_dict()["language"], "en")
        self.assertEqual(job._ai_rubric_dict()["dimensions"][0]["description"], "")
