# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Completion off the request path: the candidate's completion only checks what the chunks proved (the
whole-file SHA-256 was computed as they arrived) and marks the recording received; the assembly job makes the
attachment and queues scoring, once, whatever crashes or repeats in between; a failed assembly keeps the file,
fails the answer with the reason and is stored again by a re-score."""
import hashlib
import os
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.hr_ai_interview import uploads
from odoo.addons.hr_ai_interview.models.ir_attachment import FileContent
from odoo.addons.queue_job.exception import FailedJobError, RetryableJobError
from odoo.addons.queue_job.job import Job

from .interview_common import InterviewCase, fake_result, perform_assembly, tiny_webm

CHUNK = 64 * 1024


@tagged("post_install", "-at_install")
class TestUploadReceived(InterviewCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = tiny_webm(seconds=2.0)

    def setUp(self):
        super().setUp()
        self.interview = self.make_interview()
        self.line = self.real_lines(self.interview)[0]
        self.answer = self.interview._portal_answer_for(self.line, "video")

    def _received(self, answer=None):
        """init + all chunks + complete, without running the assembly job."""
        return self.upload(answer or self.answer, self.data, chunk=CHUNK, assemble=False)

    def _attachments(self, answer=None):
        answer = answer or self.answer
        self.env.cr.execute("SELECT count(*) FROM ir_attachment WHERE res_model = %s AND res_id = %s",
                            [answer._name, answer.id])
        return self.env.cr.fetchone()[0]

    def _assembly_job(self, upload):
        record = self.env["queue.job"].search([("identity_key", "=", "hr_ai_upload:%s" % upload.id)])
        self.assertEqual(len(record), 1)
        return Job.load(self.env, record.uuid)

    def test_completion_marks_the_recording_received_without_reading_or_copying_it(self):
        # (that the checksum comes from the saved hash state, not from reading the file: tests/test_uploads_store)
        with patch.object(type(self.env["hr.ai.upload"]), "_create_attachment",
                          side_effect=AssertionError("attachment made in the request")), \
                patch.object(uploads, "make_seekable", side_effect=AssertionError("remuxed in the request")):
            upload, result = self._received()
        self.assertEqual(result, {"state": "assembling", "error": False, "attachment_id": False})
        self.assertEqual((self.answer.state, self.answer.attachment_id.id, self._attachments()), ("uploaded", False, 0))
        job = self._assembly_job(upload)
        self.assertEqual((job.channel, job.method_name, job.state), ("root.ai_interview_upload", "_job_assemble",
                                                                     "pending"))
        # the candidate page: the answer counts as sent, the next step is reachable
        self.assertEqual(self.interview._portal_next_step(), "question")  # the second question
        self.assertEqual(upload._complete(), result, "a repeated completion answers the same")
        # a page that lost the completion's answer and starts again gets the received upload back
        again = self.answer._upload_init(len(self.data), "video/webm", CHUNK, hashlib.sha256(self.data).hexdigest())
        self.assertEqual((again["upload_id"], again["state"], again["missing"]), (upload.id, "assembling", []))

    def test_assembly_job_attaches_and_queues_scoring(self):
        upload, _result = self._received()
        perform_assembly(self.env, upload)
        att = self.answer.attachment_id
        self.assertEqual((upload.state, self.answer.state, self._attachments()), ("complete", "queued", 1))
        self.assertAlmostEqual(self.answer.duration, 2.0, delta=0.2)
        self.assertEqual(self.answer.sha256, hashlib.sha256(self.data).hexdigest())
        self.assertTrue(self.answer.job_uuid, "scoring queued by the assembly job")
        self.env.cr.postcommit.run()
        self.assertFalse(os.path.exists(upload._store().dir), "the received file is removed once stored")
        with self.engine(fake_result({"需求分析": 80})):
            self.run_job(self.answer)
        self.assertEqual((self.answer.state, self.answer.attachment_id), ("scored", att))

    def test_the_filestore_copy_is_made_in_blocks(self):
        upload, _result = self._received()
        with patch.object(FileContent, "read", side_effect=AssertionError("the whole file was read")):
            perform_assembly(self.env, upload)
        att = self.answer.attachment_id
        raw = att.raw
        self.assertTrue(att.store_fname)
        self.assertEqual((att.file_size, att.checksum), (len(raw), hashlib.sha1(raw).hexdigest()))
        with open(att._full_path(att.store_fname), "rb") as fh:
            self.assertEqual(fh.read(), raw)

    def test_a_crash_or_a_second_run_never_makes_two_attachments(self):
        upload, _result = self._received()
        job = self._assembly_job(upload)
        # the server dies after the attachment was written, before the commit: the transaction is gone
        with patch.object(type(self.answer), "_enqueue_scoring", side_effect=RuntimeError("server killed")), \
                self.assertRaises(RuntimeError), self.env.cr.savepoint():
            job.perform()
        self.env.invalidate_all()
        self.assertEqual((upload.state, self._attachments()), ("assembling", 0))
        self.assertTrue(os.path.exists(upload._store().assembled_path), "the file waits for the requeued job")
        job.perform()  # the job runner requeues the dead job
        self.assertEqual((upload.state, self._attachments()), ("complete", 1))
        self.assertEqual(job.perform(), "nothing to do (complete)", "a duplicate delivery stores nothing")
        self.assertEqual(self._attachments(), 1)

    def test_a_file_not_visible_yet_is_retried(self):
        upload, _result = self._received()
        path = upload._store().assembled_path
        os.rename(path, path + ".elsewhere")  # another server's share has not caught up
        try:
            with self.assertRaises(RetryableJobError):
                self._assembly_job(upload).perform()
        finally:
            os.rename(path + ".elsewhere", path)
        self.assertEqual((upload.state, self.answer.state), ("assembling", "uploaded"))

    def test_failed_assembly_fails_the_answer_keeps_the_file_and_rescore_stores_it(self):
        upload, _result = self._received()
        job = self._assembly_job(upload)
        with patch.object(type(upload), "_create_attachment", side_effect=OSError(28, "No space left on device")):
            with self.assertRaises(RetryableJobError), self.env.cr.savepoint():
                job.perform()  # a full filestore is retried with back-off...
            self.assertEqual((job.retry, job._get_retry_seconds()), (1, 5), "retry_pattern of the job function")
            job.retry = job.max_retries - 1
            with self.assertRaises(FailedJobError) as err, self.env.cr.savepoint():
                job.perform()  # ...until the retries are used up
        job.on_fail({"exc_name": "FailedJobError", "exc_message": str(err.exception), "exc_info": ""})
        self.env.invalidate_all()
        self.assertEqual((self.answer.state, self.answer.failure_code), ("failed", "assembly_failed"))
        self.assertIn("No space left on device", self.answer.failure_reason)
        self.assertEqual((upload.state, upload.error), ("assembling", str(err.exception)))
        self.assertTrue(os.path.exists(upload._store().assembled_path), "the recording is kept")
        self.env["hr.ai.upload"]._cron_cleanup(max_age_days=0)
        self.assertTrue(os.path.exists(upload._store().assembled_path), "the cleanup keeps received files")
        self.answer.action_rescore()
        self.assertEqual((self.answer.state, self.answer.failure_code), ("uploaded", False))
        perform_assembly(self.env, upload)
        self.assertEqual((upload.state, self.answer.state, self._attachments()), ("complete", "queued", 1))
        with self.engine(fake_result({"需求分析": 75})):
            self.run_job(self.answer)
        self.assertEqual(self.answer.state, "scored")

    def test_submitted_while_storing_the_last_answer_is_scored_after_it(self):
        first, second = self.real_lines(self.interview)[:2]
        self.answer_text(self.interview, second, "我会先识别风险，再定里程碑。")
        upload, _result = self._received()
        self.interview._portal_submit()
        self.assertEqual((self.interview.state, self.answer.state), ("scoring", "uploaded"))
        perform_assembly(self.env, upload)
        self.assertEqual(self.answer.state, "queued")
        with self.engine(fake_result({"需求分析": 80})):
            for answer in self.interview._current_answers():
                self.run_job(answer)
        self.assertEqual(self.interview.state, "scored")

    def test_practice_feedback_asked_while_storing_waits_for_the_attachment(self):
        practice_line = self.interview.question_line_ids.filtered("is_practice")
        practice = self.interview._portal_answer_for(practice_line, "video")
        upload, _result = self._received(practice)
        status = self.interview._portal_request_practice_feedback(practice)
        self.assertEqual(status["state"], "queued")
        job = Job.load(self.env, self.env["queue.job"].search(
            [("identity_key", "=", "hr_ai_practice:%s" % self.interview.id)]).uuid)
        with self.engine(fake_result({"需求分析": 70})), self.assertRaises(RetryableJobError) as err:
            job.perform()
        self.assertTrue(err.exception.ignore_retry, "waiting for the attachment uses no retry")
        perform_assembly(self.env, upload)
        with self.engine(fake_result({"需求分析": 70})):
            job.perform()
        self.assertEqual(practice.practice_feedback_state, "done")
