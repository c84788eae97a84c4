# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Interview-level results: computed once the last current answer of a submitted interview is scored."""
import json

from odoo import _, fields, models

TERMINAL = ("scored", "failed")
IN_FLIGHT = ("queued", "scoring")


def _modality_score(value):
    if isinstance(value, dict):
        value = value.get("score")
    return float(value) if isinstance(value, (int, float)) else None


def aggregate(rubric, answer_results, modality_weights, policy):
    """Pure aggregation. `answer_results`: result dicts of scored answers. Returns (overall, dims, flags).

    Dimension score = mean over the answers that assessed it; content = rubric-weighted mean of the scored
    dimensions; overall = content blended with speech/vision means by the company's modality weights, over the
    modalities the policy allows and the engine produced."""
    per_dim, modalities = {}, {}
    for res in answer_results:
        scores = res.get("scores") or {}
        for dim in scores.get("dimensions") or []:
            if isinstance(dim.get("score"), (int, float)):
                per_dim.setdefault(dim.get("name"), []).append(float(dim["score"]))
        for name, value in (scores.get("modalities") or {}).items():
            value = _modality_score(value)
            if value is not None:
                modalities.setdefault(name, []).append(value)
    dims, flags, total_w, content = [], [], 0.0, 0.0
    for dim in rubric.get("dimensions") or []:
        values = per_dim.get(dim["name"])
        score = round(sum(values) / len(values), 1) if values else None
        dims.append({"name": dim["name"], "weight": dim.get("weight", 0), "score": score,
                     "answers": len(values or [])})
        if score is None:
            flags.append({"code": "dimension_without_evidence", "dimension": dim["name"]})
        else:
            total_w += dim.get("weight", 0)
            content += dim.get("weight", 0) * score
    content = content / total_w if total_w else None
    parts = []
    if content is not None:
        parts.append((modality_weights.get("text", 100), content))
    allowed = {"full": ("speech", "vision"), "no-affect": ("speech",), "text-only": ()}.get(policy, ())
    for name in allowed:
        values = modalities.get(name)
        if values and modality_weights.get(name):
            parts.append((modality_weights[name], sum(values) / len(values)))
    weight = sum(w for w, _v in parts)
    overall = round(sum(w * v for w, v in parts) / weight, 1) if weight else 0.0
    return overall, dims, flags


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    rubric_json = fields.Text(string="Rubric Snapshot (JSON)", readonly=True, copy=False)

    def _rubric(self):
        self.ensure_one()
        if self.rubric_json:
            try:
                return json.loads(self.rubric_json)
            except ValueError:
                pass
        return self.job_id._ai_rubric_dict()

    def _finalize_if_complete(self, fallback=True):
        """Compute the overall result when every current answer reached scored/failed. When other answers
        are still in flight, a delayed finalize job covers the race of two last answers finishing in
        parallel transactions (neither sees the other as done)."""
        for interview in self.sudo():
            if interview.state not in ("submitted", "scoring"):
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
        overall, dims, flags = aggregate(self._rubric(), [a._result() for a in scored],
                                         self.company_id._ai_modality_weights(), self.policy)
        for flag in flags:
            if flag["code"] == "dimension_without_evidence":
                flag["message"] = _("No answer provided evidence for “%s”.", flag["dimension"])
        answered = current.question_line_id
        for line in self.question_line_ids.filtered(lambda q: not q.is_practice and q not in answered):
            flags.append({"code": "missing_answer", "message": _("No answer to: %s", line.name[:80])})
        for answer in current.filtered(lambda a: a.state == "failed"):
            flags.append({"code": "answer_failed", "answer_id": answer.id,
                          "message": _("Answer %(q)s could not be scored: %(why)s",
                                       q=answer.question_sequence, why=answer.failure_reason or "?")})
        for answer in scored:
            for flag in answer._flag_list():
                flag = flag if isinstance(flag, dict) else {"code": str(flag)}
                flags.append(dict(flag, answer_id=answer.id))
        self.write({
            "state": "scored" if scored else "failed",
            "overall_score": overall,
            "dimension_scores": json.dumps(dims, ensure_ascii=False),
            "score_flags": json.dumps(flags, ensure_ascii=False, default=str),
            "scored_at": fields.Datetime.now(),
        })
        if scored:
            body = _("AI scoring finished: overall %(score)s (%(n)s of %(t)s answers scored).",
                     score=overall, n=len(scored), t=len(current))
        else:
            body = _("AI scoring failed for every answer; see the answers' failure reasons and re-score.")
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
