# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The recruiter's first hour: rubric checks, dimension descriptions, what lists show before scoring."""
import base64

from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import file_open
from odoo.tools.safe_eval import safe_eval

from .common import AiInterviewCase
from .interview_common import InterviewCase
from .portal_common import AiPortalCase


def _invisible(arch, field, view_type="list"):
    """The `invisible` expression of `field` in an arch (the first node that has one)."""
    for node in etree.fromstring(arch).iter("field"):
        if node.get("name") == field and node.get("invisible"):
            return node.get("invisible")
    return None


@tagged("post_install", "-at_install")
class TestRubricSetup(AiInterviewCase):

    def test_all_problems_are_reported_together(self):
        job = self.make_job("Sales Rep", weights=(60, 60), questions=0)
        with self.assertRaises(ValidationError) as cm:
            job.ai_interview_enabled = True
        message = str(cm.exception)
        self.assertIn("currently sum to 120", message)
        self.assertIn("at least one active question", message)

    def test_disabled_job_keeps_a_draft_rubric_and_the_form_warns(self):
        job = self.make_job("Draft Sales Rep", weights=(60, 60))
        self.assertEqual(job.ai_weight_total, 120)  # saved: HR may still be drafting
        arch = self.env["hr.job"].get_view(self.env.ref("hr.view_hr_job_form").id, "form")["arch"]
        alerts = [n for n in etree.fromstring(arch).iter("div")
                  if "alert-warning" in (n.get("class") or "") and "ai_weight_total" in (n.get("invisible") or "")]
        self.assertEqual(len(alerts), 1)
        shown = not safe_eval(alerts[0].get("invisible"), {"ai_weight_total": 120, "ai_dimension_ids": [1],
                                                          "ai_interview_enabled": False})
        self.assertTrue(shown, "the total warning is shown even while the AI interview is off")
        self.assertIn("100", "".join(alerts[0].itertext()))

    def test_rename_replaces_a_lexicon_description_only(self):
        comm = self.env["hr.ai.rubric.dimension"]._lexicon_description("沟通能力")
        team = self.env["hr.ai.rubric.dimension"]._lexicon_description("团队协作")
        self.assertTrue(comm and team and comm != team)
        job = self.make_job("Rename job", weights=(50, 50))
        default_dim, custom_dim = job.ai_dimension_ids.sorted("sequence")
        default_dim.write({"name": "沟通能力", "description": comm})
        custom_dim.write({"name": "倾听", "description": "能复述对方的观点"})
        default_dim.name = "团队协作"
        self.assertEqual(default_dim.description, team, "the lexicon text follows the new name")
        custom_dim.name = "倾听能力"
        self.assertEqual(custom_dim.description, "能复述对方的观点", "HR's own text is kept")
        default_dim.name = "Something new"
        self.assertFalse(default_dim.description, "no text of another competency stays behind")

    def test_job_form_shows_descriptions_and_readable_columns(self):
        arch = etree.fromstring(self.env["hr.job"].get_view(self.env.ref("hr.view_hr_job_form").id, "form")["arch"])
        dims = arch.xpath("//field[@name='ai_dimension_ids']//field[@name='description']")
        self.assertEqual(dims[0].get("optional"), "show")
        limits = {n.get("name"): n.get("string") for n in arch.xpath("//field[@name='ai_question_ids']//field")}
        self.assertEqual((limits["prep_time"], limits["time_limit"]), ("Prep (s)", "Answer (s)"))

    def test_lexicon_rows_are_one_line(self):
        entry = self.env["hr.ai.competency"].search([("code", "!=", False)], limit=1)
        entry.triggers = "\n".join("term%d" % i for i in range(12))
        self.assertEqual(entry.triggers_preview, "term0, term1, term2, term3 … (+8)")
        arch = self.env["hr.ai.competency"].get_view(self.env.ref("hr_ai_interview.hr_ai_competency_view_list").id,
                                                     "list")["arch"]
        self.assertNotIn('name="triggers"', arch)

    def test_settings_cite_pipl_and_explain_unused_video_weight(self):
        arch = self.env["res.config.settings"].get_view(
            self.env.ref("hr_ai_interview.res_config_settings_view_form_ai_interview").id, "form")["arch"]
        self.assertIn("PIPL", arch)
        self.assertIn("does not analyse video", arch)


