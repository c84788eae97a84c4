# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Both PDFs and the HR summary in the reader's language (zh_CN and en_US) from one record, per question, with the
company's name and logo, fonts embedded, and no contradictory pair of findings."""
import base64
import copy
import re
import subprocess
import tempfile

from odoo.tests import new_test_user, tagged
from odoo.tools import file_open

from .common_report import ReportCase, engine_result
from .test_hiring_report_pdf import AI, pdf_text, save_png

# (strength, opposite improvement) as the engine words them: never both in one answer's section
CONTRADICTIONS = [("用数据说明了结果", "没有具体数据"), ("结构清晰", "结构不够清晰"),
                  ("backed your answer with figures", "no figures"), ("Clear structure", "lacks a clear structure")]


def _logo_png():
    """A real company logo (the demo company's), as HR would upload it."""
    return base64.b64encode(file_open("hr_ai_interview/demo/company_logo.png", "rb").read())


def _results():
    """Answer 1 has figures and structure, answer 2 has neither: merged naïvely they contradict each other."""
    good = engine_result(AI)
    good["scores"]["overall"] = 74.0
    good["feedback"] = {"language": "zh", "strengths": ["用数据说明了结果（如“提升了30%”）", "结构清晰，有条理地展开并给出了结论"],
                        "improvements": []}
    bad = copy.deepcopy(engine_result(AI))
    bad["scores"]["overall"] = 3.0
    bad["feedback"] = {"language": "zh", "strengths": ["讲清了自己采取的具体行动"], "improvements": [
        {"code": "add_figures", "message": "回答中没有具体数据或量化结果", "suggestion": "补充可衡量的结果。"},
        {"code": "structure", "message": "回答的结构不够清晰", "suggestion": "试试“总—分—总”。"}]}
    return [good, bad]


def _sections(text, heading):
    parts = re.split(heading, text)
    return dict([("summary", parts[0])] + [(int(n), body) for n, body in zip(parts[1::2], parts[2::2])])


