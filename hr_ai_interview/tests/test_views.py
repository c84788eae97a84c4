# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import AiInterviewCase


@tagged("post_install", "-at_install")
class TestViews(AiInterviewCase):
    def test_job_form_has_ai_interview_tab(self):
        arch = self.Job.get_view(view_type="form")["arch"]
        page = etree.fromstring(arch).xpath("//page[@name='ai_interview_page']")
        self.assertEqual(len(page), 1)
        for fname in ("ai_interview_enabled", "ai_dimension_ids", "ai_weight_total", "ai_question_ids",
                      "ai_deadline_days", "ai_practice_enabled", "ai_language"):
            self.assertTrue(page[0].xpath(f".//field[@name='{fname}']"), fname)
        self.assertTrue(page[0].xpath(".//button[@name='action_ai_suggest_rubric']"))

    def test_job_form_builds_rubric_with_running_total(self):
        with Form(self.Job) as form:
            form.name = "Form job"
            for name, weight in (("需求分析能力", 35), ("项目管理能力", 30)):
                with form.ai_dimension_ids.new() as line:
                    line.name = name
                    line.weight = weight
                    line.keywords = "甘特图，里程碑、甘特图"
            self.assertEqual(form.ai_weight_total, 65)  # onchange: the running total shown in the tab
            with form.ai_dimension_ids.new() as line:
                line.name = "用户思维"
                line.weight = 35
            self.assertEqual(form.ai_weight_total, 100)
            with form.ai_question_ids.new() as q:
                q.name = "请描述一个你解决过的复杂问题"
                q.time_limit = 120
            form.ai_interview_enabled = True
        job = form.record
        self.assertTrue(job.ai_interview_enabled)
        self.assertEqual(job.ai_dimension_ids.mapped("weight"), [35, 30, 35])
        self.assertEqual(job.ai_dimension_ids[0].keywords, "甘特图, 里程碑")
        self.assertEqual(job.ai_question_ids.time_limit, 120)

    def test_job_form_rebalance_and_wrong_total(self):
        job = self.make_job("Form rebalance", enabled=True)
        with Form(job) as form:  # two lines change in one save: only the final sum counts
            with form.ai_dimension_ids.edit(0) as line:
                line.weight = 30
            with form.ai_dimension_ids.edit(1) as line:
                line.weight = 40
        self.assertEqual(job.ai_dimension_ids.mapped("weight"), [30, 40, 30])
        form = Form(job)
        with form.ai_dimension_ids.edit(2) as line:
            line.weight = 20
        with self.assertRaisesRegex(ValidationError, "currently sum to 90"):
            form.save()

    def test_dimension_form(self):
        with Form(self.Dimension) as form:
            form.job_id = self.job
            form.name = "用户思维"
            form.weight = 35
            form.keywords = "用户痛点\n用户画像\n用户痛点"
        self.assertEqual(form.record.keywords, "用户痛点, 用户画像")
        self.assertEqual(form.record.company_id, self.job.company_id)

    def test_question_form(self):
        job = self.make_job("Question form", weights=(50, 50))
        with Form(self.Question) as form:
            form.job_id = job
            form.name = "请描述一个你解决过的复杂问题"
            form.dimension_ids.add(job.ai_dimension_ids[1])
            form.answer_mode = "audio"
        self.assertEqual(form.record.dimension_ids, job.ai_dimension_ids[1])
        self.assertEqual((form.record.time_limit, form.record.answer_mode), (180, "audio"))

    def test_competency_and_wizard_forms_load(self):
        with Form(self.env["hr.ai.competency"]) as form:
            form.code = "x_form"
            form.name = "Data analysis"
            form.keywords = "SQL, Excel"
        self.assertEqual(form.record.display_name, "Data analysis")
        self.env["res.lang"]._activate_lang("zh_CN")
        form.record.update_field_translations("name", {"zh_CN": "数据分析"})
        self.assertEqual(form.record.with_context(lang="zh_CN").display_name, "数据分析")
        action = self.job.action_ai_suggest_rubric()
        wizard_form = Form(self.env["hr.ai.rubric.suggest"].browse(action["res_id"]))
        self.assertGreater(len(wizard_form.line_ids), 0)
        self.assertTrue(self.env.ref("hr_ai_interview.menu_hr_ai_competency").action)