@tagged("post_install", "-at_install")
class TestListsBeforeScoring(InterviewCase):

    def _list_arch(self, model, xmlid):
        return self.env[model].get_view(self.env.ref(xmlid).id, "list")["arch"]

    def test_invited_interview_shows_no_score_and_no_recommendation(self):
        interview = self.make_interview()
        self.assertEqual(interview.state, "in_progress")
        arch = self._list_arch("hr.ai.interview", "hr_ai_interview.hr_ai_interview_view_list")
        for field in ("overall_score", "ai_recommendation"):
            expr = _invisible(arch, field)
            self.assertTrue(expr, field)
            self.assertTrue(safe_eval(expr, {"state": interview.state}), "%s hidden before scoring" % field)
            self.assertFalse(safe_eval(expr, {"state": "scored"}), "%s shown once scored" % field)
        applicant_arch = self._list_arch("hr.applicant", "hr_recruitment.crm_case_tree_view_job")
        self.assertTrue(safe_eval(_invisible(applicant_arch, "ai_score"), {"ai_score": self.applicant.ai_score}))

    def test_kanban_badges_carry_band_colour_and_unit(self):
        for model, xmlid in (("hr.ai.interview", "hr_ai_interview.hr_ai_interview_view_kanban"),
                             ("hr.applicant", "hr_recruitment.hr_kanban_view_applicant")):
            arch = self.env[model].get_view(self.env.ref(xmlid).id, "kanban")["arch"]
            self.assertIn("/ 100", arch, model)
            for css in ("text-bg-success", "text-bg-warning", "text-bg-danger"):
                self.assertIn(css, arch, model)


@tagged("post_install", "-at_install")
class TestCandidatePageFrame(AiPortalCase):

    def test_one_language_switch_that_works(self):
        """The footer's frontend switch links to /en/... which candidate pages ignore (they follow ?lang=):
        only the page's own switch is shown, and it changes the page's language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.interview_a.language = "zh_CN"
        resp = self.url_open(self.page(self.interview_a))
        self.assertEqual(resp.status_code, 200)
        self.assertNotIn("js_language_selector", resp.text, "no second, inert language switch in the footer")
        self.assertIn("o_hrai_langs", resp.text)
        self.assertRegex(resp.text, r'<html[^>]* lang="zh-CN"')
        resp = self.url_open(self.page(self.interview_a) + "&lang=en_US")
        self.assertRegex(resp.text, r'<html[^>]* lang="en-US"')

    def test_landing_tips_follow_the_page_language(self):
        """The answering tips are the page's text: a zh_CN interview read in English shows English tips, and the
        Chinese page shows them in Chinese (they followed the interview's language before)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.interview_a.language = "zh_CN"
        zh = self.url_open(self.page(self.interview_a)).text
        en = self.url_open(self.page(self.interview_a) + "&lang=en_US").text
        self.assertIn("正对摄像头", zh)
        self.assertNotIn("face the camera", zh)
        self.assertIn("face the camera", en)
        self.assertNotIn("正对摄像头", en)
        # the pace is in the unit of the answer's language (the scorer's range), worded in the page's language
        self.assertIn("每分钟 150–200 字", zh)
        self.assertIn("150–200 characters per minute", en)
        self.assertIn("120–160 words per minute", self.url_open(self.page(self.interview_b)).text)

    def test_no_sign_in_nor_placeholder_logo_for_candidates(self):
        company = self.interview_a.company_id
        for with_logo in (False, True):
            company.logo = base64.b64encode(file_open("hr_ai_interview/demo/company_logo.png", "rb").read()) \
                if with_logo else False
            resp = self.url_open(self.page(self.interview_a))
            self.assertEqual(resp.status_code, 200)
            self.assertNotIn("/web/login", resp.text, "candidates have no account: no Sign in")
            self.assertIn(company.name, resp.text)
            logo = "/logo.png?company=%s" % company.id
            if with_logo:
                self.assertIn(logo, resp.text)
            else:
                self.assertNotIn(logo, resp.text, "no placeholder logo")

    def test_portal_pages_keep_their_footer_switch(self):
        """The footer is cached (t-cache) and shared by every frontend page: a candidate page rendered first
        must not leave other portal pages without their language switch, nor take one from them."""
        self.env["res.lang"]._activate_lang("zh_CN")
        new_test_user(self.env, login="ai_footer_user", groups="base.group_portal", password="ai_footer_user")
        candidate = self.page(self.interview_a)
        self.assertNotIn("js_language_selector", self.url_open(candidate).text)
        self.authenticate("ai_footer_user", "ai_footer_user")
        self.assertIn("js_language_selector", self.url_open("/my").text)
        self.authenticate(None, None)
        self.assertNotIn("js_language_selector", self.url_open(candidate).text)
