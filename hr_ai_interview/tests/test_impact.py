# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Self-identification, adverse impact, analytics views and candidate rights (issue #12, items 1, 2, 5, 6)."""
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common_report import ReportCase

SCORES = {"沟通能力": 80.0, "问题解决": 80.0, "团队协作": 80.0}


@tagged("post_install", "-at_install")
class TestAdverseImpact(ReportCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.auditor = new_test_user(cls.env, "ai_auditor", groups="base.group_user,"
                                    "hr_ai_interview.group_hr_ai_impact_auditor", name="Auditor Ada")
        cls.manager = new_test_user(cls.env, "ai_manager", groups="hr_recruitment.group_hr_recruitment_manager",
                                    name="Manager Max")
        Category = cls.env["hr.ai.selfid.category"]
        Category.search([("company_id", "=", cls.company.id)]).unlink()
        cls.sex = Category.create({"name": "Sex", "options": "F\nM\nX", "sequence": 1})
        cls.age = Category.create({"name": "Age", "options": "<40\n40+", "sequence": 2})

    @staticmethod
    def opt(category, label):
        """The form's value for `label`: its 1-based position, "" for prefer not to say."""
        return str(category._option_list().index(label) + 1) if label else ""

    def cohort_member(self, n, sex, age, advance, score):
        interview = self.make_interview(name="C%s" % n, scores={k: score for k in SCORES})
        interview._portal_save_self_id({str(self.sex.id): self.opt(self.sex, sex),
                                        str(self.age.id): self.opt(self.age, age)})
        if advance:
            interview.with_user(self.officer).action_ai_decide_advance()
        return interview

    def test_impact_ratios_on_a_known_cohort(self):
        n = 0
        # F: 5, 3 advanced (0.6); M: 5, 2 advanced (0.4) -> M ratio 0.667, flagged; 2 unknown
        for sex, age, advance, score, count in [("F", "<40", True, 80, 3), ("F", "40+", False, 50, 2),
                                                ("M", "<40", True, 75, 2), ("M", "40+", False, 55, 3),
                                                (None, "40+", False, 52, 2)]:
            for _i in range(count):
                n += 1
                self.cohort_member(n, sex, age, advance, score)
        report = self.env["hr.ai.impact.report"].with_user(self.auditor).create(
            {"name": "test", "job_id": self.job.id})
        report.action_compute()
        self.assertEqual(report.total, 12)
        lines = {(ln.category, ln.group_name): ln for ln in report.line_ids}
        f, m = lines[("Sex", "F")], lines[("Sex", "M")]
        self.assertAlmostEqual(f.selection_rate, 60.0)
        self.assertAlmostEqual(m.selection_rate, 40.0)
        self.assertAlmostEqual(f.selection_ratio, 1.0)
        self.assertAlmostEqual(m.selection_ratio, 0.667, places=3)
        self.assertTrue(m.flag)
        self.assertFalse(f.flag)
        unknown = lines[("Sex", False)]
        self.assertTrue(unknown.unknown)
        self.assertEqual(unknown.count, 2)
        self.assertFalse(unknown.compared)
        # intersections are reported too
        self.assertEqual(lines[("Sex × Age", "F × <40")].count, 3)
        self.assertAlmostEqual(lines[("Sex × Age", "M × 40+")].selection_rate, 0.0)
        self.assertGreater(report.flag_count, 0)
        action = report.action_print_pdf()
        att = self.env["ir.attachment"].search([("res_model", "=", report._name), ("res_id", "=", report.id)])
        self.assertTrue(att.raw.startswith(b"%PDF"))
        self.assertIn(str(att.id), action["url"])

    def test_self_id_is_invisible_to_interviewers_reviewers_and_recruiters(self):
        interview = self.cohort_member(1, "F", "<40", False, 70)
        selfid = self.env["hr.ai.selfid"].search([("interview_id", "=", interview.id)])
        self.assertEqual(len(selfid), 1)
        for user in (self.interviewer, self.officer, self.manager):
            with self.assertRaises(AccessError):
                selfid.with_user(user).read(["line_ids"])
            with self.assertRaises(AccessError):
                self.env["hr.ai.selfid.line"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["hr.ai.impact.report"].with_user(user).create({"name": "x"})
        self.assertEqual(selfid.with_user(self.auditor).line_ids.mapped("value"), ["F", "<40"])
        with self.assertRaises(AccessError):  # nor through the report's figures
            self.env["hr.ai.impact.line"].with_user(self.officer).search([])
        # the interview carries no link to the answers, and scoring's input never sees them
        self.assertFalse([f for f, fld in self.env["hr.ai.interview"]._fields.items()
                          if fld.comodel_name in ("hr.ai.selfid", "hr.ai.selfid.line")])

    def test_self_id_after_submission_only_validated_and_once(self):
        interview = self.make_interview()
        with self.assertRaises(UserError):
            interview._portal_save_self_id({str(self.sex.id): "1"})
        interview = self.make_interview(name="S2", scores=SCORES)
        for bad in ("Martian", "4", "-1", "1.5"):
            with self.assertRaises(UserError):
                interview._portal_save_self_id({str(self.sex.id): bad})
        with self.assertRaises(UserError):
            interview._portal_save_self_id({"999999": "1"})
        interview._portal_save_self_id({str(self.sex.id): "", str(self.age.id): "2"})  # prefer not to say
        with self.assertRaises(UserError):
            interview._portal_save_self_id({str(self.sex.id): "1"})
        lines = self.env["hr.ai.selfid"].search([("interview_id", "=", interview.id)]).line_ids
        self.assertEqual(sorted(v or "" for v in lines.mapped("value")), ["", "40+"])

    def test_answers_keep_their_meaning_across_languages(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.sex.with_context(lang="zh_CN").options = "女\n男\n其他"
        interview = self.make_interview(name="L", scores=SCORES)
        interview.with_context(lang="zh_CN")._portal_save_self_id({str(self.sex.id): "1"})  # chose 女
        line = self.env["hr.ai.selfid"].search([("interview_id", "=", interview.id)]).line_ids
        self.assertEqual(line.with_context(lang="en_US").value, "F")
        self.assertEqual(line.with_context(lang="zh_CN").value, "女")


@tagged("post_install", "-at_install")
class TestAnalyticsViews(ReportCase):

    def test_funnel_agreement_and_question_statistics(self):
        scored = [self.make_interview(name="A%s" % i, scores={"沟通能力": s, "问题解决": s, "团队协作": s})
                  for i, s in enumerate((40.0, 60.0, 80.0))]
        for interview, s in zip(scored, (40.0, 60.0, 80.0)):
            interview.answer_ids.write({"overall_score": s})  # the engine's per-answer score
        invited = self.make_interview(name="Only invited")
        invited.write({"state": "invited", "invited_at": invited.create_date})
        for interview, human in zip(scored, (30, 70, 90)):
            self.review(interview, self.officer, {"沟通能力": human, "问题解决": human, "团队协作": human})
        scored[2].with_user(self.officer).action_ai_decide_advance()
        self.env.flush_all()
        jobs = [("job_id", "=", self.job.id)]
        funnel = self.env["hr.ai.analytics.funnel"].read_group(jobs, ["step"], ["step"])
        counts = {g["step"]: g["step_count"] for g in funnel}
        self.assertEqual(counts["5_scored"], 3)
        self.assertEqual(counts["6_reviewed"], 3)
        self.assertEqual(counts["7_decided"], 1)
        self.assertEqual(counts["1_invited"], 1)  # only the one sent through invited_at
        rows = self.env["hr.ai.analytics.interview"].search(jobs + [("is_scored", "=", 1)])
        ai = sorted(rows.mapped("ai_score"))
        human = [r.human_score for r in rows.sorted("ai_score")]
        self.assertEqual(human, [30.0, 70.0, 90.0])
        agreement = self.env["hr.ai.analytics.agreement"].search(jobs)
        self.assertEqual(agreement.pair_count, 3)
        expected_mad = sum(abs(a - h) for a, h in zip(ai, human)) / 3
        self.assertAlmostEqual(agreement.mean_abs_difference, expected_mad, places=3)
        self.assertGreater(agreement.correlation, 0.9)
        dims = self.env["hr.ai.analytics.dimension"].search(jobs)
        self.assertEqual(set(dims.mapped("dimension")), {"沟通能力", "问题解决", "团队协作"})
        self.assertEqual(len(dims), 9)
        # every bank question answered by the three: difficulty = mean score, discrimination = corr with overall
        stats = self.env["hr.ai.analytics.question"].search(jobs)
        self.assertEqual(len(stats), 2)
        self.assertEqual(stats.mapped("answer_count"), [3, 3])
        for st in stats:
            self.assertAlmostEqual(st.mean_score, 60.0, places=1)
            self.assertGreater(st.discrimination, 0.9)


@tagged("post_install", "-at_install")
class TestCandidateRights(ReportCase):

    def test_explanation_request_is_an_activity_with_a_deadline_and_a_status(self):
        interview = self.make_interview(scores=SCORES)
        interview.user_id = self.officer
        with self.assertRaises(UserError):
            self.make_interview(name="open")._portal_request_right("explanation")
        with self.assertRaises(UserError):
            interview._portal_request_right("something")
        request = interview._portal_request_right("explanation")
        self.assertEqual(request.state, "open")
        self.assertEqual(request.activity_id.user_id, self.officer)
        self.assertEqual(request.activity_id.date_deadline, request.deadline)
        self.assertEqual(interview._portal_request_right("explanation"), request)  # no duplicate while open
        request.with_user(self.officer).action_mark_answered()
        self.assertEqual(interview._portal_requests()["explanation"].state, "done")
        self.assertFalse(request.activity_id.exists())
        self.assertIn("request", interview.audit_ids.mapped("event"))

    def test_biometric_consent_is_separate_under_the_full_policy(self):
        refused = self.make_interview(name="R", policy="full")
        refused.write({"state": "invited"})
        refused.with_context(ai_biometric=False)._portal_give_consent("127.0.0.1", "ua", "v1")
        self.assertEqual((refused.policy, refused.biometric_consent), ("no-affect", False))
        given = self.make_interview(name="G", policy="full")
        given.write({"state": "invited"})
        given.with_context(ai_biometric=True)._portal_give_consent("127.0.0.1", "ua", "v1")
        self.assertEqual((given.policy, given.biometric_consent), ("full", True))


@tagged("post_install", "-at_install")
class TestModelCardPage(HttpCase):

    def test_model_card_states_limits_and_versions(self):
        from odoo.addons.hr_ai_interview.scoring.engine import ENGINE_VERSION
        res = self.url_open("/ai-interview/model-card?lang=en_US")
        self.assertEqual(res.status_code, 200)
        self.assertIn("No emotion recognition", res.text)
        self.assertIn(ENGINE_VERSION, res.text)
        self.assertIn(self.env.company.ai_consent_version, res.text)
        from odoo.addons.hr_ai_interview.reporting.model_card import VALIDATION
        # the validity benchmark's held-out figures as recorded with the engine, not a number copied into the test
        self.assertIn(VALIDATION["engine_version"], ENGINE_VERSION)
        self.assertIn("(held-out questions): %d %%" % VALIDATION["pairwise_holdout"], res.text)
        self.assertIn("adequate %d %%" % VALIDATION["in_band"]["adequate"], res.text)
