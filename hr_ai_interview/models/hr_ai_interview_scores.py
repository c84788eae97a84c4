# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Interview-level results: computed once the last current answer of a submitted interview is scored."""
from odoo import _, fields, models

from ..reporting.followups import blended_overall

TERMINAL = ("scored", "failed")
IN_FLIGHT = ("queued", "scoring")
POLICY_MODALITIES = {"full": ("speech", "vision"), "no-affect": ("speech",), "text-only": ()}


def _modality_score(value):
    if isinstance(value, dict):
        value = value.get("score")
    return float(value) if isinstance(value, (int, float)) else None


def aggregate(rubric, answer_results, modality_weights, policy):
    """The one computation of an interview's result from its scored answers' engine results.

    Dimension score = mean over the answers that assessed it; content = rubric-weighted mean of the scored
    dimensions; overall = content blended with the speech/vision means by the modality weights, over the
    modalities the policy allows and the engine produced (reporting.followups.blended_overall, the blend the
    hiring report also uses for the merged score). Returns {"overall", "dimensions", "modalities",
    "text_weight", "flags"}; flags are codes with parameters."""
    per_dim, per_modality = {}, {}
    for res in answer_results:
        scores = res.get("scores") or {}
        for dim in scores.get("dimensions") or []:
            if isinstance(dim, dict) and isinstance(dim.get("score"), (int, float)):
                per_dim.setdefault(dim.get("name"), []).append(float(dim["score"]))
        for name, value in (scores.get("modalities") or {}).items():
            value = _modality_score(value)
            if value is not None:
                per_modality.setdefault(name, []).append(value)
    dims, flags = [], []
    for dim in rubric.get("dimensions") or []:
        values = per_dim.get(dim["name"])
        score = round(sum(values) / len(values), 1) if values else None
        dims.append({"name": dim["name"], "weight": dim.get("weight", 0), "score": score,
                     "answers": len(values or [])})
        if score is None:
            flags.append({"code": "dimension_without_evidence", "dimension": dim["name"]})
    modalities = []
    for name in POLICY_MODALITIES.get(policy, ()):
        values = per_modality.get(name)
        if values and modality_weights.get(name):
            modalities.append({"code": name, "score": round(sum(values) / len(values), 1),
                               "weight": float(modality_weights[name]), "answers": len(values)})
    text_weight = float(modality_weights.get("text", 100))
    overall = blended_overall({d["name"]: d["score"] for d in dims}, {d["name"]: d["weight"] for d in dims},
                              modalities, text_weight)
    return {"overall": round(overall, 1) if overall is not None else 0.0, "dimensions": dims,
            "modalities": modalities, "text_weight": text_weight, "flags": flags}


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    # what the interview is scored against, taken when it is sent: the rubric and the company's modality
    # weights together (the policy freezes at the same moment: it is editable in draft only)
    scoring_snapshot = fields.Json(string="Rubric and Weights (as sent)", readonly=True, copy=False)

    def _snapshot_scoring_setup(self):
        for interview in self:
            interview.scoring_snapshot = {"rubric": interview.job_id._ai_rubric_dict(),
                                          "weights": interview.company_id._ai_modality_weights(),
                                          "taken_at": fields.Datetime.to_string(fields.Datetime.now())}

    def _snapshot(self):
        self.ensure_one()
        snap = self.scoring_snapshot if isinstance(self.scoring_snapshot, dict) else {}
        if not snap.get("rubric"):  # never sent (a draft): what it would be scored against now
            snap = {"rubric": self.job_id._ai_rubric_dict(), "weights": self.company_id._ai_modality_weights()}
        return snap

    def _rubric(self):
        return self._snapshot()["rubric"]

    def _modality_weights(self):
        """{"text", "speech", "vision"} in % as snapshotted with the rubric."""
        weights = self._snapshot().get("weights") or {}
        return {k: weights.get(k, 0) for k in ("text", "speech", "vision")}

    def _ai_aggregate(self, answers=None):
        """aggregate() over the current scored answers (or `answers`), with this interview's snapshot."""
        self.ensure_one()
        answers = self._current_answers().filtered(lambda a: a.state == "scored") if answers is None else answers
        return aggregate(self._rubric(), [a._result() for a in answers], self._modality_weights(), self.policy)

    def _finalize_if_complete(self, fallback=True):
        """Compute the overall result when every current answer reached scored/failed. When other answers
        are still in flight, a delayed finalize job covers the race of two last answers finishing in
        parallel transactions (neither sees the other as done)."""
        for interview in self.sudo():
            if interview.state != "scoring":
                continue
            current = interview._current_answers()
            if any(a.state not in TERMINAL for a in current):
                if fallback and any(a.state in IN_FLIGHT for a in current):
                    interview.with_delay(channel="root.ai_interview", eta=30,
                                         identity_key="hr_ai_finalize:%s" % interview.id)._job_finalize()
                continue
            interview._compute_final_result(current)

    def _job_finalize(self):
        """Finalize an interview's result if all its answers are scored (queue_job job function)."""
        self._finalize_if_complete(fallback=False)
        return self.state

    def _compute_final_result(self, current):
        self.ensure_one()
        scored = current.filtered(lambda a: a.state == "scored")
        agg = self._ai_aggregate(scored)
        flags = agg["flags"]
        answered = current.question_line_id
        real = self.question_line_ids.filtered(lambda q: not q.is_practice).sorted(lambda q: (q.sequence, q.id))
        for number, line in enumerate(real, start=1):
            if line not in answered:
                flags.append({"code": "missing_answer", "question": number})
        for answer in current.filtered(lambda a: a.state == "failed"):
            flags.append({"code": "answer_failed", "answer_id": answer.id, "question": answer._question_number(),
                          "failure_code": answer.failure_code or "", "reason": answer.failure_reason or ""})
        for answer in scored:
            for flag in answer._flag_list():
                flag = flag if isinstance(flag, dict) else {"code": str(flag)}
                flags.append(dict(flag, answer_id=answer.id, question=answer._question_number()))
        self.write({
            "state": "scored" if scored else "failed",
            "overall_score": agg["overall"],
            "dimension_scores": agg["dimensions"],
            "score_flags": flags,
            "scored_at": fields.Datetime.now(),
        })
        # the scoring job runs as whoever queued it (often the candidate's public user): sign as OdooBot
        author = self.env.ref("base.partner_root").id
        if scored:
            self.message_post(body=_("AI scoring finished: overall %(score)s (%(n)s of %(t)s answers scored).",
                                     score=agg["overall"], n=len(scored), t=len(current)),
                              subtype_xmlid="mail.mt_note", author_id=author)
        else:
            self.message_post(body=_("AI scoring failed for every answer; see the answers' failure reasons and "
                                     "re-score."), subtype_xmlid="mail.mt_note", author_id=author)
