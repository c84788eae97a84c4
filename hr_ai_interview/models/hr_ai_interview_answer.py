# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

ANSWER_STATES = [
    ("pending", "Pending"),
    ("uploading", "Uploading"),
    ("uploaded", "Uploaded"),
    ("queued", "Queued"),
    ("scoring", "Scoring"),
    ("scored", "Scored"),
    ("failed", "Failed"),
]
DONE_STATES = ("uploaded", "queued", "scoring", "scored", "failed")
SCORING_CHANNEL = "root.ai_interview"
MAX_TEXT_ANSWER = 20000


class HrAiInterviewAnswer(models.Model):
    _name = "hr.ai.interview.answer"
    _description = "AI Interview Answer"
    _order = "interview_id, question_sequence, attempt, id"

    interview_id = fields.Many2one("hr.ai.interview", required=True, ondelete="cascade", index=True)
    question_line_id = fields.Many2one("hr.ai.interview.question", string="Question", required=True,
                                       ondelete="cascade", index=True)
    question_sequence = fields.Integer(related="question_line_id.sequence", store=True)
    company_id = fields.Many2one(related="interview_id.company_id", store=True, index=True)
    job_id = fields.Many2one(related="interview_id.job_id", store=True, index=True)
    attempt = fields.Integer(default=1, required=True)
    is_current = fields.Boolean(default=True, index=True, help="Latest attempt of its question.")
    is_practice = fields.Boolean(related="question_line_id.is_practice", store=True)
    mode = fields.Selection([("video", "Video"), ("audio", "Audio"), ("text", "Text")], default="video",
                            required=True)
    text_answer = fields.Text()
    draft_notes = fields.Text(string="Draft Pad")
    attachment_id = fields.Many2one("ir.attachment", string="Recording", ondelete="set null", copy=False)
    # what was received, read from the attachment / the typed text (never copied)
    mimetype = fields.Char(compute="_compute_received", store=True)
    size = fields.Integer(string="Size (bytes)", compute="_compute_received", store=True)
    sha256 = fields.Char(string="SHA-256", compute="_compute_received", store=True)
    duration = fields.Float(string="Duration (s)", copy=False, readonly=True,
                            help="Length of the recording, measured when the upload completed.")
    upload_ids = fields.One2many("hr.ai.upload", "answer_id", string="Uploads")
    state = fields.Selection(ANSWER_STATES, default="pending", required=True, index=True, copy=False)
    failure_code = fields.Char(copy=False)
    failure_reason = fields.Text(copy=False)
    # scoring bookkeeping: the job's identity is derived from input_key (see _scoring_input_key)
    score_seq = fields.Integer(default=0, copy=False, help="Incremented by each re-score request.")
    input_key = fields.Char(copy=False, readonly=True)
    scored_input_key = fields.Char(copy=False, readonly=True)
    job_uuid = fields.Char(string="Scoring Job", copy=False, readonly=True)
    score_count = fields.Integer(string="Results Stored", copy=False, readonly=True,
                                 help="How many scoring results were stored for this answer (audit).")
    # the engine's result, stored once; transcript and flags are read from it
    result_json = fields.Json(string="Engine Result", copy=False, readonly=True)
    transcript = fields.Text(compute="_compute_transcript", store=True,
                             help="What speech recognition heard (recorded answers only).")
    transcript_corrected = fields.Text(copy=False,
                                       help="HR's correction of the speech recognition; re-scoring uses it, "
                                            "the original transcript is kept.")
    overall_score = fields.Float(copy=False, readonly=True)
    engine_version = fields.Char(copy=False, readonly=True)
    scored_at = fields.Datetime(copy=False, readonly=True)

    _sql_constraints = [
        ("attempt_unique", "UNIQUE(question_line_id, attempt)", "Each attempt of a question is recorded once."),
    ]

    @api.depends("mode", "text_answer", "attachment_id.mimetype", "attachment_id.file_size",
                 "upload_ids.state", "upload_ids.sha256")
    def _compute_received(self):
        for answer in self:
            if answer.mode == "text":
                raw = (answer.text_answer or "").encode("utf-8")
                answer.mimetype = "text/plain" if raw else False
                answer.size = len(raw)
                answer.sha256 = hashlib.sha256(raw).hexdigest() if raw else False
                continue
            att = answer.attachment_id.sudo()
            answer.mimetype = att.mimetype or False
            answer.size = att.file_size
            # the checksum the upload verified when assembling the recording (ir.attachment keeps a SHA-1)
            done = answer.upload_ids.filtered(lambda u: u.state == "complete").sorted("id")[-1:]
            answer.sha256 = done.sha256 if att and done else False

    @api.depends("mode", "result_json")
    def _compute_transcript(self):
        for answer in self:
            result = answer._result()
            asr = result.get("asr_transcript")
            if asr is None:
                asr = (result.get("transcript") or {}).get("text")
            answer.transcript = (asr or False) if answer.mode != "text" else False

    @api.depends("question_line_id", "attempt")
    def _compute_display_name(self):
        for answer in self:
            answer.display_name = "%s (#%s)" % ((answer.question_line_id.name or "")[:60], answer.attempt)

    # ---------- candidate side (called by the portal, on sudo records after the token check) ----------
    def _check_answerable(self):
        self.ensure_one()
        interview = self.interview_id
        if interview.state not in ("invited", "in_progress"):
            raise UserError(_("This interview is closed: answers can no longer be changed."))
        if interview.consent_state != "given":
            raise UserError(_("Please give your consent before answering."))
        if not self.is_current:
            raise UserError(_("This attempt was replaced by a newer one."))
        if self.state not in ("pending", "uploading"):
            raise UserError(_("This answer was already sent."))
        if interview.state == "invited":
            interview.state = "in_progress"

    def _recording_received(self):
        """The whole recording is on the server and verified; its attachment is being made (`_job_assemble`)."""
        self.ensure_one()
        return bool(self.upload_ids.filtered(lambda u: u.state == "assembling" and not u.error))

    def _upload_init(self, total_size, mimetype, chunk_size, sha256):
        self.ensure_one()
        done = self.env["hr.ai.upload"]._completed_for(self, sha256)
        if done:  # this very recording already arrived (the completion's response was lost)
            return done._status()
        self._check_answerable()
        if self.mode == "text":
            raise UserError(_("This question is answered in writing, not with a recording."))
        return self.env["hr.ai.upload"]._init_for_answer(self, total_size, mimetype, chunk_size, sha256)

    def _submit_text(self, text):
        self.ensure_one()
        self._check_answerable()
        text = (text or "").strip()
        if not text:
            raise UserError(_("Please write your answer before sending it."))
        if len(text) > MAX_TEXT_ANSWER:
            raise UserError(_("Your answer is too long (%(n)s characters; at most %(max)s).",
                              n=len(text), max=MAX_TEXT_ANSWER))
        self.write({"mode": "text", "text_answer": text, "state": "uploaded"})
        if not self.is_practice:
            self._enqueue_scoring()
        return {"state": self.state}

    def _save_draft(self, text):
        self.ensure_one()
        if self.interview_id.state not in ("invited", "in_progress"):
            raise UserError(_("This interview is closed."))
        self.draft_notes = (text or "")[:MAX_TEXT_ANSWER]
        return True

    # ---------- scoring queue ----------
    def _scoring_input_key(self):
        """Changes whenever the scoring input changes: content, corrected transcript, policy or a re-score."""
        self.ensure_one()
        h = hashlib.sha256()
        for part in (self.id, self.attempt, self.sha256 or "", self.transcript_corrected or "",
                     self.interview_id.policy, self.score_seq):
            h.update(str(part).encode("utf-8") + b"\x00")
        return h.hexdigest()[:40]

    def _enqueue_scoring(self):
        """Queue one scoring job per answer input. Never twice for the same input: an answer already queued
        or scored with this key is skipped, and queue_job's identity_key drops a second pending job."""
        queued = self.browse()
        for answer in self.sudo():
            if answer.is_practice or not answer.is_current:
                continue
            if answer.mode != "text" and not answer.attachment_id:
                continue
            key = answer._scoring_input_key()
            if answer.input_key == key and answer.state in ("queued", "scoring"):
                continue
            if answer.scored_input_key == key and answer.state == "scored":
                continue
            job = answer.with_delay(
                channel=SCORING_CHANNEL, identity_key="hr_ai_answer:%s:%s" % (answer.id, key),
                description=_("AI interview: score answer %s", answer.display_name),
            )._job_score_answer(key)
            answer.write({"state": "queued", "input_key": key, "job_uuid": getattr(job, "uuid", False),
                          "failure_code": False, "failure_reason": False})
            queued |= answer
        return queued

    def action_rescore(self):
        """HR: score again (new identity key: the input or the engine changed). A recording received but
        not stored yet (its assembly failed) is stored again first; scoring follows from there."""
        for answer in self:
            if answer.is_practice:
                continue
            received = answer.upload_ids.filtered(lambda u: u.state == "assembling")
            if answer.mode != "text" and not answer.attachment_id and not received:
                raise UserError(_("Answer “%s” has no recording to score.", answer.display_name))
            if received and not answer.attachment_id:
                answer.write({"state": "uploaded", "failure_code": False, "failure_reason": False})
                received.sudo()._enqueue_assembly()
            if answer.mode == "text" and not answer.text_answer:
                raise UserError(_("Answer “%s” has no text to score.", answer.display_name))
            answer.score_seq += 1
            if answer.state in ("pending", "uploading"):
                answer.state = "uploaded"
        self._enqueue_scoring()
        interviews = self.interview_id.filtered(lambda i: i.state in ("scored", "failed"))
        interviews.write({"state": "scoring"})
        return True

    # ---------- results ----------
    def _result(self):
        self.ensure_one()
        return self.result_json if isinstance(self.result_json, dict) else {}

    def _question_number(self):
        """1-based number of this answer's question as the candidate saw it (practice not counted)."""
        self.ensure_one()
        real = self.interview_id.question_line_ids.filtered(lambda q: not q.is_practice).sorted(
            lambda q: (q.sequence, q.id))
        return (real.ids.index(self.question_line_id.id) + 1) if self.question_line_id.id in real.ids else "?"

    def _flag_list(self):
        """The engine's flags of this answer (codes; rendered by models/hr_ai_flags.py when shown)."""
        self.ensure_one()
        return [f for f in self._result().get("flags") or [] if f]

    def action_open_form(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "current"}
