# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo cohort for the analytics and the adverse-impact report (demo/hr_ai_analytics_demo.xml calls it):
32 applicants over the two demo jobs with the whole funnel — invited only, started, scored, reviewed,
decided — self-identification answers, an accommodation and a candidate request. Deterministic (seeded)."""
import random
from datetime import timedelta

from odoo import api, fields, models

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "霞"]
# option numbers of the demo self-identification questions (demo/hr_ai_analytics_demo.xml): 1-based positions
SEX = ["female", "male"]
AGE = ["under_40", "40_and_over"]


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    @api.model
    def _ai_demo_analytics_cohort(self):
        env = self.sudo().env
        jobs = [env.ref("hr_ai_interview.demo_job_product_manager", raise_if_not_found=False),
                env.ref("hr_ai_interview.demo_job_marketing", raise_if_not_found=False)]
        jobs = [j for j in jobs if j]
        sex = env.ref("hr_ai_interview.demo_selfid_sex", raise_if_not_found=False)
        age = env.ref("hr_ai_interview.demo_selfid_age", raise_if_not_found=False)
        if not jobs or not sex or not age or env["hr.ai.selfid.line"].search_count([("category_id", "=", sex.id)]):
            return False  # made already (or the questions were removed)
        company = jobs[0].company_id or env.company
        admin = env.ref("base.user_admin")
        reviewer2 = env.ref("base.user_demo", raise_if_not_found=False)
        admin.write({"groups_id": [fields.Command.link(env.ref("hr_ai_interview.group_hr_ai_impact_auditor").id)]})
        rng = random.Random(12)
        now = fields.Datetime.now()
        for n in range(32):
            job = jobs[n % len(jobs)]
            name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)] + ("" if n < 16 else GIVEN[n % 5])
            candidate = env["hr.candidate"].create({"partner_name": name,
                                                    "email_from": "cohort%02d@example.com" % (n + 1)})
            applicant = env["hr.applicant"].create({"candidate_id": candidate.id, "job_id": job.id})
            interview = env["hr.ai.interview"].create({"applicant_id": applicant.id, "job_id": job.id,
                                                       "user_id": admin.id})
            invited = now - timedelta(days=60 - n * 1.7, hours=rng.randint(0, 8))
            interview.write({"state": "invited", "invited_at": invited,
                             "deadline": invited + timedelta(days=job.ai_deadline_days)})
            if n in (3, 17):  # invited only: one with an accommodation
                if n == 3:
                    interview.write({"accommodation_extra_time": 50, "accommodation_extra_prep": 60})
                continue
            consent_at = invited + timedelta(days=rng.randint(0, 2), hours=rng.randint(1, 9))
            interview.write({"state": "in_progress", "consent_state": "given", "consent_at": consent_at,
                             "consent_text_version": company.ai_consent_version, "identity_verified": True,
                             "identity_method": "email_code", "device_check": {"text_mode": True},
                             "text_mode": True})
            if n in (8, 25):  # started, never submitted
                continue
            group = (SEX[n % 2], AGE[(n // 2) % 2])
            # the cohort's AI scores lean lower for the second age band: the report has something to flag
            base = rng.gauss(64 if group[1] == AGE[0] else 55, 12)
            scores = []
            for line in interview.question_line_ids.filtered(lambda q: not q.is_practice):
                score = max(5.0, min(98.0, base + rng.gauss(0, 8)))
                scores.append(score)
                env["hr.ai.interview.answer"].create({
                    "interview_id": interview.id, "question_line_id": line.id, "mode": "text", "attempt": 1,
                    "text_answer": "（演示答案）", "state": "scored", "overall_score": round(score, 1),
                    "engine_version": "demo", "scored_at": consent_at + timedelta(minutes=30)})
            overall = round(sum(scores) / len(scores), 1)
            dims = [{"name": d["name"], "weight": d.get("weight") or 1,
                     "score": round(max(0.0, min(100.0, overall + rng.gauss(0, 7))), 1)}
                    for d in interview._rubric().get("dimensions", [])]
            submitted = consent_at + timedelta(minutes=rng.randint(18, 45))
            interview.write({"state": "scoring", "submitted_at": submitted})
            interview.write({"state": "scored", "overall_score": overall, "scored_at": submitted,
                             "dimension_scores": dims})
            if n % 9 != 4:  # self-identification: most answer, some prefer not to say
                env["hr.ai.selfid"].create({"interview_id": interview.id, "line_ids": [
                    fields.Command.create({"category_id": sex.id,
                                           "option_index": SEX.index(group[0]) + 1 if n % 11 else 0}),
                    fields.Command.create({"category_id": age.id, "option_index": AGE.index(group[1]) + 1})]})
            if n % 4 == 3:
                continue  # scored, not reviewed yet
            for reviewer in (admin, reviewer2) if reviewer2 and n % 3 == 0 else (admin,):
                review = env["hr.ai.review"].create({"interview_id": interview.id, "reviewer_id": reviewer.id})
                for line in review.line_ids:
                    line.score = round(max(1.0, min(100.0, overall + rng.gauss(3, 9))))
                review.recommendation = "advance" if overall >= 62 else "hold" if overall >= 50 else "reject"
                review.action_done()
                # reviewed some hours after submission (the ORM stamps now): time-to-review shows real spread
                env.flush_all()
                env.cr.execute("UPDATE hr_ai_review SET write_date = %s WHERE id = %s",
                               (submitted + timedelta(hours=rng.randint(3, 96)), review.id))
                review.invalidate_recordset(["write_date"])
            if n % 5 == 2:
                continue  # reviewed, not decided yet
            decision = "advance" if overall >= 62 else "hold" if overall >= 50 else "reject"
            reason = None
            if n in (10, 30):  # reviewers saw more than the score
                decision = "advance" if overall < 45 else decision
                reason = "面试官复核：答案含具体案例，转写错误拉低了分数。"
            interview.with_user(admin).action_ai_decide(decision, reason=reason)
            decided = submitted + timedelta(hours=rng.randint(100, 200))
            env.flush_all()
            env.cr.execute("UPDATE hr_ai_decision SET create_date = %s WHERE interview_id = %s",
                           (decided, interview.id))
            env.cr.execute("UPDATE hr_ai_interview SET decision_date = %s WHERE id = %s", (decided, interview.id))
            interview.invalidate_recordset(["decision_date"])
        scored = env["hr.ai.interview"].search(
            [("job_id", "in", [j.id for j in jobs]), ("state", "=", "scored")], limit=1, order="id desc")
        if scored:
            scored.with_context(hr_ai_candidate=True)._portal_request_right("explanation")
        report = env["hr.ai.impact.report"].create({"name": "2026 年度偏差审计（演示）",
                                                    "company_id": company.id})
        report.action_compute()
        return True
