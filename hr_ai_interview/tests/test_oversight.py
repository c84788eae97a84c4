# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Human oversight, audit log, suspension of AI scoring and accommodations (issue #12, items 3, 4, 7)."""
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_report import ReportCase
from .interview_common import InterviewCase, fake_result, trap_jobs

STRONG = {"沟通能力": 90.0, "问题解决": 85.0, "团队协作": 88.0}
WEAK = {"沟通能力": 20.0, "问题解决": 25.0, "团队协作": 15.0}


@tagged("post_install", "-at_install")
class TestHumanOversight(ReportCase):

    def test_departing_decision_needs_a_reason(self):
        interview = self.make_interview(scores=STRONG)
        self.assertEqual(interview.ai_band, "strong")
        self.review(interview, self.interviewer, {"沟通能力": 30}, recommendation="reject")
        officer_iv = interview.with_user(self.officer)
        # the button opens the reason dialog instead of deciding
        action = officer_iv.action_ai_decide_reject()
        self.assertEqual(action["res_model"], "hr.ai.decision.wizard")
        self.assertFalse(interview.final_decision)
        with self.assertRaises(ValidationError):
            officer_iv.action_ai_decide("reject")
        self.assertFalse(interview.decision_ids)
        wizard = self.env["hr.ai.decision.wizard"].with_user(self.officer).create(
            {"interview_id": interview.id, "decision": "reject", "reason": "Answers were read from notes."})
        wizard.action_confirm()
        self.assertEqual(interview.final_decision, "reject")
        record = interview.decision_ids
        self.assertEqual((record.decision, record.ai_band, record.departs, record.user_id),
                         ("reject", "strong", True, self.officer))
        self.assertEqual(record.reason, "Answers were read from notes.")

    def test_decision_along_the_band_needs_no_reason_and_records_are_append_only(self):
        interview = self.make_interview(scores=WEAK)
        self.assertEqual(interview.ai_band, "needs_work")
        interview.with_user(self.officer).action_ai_decide_hold()
        interview.with_user(self.officer).action_ai_decide_advance()  # against a weak band: dialog
        self.assertEqual(interview.final_decision, "hold")
        self.review(interview, self.officer, {"沟通能力": 20}, recommendation="reject")
        interview.with_user(self.officer).action_ai_decide_reject()
        self.assertEqual(sorted(interview.decision_ids.mapped("decision")), ["hold", "reject"])
        self.assertFalse(any(interview.decision_ids.mapped("departs")))
        record = interview.decision_ids.filtered(lambda d: d.decision == "reject")
        for user in (self.officer, self.env.user):
            with self.assertRaises(AccessError):
                record.with_user(user).write({"reason": "changed"})
            with self.assertRaises(AccessError):
                record.with_user(user).unlink()
        with self.assertRaises(AccessError):  # only the decision path writes them
            self.env["hr.ai.decision"].with_user(self.officer).create(
                {"interview_id": interview.id, "user_id": self.officer.id, "decision": "advance"})

    def test_decisions_reviews_are_in_the_audit_log_which_refuses_changes(self):
        interview = self.make_interview(scores=WEAK)
        self.review(interview, self.officer, {"沟通能力": 20}, recommendation="reject")
        interview.with_user(self.officer).action_ai_decide_reject()
        events = interview.audit_ids.mapped("event")
        self.assertIn("decision", events)
        self.assertIn("review", events)
        entry = interview.audit_ids[0]
        with self.assertRaises(AccessError):
            entry.write({"new_value": "advance"})
        with self.assertRaises(AccessError):
            entry.sudo().unlink()
        with self.assertRaises(AccessError):
            self.env["hr.ai.audit"].with_user(self.officer).create({"event": "decision"})

    def test_reviewer_form_shows_the_over_reliance_notice(self):
        arch = self.env["hr.ai.review"].get_view(view_type="form")["arch"]
        self.assertIn("o_hrai_overreliance", arch)


