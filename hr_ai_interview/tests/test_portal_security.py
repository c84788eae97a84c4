# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The candidate's token is the only key, it stays out of URLs, and it opens nothing but the addon's routes."""
import logging
import re
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.hr_ai_interview.controllers import common
from odoo.addons.hr_ai_interview.models.hr_ai_practice import PRACTICE_HOURLY_CAP

from .portal_common import AiPortalCase


@tagged("post_install", "-at_install")
class TestPortalSecurity(AiPortalCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.interviewer = new_test_user(cls.env, "ai_sec_interviewer", password="ai_sec_interviewer",
                                        groups="hr_recruitment.group_hr_recruitment_interviewer")
        cls.officer = new_test_user(cls.env, "ai_sec_officer", password="ai_sec_officer",
                                    groups="hr_recruitment.group_hr_recruitment_user")
        cls.job.interviewer_ids = [Command.link(cls.interviewer.id)]

    def csrf(self, url):
        text = self.url_open(url).text
        found = re.search(r'name="csrf_token" value="([^"]+)"', text) or re.search(r'csrf_token: "([^"]+)"', text)
        return found.group(1)

    # ---------------------------------------------------------------- token only
    def test_reader_without_token_cannot_act_as_candidate(self):
        a = self.interview_a
        self.assertTrue(a.with_user(self.interviewer).read(["name"]), "the interviewer may read it")
        self.authenticate("ai_sec_interviewer", "ai_sec_interviewer")
        for suffix in ("", "/consent", "/identity", "/question", "/next"):
            resp = self.url_open(f"/ai-interview/{a.id}{suffix}", allow_redirects=False)
            self.assertEqual(resp.status_code, 404, suffix)
        resp = self.url_open(f"/ai-interview/{a.id}/consent", data={"decision": "accept",
                                                                    "csrf_token": self.csrf("/my")})
        self.assertEqual(resp.status_code, 404)
        self.assertEqual(a.consent_state, "none")
        # the candidate-side methods are private: RPC cannot reach them
        for method, args in (("_portal_give_consent", ["1.2.3.4"]), ("_portal_send_identity_code", []),
                             ("_portal_verify_identity", ["Alice Candidate", "000000"])):
            with self.assertRaises(Exception, msg=method):
                self.make_jsonrpc_request("/web/dataset/call_kw", {
                    "model": "hr.ai.interview", "method": method, "args": [[a.id], *args], "kwargs": {}})
        self.assertEqual(a.consent_state, "none")
        self.assertFalse(a.identity_verified)

    def test_token_and_link_fields_are_restricted(self):
        a = self.interview_a
        for user in (self.interviewer, self.officer):
            self.assertNotIn("access_token", a.with_user(user).fields_get())
            with self.assertRaises(AccessError):
                a.with_user(user).read(["access_token"])
            with self.assertRaises(AccessError):
                a.with_user(user).read(["portal_link"])
        manager = new_test_user(self.env, "ai_sec_manager", groups="hr_recruitment.group_hr_recruitment_manager")
        self.assertIn(f"access_token={a.access_token}", a.with_user(manager).read(["portal_link"])[0]["portal_link"])

    def test_link_binds_the_session_and_redirects_to_a_clean_url(self):
        a = self.interview_a
        resp = self.url_open(self.page(a, "/consent"), allow_redirects=False)
        self.assertEqual(resp.status_code, 303)
        self.assertNotIn("access_token", resp.headers["Location"])
        self.assertNotIn(a.access_token, resp.headers["Location"])
        resp = self.url_open(resp.headers["Location"])
        self.assertEqual(resp.status_code, 200)
        self.assertIn("How AI is used in this interview", resp.text)
        self.assertNotIn("access_token=", resp.text)
        # the form posts to a clean URL and is accepted on the session's token
        resp = self.url_open(f"/ai-interview/{a.id}/consent", data={"csrf_token": self.csrf(resp.url),
                                                                    "decision": "accept"}, allow_redirects=False)
        self.assertEqual(resp.status_code, 303)
        self.assertNotIn("access_token", resp.headers["Location"])
        self.assertEqual(a.consent_state, "given")
        # another interview's pages stay closed to this session
        self.assertEqual(self.url_open(f"/ai-interview/{self.interview_b.id}").status_code, 404)

    def test_api_call_binds_a_session_that_lost_the_token(self):
        # Odoo logs a session out when it answered a request while the database was unreachable; the open page
        # still sends the token with each API call, which binds it again: the next page opens
        a, b = self.interview_a, self.interview_b
        self.ready(a)
        self.assertEqual(self.url_open(f"/ai-interview/{a.id}/next", allow_redirects=False).status_code, 404)
        self.assertEqual(self.api(a, "/status", method="GET").status_code, 200)
        resp = self.url_open(f"/ai-interview/{a.id}/next", allow_redirects=False)
        self.assertEqual(resp.status_code, 303)
        self.assertIn(f"/ai-interview/{a.id}/", resp.headers["Location"])
        # a wrong token binds nothing, and a's token opens only a's pages
        self.assertEqual(self.api(b, "/status", method="GET", token=a.access_token).status_code, 404)
        self.assertEqual(self.url_open(f"/ai-interview/{b.id}", allow_redirects=False).status_code, 404)

    def test_api_takes_the_token_from_the_header_only(self):
        a = self.interview_a
        self.ready(a)
        line = self.lines(a)[0]
        url = self.base_url() + f"/ai-interview/{a.id}/api/answer"
        resp = self.opener.post(url, params={"access_token": a.access_token}, json={"line_id": line.id}, timeout=30)
        self.assertEqual(resp.status_code, 404)
        self.assertEqual(self.api(a, "/answer", {"line_id": line.id}).status_code, 200)

    # ---------------------------------------------------------------- chatter
    def test_token_opens_no_chatter_route(self):
        a = self.interview_a
        before = len(a.message_ids)
        resp = self.opener.post(self.base_url() + "/mail/message/post", json={"params": {
            "thread_model": "hr.ai.interview", "thread_id": a.id, "token": a.access_token,
            "post_data": {"body": "posted with the token", "message_type": "comment"}}}, timeout=30)
        self.assertIn("error", resp.json())
        self.assertEqual(len(a.message_ids), before)
        resp = self.opener.post(self.base_url() + "/mail/attachment/upload", data={
            "thread_id": a.id, "thread_model": "hr.ai.interview", "token": a.access_token,
            "csrf_token": self.csrf(self.page(a))}, files={"ufile": ("x.bin", b"x" * 4096)}, timeout=30)
        self.assertEqual(resp.status_code, 404)
        self.assertFalse(self.env["ir.attachment"].search([("res_model", "=", "hr.ai.interview"),
                                                            ("res_id", "=", a.id), ("name", "=", "x.bin")]))

    # ---------------------------------------------------------------- headers, logs
    def test_security_headers_everywhere(self):
        a = self.interview_a
        self.ready(a)
        responses = [self.url_open(self.page(a), allow_redirects=False),  # the token link (redirect)
                     self.url_open(f"/ai-interview/{a.id}"),  # page
                     self.url_open(f"/ai-interview/{a.id + 1000}"),  # 404 page
                     self.api(a, "/answer", {"line_id": self.lines(a)[0].id}),  # API
                     self.api(a, "/status", method="GET", token="wrong")]  # API error
        for resp in responses:
            self.assertEqual(resp.headers.get("Referrer-Policy"), "no-referrer", resp.url)
            self.assertEqual(resp.headers.get("X-Frame-Options"), "DENY", resp.url)
            self.assertIn("no-store", resp.headers.get("Cache-Control", ""), resp.url)
            csp = resp.headers.get("Content-Security-Policy", "")
            self.assertIn("frame-ancestors 'none'", csp, resp.url)
            self.assertIn("media-src 'self' blob: mediastream:", csp, resp.url)

    def test_tokens_are_masked_in_the_access_log(self):
        record = logging.LogRecord("werkzeug", logging.INFO, __file__, 1, '%s - - "%s" %s', (
            "127.0.0.1", "GET /ai-interview/1?access_token=abcd-1234&x=1 HTTP/1.1", 200), None)
        common._MaskTokens().filter(record)
        line = record.getMessage()
        self.assertNotIn("abcd-1234", line)
        self.assertIn("access_token=***&x=1", line)
        self.assertTrue(any(isinstance(f, common._MaskTokens) for f in logging.getLogger("werkzeug").filters))

    # ---------------------------------------------------------------- input validation
    def test_malformed_ids_are_400(self):
        a = self.interview_a
        self.ready(a)
        a.sudo()._portal_record_device_check({"camera": True, "microphone": True})
        for bad in ("abc", [1], {}, None, 1.5, True, -3):
            for path, payload in (("/answer", {"line_id": bad}), ("/text", {"answer_id": bad, "text": "x"}),
                                  ("/draft", {"answer_id": bad, "text": "x"}),
                                  ("/upload/init", {"answer_id": bad, "mimetype": "video/webm", "total_size": 9}),
                                  ("/practice/feedback", {"answer_id": bad})):
                resp = self.api(a, path, payload)
                self.assertEqual(resp.status_code, 400, (path, bad, resp.text[:200]))
                self.assertEqual(resp.json()["error"]["code"], "bad_request")
        answer = self.api(a, "/answer", {"line_id": self.lines(a)[0].id}).json()["answer_id"]
        for bad in ("abc", [1], {}):
            resp = self.api(a, "/upload/init", {"answer_id": answer, "mimetype": "video/webm", "total_size": bad})
            self.assertEqual(resp.status_code, 400, bad)
        resp = self.api(a, "/text", {"answer_id": answer, "text": {"a": 1}})
        self.assertEqual(resp.status_code, 400)

    # ---------------------------------------------------------------- retries
    def test_body_survives_a_serialization_retry(self):
        """Odoo replays the handler after a serialization failure: the replay must see the same body."""
        a = self.interview_a
        self.ready(a)
        answer = self.api(a, "/answer", {"line_id": self.lines(a)[0].id}).json()["answer_id"]
        Answer = self.registry["hr.ai.interview.answer"]
        original, calls = Answer._save_draft, []

        def conflicting(record, text):
            calls.append(text)
            if len(calls) == 1:  # a real serialization failure from PostgreSQL, as a concurrent write causes
                record.env.cr.execute("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = "
                                      "'serialization_failure'; END $$")
            return original(record, text)

        with patch.object(Answer, "_save_draft", conflicting), patch("odoo.service.model.time.sleep"), \
                mute_logger("odoo.sql_db", "odoo.service.model"):
            resp = self.api(a, "/draft", {"answer_id": answer, "text": "notes that must survive"})
        self.assertEqual(resp.status_code, 200, resp.text[:300])
        self.assertEqual(calls, ["notes that must survive"] * 2)
        self.assertEqual(self.env["hr.ai.interview.answer"].sudo().browse(answer).draft_notes,
                         "notes that must survive")

    # ---------------------------------------------------------------- practice feedback
    def test_practice_feedback_is_queued_one_at_a_time_and_capped(self):
        self.job.ai_practice_enabled = True
        a = self.make_interview("Pia Practice", "pia.practice@example.com")
        practice = a.question_line_ids.filtered("is_practice")
        self.assertTrue(practice)
        practice.max_retakes = 20
        self.ready(a)

        def practice_answer(text):
            answer = a.sudo()._portal_answer_for(practice, "text")
            answer._submit_text(text)
            return answer

        first = practice_answer("first try")
        resp = self.api(a, "/practice/feedback", {"answer_id": first.id})
        self.assertEqual(resp.status_code, 202, resp.text[:300])
        self.assertEqual(resp.json()["state"], "queued")
        self.assertEqual(self.env["queue.job"].search_count([("identity_key", "=", f"hr_ai_practice:{a.id}")]), 1)
        status = self.api(a, "/status", method="GET").json()
        self.assertEqual([x["practice_feedback"]["state"] for x in status["answers"] if x["id"] == first.id],
                         ["queued"])
        resp = self.api(a, "/practice/feedback", {"answer_id": practice_answer("second try").id})
        self.assertEqual(resp.status_code, 429, "one running practice job per interview")
        # the hourly cap (the jobs are marked done as if the runner had run them)
        codes = []
        jobs = self.env["queue.job"].sudo()
        for i in range(8):
            a.sudo().answer_ids.filtered("is_practice").write({"practice_feedback_state": "done"})
            jobs.search([("identity_key", "=", f"hr_ai_practice:{a.id}")]).write({"state": "done"})
            resp = self.api(a, "/practice/feedback", {"answer_id": practice_answer(f"try {i}").id})
            codes.append(resp.status_code)
        self.assertEqual(codes.count(202), PRACTICE_HOURLY_CAP - 1, codes)
        self.assertEqual(codes[-1], 429)
        self.assertIn("last hour", resp.json()["error"]["message"])

    # ---------------------------------------------------------------- life cycle
    def test_closed_or_overdue_interview_refuses_writes(self):
        a = self.interview_a
        self.ready(a)
        a.sudo()._portal_record_device_check({"camera": True, "microphone": True})
        answer = self.api(a, "/answer", {"line_id": self.lines(a)[0].id}).json()["answer_id"]
        a.sudo().deadline = fields.Datetime.now() - timedelta(minutes=1)  # the expiry cron has not run
        for path, payload in (("/draft", {"answer_id": answer, "text": "late"}),
                              ("/text", {"answer_id": answer, "text": "late"}),
                              ("/device", {"camera": True})):
            self.assertEqual(self.api(a, path, payload).status_code, 409, path)
        self.assertFalse(self.env["hr.ai.interview.answer"].sudo().browse(answer).draft_notes)
        self.assertIn("closed", self.url_open(self.page(a, "/question")).text)

    def test_reinvitation_rotates_the_token(self):
        a = self.interview_a
        a.invited_at = fields.Datetime.now()
        old = a.access_token
        a.action_cancel()
        a.action_send_invitation()
        self.assertTrue(a.access_token)
        self.assertNotEqual(a.access_token, old)
        self.assertEqual(self.url_open(self.page(a, token=old)).status_code, 404)
        self.assertEqual(self.url_open(self.page(a)).status_code, 200)

    def test_decline_note_reaches_hr_as_plain_text(self):
        b = self.interview_b
        note = '<a href="https://evil.example/">click</a> <b>bold</b>'
        self.url_open(self.page(b, "/consent"), data={"csrf_token": self.csrf(self.page(b, "/consent")),
                                                       "decision": "decline", "note": note})
        activity = b.activity_ids[:1]
        self.assertTrue(activity)
        self.assertNotIn("<a ", str(activity.note))
        self.assertIn("&lt;a href", str(activity.note))
