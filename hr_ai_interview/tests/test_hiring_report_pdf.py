# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import os
import shutil
import subprocess
import tempfile

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common_report import DIMENSIONS, ReportCase, ReportFixtures

AI = {"沟通能力": 80.0, "问题解决": 45.0, "团队协作": 70.0}
ARTIFACTS = os.environ.get("HR_AI_ARTIFACTS") or os.path.join(os.path.dirname(__file__), "..", "..", "artifacts")


def pdf_text(pdf):
    """pdftotext (poppler-utils) output of PDF bytes."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(pdf)
        fh.flush()
        return subprocess.run(["pdftotext", "-enc", "UTF-8", fh.name, "-"], capture_output=True, check=True,
                              text=True).stdout


def save_png(pdf, name):
    """First page as PNG into the git-ignored artifacts/ folder, to look at (best effort)."""
    if not shutil.which("pdftoppm"):
        return
    os.makedirs(ARTIFACTS, exist_ok=True)
    base = os.path.join(ARTIFACTS, name)
    with open(base + ".pdf", "wb") as fh:
        fh.write(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", base + ".pdf", base], check=False)


@tagged("post_install", "-at_install")
class TestHiringReport(ReportCase):

    def test_merged_score_uses_company_weights_and_every_dimension(self):
        interview = self.make_interview(scores=AI)
        self.assertEqual(interview.merged_score, 0.0)  # no human review: no merged score (awaiting review)
        self.review(interview, self.officer, {"沟通能力": 60, "问题解决": 65, "团队协作": 70})
        w = self.company._ai_modality_weights()
        content_ai = sum(AI[n] * wt for n, wt in DIMENSIONS) / 100.0
        content = 0.4 * content_ai + 0.6 * interview.human_score
        speech = 65.0  # engine_result's speech modality: part of the AI overall, so of the merged score too
        self.assertAlmostEqual(interview.merged_score,
                               (w["text"] * content + w["speech"] * speech) / (w["text"] + w["speech"]), places=4)
        self.company.ai_report_weight_ai = 100
        self.assertAlmostEqual(interview.merged_score, interview.overall_score, delta=0.05)  # overall: 1 decimal

    def test_focus_areas_and_followups_from_weakest_dimensions(self):
        interview = self.make_interview(scores=AI)
        summary = interview._ai_summary()
        self.assertEqual(summary["focus_areas"][0]["dimension"], "问题解决")
        self.assertTrue(summary["followups"])
        self.assertEqual(summary["followups"][0]["dimension"], "问题解决")
        self.assertTrue(any(q["source"] == "attention_point" for q in summary["followups"]))
        html = interview.hiring_report_html
        self.assertIn("问题解决", html)
        self.assertIn(summary["followups"][0]["question"], html)

    def test_print_action_is_hr_only(self):
        interview = self.make_interview(scores=AI)
        action = interview.with_user(self.officer).action_print_hiring_report()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], "/ai-interview/hr/%s/hiring-report.pdf" % interview.id)
        with self.assertRaises(AccessError):
            interview.with_user(self.interviewer).action_print_hiring_report()

    def test_hiring_pdf_content(self):
        interview = self.make_interview(scores=AI)
        self.review(interview, self.officer, {"沟通能力": 40, "问题解决": 50, "团队协作": 75}, recommendation="hold")
        pdf = interview._render_hiring_pdf("zh_CN")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertIn(b"/FontFile2", pdf)  # the CJK font is embedded
        text = pdf_text(pdf)
        for expected in ("张伟", "销售经理", "沟通能力", "问题解决", "团队协作", "Officer Olga"):
            self.assertIn(expected, text)
        save_png(pdf, "odoo-hiring-report")


@tagged("post_install", "-at_install")
class TestHiringReportHttp(ReportFixtures, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_report_fixtures()

    def test_download_route(self):
        interview = self.make_interview(scores=AI)
        url = "/ai-interview/hr/%s/hiring-report.pdf" % interview.id
        self.authenticate("ai_officer", "ai_officer_pw_1")
        res = self.url_open(url)
        self.assertEqual(res.status_code, 200)
        self.assertEqual(res.headers["Content-Type"], "application/pdf")
        self.assertIn("张伟", pdf_text(res.content))
        self.authenticate("ai_interviewer", "ai_interviewer_pw_1")
        self.assertEqual(self.url_open(url).status_code, 404)