@tagged("post_install", "-at_install")
class TestScoringSuspension(InterviewCase):

    def test_suspended_job_queues_nothing_and_keeps_answers_for_humans(self):
        self.job.ai_scoring_suspended = True
        interview = self.make_interview()
        with trap_jobs() as trap:
            for line in self.real_lines(interview):
                self.answer_text(interview, line, "我做过用户调研，并写了需求文档。")
            interview._portal_submit()
            trap.assert_jobs_count(0)
        self.assertEqual(interview.state, "human_review")
        self.assertEqual(set(interview._current_answers().mapped("state")), {"uploaded"})
        self.assertFalse(interview.ai_band)
        with self.assertRaises(UserError):
            interview.action_rescore()

    def test_suspended_company_and_lifted_suspension(self):
        self.company.ai_scoring_suspended = True
        interview = self.make_interview()
        line1, _line2 = self.real_lines(interview)
        with trap_jobs() as trap:
            answer = self.answer_text(interview, line1, "用户调研")
            trap.assert_jobs_count(0)
        self.company.ai_scoring_suspended = False
        with trap_jobs() as trap:
            answer._enqueue_scoring()
            trap.assert_jobs_count(1, only=answer._job_score_answer)

    def test_scoring_run_is_audited_with_engine_version_and_input_hash(self):
        interview = self.make_interview()
        line1, _line2 = self.real_lines(interview)
        answer = self.answer_text(interview, line1, "用户调研")
        with self.engine(fake_result({"需求分析": 70.0, "项目管理": 60.0})):
            self.run_job(answer)
        entry = interview.audit_ids.filtered(lambda a: a.event == "scoring")
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.input_hash, answer.scored_input_key)
        self.assertEqual(entry.engine_version, answer.engine_version)


@tagged("post_install", "-at_install")
class TestAccommodations(InterviewCase):

    def test_extra_time_prep_and_retakes_change_the_enforced_limits(self):
        interview = self.make_interview()
        line1, _line2 = self.real_lines(interview)
        base = (line1.time_limit, line1.prep_time, line1.max_retakes)
        answer = interview._portal_answer_for(line1, "video")
        size_before = self.env["hr.ai.upload"]._limits_for(answer).max_total
        interview.write({"accommodation_extra_time": 50, "accommodation_extra_prep": 60,
                         "accommodation_extra_retakes": 2})
        self.assertEqual((line1.time_limit, line1.prep_time, line1.max_retakes),
                         (round(base[0] * 1.5), base[1] + 60, base[2] + 2))
        # applying twice does not compound
        interview.accommodation_extra_time = 50
        self.assertEqual(line1.time_limit, round(base[0] * 1.5))
        self.assertIn("accommodation", interview.audit_ids.mapped("event"))
        # the upload limit follows the longer answer time
        self.assertGreater(self.env["hr.ai.upload"]._limits_for(answer).max_total, size_before)

    def test_retakes_beyond_the_job_limit_are_allowed_only_with_the_accommodation(self):
        interview = self.make_interview()
        line1, _line2 = self.real_lines(interview)
        allowed = line1.max_retakes + 1
        for _attempt in range(allowed):
            self.answer_text(interview, line1, "用户调研")
        with self.assertRaises(UserError):
            interview._portal_answer_for(line1, "text")
        interview.accommodation_extra_retakes = 1
        answer = interview._portal_answer_for(line1, "text")
        self.assertEqual(answer.attempt, allowed + 1)

    def test_text_only_mode_is_enforced_server_side(self):
        interview = self.make_interview()
        interview.accommodation_mode = "text"
        line1, line2 = self.real_lines(interview)
        self.assertEqual({line1.answer_mode, line2.answer_mode}, {"text"})
        self.assertEqual(interview._portal_answer_for(line1, "video").mode, "text")
        interview.accommodation_mode = "audio"
        self.assertEqual(line2.answer_mode, "audio")
        self.assertEqual(interview._portal_answer_for(line2, "video").mode, "audio")
        interview.accommodation_mode = False
        self.assertEqual(line2.answer_mode, "video")

    def test_limits_are_validated_and_frozen_after_submission(self):
        interview = self.make_interview()
        with self.assertRaises(ValidationError):
            interview.accommodation_extra_retakes = 50
        with self.assertRaises(ValidationError):
            interview.accommodation_extra_time = -10
        for line in self.real_lines(interview):
            self.answer_text(interview, line, "用户调研")
        interview._portal_submit()
        with self.assertRaises(UserError):
            interview.accommodation_extra_prep = 30
