# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Transient errors retry with the job function's back-off; exhausted retries or unexpected errors end in a
clear failed state on the answer (queue_job's on_fail hook)."""
import os
import shutil

from odoo.tests import tagged

from odoo.addons.queue_job.exception import FailedJobError, RetryableJobError
from odoo.addons.queue_job.job import Job

from .interview_common import InterviewCase, fake_result, tiny_webm


@tagged("post_install", "-at_install")
class TestScoringRetry(InterviewCase):

    def setUp(self):
        super().setUp()
        self.interview = self.make_interview()
        self.line1 = self.real_lines(self.interview)[0]
        self.answer = self.interview._portal_answer_for(self.line1, "video")
        self.upload(self.answer, tiny_webm(seconds=1.0))
        self.job = Job.load(self.env, self.answer.job_uuid)
        att = self.answer.attachment_id
        self.path = att._full_path(att.store_fname)

    def test_file_not_visible_yet_is_retried_with_backoff(self):
        shutil.move(self.path, self.path + ".hidden")  # a shared filestore that has not caught up
        try:
            with self.engine(fake_result({"需求分析": 80})) as fake:
                with self.assertRaises(RetryableJobError):
                    self.job.perform()
                self.assertEqual(fake.calls, [], "the engine is not called without the file")
        finally:
            shutil.move(self.path + ".hidden", self.path)
        self.assertEqual(self.answer.state, "queued")
        self.assertEqual(self.job.retry, 1)
        self.assertEqual(self.job._get_retry_seconds(), 10, "retry_pattern of the job function")
        self.job.retry = 3
        self.assertEqual(self.job._get_retry_seconds(), 60)
        self.job.retry = 1
        with self.engine(fake_result({"需求分析": 80})):
            self.job.perform()
        self.assertEqual(self.answer.state, "scored")

    def test_exhausted_retries_fail_the_answer_with_a_reason(self):
        os.rename(self.path, self.path + ".gone")
        try:
            self.job.retry = self.job.max_retries - 1
            with self.assertRaises(FailedJobError) as err:
                self.job.perform()
            self.job.on_fail({"exc_name": "FailedJobError", "exc_message": str(err.exception), "exc_info": ""})
        finally:
            os.rename(self.path + ".gone", self.path)
        self.assertEqual(self.answer.state, "failed")
        self.assertEqual(self.answer.failure_code, "job_failed")
        self.assertIn("Max. retries", self.answer.failure_reason)

    def test_scoring_errors_are_permanent_not_retried(self):
        from odoo.addons.hr_ai_interview.scoring.errors import TooShortError
        with self.engine(TooShortError("the recording is shorter than 1 s")):
            self.job.perform()  # no exception: the job is done, the answer failed
        self.assertEqual((self.answer.state, self.answer.failure_code), ("failed", "too_short"))
        self.assertEqual(self.job.retry, 1)
