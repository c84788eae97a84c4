# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.hr_ai_rubric_dimension import split_keywords
from ..wizard.hr_ai_rubric_suggest import normalize_weights
from .common import PM_DESCRIPTION_EN, PM_DESCRIPTION_ZH, AiInterviewCase

CJK = re.compile(r"[\u4e00-\u9fff]")


@tagged("post_install", "-at_install")
class TestSuggestWizard(AiInterviewCase):
    def open_wizard(self, job):
        action = job.action_ai_suggest_rubric()
        self.assertEqual((action["res_model"], action["target"]), ("hr.ai.rubric.suggest", "new"))
        return self.env["hr.ai.rubric.suggest"].browse(action["res_id"])

    def test_chinese_description(self):
        wizard = self.open_wizard(self.job)
        lines = wizard.line_ids
        self.assertGreaterEqual(len(lines), 2)
        self.assertEqual(sum(lines.mapped("weight")), 100)
        self.assertTrue(all(CJK.search(name) for name in lines.mapped("name")), lines.mapped("name"))
        self.assertTrue(all(lines.mapped("keep")))
        self.assertTrue(all(lines.mapped("keywords")))
        self.assertTrue(any(lines.mapped("matched_terms")))
        self.assertTrue(wizard.key_terms)
        wizard.action_apply()
        self.assertEqual(self.job.ai_dimension_ids.mapped("name"), lines.mapped("name"))
        self.assertEqual(self.job.ai_weight_total, 100)

    def test_english_description(self):
        job = self.Job.create({"name": "PM en", "description": PM_DESCRIPTION_EN, "ai_language": "en_US"})
        lines = self.open_wizard(job).line_ids
        self.assertGreaterEqual(len(lines), 2)
        self.assertEqual(sum(lines.mapped("weight")), 100)
        self.assertFalse(any(CJK.search(name) for name in lines.mapped("name")), lines.mapped("name"))
        self.assertTrue(any(CJK.search(kw) is None for kw in lines.mapped("keywords")))

    def test_untick_renormalises_kept_weights(self):
        wizard = self.open_wizard(self.job)
        dropped, kept = wizard.line_ids[0], wizard.line_ids[1:]
        dropped.keep = False
        kept[0].weight = 3 * kept[0].weight  # HR edits a weight: proportions are kept, the total is fixed
        expected = normalize_weights(kept.mapped("weight"))
        wizard.action_apply()
        dims = self.job.ai_dimension_ids
        self.assertEqual(dims.mapped("name"), kept.mapped("name"))
        self.assertNotIn(dropped.name, dims.mapped("name"))
        self.assertEqual(dims.mapped("weight"), expected)
        self.assertEqual(sum(dims.mapped("weight")), 100)

    def test_nothing_kept(self):
        wizard = self.open_wizard(self.job)
        wizard.line_ids.keep = False
        with self.assertRaisesRegex(UserError, "Tick at least one"):
            wizard.action_apply()

    def test_empty_description_gives_clear_message(self):
        for empty in (False, "<p><br></p>", "<div>  </div>"):
            self.job.description = empty
            with self.assertRaisesRegex(UserError, "has no job description to analyse"):
                self.job.action_ai_suggest_rubric()

    def test_replace_and_merge_modes(self):
        job = self.make_job("Modes", weights=(60, 40), description=PM_DESCRIPTION_ZH, enabled=True)
        wizard = self.open_wizard(job)
        self.assertEqual(wizard.mode, "merge")  # a job with a rubric defaults to merge
        first = wizard.line_ids[0]
        job.ai_dimension_ids[0].write({"name": first.name, "keywords": "自有关键词"})
        wizard.action_apply()
        names = job.ai_dimension_ids.mapped("name")
        self.assertEqual(names[:2], [first.name, "D2"])
        self.assertEqual(len(names), 1 + len(wizard.line_ids))
        self.assertEqual(job.ai_dimension_ids[0].keyword_list()[0], "自有关键词")
        self.assertIn(split_keywords(first.keywords)[0], job.ai_dimension_ids[0].keyword_list())
        self.assertEqual(job.ai_weight_total, 100)
        wizard = self.open_wizard(job)
        wizard.mode = "replace"
        wizard.action_apply()
        self.assertEqual(job.ai_dimension_ids.mapped("name"), wizard.line_ids.mapped("name"))
        self.assertNotIn("D2", job.ai_dimension_ids.mapped("name"))
        self.assertTrue(job.ai_interview_enabled)
        self.assertEqual(job.ai_weight_total, 100)

    def test_uses_the_database_lexicon(self):
        comp = self.env["hr.ai.competency"].with_context(lang="en_US").create({
            "code": "x_blockchain", "name": "Blockchain engineering",
            "triggers": "区块链\n智能合约\n共识算法", "keywords": "智能合约, 共识算法, 链上数据"})
        self.env["res.lang"]._activate_lang("zh_CN")
        comp.update_field_translations("name", {"zh_CN": "区块链工程"})  # HR's translation, as in the form
        self.job.description = "<p>负责区块链底层开发，编写智能合约，优化共识算法，保障区块链系统安全。</p>"
        lines = self.open_wizard(self.job).line_ids
        self.assertIn("x_blockchain", lines.mapped("code"))
        line = lines.filtered(lambda ln: ln.code == "x_blockchain")
        self.assertEqual(line.name, "区块链工程")
        self.assertIn("智能合约", line.keywords)

    def test_normalize_weights(self):
        self.assertEqual(normalize_weights([1, 1, 1]), [34, 33, 33])
        self.assertEqual(normalize_weights([0, 0]), [50, 50])
        self.assertEqual(normalize_weights([35, 30, 35]), [35, 30, 35])
        self.assertEqual(sum(normalize_weights([7, 13, 29, 2])), 100)
        self.assertEqual(normalize_weights([]), [])

    def test_anchors_are_suggested_and_rows_can_be_added_and_removed(self):
        job = self.make_job("Sales manager", weights=(100,))
        job.description = "<p>销售经理：负责大客户开发、商务谈判、异议处理；熟悉产品参数与竞品；完成季度目标，带领销售小组。</p>"
        wizard = self.open_wizard(job)
        codes = wizard.line_ids.mapped("code")
        self.assertIn("negotiation", codes)
        self.assertIn("product_knowledge", codes)
        self.assertTrue(all(wizard.line_ids.mapped("anchor_strong")))
        wizard.line_ids.filtered(lambda ln: ln.code == "leadership").unlink()  # HR removes a row
        wizard.write({"line_ids": [(0, 0, {"name": "行业经验", "weight": 10, "keywords": "医疗器械",
                                           "anchor_strong": "讲清自己在医疗器械行业做成的一单"})]})
        wizard.mode = "replace"
        wizard.action_apply()
        names = job.ai_dimension_ids.mapped("name")
        self.assertIn("行业经验", names)
        self.assertNotIn("领导力", names)
        added = job.ai_dimension_ids.filtered(lambda d: d.name == "行业经验")
        self.assertEqual(job._ai_rubric_dict()["dimensions"][names.index("行业经验")]["anchors"],
                         {"strong": "讲清自己在医疗器械行业做成的一单"})
        self.assertTrue(added.anchor_strong)
        nego = job.ai_dimension_ids.filtered(lambda d: d.name == "商务谈判")
        self.assertTrue(nego.anchor_weak and nego.anchor_adequate and nego.anchor_strong)
