# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A job whose worker died is requeued by queue_job's runner and still stores exactly one result."""
from odoo.tests import tagged

from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.jobrunner.runner import Database

from .interview_common import InterviewCase, fake_result


@tagged("post_install", "-at_install")
class TestScoringDeadJob(InterviewCase):

    def setUp(self):
        super().setUp()
        self.interview = self.make_interview()
        self.line1 = self.real_lines(self.interview)[0]
        self.answer = self.answer_text(self.interview, self.line1, "用户调研和需求文档")
        self.qjob = self.env["queue.job"].search([("uuid", "=", self.answer.job_uuid)])

    def _die_while_started(self):
        """What a killed worker leaves behind: state started, enqueued long ago, no lock held."""
        self.env.flush_all()
        self.env.cr.execute("UPDATE queue_job SET state = 'started', worker_pid = 999999, "
                            "date_enqueued = (now() at time zone 'utc') - interval '1 hour', "
                            "date_started = (now() at time zone 'utc') - interval '1 hour' WHERE uuid = %s",
                            [self.qjob.uuid])
        # the runner's own requeue statement (jobrunner.runner.Database.requeue_dead_jobs)
        self.env.cr.execute(Database._query_requeue_dead_jobs(None))
        requeued = [row[0] for row in self.env.cr.fetchall()]
        self.env.invalidate_all()
        return requeued

    def _run(self):
        job = Job.load(self.env, self.qjob.uuid)
        job.set_started()
        job.perform()
        job.set_done()
        job.store()
        self.env.invalidate_all()

    def test_dead_job_requeued_and_scored_once(self):
        self.assertIn(self.qjob.uuid, self._die_while_started())
        self.assertEqual((self.qjob.state, self.qjob.retry), ("pending", 1))
        with self.engine(fake_result({"需求分析": 70, "项目管理": 50})) as fake:
            self._run()
            self.assertEqual(self.answer.state, "scored")
            first = self.answer.result_json
            # the worker dies again after its transaction committed (e.g. before the runner saw it):
            # the requeued job runs a second time but must not store a second result
            self.qjob.sudo().write({"state": "done"})
            self.assertIn(self.qjob.uuid, self._die_while_started())
            self._run()
            self.assertEqual(len(fake.calls), 1, "the engine is not even called again")
        self.assertEqual(self.answer.score_count, 1)
        self.assertEqual(self.answer.result_json, first)
        self.assertEqual(self.qjob.state, "done")

    def test_stale_job_after_a_rescore_is_a_no_op(self):
        with self.engine(fake_result({"需求分析": 70})) as fake:
            self.answer.action_rescore()  # new input key: the old job is superseded
            self._run()
            self.assertEqual(fake.calls, [])
            self.assertEqual(self.answer.state, "queued")
            self.run_job(self.answer)
            self.assertEqual(len(fake.calls), 1)
        self.assertEqual((self.answer.state, self.answer.score_count), ("scored", 1))
