# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib

from odoo.tests import tagged

from .interview_common import perform_assembly
from .portal_common import AiPortalCase

CHUNK = 64 * 1024  # the smallest chunk the server accepts: keeps the test data small


@tagged("post_install", "-at_install")
class TestPortalUpload(AiPortalCase):

    def setUp(self):
        super().setUp()
        self.ready(self.interview_a)
        self.line1, self.line2 = self.lines(self.interview_a)

    def _answer(self, line, **extra):
        resp = self.api(self.interview_a, "/answer", dict({"line_id": line.id, "mode": "video"}, **extra))
        self.assertEqual(resp.status_code, 200, resp.text)
        return resp.json()

    def _init(self, answer_id, data, sha256=None, mimetype="video/webm;codecs=vp8,opus", status=200):
        resp = self.api(self.interview_a, "/upload/init", {
            "answer_id": answer_id, "total_size": len(data), "chunk_size": CHUNK, "mimetype": mimetype,
            "sha256": sha256 or hashlib.sha256(data).hexdigest()})
        self.assertEqual(resp.status_code, status, resp.text)
        return resp.json()

    def test_chunked_upload_out_of_order_duplicate_and_resume(self):
        a = self.interview_a
        data = self.webm_bytes(5 * CHUNK - 1000)
        answer = self._answer(self.line1)
        # reusing the unfinished attempt: a reload must not burn a retake
        self.assertEqual(self._answer(self.line1)["answer_id"], answer["answer_id"])
        init = self._init(answer["answer_id"], data)
        self.assertEqual((init["total_chunks"], init["chunk_size"], init["received"]), (5, CHUNK, []))
        upload_id = init["upload_id"]
        piece = lambda i: data[i * CHUNK:(i + 1) * CHUNK]  # noqa: E731
        for index in (3, 0, 0):  # out of order, then a duplicate re-send (idempotent)
            resp = self.put_chunk(a, upload_id, index, piece(index))
            self.assertEqual(resp.status_code, 200, resp.text)
        self.assertEqual(sorted(set(resp.json().get("missing", [1, 2, 4]))), [1, 2, 4])
        # a corrupted chunk is refused with a readable JSON error, and not stored
        resp = self.put_chunk(a, upload_id, 1, piece(1), digest=hashlib.sha256(b"other").hexdigest())
        self.assertEqual(resp.status_code, 400)
        error = resp.json()["error"]
        self.assertTrue(error["code"] and error["message"])
        # completing too early says what is missing
        resp = self.api(a, f"/upload/{upload_id}/complete", {})
        self.assertGreaterEqual(resp.status_code, 400)
        self.assertIn("error", resp.json())
        # "reload": init again resumes the same upload and lists what the server already has
        again = self._init(answer["answer_id"], data)
        self.assertEqual(again["upload_id"], upload_id)
        self.assertEqual(sorted(again["received"]), [0, 3])
        for index in (1, 2, 4):
            self.assertEqual(self.put_chunk(a, upload_id, index, piece(index)).status_code, 200)
        resp = self.api(a, f"/upload/{upload_id}/complete", {})
        self.assertEqual(resp.status_code, 200, resp.text)
        # received: the candidate goes on at once, the attachment is made by the assembly job
        self.assertEqual((resp.json()["state"], resp.json()["answer_state"]), ("assembling", "uploaded"))
        answer_rec = a.answer_ids.filtered(lambda x: x.id == answer["answer_id"])
        self.assertFalse(answer_rec.attachment_id)
        status = self.api(a, "/status", method="GET").json()
        self.assertIn({"id": answer_rec.id, "line_id": self.line1.id, "attempt": 1, "state": "uploaded"},
                      status["answers"], "the page shows the answer as sent while it is stored")
        perform_assembly(self.env, answer_rec.upload_ids)
        self.assertEqual(answer_rec.state, "queued")
        self.assertEqual(answer_rec.sha256, hashlib.sha256(data).hexdigest())
        self.assertEqual(answer_rec.attachment_id.file_size, len(data))
        # a finished answer accepts no more chunks
        self.assertGreaterEqual(self.put_chunk(a, upload_id, 0, piece(0)).status_code, 400)

    def test_whole_file_checksum_mismatch(self):
        a = self.interview_a
        data = self.webm_bytes(2 * CHUNK, seed=2)
        answer = self._answer(self.line2)
        init = self._init(answer["answer_id"], data, sha256=hashlib.sha256(b"something else").hexdigest())
        for index in range(init["total_chunks"]):
            self.assertEqual(self.put_chunk(a, init["upload_id"], index,
                                            data[index * CHUNK:(index + 1) * CHUNK]).status_code, 200)
        resp = self.api(a, f"/upload/{init['upload_id']}/complete", {})
        self.assertGreaterEqual(resp.status_code, 400)
        error = resp.json()["error"]
        self.assertIn("checksum", (error["code"] + error["message"]).lower())
        self.assertFalse(a.answer_ids.filtered(lambda x: x.id == answer["answer_id"]).attachment_id)

    def test_limits_type_size_and_tokens(self):
        a, b = self.interview_a, self.interview_b
        answer = self._answer(self.line1)
        data = self.webm_bytes(3 * CHUNK)
        resp = self.api(a, "/upload/init", {"answer_id": answer["answer_id"], "total_size": len(data),
                                            "chunk_size": CHUNK, "mimetype": "application/pdf", "sha256": "0" * 64})
        self.assertEqual(resp.status_code, 415)
        self.assertIn("not accepted", resp.json()["error"]["message"])
        resp = self.api(a, "/upload/init", {"answer_id": answer["answer_id"], "total_size": 10 ** 12,
                                            "chunk_size": CHUNK, "mimetype": "video/webm", "sha256": "0" * 64})
        self.assertGreaterEqual(resp.status_code, 400)
        self.assertIn("too large", resp.json()["error"]["message"].lower())
        init = self._init(answer["answer_id"], data)
        # a body larger than the agreed chunk size is refused before it is read
        resp = self.put_chunk(a, init["upload_id"], 0, data[:CHUNK + 10])
        self.assertEqual(resp.status_code, 413)
        self.assertEqual(resp.json()["error"]["code"], "too_large")
        # the upload of candidate A is invisible through candidate B's token and without a token
        self.assertEqual(self.put_chunk(a, init["upload_id"], 0, data[:CHUNK], token=b.access_token).status_code,
                         404)
        self.assertEqual(self.put_chunk(a, init["upload_id"], 0, data[:CHUNK], token="").status_code, 404)
        self.ready(b)
        resp = self.put_chunk(b, init["upload_id"], 0, data[:CHUNK])
        self.assertEqual(resp.status_code, 404, "B's token must not reach A's upload through B's interview")

    def test_text_answer_draft_and_retake(self):
        a = self.interview_a
        answer = self._answer(self.line2, mode="text")
        self.assertEqual(self.api(a, "/draft", {"answer_id": answer["answer_id"], "text": "要点：背景-行动-结果"}
                                  ).status_code, 200)
        self.assertEqual(a.answer_ids.filtered(lambda x: x.id == answer["answer_id"]).draft_notes,
                         "要点：背景-行动-结果")
        resp = self.api(a, "/text", {"answer_id": answer["answer_id"], "text": "我先说结论，再举两个例子。"})
        self.assertEqual(resp.status_code, 200, resp.text)
        retake = self._answer(self.line2, mode="text", retake=True)
        self.assertNotEqual(retake["answer_id"], answer["answer_id"])
        self.assertEqual(retake["retakes_left"], 0)
        resp = self.api(a, "/text", {"answer_id": retake["answer_id"], "text": "第二次作答。"})
        self.assertEqual(resp.status_code, 200, resp.text)
        # no attempt left: asking for a retake is refused with a message
        resp = self.api(a, "/answer", {"line_id": self.line2.id, "mode": "text", "retake": True})
        self.assertEqual(resp.status_code, 400)
        self.assertTrue(resp.json()["error"]["message"])

    def test_speedtest_and_device(self):
        a = self.interview_a
        resp = self.api(a, "/speedtest", body=b"x" * 200000, headers={"Content-Type": "application/octet-stream"})
        self.assertEqual(resp.json()["bytes"], 200000)
        resp = self.api(a, "/device", {"camera": False, "microphone": False, "text_mode": True})
        self.assertEqual(resp.status_code, 200, resp.text)
        self.assertTrue(resp.json()["text_mode"])
        self.assertIn("o_hrai_send_text", self.url_open(self.page(a, "/question")).text)
