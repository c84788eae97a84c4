# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scoring of one answer as an OCA queue_job job (channel root.ai_interview).

Idempotency: a job carries the answer's `input_key`; it stores a result only if the answer still expects that
key and has no result for it yet. A dead job requeued by the job runner, a duplicate delivery or a stale job
after a re-score therefore stores exactly one result (or none)."""
import contextlib
import json
import logging
import os
import tempfile
import threading

from odoo import _, fields, models

from odoo.addons.queue_job.exception import RetryableJobError

from .. import uploads
from ..scoring.errors import ScoringError

_logger = logging.getLogger(__name__)

# The engine's warm-up (jieba dictionary, sentence encoder, ASR model) is paid once per worker process, not per
# job: this module-level state lives as long as the process.
_WARM_LOCK = threading.Lock()
_WARMED = set()


def _engine():
    from ..scoring import engine  # lazy: keeps numpy/jieba/whisper out of processes that never score

    return engine


def _warm_up(engine, asr):
    wanted = "asr" if asr else "base"
    if wanted in _WARMED:
        return
    with _WARM_LOCK:
        if wanted in _WARMED:
            return
        try:
            engine.warm_up(asr=asr)
        except Exception:  # noqa: BLE001 - a failed warm-up must not fail the job; scoring reports real errors
            _logger.warning("scoring engine warm-up (asr=%s) failed", asr, exc_info=True)
        _WARMED.add(wanted)
        if asr:
            _WARMED.add("base")


class HrAiInterviewAnswer(models.Model):
    _inherit = "hr.ai.interview.answer"

    def _job_score_answer(self, input_key):
        """Score one answer (queue_job job function)."""
        answer = self.sudo().exists()
        if not answer:
            return "answer deleted"
        if answer.scored_input_key == input_key and answer.state in ("scored", "failed"):
            return "already scored with this input: nothing to do"
        if answer.input_key != input_key:
            return "superseded by a newer scoring request"
        if answer.interview_id.state == "cancelled":
            return "interview cancelled"
        kwargs = answer._scoring_inputs()
        engine = _engine()
        _warm_up(engine, asr=answer.mode != "text" and not kwargs.get("transcript_override"))
        answer.state = "scoring"
        try:
            with answer._recording_file() as path:  # RetryableJobError while the recording is not readable yet
                result = engine.score_answer(**dict(kwargs, media_path=path) if path else kwargs)
        except ScoringError as exc:  # permanent: the same input fails the same way, no retry
            answer._store_failure(exc.code, exc.message, input_key)
            answer.interview_id._finalize_if_complete()
            return "failed: %s" % exc.code
        if (result or {}).get("status") != "scored":
            reason = answer._engine_failure_reason(result or {})
            answer._store_failure("engine_failed", reason, input_key, result)
        else:
            answer._store_result(result, input_key)
        answer.interview_id._finalize_if_complete()
        return "%s %.1f" % (answer.state, answer.overall_score)

    def _scoring_inputs(self):
        self.ensure_one()
        interview, line = self.interview_id, self.question_line_id
        rubric = interview._rubric()
        wanted = set(line._dimension_name_list())
        if wanted and any(d["name"] in wanted for d in rubric.get("dimensions", [])):
            rubric = dict(rubric, dimensions=[d for d in rubric["dimensions"] if d["name"] in wanted])
        kwargs = {"rubric": rubric, "question": line.name, "policy": interview.policy,
                  "lang": "en" if interview.language == "en_US" else "zh",
                  "transcript_override": self.transcript_corrected or None,
                  "weights": {k: v / 100.0 for k, v in interview._modality_weights().items()}}
        if self.mode == "text":
            kwargs["text"] = self.text_answer or ""
        else:
            # a tampered client cannot make the engine decode more than the question allowed
            kwargs["max_seconds"] = uploads.limits.max_duration(line.time_limit)
        return kwargs

    @contextlib.contextmanager
    def _recording_file(self):
        """The recording as a local file for the decoder (None for a text answer), read through the
        attachment's public API, so filestore, database and object storage (fs_attachment) all work.
        A file that is not readable (yet) raises RetryableJobError: several servers sharing a network
        filestore or a bucket may lag behind the one that received the upload."""
        self.ensure_one()
        if self.mode == "text":
            yield None
            return
        att = self.attachment_id.sudo()
        if not att:
            raise RetryableJobError(_("The recording of answer %s is not stored yet.", self.id))
        att.invalidate_recordset(["raw", "datas", "db_datas"])  # what is stored now, not a cached copy
        data = att.raw or b""
        if not data or (att.file_size and len(data) != att.file_size):
            raise RetryableJobError(_("The recording of answer %(id)s is not readable on this server yet "
                                      "(%(got)s of %(size)s bytes).", id=self.id, got=len(data), size=att.file_size))
        suffix = os.path.splitext(att.name or "")[1] or ".bin"
        with tempfile.NamedTemporaryFile(prefix="hrai-answer-%s-" % self.id, suffix=suffix) as tmp:
            tmp.write(data)
            tmp.flush()
            del data
            yield tmp.name

    def _store_result(self, result, input_key):
        self.ensure_one()
        result = json.loads(json.dumps(result, ensure_ascii=False, default=str))  # plain JSON (numpy, dates)
        previous = self._result()
        if self.engine_version and self.engine_version != result.get("engine_version"):
            # re-scored by a newer engine: keep which engine produced the previous result visible
            result.update(previous_engine_version=self.engine_version, previous_overall_score=self.overall_score)
        if self.transcript_corrected:
            # the engine echoes the correction as its transcript: what speech recognition heard stays readable
            asr = previous.get("asr_transcript")
            if asr is None:
                asr = (previous.get("transcript") or {}).get("text") or ""
            result["asr_transcript"] = asr
        self.write({
            "state": "scored",
            "result_json": result,
            "overall_score": float((result.get("scores") or {}).get("overall") or 0.0),
            "engine_version": str(result.get("engine_version") or ""),
            "scored_at": fields.Datetime.now(),
            "scored_input_key": input_key,
            "score_count": self.score_count + 1,
            "failure_code": False,
            "failure_reason": False,
        })
        self.env["hr.ai.upload"]._purge_superseded(self)  # scored: earlier attempts' recordings can go

    def _store_failure(self, code, reason, input_key=None, result=None):
        """Permanent failure: the recording is kept, HR sees the reason and can re-score after a fix."""
        self.ensure_one()
        vals = {"state": "failed", "failure_code": code, "failure_reason": reason,
                "scored_at": fields.Datetime.now()}
        if input_key:
            vals["scored_input_key"] = input_key
        if result:
            vals["result_json"] = json.loads(json.dumps(result, ensure_ascii=False, default=str))
            vals["engine_version"] = str(result.get("engine_version") or "")
        self.write(vals)

    @staticmethod
    def _engine_failure_reason(result):
        transcript = result.get("transcript") or {}
        flags = [f.get("message") if isinstance(f, dict) else str(f) for f in result.get("flags") or []]
        parts = [p for p in [transcript.get("status") and "transcript: %s" % transcript["status"], *flags] if p]
        return "; ".join(parts) or "the scoring engine returned no result"

    def _job_on_fail(self, **fail_vals):
        """queue_job calls this when the job failed for good (unexpected error or retries exhausted)."""
        for answer in self.sudo().exists():
            if answer.state not in ("queued", "scoring"):
                continue
            message = fail_vals.get("exc_message") or fail_vals.get("exc_name") or "unknown error"
            answer._store_failure("job_failed", _("Scoring failed: %s", message))
            answer.interview_id._finalize_if_complete()
