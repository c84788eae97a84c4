# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import io
import os

from odoo.exceptions import UserError
from odoo.tests import tagged

from .interview_common import InterviewCase, tiny_webm, trap_jobs

CHUNK = 64 * 1024


@tagged("post_install", "-at_install")
class TestUploadAssembly(InterviewCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a real WebM head (only the head is sniffed here; nothing is decoded), padded to > 3 chunks
        cls.data = tiny_webm(seconds=1.0) + bytes(range(256)) * (3 * CHUNK // 256)

    def setUp(self):
        super().setUp()
        self.interview = self.make_interview()
        self.line = self.real_lines(self.interview)[0]
        self.answer = self.interview._portal_answer_for(self.line, "video")

    def _init(self, data, **kw):
        vals = dict(total_size=len(data), mimetype="video/webm", chunk_size=CHUNK,
                    sha256=hashlib.sha256(data).hexdigest())
        vals.update(kw)
        init = self.answer._upload_init(**vals)
        return self.env["hr.ai.upload"].browse(init["upload_id"]), init

    def _send(self, upload, data, i, sha=None):
        piece = data[i * CHUNK:(i + 1) * CHUNK]
        return upload._receive_chunk(i, io.BytesIO(piece), sha or hashlib.sha256(piece).hexdigest())

    def test_out_of_order_duplicate_resume_then_attachment(self):
        data = self.data
        upload, init = self._init(data)
        n = init["total_chunks"]
        self.assertEqual((init["received"], self.answer.state), ([], "uploading"))
        for i in reversed(range(1, n)):
            self._send(upload, data, i)
        self.assertEqual(self._send(upload, data, 2), {"received": n - 1, "missing": [0]}, "duplicate = no-op")
        # a reload resumes the same upload and learns what is already there
        _again, resumed = self._init(data)
        self.assertEqual((resumed["upload_id"], resumed["missing"]), (upload.id, [0]))
        self._send(upload, data, 0)
        with trap_jobs() as trap:
            self.assertEqual(upload._complete(), {"state": "assembling", "error": False, "attachment_id": False})
            trap.assert_jobs_count(1, only=upload._job_assemble)
            trap.perform_enqueued_jobs()
            trap.assert_jobs_count(1, only=self.answer._job_score_answer)
        result = upload._complete()
        self.assertEqual(result, {"state": "complete", "error": False, "attachment_id": self.answer.attachment_id.id})
        att = self.answer.attachment_id
        self.assertEqual((self.answer.state, self.answer.mimetype, att.mimetype), ("queued", "video/webm",
                                                                                    "video/webm"))
        self.assertEqual((att.file_size, att.checksum), (len(data), hashlib.sha1(data).hexdigest()))
        self.assertTrue(att.store_fname)
        self.assertEqual(att.raw, data, "the filestore file is byte-identical")
        self.assertEqual(self.answer.sha256, hashlib.sha256(data).hexdigest())
        self.assertTrue(os.path.exists(upload._store().dir), "chunks kept until the transaction commits")
        self.env.cr.postcommit.run()
        self.assertFalse(os.path.exists(upload._store().dir), "chunks removed after commit")
        self.assertEqual(upload._complete(), result, "a repeated complete returns the same attachment")

    def test_missing_chunks_keep_the_upload_open(self):
        upload, init = self._init(self.data)
        self._send(upload, self.data, 0)
        self._send(upload, self.data, 2)
        result = upload._complete()
        self.assertEqual(result["state"], "open")
        self.assertEqual(result["missing"], [1] + list(range(3, init["total_chunks"])))
        self.assertIn("missing", result["error"])
        self.assertFalse(self.answer.attachment_id)

    def test_chunk_checksum_and_conflicts(self):
        upload, _init = self._init(self.data)
        with self.assertRaisesRegex(UserError, "checksum"):
            self._send(upload, self.data, 0, sha="0" * 64)
        self._send(upload, self.data, 0)
        other = b"x" * CHUNK
        with self.assertRaisesRegex(UserError, "different content"):
            upload._receive_chunk(0, io.BytesIO(other), hashlib.sha256(other).hexdigest())
        with self.assertRaisesRegex(UserError, "out of range"):
            self._send(upload, self.data, 999)

    def test_oversized(self):
        self.company.ai_upload_max_mb = 1
        with self.assertRaisesRegex(UserError, "too large"):
            self._init(b"\x1a\x45\xdf\xa3" + b"\x00" * (2 * 1024 * 1024))
        upload, _init = self._init(self.data)
        too_big = self.data[:CHUNK] + b"extra"
        with self.assertRaisesRegex(UserError, "larger than expected"):
            upload._receive_chunk(0, io.BytesIO(too_big), hashlib.sha256(too_big).hexdigest())

    def test_wrong_type_is_rejected_with_a_clear_message(self):
        pdf = b"%PDF-1.7\n" + b"0" * (CHUNK + 10)
        upload, init = self._init(pdf)
        for i in range(init["total_chunks"]):
            self._send(upload, pdf, i)
        result = upload._complete()
        self.assertEqual(result["state"], "failed")
        self.assertIn("not a supported video recording", result["error"])
        self.assertEqual((self.answer.state, self.answer.attachment_id.id), ("pending", False))
        self.env.cr.postcommit.run()
        self.assertFalse(os.path.exists(upload._store().dir))

    def test_whole_file_checksum_mismatch(self):
        upload, init = self._init(self.data, sha256=hashlib.sha256(b"another file").hexdigest())
        for i in range(init["total_chunks"]):
            self._send(upload, self.data, i)
        result = upload._complete()
        self.assertEqual(result["state"], "failed")
        self.assertIn("does not match its checksum", result["error"])
        self.assertFalse(self.answer.attachment_id)
        # the candidate can start over with a correct upload
        upload2, init2 = self._init(self.data)
        self.assertNotEqual(upload2, upload)
        self.assertEqual(init2["received"], [])

    def test_text_answers_cannot_upload(self):
        answer = self.interview._portal_answer_for(self.real_lines(self.interview)[1], "text")
        with self.assertRaisesRegex(UserError, "in writing"):
            answer._upload_init(1000, "video/webm", CHUNK, "a" * 64)
