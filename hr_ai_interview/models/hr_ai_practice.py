# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Practice feedback off the request path: the portal enqueues a queue_job on its own channel (fast greedy
speech recognition), returns at once, and the page polls the status API until the feedback is there. One
running practice job per interview, and an hourly cap per interview link."""
from datetime import timedelta

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.exception import RetryableJobError

from ..scoring import bands
from ..scoring.errors import ScoringError
from .hr_ai_interview_flags import render_feedback
from .hr_ai_interview_report import report_translator

PRACTICE_CHANNEL = "root.ai_interview_practice"
PRACTICE_HOURLY_CAP = 6


class PracticeThrottled(UserError):
    code = "too_many_requests"


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    practice_feedback_log = fields.Json(copy=False, groups="base.group_system",
                                        help="When practice feedback was requested (last hour), for the cap.")

    def _portal_request_practice_feedback(self, answer):
        """Queue the feedback job; {"state": ...} at once. PracticeThrottled (→ 429) over the cap or while
        another practice job of this interview is still running."""
        self.ensure_one()
        self._check_open()
        if answer.interview_id != self or not answer.is_practice:
            raise UserError(_("Feedback is only given on the practice question."))
        if answer.practice_feedback_state in ("queued", "done"):
            return answer._practice_feedback_status()
        if answer.mode != "text" and not answer.attachment_id and not answer._recording_received():
            raise UserError(_("The practice recording has not been received yet."))
        rec = self.sudo()
        self.env.cr.execute("SELECT id FROM hr_ai_interview WHERE id = %s FOR UPDATE", [self.id])
        rec.invalidate_recordset(["practice_feedback_log"])
        if rec._practice_job_live():
            raise PracticeThrottled(_("The feedback on your previous practice answer is still being prepared. "
                                      "Please wait a moment."))
        now = fields.Datetime.now()
        recent = [t for t in (rec.practice_feedback_log or [])
                  if fields.Datetime.to_datetime(t) > now - timedelta(hours=1)]
        if len(recent) >= PRACTICE_HOURLY_CAP:
            raise PracticeThrottled(_("You asked for practice feedback %s times in the last hour. Please try "
                                      "again later, or go on with the interview.", len(recent)))
        rec.practice_feedback_log = recent + [fields.Datetime.to_string(now)]
        answer.sudo().practice_feedback_state = "queued"
        answer.sudo().with_delay(channel=PRACTICE_CHANNEL, max_retries=2,
                                 identity_key="hr_ai_practice:%s" % self.id,
                                 description="Practice feedback")._job_practice_feedback()
        return answer._practice_feedback_status()


    def _practice_job_live(self):
        """The interview's practice job waiting or running (queue_job states before done/failed)."""
        return bool(self.env["queue.job"].sudo().search_count([
            ("identity_key", "=", "hr_ai_practice:%s" % self.id),
            ("state", "in", ("wait_dependencies", "pending", "enqueued", "started"))]))


class HrAiInterviewAnswer(models.Model):
    _inherit = "hr.ai.interview.answer"

    practice_feedback_state = fields.Selection(
        [("queued", "Queued"), ("done", "Done"), ("failed", "Failed")], copy=False, readonly=True)
    practice_feedback = fields.Json(copy=False, readonly=True, groups="base.group_system")

    def _practice_feedback_status(self):
        self.ensure_one()
        rec = self.sudo()
        if rec.practice_feedback_state == "queued" and not rec.interview_id._practice_job_live():
            return {"state": "failed", "feedback": None}  # the job ended without a result (failed for good)
        feedback = rec.practice_feedback if rec.practice_feedback_state == "done" else None
        if feedback:  # stored as the engine's codes, worded in the page's language (the candidate may switch)
            feedback = dict(feedback, **render_feedback(feedback, report_translator(self.env.lang)))
            overall = feedback.get("overall")
            if isinstance(overall, (int, float)):  # a bare "94.5" has no scale: say out of what, and its band
                labels = dict(self.env["hr.ai.interview"]._fields["ai_band"]._description_selection(self.env))
                feedback["overall"] = _("%(score)s / 100 (%(band)s)", score=round(overall),
                                        band=labels[bands.band(overall)])
        return {"state": rec.practice_feedback_state or "none", "feedback": feedback}

    def _job_practice_feedback(self):
        """queue_job: the engine's feedback on the practice answer, for the candidate only. The recording
        is deleted afterwards (the page says so): practice media are kept only until feedback is given."""
        from .hr_ai_interview_answer_job import _engine, _warm_up

        self.ensure_one()
        answer = self.sudo()
        interview = answer.interview_id
        kwargs = {"rubric": interview._rubric(), "question": answer.question_line_id.name,
                  "lang": "en" if interview.language == "en_US" else "zh", "policy": "no-affect", "asr": "fast",
                  "practice": True}  # generic rubric: the practice question is not judged on the job's keywords
        media = answer.attachment_id if answer.mode != "text" else None
        if answer.mode == "text":
            kwargs["text"] = answer.text_answer or ""
        elif not media and answer._recording_received():
            # received, the attachment is being made (its own job): queue_job runs this again shortly
            raise RetryableJobError(_("The practice recording is still being stored."), seconds=2,
                                    ignore_retry=True)
        elif not media:
            answer.write({"practice_feedback_state": "failed",
                          "practice_feedback": {"error": _("The practice recording is missing.")}})
            return "no recording"
        engine = _engine()
        _warm_up(engine, asr=media is not None)
        try:
            # through the attachment, as the scoring job reads it: filestore, database or object storage
            with answer._recording_file() as path:
                result = engine.score_answer(**dict(kwargs, media_path=path) if path else kwargs)
        except ScoringError as exc:
            answer.write({"practice_feedback_state": "failed", "practice_feedback": {"error": exc.message}})
            return "failed: %s" % exc.code
        speech = (result.get("features") or {}).get("speech") or {}
        feedback = result.get("feedback") or {}
        answer.write({"practice_feedback_state": "done", "practice_feedback": {
            "status": result.get("status"), "overall": (result.get("scores") or {}).get("overall"),
            "strengths": feedback.get("strengths") or [], "improvements": feedback.get("improvements") or [],
            "pace": speech.get("rate") or speech.get("speaking_rate"),
            "transcript": (result.get("transcript") or {}).get("text") or ""}})
        interview.practice_done = True
        if media is not None:
            answer.attachment_id = False
            media.unlink()
        return "done"
