# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One resumable upload of one answer's recording. Chunks live on disk (pure `uploads` package) under
`<data_dir>/hr_ai_interview_uploads/<db>/<upload_uuid>/`, never in memory or in the database; the chunks that
arrive in order are appended to one file and hashed as they come.

Completion (the candidate's request) only checks what the chunks already proved: all there, the type, size
and SHA-256 (from the saved hash state: nothing is re-read). The recording is then *received*: the answer
counts as sent and the upload waits in `assembling` for `_job_assemble` (queue_job), which remuxes it, creates
the attachment through the public `ir.attachment` API (`raw`: filestore, database or object storage) and
queues scoring. That costs one copy of the file in the job's memory, bounded by the question's own size limit
(`uploads.limits.max_answer_bytes`), and never in a candidate's request. An assembly that fails for good keeps
the file: the answer is failed with the reason and HR's re-score assembles it again."""
import logging
import os
import uuid

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import config

from odoo.addons.queue_job.exception import RetryableJobError

from .. import uploads
from .ir_attachment import FileContent

_logger = logging.getLogger(__name__)
DEFAULT_CHUNK = 1024 * 1024
UPLOAD_CHANNEL = "root.ai_interview_upload"
RECEIVED = ("assembling", "complete")  # the whole recording is on the server


class HrAiUpload(models.Model):
    _name = "hr.ai.upload"
    _description = "AI Interview Upload (resumable)"
    _order = "id desc"

    answer_id = fields.Many2one("hr.ai.interview.answer", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="answer_id.company_id", store=True, index=True)
    upload_uuid = fields.Char(required=True, index=True, copy=False, default=lambda self: uuid.uuid4().hex)
    total_size = fields.Integer(required=True)
    chunk_size = fields.Integer(required=True)
    total_chunks = fields.Integer(required=True)
    sha256 = fields.Char(string="SHA-256", required=True)
    mimetype = fields.Char()
    state = fields.Selection([("open", "Receiving"), ("assembling", "Received, being stored"), ("complete", "Complete"),
                              ("failed", "Failed")], default="open", required=True, index=True)
    error = fields.Text()

    _sql_constraints = [("upload_uuid_unique", "UNIQUE(upload_uuid)", "Upload ids are unique.")]

    # ---------- helpers ----------
    @api.model
    def _root(self):
        return os.path.join(config["data_dir"], "hr_ai_interview_uploads", self.env.cr.dbname)

    def _limits(self):
        self.ensure_one()
        return self._limits_for(self.answer_id)

    def _store(self):
        self.ensure_one()
        return uploads.ChunkStore(self._root(), self.upload_uuid, self._limits())

    def _expected_chunk_size(self, index):
        if index == self.total_chunks - 1:
            return self.total_size - self.chunk_size * (self.total_chunks - 1)
        return self.chunk_size

    def _status(self):
        if self.state in RECEIVED:  # all chunks were received (and are gone once complete)
            received, missing = list(range(self.total_chunks)), []
        else:
            store = self._store()
            received, missing = store.received(), store.missing(self.total_chunks)
        return {"upload_id": self.id, "chunk_size": self.chunk_size, "total_chunks": self.total_chunks,
                "received": received, "missing": missing, "state": self.state}

    def _result(self):
        return {"state": self.state, "error": False, "attachment_id": self.answer_id.attachment_id.id}

    # ---------- contract ----------
    @api.model
    def _completed_for(self, answer, sha256):
        """The received upload of exactly this recording on `answer` (a client that lost the completion
        response and starts again gets it back instead of a refusal), stored or still being stored."""
        sha256 = (sha256 or "").strip().lower()
        return answer.upload_ids.filtered(lambda u: u.state in RECEIVED and u.sha256 == sha256)[:1]

    @api.model
    def _init_for_answer(self, answer, total_size, mimetype, chunk_size, sha256):
        """Start, or resume, the upload of `answer` (same size + checksum = same upload)."""
        chunk_size = int(chunk_size or DEFAULT_CHUNK)
        try:
            sha256 = uploads.store.check_sha256(sha256, "file checksum")
            total_chunks = self._limits_for(answer).check_plan(int(total_size), chunk_size)
        except uploads.UploadError as exc:
            raise UserError(exc.message) from exc
        existing = answer.upload_ids.filtered(lambda u: u.state == "open")
        same = existing.filtered(lambda u: u.sha256 == sha256 and u.total_size == total_size
                                 and u.chunk_size == chunk_size)[:1]
        for stale in existing - same:  # the client restarted with another recording
            stale._fail(_("Replaced by a new upload."))
        if not same:
            self._check_quota(answer, total_size)
        upload = same or self.create({"answer_id": answer.id, "total_size": total_size, "chunk_size": chunk_size,
                                      "total_chunks": total_chunks, "sha256": sha256,
                                      "mimetype": (mimetype or "")[:64]})
        if answer.state == "pending":
            answer.state = "uploading"
        return upload._status()

    @api.model
    def _limits_for(self, answer):
        """Per attempt: what the question's time limit can produce at a generous bitrate, never more than the
        company's absolute limit."""
        cap = (answer.company_id.ai_upload_max_mb or 512) * uploads.limits.MB
        line = answer.question_line_id
        return uploads.Limits(max_total=uploads.limits.max_answer_bytes(line.time_limit, answer.mode, cap))

    @api.model
    def _check_quota(self, answer, total_size):
        """All uploads one interview ever announced (replaced and failed ones included) stay within what its
        questions can legitimately need: a client cannot fill the disk by restarting uploads."""
        interview = answer.interview_id
        cap = (answer.company_id.ai_upload_max_mb or 512) * uploads.limits.MB
        quota = uploads.limits.interview_quota(
            [(line.time_limit, line.max_retakes + 1, line.answer_mode) for line in interview.question_line_ids],
            cap)
        self.env.cr.execute("SELECT COALESCE(SUM(u.total_size), 0) FROM hr_ai_upload u "
                            "JOIN hr_ai_interview_answer a ON a.id = u.answer_id WHERE a.interview_id = %s",
                            [interview.id])
        used = self.env.cr.fetchone()[0]
        if used + total_size > quota:
            raise UserError(_("This interview's storage for recordings is used up (%(used)s of %(quota)s MB). "
                              "Please contact the recruiter.", used=round(used / uploads.limits.MB),
                              quota=round(quota / uploads.limits.MB)))

    def _receive_chunk(self, index, fileobj, sha256_hex):
        self.ensure_one()
        if self.state != "open":
            raise UserError(_("This upload is closed (%s): start it again.", self.state))
        try:
            index = int(index)
        except (TypeError, ValueError):
            raise UserError(_("Invalid chunk number.")) from None
        if not 0 <= index < self.total_chunks:
            raise UserError(_("Chunk %(i)s is out of range (0–%(n)s).", i=index, n=self.total_chunks - 1))
        store = self._store()
        try:
            store.write_chunk(index, fileobj, sha256_hex, expected_size=self._expected_chunk_size(index))
        except uploads.UploadError as exc:
            error = UserError(exc.message)
            error.code = exc.code  # e.g. storage_unavailable: the API answers 503 and the page retries
            raise error from exc
        received = store.received()
        return {"received": len(received), "missing": store.missing(self.total_chunks)}

    def _complete(self):
        """Check and accept the whole recording; storing it is `_job_assemble`'s work. Idempotent: a repeated
        call returns the same state. Returns {'state', 'error'[, 'attachment_id']}; missing chunks keep the
        upload open."""
        self.ensure_one()
        # Serialize completion of one upload and any change of its answer: a client retry racing the first
        # call, a retake or a submit waits here (only for the checks below: nothing is read or copied), then
        # (repeatable read) gets a serialization failure that Odoo's request retry turns into a clean second
        # pass over the committed state.
        self._lock_rows()
        answer = self.answer_id
        if self.state in RECEIVED:
            return self._result()
        if self.state == "failed":
            return {"state": "failed", "error": self.error}
        try:
            answer._check_answerable()  # still current, still open, not sent by another request meanwhile
        except UserError as exc:
            return self._fail(exc.args[0])
        store = self._store()
        missing = store.missing(self.total_chunks)
        if missing:
            return {"state": "open", "error": _("%(n)s piece(s) of the recording are missing: %(which)s",
                                                n=len(missing), which=uploads.store._ranges(missing)),
                    "missing": missing}
        try:
            mimetype = uploads.check_type(store.head(), "audio" if answer.mode == "audio" else "video")
            store.finish(self.total_chunks, self.sha256, self.total_size)  # size and checksum, from the state
        except uploads.UploadError as exc:
            if exc.code == "storage_unavailable":
                error = UserError(exc.message)
                error.code = exc.code  # 503: the page completes again
                raise error from exc
            return self._fail(exc.message)
        self.write({"state": "assembling", "mimetype": mimetype, "error": False})
        answer.state = "uploaded"  # received: the candidate goes on; scoring waits for the attachment
        self._enqueue_assembly()
        return self._result()

    def _lock_rows(self):
        self.env.cr.execute("SELECT id FROM hr_ai_upload WHERE id = %s FOR NO KEY UPDATE", [self.id])
        self.env.cr.execute("SELECT id FROM hr_ai_interview_answer WHERE id = %s FOR NO KEY UPDATE",
                            [self.answer_id.id])
        self.invalidate_recordset()
        self.answer_id.invalidate_recordset()

    def _enqueue_assembly(self):
        for upload in self:
            upload.with_delay(channel=UPLOAD_CHANNEL, identity_key="hr_ai_upload:%s" % upload.id,
                              description=_("AI interview: store the recording of upload %s", upload.id),
                              )._job_assemble()

    def _job_assemble(self):
        """queue_job: remux the received file, attach it to the answer, queue scoring. Idempotent (a requeued
        or repeated run finds the upload complete); the file work runs before the rows are locked."""
        upload = self.sudo().exists()
        if not upload or upload.state != "assembling":
            return "nothing to do (%s)" % (upload.state if upload else "upload deleted")
        store = upload._store()
        src = store.assembled_path
        if not os.path.exists(src):  # servers sharing the data directory over the network may lag behind
            raise RetryableJobError(_("The recording of upload %s is not on this server's disk yet.", upload.id))
        seekable = os.path.join(store.dir, "seekable-%s.bin" % uuid.uuid4().hex)
        try:
            # browser WebM has no Duration/Cues: players would show 0:00 and could not seek
            kept, duration = uploads.make_seekable(src, seekable, upload.mimetype)
            attachment = upload._create_attachment(kept, upload.mimetype)
        except OSError as exc:  # filestore full or unreachable: retried with back-off, then on_fail
            raise RetryableJobError(_("The recording of upload %(id)s could not be stored yet: %(error)s",
                                      id=upload.id, error=exc.strerror or exc)) from exc
        finally:
            if os.path.exists(seekable):
                os.unlink(seekable)
        upload._lock_rows()
        if upload.state != "assembling":  # another run stored it while this one worked
            attachment.unlink()
            return "stored meanwhile by another run"
        answer = upload.answer_id
        vals = {"attachment_id": attachment.id, "duration": duration or 0.0}
        if answer.state == "failed" and answer.failure_code == "assembly_failed":
            vals.update(state="uploaded", failure_code=False, failure_reason=False)  # stored at last
        answer.write(vals)
        upload.write({"state": "complete", "error": False})
        self.env.cr.postcommit.add(store.cleanup)  # a rolled-back run keeps the file for the retry
        self._purge_superseded(answer.question_line_id._current_answer() or answer)
        if not answer.is_practice and answer.interview_id.state in ("in_progress", "scoring"):
            answer._enqueue_scoring()
        return "stored as attachment %s (%s bytes)" % (attachment.id, attachment.file_size)

    def _job_assemble_on_fail(self, **fail_vals):
        """queue_job: the assembly failed for good. The file stays (the upload stays `assembling`); the
        answer is failed with the reason, and HR's re-score queues the assembly again."""
        message = fail_vals.get("exc_message") or fail_vals.get("exc_name") or "unknown error"
        for upload in self.sudo().exists().filtered(lambda u: u.state == "assembling"):
            upload.error = message
            answer = upload.answer_id
            if answer.state == "uploaded" and not answer.attachment_id:
                answer.write({"state": "failed", "failure_code": "assembly_failed",
                              "failure_reason": _("The recording was received but could not be stored: %s",
                                                  message)})
                answer.interview_id._finalize_if_complete()

    def _fail(self, message):
        """Unrecoverable upload (wrong type, checksum): drop the chunks once this is committed; the answer can
        be uploaded again."""
        for upload in self:
            upload.env.cr.postcommit.add(upload._store().cleanup)
            upload.write({"state": "failed", "error": message})
            if upload.answer_id.state == "uploading":
                upload.answer_id.state = "pending"
        return {"state": "failed", "error": message}

    def _create_attachment(self, path, mimetype):
        answer = self.answer_id
        ext = {"video/webm": "webm", "audio/webm": "webm", "video/mp4": "mp4", "audio/mp4": "m4a",
               "audio/ogg": "ogg", "audio/wav": "wav"}.get(mimetype, "bin")
        return self.env["ir.attachment"].sudo().create({
            "name": "answer-%s-q%s-a%s.%s" % (answer.interview_id.id, answer.question_sequence, answer.attempt,
                                            ext),
            "type": "binary", "raw": FileContent(path), "mimetype": mimetype, "res_model": answer._name,
            "res_id": answer.id})

    @api.model
    def _purge_superseded(self, answer):
        """Recordings of replaced attempts are deleted: kept are the current attempt's and, until the current
        one has a score, the latest scored earlier attempt's (what HR may still be looking at)."""
        siblings = answer.sudo().search([("question_line_id", "=", answer.question_line_id.id),
                                         ("id", "!=", answer.id), ("is_current", "=", False),
                                         ("attachment_id", "!=", False)])
        keep = siblings.browse()
        if answer.state != "scored":
            keep = siblings.filtered(lambda a: a.state == "scored").sorted("attempt")[-1:]
        (siblings - keep).attachment_id.unlink()

    # ---------- maintenance ----------
    @api.model
    def _cron_cleanup(self, max_age_days=7):
        """Drop chunk directories of abandoned uploads (untouched for `max_age_days`); stored uploads
        remove theirs at once, received ones keep theirs until stored."""
        received = self.search([("state", "=", "assembling")]).mapped("upload_uuid")  # kept until stored
        removed = uploads.ChunkStore.purge_older_than(self._root(), max_age_days * 86400, keep=received)
        self.search([("state", "=", "open"), ("upload_uuid", "in", removed)]).write(
            {"state": "failed", "error": "abandoned"})
        return len(removed)
