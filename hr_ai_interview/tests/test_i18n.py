# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AiInterviewCase


@tagged("post_install", "-at_install")
class TestChineseTranslation(AiInterviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["hr_ai_interview"], ["zh_CN"], overwrite=True)

    def test_error_message_in_chinese(self):
        job = self.make_job("中文职位", weights=(50, 20)).with_context(lang="zh_CN")
        with self.assertRaisesRegex(ValidationError, "评分维度权重合计必须为 100，当前合计为 70"):
            job.ai_interview_enabled = True
            job.flush_recordset()

    def test_field_labels_menu_and_selection_in_chinese(self):
        Job = self.Job.with_context(lang="zh_CN")
        fields = Job.fields_get(["ai_interview_enabled", "ai_language", "ai_weight_total"])
        self.assertEqual(fields["ai_interview_enabled"]["string"], "AI 面试")
        self.assertEqual(fields["ai_weight_total"]["string"], "权重合计（%）")
        self.assertEqual(dict(fields["ai_language"]["selection"])["zh_CN"], "简体中文")
        menu = self.env.ref("hr_ai_interview.menu_hr_ai_competency").with_context(lang="zh_CN")
        self.assertEqual(menu.name, "胜任力词库")
        arch = Job.get_view(view_type="form")["arch"]
        self.assertIn("根据职位描述推荐评分标准", arch)
