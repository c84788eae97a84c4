# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recordings go through the public ir.attachment API (any storage), completion is idempotent and re-checks
the answer under its lock, sizes follow the question's time limit, an interview has a quota, and replaced
attempts' recordings are removed."""
import hashlib
import io
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.hr_ai_interview import uploads

from .interview_common import ENGINE, FakeEngine, InterviewCase, fake_result, tiny_webm

CHUNK = 64 * 1024


class _ReadingEngine(FakeEngine):
    """Reads the file it is given while scoring (the temp copy exists only during the call)."""

    def score_answer(self, **kwargs):
        with open(kwargs["media_path"], "rb") as fh:
            self.seen = fh.read()
        return super().score_answer(**kwargs)


@tagged("post_install", "-at_install")
class TestUploadStorage(InterviewCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = tiny_webm(seconds=1.0)

    def setUp(self):
        super().setUp()
        self.interview = self.make_interview()
        self.line = self.real_lines(self.interview)[0]
        self.answer = self.interview._portal_answer_for(self.line, "video")

    def _init(self, answer, data):
        init = answer._upload_init(len(data), "video/webm", CHUNK, hashlib.sha256(data).hexdigest())
        return self.env["hr.ai.upload"].browse(init["upload_id"]), init

    def _send_all(self, upload, data):
        for i in range(upload.total_chunks):
            piece = data[i * CHUNK:(i + 1) * CHUNK]
            upload._receive_chunk(i, io.BytesIO(piece), hashlib.sha256(piece).hexdigest())

    def test_recording_stored_in_the_database_is_scored(self):
        self.env["ir.config_parameter"].sudo().set_param("ir_attachment.location", "db")
        upload, result = self.upload(self.answer, self.data)
        att = self.answer.attachment_id
        self.assertEqual(result["attachment_id"], att.id)
        self.assertFalse(att.store_fname, "no filestore file with location = db")
        self.assertTrue(att.db_datas)
        self.assertEqual((att.raw, att.file_size, att.mimetype), (self.data, len(self.data), "video/webm"))
        fake = _ReadingEngine(fake_result({"需求分析": 80}))
        with patch(ENGINE, return_value=fake):
            self.run_job(self.answer)
        self.assertEqual(fake.seen, self.data, "the engine decoded the bytes stored in the database")
        self.assertEqual(self.answer.state, "scored")
        self.assertEqual(fake.calls[0]["max_seconds"], self.line.time_limit + uploads.limits.MARGIN_SECONDS)

    def test_lost_completion_response_gets_the_same_attachment(self):
        upload, first = self.upload(self.answer, self.data)
        self.assertEqual(upload._complete(), first, "repeated complete: same attachment")
        # the page reloads and starts again with the same recording: nothing to send, same attachment
        again, init = self._init(self.answer, self.data)
        self.assertEqual((again, init["state"], init["missing"]), (upload, "complete", []))
        self.assertEqual(again._complete()["attachment_id"], first["attachment_id"])
        self.assertEqual(self.env["ir.attachment"].search_count([("res_model", "=", self.answer._name),
                                                                 ("res_id", "=", self.answer.id)]), 1)

    def test_completion_rechecks_that_the_answer_still_accepts_uploads(self):
        upload, _init = self._init(self.answer, self.data)
        self._send_all(upload, self.data)
        self.interview.state = "expired"  # e.g. the deadline passed while the last chunk was in flight
        result = upload._complete()
        self.assertEqual(result["state"], "failed")
        self.assertIn("closed", result["error"])
        self.assertFalse(self.answer.attachment_id)

    def test_size_limit_follows_the_question_time_limit(self):
        self.line.time_limit = 20
        limit = uploads.limits.max_answer_bytes(20, "video")
        self.assertLess(limit, 25 * uploads.limits.MB)
        with self.assertRaisesRegex(UserError, "too large"):
            self.answer._upload_init(limit + 1, "video/webm", 1024 * 1024, "a" * 64)
        self.answer._upload_init(limit, "video/webm", 1024 * 1024, "a" * 64)
        self.line.time_limit = 600  # the company's absolute limit still caps long questions
        self.company.ai_upload_max_mb = 10
        with self.assertRaisesRegex(UserError, "too large"):
            self.answer._upload_init(11 * uploads.limits.MB, "video/webm", 1024 * 1024, "b" * 64)

    def test_restarted_uploads_hit_the_interview_quota(self):
        for line in self.interview.question_line_ids:
            line.write({"time_limit": 20, "max_retakes": 0})
        quota = uploads.limits.interview_quota(
            [(20, 1, line.answer_mode) for line in self.interview.question_line_ids])
        size = uploads.limits.max_answer_bytes(20, "video")
        with self.assertRaisesRegex(UserError, "storage for recordings is used up"):
            for i in range(quota // size + 2):  # each restart with another recording announces a new file
                self.answer._upload_init(size, "video/webm", 1024 * 1024, ("%064x" % i))
        self.assertLessEqual(sum(self.answer.upload_ids.mapped("total_size")), quota)

    def test_replaced_attempts_lose_their_recording_the_scored_one_stays_until_replaced(self):
        self.line.max_retakes = 2
        first = self.answer
        self.upload(first, self.data)
        with self.engine(fake_result({"需求分析": 70})):
            self.run_job(first)
        self.assertEqual(first.state, "scored")
        second = self.interview._portal_answer_for(self.line, "video")
        self.upload(second, tiny_webm(seconds=1.0, tone=330.0))
        self.assertTrue(first.attachment_id, "the scored attempt keeps its recording while the new one waits")
        third = self.interview._portal_answer_for(self.line, "video")
        self.upload(third, tiny_webm(seconds=1.0, tone=440.0))
        self.assertFalse(second.attachment_id, "an unscored replaced attempt loses its recording")
        self.assertTrue(first.attachment_id)
        with self.engine(fake_result({"需求分析": 90})):
            self.run_job(third)
        self.assertFalse(first.attachment_id, "once the current attempt is scored, older ones go")
        self.assertTrue(third.attachment_id)
