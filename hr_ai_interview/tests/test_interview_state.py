# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .interview_common import InterviewCase


@tagged("post_install", "-at_install")
class TestInterviewState(InterviewCase):

    def test_creation_snapshots_questions_and_settings(self):
        self.company.ai_scoring_policy = "text-only"
        interview = self.make_interview(ready=False)
        self.assertEqual(interview.state, "draft")
        self.assertEqual(interview.job_id, self.job)
        self.assertEqual(interview.policy, "text-only")
        self.assertEqual(interview.language, "zh_CN")
        lines = self.real_lines(interview)
        self.assertEqual(lines.mapped("name"), ["Q1 请介绍一次用户调研。", "Q2 如何管理项目风险？"])
        self.assertTrue(interview.question_line_ids.filtered("is_practice"), "practice line when enabled")
        # editing the job later does not change the interview in flight
        self.job.ai_question_ids[0].name = "changed"
        self.assertEqual(self.real_lines(interview)[0].name, "Q1 请介绍一次用户调研。")
        self.assertIn("需求分析", [d["name"] for d in interview.scoring_snapshot["rubric"]["dimensions"]])
        self.job.ai_dimension_ids.filtered(lambda d: d.name == "需求分析").name = "改名"
        self.assertIn("需求分析", [d["name"] for d in interview._rubric()["dimensions"]], "rubric as sent")

    def test_allowed_and_forbidden_transitions(self):
        interview = self.make_interview(ready=False)
        with self.assertRaises(UserError):
            interview.state = "scored"
        with self.assertRaises(UserError):
            interview.state = "in_progress"  # draft must be invited first
        interview.state = "invited"
        interview.state = "in_progress"
        with self.assertRaises(UserError):
            interview.state = "draft"
        interview.state = "expired"
        with self.assertRaises(UserError):
            interview.state = "in_progress"  # only a re-invitation reopens it
        interview.action_reinvite()
        self.assertEqual(interview.state, "invited")

    def test_submit_requires_consent_identity_and_all_answers(self):
        interview = self.make_interview(ready=False)
        interview.action_send_invitation()
        with self.assertRaises(UserError):
            interview._portal_submit()
        interview._portal_give_consent("1.2.3.4", "ua", None)
        self.assertEqual(interview.consent_text_version, self.company.ai_consent_version)
        interview.sudo().identity_verified = True
        line1, line2 = self.real_lines(interview)
        with self.engine({}):
            self.answer_text(interview, line1, "第一题的回答")
            with self.assertRaisesRegex(UserError, "1 missing"):
                interview._portal_submit()
        self.assertEqual(interview.state, "in_progress")
        self.assertEqual(interview._portal_next_step(), "device", "the device check comes before questions")

    def test_consent_is_a_database_invariant(self):
        interview = self.make_interview(ready=False)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute("UPDATE hr_ai_interview SET state = 'scoring' WHERE id = %s", [interview.id])

    def test_next_steps_and_retakes(self):
        interview = self.make_interview(ready=False)
        interview.action_send_invitation()
        self.assertEqual(interview._portal_next_step(), "consent")
        interview._portal_give_consent("1.2.3.4", "ua", "v1")
        self.assertEqual(interview._portal_next_step(), "identity")
        interview.sudo().identity_verified = True
        self.assertEqual(interview._portal_next_step(), "device")
        self.assertEqual(interview._portal_record_device_check({"camera": False, "microphone": True}),
                         {"text_mode": True})
        self.assertEqual(interview._portal_next_step(), "practice")
        interview._portal_skip_practice()
        self.assertEqual(interview._portal_next_step(), "question")
        line = self.real_lines(interview)[0]
        first = interview._portal_answer_for(line, "video")
        self.assertEqual(interview._portal_answer_for(line, "video"), first, "an unfinished attempt is reused")
        with self.engine({}):
            first._submit_text("答案一")
            second = interview._portal_answer_for(line, "text")  # max_retakes = 1: one retake left
            self.assertEqual((second.attempt, first.is_current, second.is_current), (2, False, True))
            second._submit_text("答案二")
            with self.assertRaisesRegex(UserError, "No retake"):
                interview._portal_answer_for(line, "text")

    def test_cancel(self):
        interview = self.make_interview()
        interview.action_cancel()
        self.assertEqual(interview.state, "cancelled")
        self.assertEqual(interview._portal_next_step(), "closed")
        with self.assertRaises(UserError):
            interview._portal_give_consent("1.1.1.1", "ua", "v1")
