# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The scoring job with the real engine: a small text answer and a small real WebM; corrupt input."""
import base64
import hashlib
import io
from unittest.mock import patch

from odoo.tests import tagged

from .interview_common import InterviewCase, fake_result, job_mod, tiny_webm


@tagged("post_install", "-at_install")
class TestScoringJob(InterviewCase):

    def setUp(self):
        super().setUp()
        self.interview = self.make_interview()
        self.line1, self.line2 = self.real_lines(self.interview)

    def test_text_answer_with_the_real_engine(self):
        answer = self.answer_text(self.interview, self.line1,
                                  "我先做了用户调研，访谈了 20 位用户，然后写了需求文档，转化率提升了 12%。")
        result = self.run_job(answer)
        self.assertEqual(answer.state, "scored", result)
        data = answer.result_json
        self.assertEqual(data["status"], "scored")
        self.assertTrue(answer.engine_version)
        self.assertFalse(answer.transcript, "typed text is the answer itself, not a speech transcript")
        text = "我先做了用户调研，访谈了 20 位用户，然后写了需求文档，转化率提升了 12%。".encode()
        self.assertEqual((answer.mimetype, answer.size, answer.sha256),
                         ("text/plain", len(text), hashlib.sha256(text).hexdigest()), "derived from the text")
        dims = {d["name"]: d for d in data["scores"]["dimensions"]}
        self.assertIn("需求分析", dims)
        self.assertTrue(any(e["keyword"] == "用户调研" for e in dims["需求分析"]["evidence"]))
        self.assertIn('<mark class="o_ai_hit"', answer.transcript_html)
        self.assertGreater(answer.overall_score, 0)
        self.assertEqual(answer.score_count, 1)
        # the same job delivered again stores nothing new
        self.run_job(answer)
        self.assertEqual(answer.score_count, 1)

    def test_engine_warm_up_is_paid_once_per_worker_not_per_job(self):
        """Warm-up (jieba, encoder, cascades; Whisper for recordings) costs seconds: a worker process pays it on
        its first job, and once more only when its first recording needs the ASR model."""
        with patch.object(job_mod, "_WARMED", set()), self.engine(fake_result({"需求分析": 60.0})) as fake:
            for text in ("我做了用户调研。", "我写了需求文档。"):
                self.run_job(self.answer_text(self.interview, self.line1 if "调研" in text else self.line2, text))
            self.assertEqual(fake.warmups, [False])
            other = self.make_interview(self.make_applicant("李雷", "li.warm@example.com"))
            for line in self.real_lines(other):
                answer = other._portal_answer_for(line, "video")
                self.upload(answer, tiny_webm(seconds=1.5), chunk=64 * 1024)
                self.run_job(answer)
            self.assertEqual(fake.warmups, [False, True], "the ASR model is loaded once, for the first recording")
            self.assertEqual(len(fake.calls), 4)

    def test_small_real_webm(self):
        answer = self.interview._portal_answer_for(self.line1, "video")
        data = tiny_webm(seconds=2.0)
        upload, res = self.upload(answer, data, chunk=64 * 1024)
        self.assertEqual(res["state"], "complete")
        self.interview.policy = "full"
        self.run_job(answer)
        result = answer.result_json
        self.assertEqual(answer.state, "scored", answer.failure_reason)
        self.assertTrue(result["media"].get("has_video"))
        self.assertIn("vision", result["features"])
        self.assertIn("<svg", answer.timeline_html)
        self.assertIn("/web/content/%s" % answer.attachment_id.id, answer.player_html)

    def test_corrupt_upload_fails_permanently_and_rescore_works_after_a_fix(self):
        answer = self.interview._portal_answer_for(self.line1, "video")
        garbage = b"\x1a\x45\xdf\xa3" + bytes((i * 37) % 251 for i in range(50000))
        self.upload(answer, garbage)
        attachment = answer.attachment_id
        msg = self.run_job(answer)
        self.assertEqual(answer.state, "failed", msg)
        self.assertTrue(answer.failure_code)
        self.assertTrue(answer.failure_reason)
        self.assertEqual(answer.attachment_id, attachment, "the file is kept for HR")
        self.assertTrue(attachment.raw)
        # the fix: a good recording replaces the corrupt one, HR re-scores
        good = tiny_webm(seconds=2.0)
        attachment.write({"raw": good})
        answer.sha256 = hashlib.sha256(good).hexdigest()
        answer.action_rescore()
        self.assertEqual(answer.state, "queued")
        self.run_job(answer)
        self.assertEqual(answer.state, "scored", answer.failure_reason)
        self.assertFalse(answer.failure_reason)
        self.assertEqual(answer.score_count, 1)

    def test_practice_feedback_is_queued_and_never_reaches_hr(self):
        practice = self.interview.question_line_ids.filtered("is_practice")
        answer = self.interview._portal_answer_for(practice, "text")
        answer._submit_text("大家好，我做了三年产品经理，主导过用户调研和需求文档。")
        status = self.interview._portal_request_practice_feedback(answer)
        self.assertEqual(status, {"state": "queued", "feedback": None}, "returns at once, nothing computed")
        job = self.env["queue.job"].search([("identity_key", "=", "hr_ai_practice:%s" % self.interview.id)])
        self.assertEqual(job.channel, "root.ai_interview_practice")
        answer._job_practice_feedback()  # what the job runner does
        feedback = answer._practice_feedback_status()["feedback"]
        self.assertEqual(feedback["status"], "scored")
        self.assertIsNotNone(feedback["overall"])
        self.assertIn("用户调研", feedback["transcript"])
        self.assertFalse(answer.result_json, "practice results are not stored as scores")
        self.assertNotIn(answer, self.interview.hr_answer_ids)

    def test_transcript_is_read_from_the_result_and_survives_a_correction(self):
        answer = self.interview._portal_answer_for(self.line1, "video")
        heard = fake_result({"需求分析": 50})
        heard["transcript"]["text"] = "我做了用户掉研"
        answer._store_result(heard, "k1")
        self.assertEqual(answer.transcript, "我做了用户掉研")
        answer.transcript_corrected = "我做了用户调研"
        echoed = fake_result({"需求分析": 70})
        echoed["transcript"]["text"] = "我做了用户调研"  # the engine echoes the correction
        answer._store_result(echoed, "k2")
        self.assertEqual(answer.transcript, "我做了用户掉研", "what speech recognition heard stays readable")
        self.assertEqual(answer.result_json["transcript"]["text"], "我做了用户调研")
        self.assertEqual(answer.overall_score, 70)
