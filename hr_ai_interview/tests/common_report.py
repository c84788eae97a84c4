# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures for the review / hiring report / feedback delivery tests: a scored interview with engine-like
answer results, built through the models (state machine respected), and the local WeChat mock server."""
import importlib.util
import os

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

from ..models.hr_ai_interview_scores import aggregate

_MOCK_PATH = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "wechat_mock.py")


def load_wechat_mock():
    """tests/wechat_mock.py of the repository (shared with the pure tests; not part of the addon)."""
    spec = importlib.util.spec_from_file_location("hr_ai_interview_wechat_mock", os.path.abspath(_MOCK_PATH))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DIMENSIONS = [("沟通能力", 40), ("问题解决", 30), ("团队协作", 30)]


def engine_result(scores, rate=172.0, lang="zh"):
    """An answer result shaped like scoring/engine.py output (only the keys the reports read)."""
    return {
        "engine_version": "test", "status": "scored",
        "scores": {"overall": sum(scores.values()) / len(scores),
                   "dimensions": [{"name": n, "score": s} for n, s in scores.items()],
                   "modalities": {"text": 70, "speech": 65, "vision": None}},
        "features": {"speech": {"rate": rate}},
        "attention_points": [{"message": "最后一分钟语速从 180 升到 220 字/分", "dimension": "沟通能力"}],
        "feedback": {"language": lang,
                     "strengths": ["讲清了自己采取的具体行动"],
                     "improvements": [{"code": "add_figures", "message": "回答中没有具体数据或量化结果",
                                       "suggestion": "补充可衡量的结果，例如：“次月留存率从 30% 提升到 45%”。"},
                                      {"code": "tone", "kind": "voice_tone", "message": "AFFECT-LABEL 语气紧张",
                                       "suggestion": "放松"}],
                     "affect": ["AFFECT-LABEL 情绪：紧张"]},
    }


class ReportFixtures:
    """Mixin for TransactionCase and HttpCase: call _setup_report_fixtures() from setUpClass."""

    @classmethod
    def _setup_report_fixtures(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True,
                                       queue_job__no_delay=True))
        cls.company = cls.env.company
        cls.company.write({"ai_report_weight_ai": 40, "ai_report_gap_threshold": 20, "ai_report_advance_min": 60,
                           "ai_feedback_auto_send": False})
        cls.officer = new_test_user(cls.env, "ai_officer", groups="hr_recruitment.group_hr_recruitment_user",
                                    name="Officer Olga", email="olga@example.com", password="ai_officer_pw_1")
        cls.interviewer = new_test_user(cls.env, "ai_interviewer", name="Interviewer Ivan",
                                        groups="hr_recruitment.group_hr_recruitment_interviewer",
                                        password="ai_interviewer_pw_1")
        cls.outsider = new_test_user(cls.env, "ai_outsider", name="Interviewer Oscar",
                                     groups="hr_recruitment.group_hr_recruitment_interviewer")
        cls.job = cls.env["hr.job"].create({
            "name": "销售经理", "ai_interview_enabled": False, "ai_practice_enabled": False,
            "interviewer_ids": [Command.link(cls.interviewer.id)],
            "ai_dimension_ids": [Command.create({"name": n, "weight": w, "sequence": i})
                                 for i, (n, w) in enumerate(DIMENSIONS)],
            "ai_question_ids": [Command.create({"name": "请介绍一次你推动项目落地的经历。", "answer_mode": "text"}),
                                Command.create({"name": "你如何处理团队冲突？", "answer_mode": "text"})],
        })
        cls.other_job = cls.env["hr.job"].create({
            "name": "Other Job", "ai_dimension_ids": [Command.create({"name": "沟通能力", "weight": 100})],
            "ai_question_ids": [Command.create({"name": "Q?", "answer_mode": "text"})]})

    @classmethod
    def make_interview(cls, name="张伟", job=None, scores=None, lang="zh_CN", policy="no-affect", email=None,
                       partner_vals=None):
        job = job or cls.job
        partner = cls.env["res.partner"].create(dict({"name": name, "email": email or "zw%s@example.com" % id(name)},
                                                     **(partner_vals or {})))
        candidate = cls.env["hr.candidate"].create({"partner_name": name, "partner_id": partner.id,
                                                    "email_from": partner.email})
        applicant = cls.env["hr.applicant"].create({"candidate_id": candidate.id, "job_id": job.id})
        interview = cls.env["hr.ai.interview"].create({"applicant_id": applicant.id, "job_id": job.id,
                                                       "language": lang, "policy": policy,
                                                       "partner_id": partner.id})
        if scores is not None:
            cls.score_interview(interview, scores)
        return interview

    @classmethod
    def score_interview(cls, interview, scores, results=None):
        """Walk the state machine to 'scored' with one scored text answer per question; the interview's overall
        comes from the addon's own aggregation (hr_ai_interview_scores.aggregate), as in production.
        `results`: one engine result per question instead of engine_result(scores) for each."""
        interview.write({"state": "invited", "consent_state": "given"})
        interview.state = "scoring"
        lines = interview.question_line_ids.filtered(lambda q: not q.is_practice)
        results = results or [engine_result(scores) for _line in lines]
        for line, result in zip(lines, results):
            cls.env["hr.ai.interview.answer"].create({
                "interview_id": interview.id, "question_line_id": line.id, "mode": "text",
                "text_answer": "我先做了调研，然后推动上线。", "state": "scored",
                "result_json": result})
        rubric = {"dimensions": [{"name": n, "weight": w} for n, w in DIMENSIONS if n in scores]}
        agg = aggregate(rubric, results[:len(lines)], interview._modality_weights(), interview.policy)
        interview.write({"state": "scored", "dimension_scores": agg["dimensions"], "overall_score": agg["overall"]})
        return interview

    def review(self, interview, user, scores, recommendation="advance", done=True, scale="score"):
        review = self.env["hr.ai.review"].with_user(user).create({"interview_id": interview.id, "scale": scale})
        for line in review.line_ids:
            if line.dimension in scores:
                key = "stars" if scale == "stars" else "score"
                line.write({key: str(scores[line.dimension]) if scale == "stars" else scores[line.dimension]})
        review.recommendation = recommendation
        if done:
            review.action_done()
        return review


class ReportCase(ReportFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_report_fixtures()