def _fonts(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(pdf)
        fh.flush()
        out = subprocess.run(["pdffonts", fh.name], capture_output=True, check=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


@tagged("post_install", "-at_install")
class TestReportPdfLanguage(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.company.write({"name": "示例科技有限公司", "logo": _logo_png()})
        cls.officer_zh = new_test_user(cls.env, "ai_officer_zh", groups="hr_recruitment.group_hr_recruitment_user",
                                       name="Officer Zhou", lang="zh_CN")

    def _interview(self, lang="zh_CN"):
        interview = self.make_interview(lang=lang)
        return self.score_interview(interview, AI, results=_results())

    def test_feedback_pdf_per_question_without_contradictions(self):
        interview = self._interview()
        pdf = interview._render_feedback_pdf()
        text = pdf_text(pdf)
        parts = _sections(text, r"第 (\d+) 题 · ")
        self.assertEqual(set(parts), {"summary", 1, 2})
        self.assertIn("请介绍一次你推动项目落地的经历", parts[1])
        self.assertIn("你如何处理团队冲突", parts[2])
        self.assertIn("本题水平：较强", parts[1])
        self.assertIn("本题水平：待提升", parts[2])
        self.assertIn("建议：补充可衡量的结果", parts[2])
        for key, section in parts.items():
            self.assertEqual([p for p in CONTRADICTIONS if p[0] in section and p[1] in section], [], key)
        self.assertRegex(parts["summary"].replace("\n", ""), r"用具体数据说明结果：第 1 题做得好，\s*第 2 题还需加强")
        self.assertIn("示例科技有限公司", text)
        self.assertIn(b"/Subtype /Image", pdf)  # the company logo
        self.assertTrue(all(row[-5] == "yes" for row in _fonts(pdf)))  # WenQuanYi embedded
        save_png(pdf, "odoo-feedback-zh_CN")

    def test_english_candidate_gets_english_labels(self):
        interview = self._interview(lang="en_US")
        text = pdf_text(interview._render_feedback_pdf())
        self.assertIn("Interview Feedback Report", text)
        self.assertIn("Question 1 · Written answer", text)
        self.assertNotIn("面试反馈报告", text)
        self.assertTrue(interview._ai_feedback_filename().startswith("Interview feedback"))

    def test_hiring_pdf_in_each_readers_language(self):
        interview = self._interview()
        zh = pdf_text(interview.with_user(self.officer_zh).with_context(lang="zh_CN")._render_hiring_pdf())
        for needle in ("综合招聘报告", "待评审", "逐题结果", "请介绍一次你推动项目落地的经历", "口语流利度", "仅 AI",
                       "建议追问问题"):
            self.assertIn(needle, zh)
        self.assertNotIn("Give a concrete example", zh)
        en_pdf = interview.with_user(self.officer)._render_hiring_pdf()
        en = pdf_text(en_pdf)
        for needle in ("Hiring Report", "Awaiting review", "Per question", "Speaking fluency", "AI only"):
            self.assertIn(needle, en)
        self.assertNotIn("综合招聘报告", en)
        save_png(en_pdf, "odoo-hiring-en_US")
        self.review(interview, self.officer, {"沟通能力": 85, "问题解决": 40, "团队协作": 75})
        zh_pdf = interview.with_user(self.officer_zh).with_context(lang="zh_CN")._render_hiring_pdf()
        reviewed = pdf_text(zh_pdf)
        self.assertNotIn("待评审", reviewed)
        self.assertIn("建议进入下一轮面试，重点考察其“问题解决", reviewed.replace("\n", ""))
        save_png(zh_pdf, "odoo-hiring-zh_CN")

    def test_form_read_with_bin_size_renders_the_summary(self):
        """The web client reads forms with bin_size=True: the summary must not choke on the logo's size text."""
        interview = self._interview()
        values = interview.with_user(self.officer).with_context(bin_size=True).web_read(
            {"hiring_report_html": {}})
        self.assertIn("Awaiting review", values[0]["hiring_report_html"])

    def test_summary_html_and_timeline_in_the_viewers_language(self):
        interview = self._interview()
        self.assertIn("待评审", interview.with_user(self.officer_zh).with_context(lang="zh_CN").hiring_report_html)
        html = interview.with_user(self.officer).hiring_report_html
        self.assertIn("Awaiting review", html)
        self.assertIn("o_ai_hiring_questions", html)
        self.assertIn("你如何处理团队冲突", html)
        answer = interview.answer_ids[0]
        result = answer._result()
        result["features"]["speech"].update(rate_unit="字/分", rate_series=[
            {"start": 0, "end": 20, "rate": 170}, {"start": 20, "end": 40, "rate": 320}])
        answer.sudo().result_json = result
        svg = answer.with_user(self.officer_zh).with_context(lang="zh_CN").timeline_html
        self.assertIn("回答时间线", svg)
        self.assertIn("时间（秒）", svg)
        self.assertIn("建议区间 150–200", svg)
        self.assertNotIn("人脸", svg)  # no camera analysed: the legend names only what is drawn
        # headroom: the 320 peak is drawn below the top of the plot, the y axis labels reach above it
        self.assertRegex(svg, r">400<")


@tagged("post_install", "-at_install")
class TestMailTemplateLanguage(ReportCase):
    """One English body per template; the candidate's mail comes out in the interview's language via `lang`
    and the module's zh_CN terms (no language blocks in the template)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["hr_ai_interview"], ["zh_CN"], overwrite=True)

    def _render(self, interview, xmlid):
        template = self.env.ref(xmlid)
        self.assertNotIn("object.language ==", template.body_html)  # no language branches left
        return template._generate_template([interview.id], ("subject", "body_html", "lang"))[interview.id]

    def test_invitation_and_reminder_follow_the_interview_language(self):
        for xmlid, zh_words, en_words in (
                ("hr_ai_interview.mail_template_ai_interview_invitation", ("AI 视频面试邀请", "设备要求", "开始面试"),
                 ("AI video interview", "You need:", "Start the interview")),
                ("hr_ai_interview.mail_template_ai_interview_reminder", ("提醒", "截止，请尽快完成"),
                 ("Reminder", "Please complete it")),
                ("hr_ai_interview.mail_template_ai_feedback_report", ("您的面试反馈报告", "下载报告", "人工复核"),
                 ("Your interview feedback report", "download your report", "human re-review"))):
            zh = self._render(self.make_interview(name="张伟", lang="zh_CN"), xmlid)
            en = self._render(self.make_interview(name="Jane Roe", lang="en_US"), xmlid)
            self.assertEqual((zh["lang"], en["lang"]), ("zh_CN", "en_US"))
            for word in zh_words:
                self.assertIn(word, zh["subject"] + zh["body_html"])
            for word in en_words:
                self.assertIn(word, en["subject"] + en["body_html"])
            self.assertNotIn("您好", en["body_html"])
            self.assertIn("张伟", zh["body_html"])
