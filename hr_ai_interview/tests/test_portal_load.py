# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The question page under load: its work per request must not grow with the candidate's answers, it never
reads the engine results and it writes nothing (a write per GET would serialise candidates on row locks). Under
50 concurrent clients each query is a wait for the GIL, so the page keeps a query budget: the company's brand
and the job's name come from a per-worker cache that HR's changes clear."""
import base64

from odoo.tests import tagged
from odoo.tools import file_open

from .portal_common import AiPortalCase

# Queries of a warm question page in a test (a real server adds its registry check, as /web/login does): the
# interview with its questions and answers (one read, hr.ai.interview._portal_fetch) and the public user's row.
# The routing's default language and the public user's existence check (two each) are skipped for the
# candidate pages (models/ir_http.py). A website's routing and layout read the website, the page's view twice
# (its SEO fields) and the website's company, but not the public user: three more.
QUESTION_PAGE_QUERIES = 2
WEBSITE_QUERIES = 3

@tagged("post_install", "-at_install")
class TestPortalQuestionPageLoad(AiPortalCase):

    def setUp(self):
        super().setUp()
        # no logo: the frame shows the company's name (a database may have a logo or not), and the cache is
        # filled by this test's first page
        self.company = self.interview_a.company_id
        self.company.logo = False

    def _page_queries(self, interview):
        """SQL statements of one hot GET of the question page (the session already holds the token)."""
        url = self.page(interview, "/question")
        for _ in range(3):  # the first visit binds the token and redirects; then templates and caches are warm
            self.assertEqual(self.url_open(url).status_code, 200)
        path = f"/ai-interview/{interview.id}/question"
        nested = self.profile(collectors=["sql"], db=False)
        with nested:
            resp = self.url_open(path)
        self.assertEqual(resp.status_code, 200)
        self.assertEqual(len(nested.profiler.sub_profilers), 1)
        entries = nested.profiler.sub_profilers[0].collectors[0].entries
        return resp, [entry["full_query"].strip() for entry in entries]

    def _answer(self, line, attempt, state="pending", current=True, result=None):
        return self.env["hr.ai.interview.answer"].sudo().create({
            "interview_id": line.interview_id.id, "question_line_id": line.id, "mode": "text",
            "attempt": attempt, "is_current": current, "state": state, "text_answer": "answer %s" % attempt,
            "result_json": result})

    def test_question_page_work_does_not_grow_with_answers(self):
        a = self.interview_a
        self.ready(a)
        a.sudo()._portal_record_device_check({"camera": True, "microphone": True, "upload_kbps": 5000})
        first, second = self.lines(a)
        started = self._answer(first, 1)
        resp, before = self._page_queries(a)
        self.assertIn("Q-ONE", resp.text)
        # the first question answered twice (a retake), both scored with large engine results; the second started
        result = {"transcript": {"text": "x" * 5000}, "frames": list(range(2000))}
        started.write({"state": "scored", "is_current": False, "result_json": result})
        self._answer(first, 2, "scored", result=result)
        self._answer(second, 1)
        resp, after = self._page_queries(a)
        self.assertIn("Q-TWO", resp.text)
        self.assertIn("Question 2 of 2", resp.text)
        self.assertEqual(len(after), len(before), "\n".join(after))
        for table in ("hr_ai_interview", "hr_ai_interview_question", "hr_ai_interview_answer"):
            reads = [q for q in after if f'FROM "{table}"' in q]
            self.assertEqual(len(reads), 1, f"{table} is read in one query:\n" + "\n".join(reads))
        self.assertFalse([q for q in after if "result_json" in q], "the page must not load engine results")
        writes = [q for q in after if q.split(None, 1)[0].upper() in ("UPDATE", "INSERT", "DELETE")]
        self.assertFalse(writes, "a GET of the question page must not write")

    def test_question_page_keeps_its_query_budget(self):
        a = self.interview_a
        self.ready(a)
        a.sudo()._portal_record_device_check({"camera": True, "microphone": True, "upload_kbps": 5000})
        resp, queries = self._page_queries(a)
        self.assertIn(self.company.name, resp.text)
        self.assertIn(self.job.name, resp.text)
        website = "website" in self.env.registry
        self.assertLessEqual(len(queries), QUESTION_PAGE_QUERIES + (WEBSITE_QUERIES if website else 0),
                             "\n".join(queries))
        # the brand and the job's name come from the cache (a website reads its own company for its frame)
        for table in ("hr_job", "ir_attachment", "ir_default") + (() if website else ("res_company", "res_partner")):
            self.assertFalse([q for q in queries if f'"{table}"' in q], f"{table} is read on a warm page")

    def test_brand_cache_follows_hr_changes(self):
        a = self.interview_a
        self.ready(a)
        a.sudo()._portal_record_device_check({"camera": True, "microphone": True})
        url = self.page(a, "/question")

        def page(lang="en_US"):
            resp = self.url_open(url + "&lang=" + lang)
            self.assertEqual(resp.status_code, 200)
            return resp.text
        self.assertIn(self.company.name, page())
        self.company.name = "Renamed Brand Co"  # the company form
        self.assertIn("Renamed Brand Co", page())
        self.company.partner_id.name = "Partner Brand Co"  # the company's contact form
        self.assertIn("Partner Brand Co", page())
        self.assertNotIn("Renamed Brand Co", page())
        logo = "/logo.png?company=%s" % self.company.id
        self.assertNotIn(logo, page())
        self.company.logo = base64.b64encode(file_open("hr_ai_interview/demo/company_logo.png", "rb").read())
        self.assertIn(logo, page())
        self.company.partner_id.image_1920 = False
        self.assertNotIn(logo, page())
        self.assertEqual(a._portal_brand().consent_version, self.company.ai_consent_version)
        self.company.ai_consent_version = "2031-07"
        self.assertEqual(a._portal_brand().consent_version, "2031-07")
        # the job's name per language: a write, then the translation dialog
        self.job.name = "Renamed Analyst"
        self.assertIn("Renamed Analyst", page())
        self.job.update_field_translations("name", {"zh_CN": "改名分析师"})
        self.assertIn("改名分析师", page("zh_CN"))
        self.assertIn("Renamed Analyst", page("en_US"))

    def test_one_read_loads_what_the_orm_reads(self):
        """The page's single query leaves in cache what the ORM reads: same values, same order, nothing left
        to load (a field forgotten in the query would cost one query per record on the page)."""
        a = self.interview_a
        self.ready(a)
        a.sudo()._portal_record_device_check({"camera": True, "microphone": True})
        first, second = self.lines(a)
        self._answer(first, 1, "scored", current=False).draft_notes = "草稿 \"quoted\"\n<b>"
        self._answer(first, 2)
        self._answer(second, 1, "uploaded")
        Interview = self.env["hr.ai.interview"].sudo()
        line_fields, answer_fields = Interview._PORTAL_LINE_FIELDS, Interview._PORTAL_ANSWER_FIELDS

        def snapshot(interview):
            lines = interview.question_line_ids
            return ({f: interview[f] for f in Interview._portal_page_fields()},
                    [(line.id, [line[f] for f in line_fields], line.answer_ids.ids) for line in lines],
                    [(answer.id, [answer[f] for f in answer_fields]) for answer in interview.answer_ids])
        self.env.flush_all()
        self.env.invalidate_all()
        fetched = Interview._portal_fetch(a.id)
        with self.assertQueryCount(0):
            got = snapshot(fetched)
        self.env.invalidate_all()
        self.assertEqual(got, snapshot(Interview.browse(a.id)))
        self.assertEqual(len(got[1]), 2 + bool(a.question_line_ids.filtered("is_practice")))
        self.assertEqual([answer[0] for answer in got[2]], a.answer_ids.ids)
        self.assertFalse(Interview._portal_fetch(2 ** 31 - 1))
