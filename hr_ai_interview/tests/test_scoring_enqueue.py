# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .interview_common import InterviewCase, trap_jobs


@tagged("post_install", "-at_install")
class TestScoringEnqueue(InterviewCase):

    def setUp(self):
        super().setUp()
        self.interview = self.make_interview()
        self.line1, self.line2 = self.real_lines(self.interview)

    def test_one_job_per_answer_input_on_the_scoring_channel(self):
        with trap_jobs() as trap:
            answer = self.answer_text(self.interview, self.line1, "我做过用户调研，并写了需求文档。")
            answer._enqueue_scoring()  # e.g. a double click or a retried request
            answer._enqueue_scoring()
            trap.assert_jobs_count(1, only=answer._job_score_answer)
            key = answer.input_key
            trap.assert_enqueued_job(answer._job_score_answer, args=(key,), properties={
                "channel": "root.ai_interview", "identity_key": "hr_ai_answer:%s:%s" % (answer.id, key)})
        self.assertEqual(answer.state, "queued")

    def test_queue_job_identity_key_blocks_a_second_pending_job(self):
        answer = self.answer_text(self.interview, self.line1, "用户调研")
        jobs = self.env["queue.job"].search([("model_name", "=", answer._name), ("method_name", "=",
                                                                                  "_job_score_answer")])
        mine = jobs.filtered(lambda j: j.records == answer)
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine.channel, "root.ai_interview")
        # even bypassing our own guard, queue_job refuses a second pending job with the same identity
        answer.state = "uploaded"
        answer._enqueue_scoring()
        mine2 = self.env["queue.job"].search([("identity_key", "=", mine.identity_key)])
        self.assertEqual(len(mine2), 1)
        self.assertEqual(answer.job_uuid, mine.uuid)

    def test_rescore_and_correction_get_a_new_identity(self):
        with self.engine({}):
            pass
        with trap_jobs() as trap:
            answer = self.answer_text(self.interview, self.line1, "用户调研")
            first_key = answer.input_key
            answer.state = "scored"
            answer.scored_input_key = first_key
            answer._enqueue_scoring()
            trap.assert_jobs_count(1, only=answer._job_score_answer)  # scored with this input: skip
            answer.transcript_corrected = "用户调研和需求文档"
            answer._enqueue_scoring()
            self.assertNotEqual(answer.input_key, first_key)
            answer.state = "scored"
            answer.action_rescore()
            trap.assert_jobs_count(3, only=answer._job_score_answer)
        self.assertEqual(len({c.kwargs.get("identity_key") or c.properties["identity_key"]
                              for c in trap.calls}), 3)

    def test_practice_answers_are_never_queued(self):
        practice = self.interview.question_line_ids.filtered("is_practice")
        with trap_jobs() as trap:
            answer = self.interview._portal_answer_for(practice, "text")
            answer._submit_text("练习回答")
            answer._enqueue_scoring()
            trap.assert_jobs_count(0)
