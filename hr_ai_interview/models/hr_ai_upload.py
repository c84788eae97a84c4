# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One resumable upload of one answer's recording. Chunks live on disk (pure `uploads` package) under
`<data_dir>/hr_ai_interview_uploads/<db>/<upload_uuid>/`, never in memory or in the database.

Completion assembles the chunks (streaming, SHA-256 verified) and creates the recording through the public
`ir.attachment` API (`raw`), so it lands wherever the database keeps attachments: filestore, database
(`ir_attachment.location = db`) or object storage (fs_attachment). The cost is one copy of the file in memory
while the attachment is written, bounded by the question's own size limit (`uploads.limits.max_answer_bytes`).
Chunks are removed only after the transaction commits: a completion that is rolled back and retried by Odoo
still finds them."""
import logging
import os
import uuid

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import config

from .. import uploads

_logger = logging.getLogger(__name__)
DEFAULT_CHUNK = 1024 * 1024


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
    state = fields.Selection([("open", "Open"), ("complete", "Complete"), ("failed", "Failed")], default="open",
                             required=True, index=True)
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
        if self.state == "complete":  # chunks are gone: all of them were received
            received, missing = list(range(self.total_chunks)), []
        else:
            store = self._store()
            received, missing = store.received(), store.missing(self.total_chunks)
        return {"upload_id": self.id, "chunk_size": self.chunk_size, "total_chunks": self.total_chunks,
                "received": received, "missing": missing, "state": self.state}

    def _result(self):
        return {"state": "complete", "error": False, "attachment_id": self.answer_id.attachment_id.id}

    # ---------- contract ----------
    @api.model
    def _completed_for(self, answer, sha256):
        """The finished upload of exactly this recording on `answer` (a client that lost the completion
        response and starts again gets it back instead of a refusal)."""
        sha256 = (sha256 or "").strip().lower()
        return answer.upload_ids.filtered(lambda u: u.state == "complete" and u.sha256 == sha256)[:1] \
            if answer.attachment_id and answer.sha256 == sha256 else self.browse()

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
        """Assemble, verify, attach and queue scoring. Idempotent: a repeated call after success returns the
        same attachment. Returns {'state', 'error'[, 'attachment_id']}; missing chunks keep the upload open."""
        self.ensure_one()
        # Serialize completion of one upload and any change of its answer: a client retry racing the first
        # call, a retake or a submit waits here, then (repeatable read) gets a serialization failure that
        # Odoo's request retry turns into a clean second pass over the committed state.
        self.env.cr.execute("SELECT id FROM hr_ai_upload WHERE id = %s FOR NO KEY UPDATE", [self.id])
        self.env.cr.execute("SELECT id FROM hr_ai_interview_answer WHERE id = %s FOR NO KEY UPDATE",
                            [self.answer_id.id])
        self.invalidate_recordset()
        answer = self.answer_id
        answer.invalidate_recordset()
        if self.state == "complete":
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
        except uploads.UploadError as exc:
            return self._fail(exc.message)
        tmp = os.path.join(store.dir, "assembled-%s.bin" % uuid.uuid4().hex)
        try:
            store.assemble(self.total_chunks, tmp, self.sha256, self.total_size)  # verifies size and checksum
        except uploads.UploadError as exc:
            return self._fail(exc.message)
        seekable = tmp + ".seekable"
        try:
            # browser WebM has no Duration/Cues: players would show 0:00 and could not seek
            kept, duration = uploads.make_seekable(tmp, seekable, mimetype)
            attachment = self._create_attachment(kept, mimetype)
        finally:
            for path in (tmp, seekable):
                if os.path.exists(path):
                    os.unlink(path)
        answer.write({"attachment_id": attachment.id, "duration": duration or 0.0, "state": "uploaded"})
        self.write({"state": "complete", "mimetype": mimetype, "error": False})
        self.env.cr.postcommit.add(store.cleanup)  # a rolled-back completion keeps its chunks for the retry
        self._purge_superseded(answer)
        if not answer.is_practice and answer.interview_id.state in ("in_progress", "scoring"):
            answer._enqueue_scoring()
        return self._result()

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
        with open(path, "rb") as fh:
            raw = fh.read()
        return self.env["ir.attachment"].sudo().create({
            "name": "answer-%s-q%s-a%s.%s" % (answer.interview_id.id, answer.question_sequence, answer.attempt,
                                            ext),
            "type": "binary", "raw": raw, "mimetype": mimetype, "res_model": answer._name, "res_id": answer.id})

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
        """Drop chunk directories of abandoned uploads (untouched for `max_age_days`); finished uploads
        remove theirs at once."""
        removed = uploads.ChunkStore.purge_older_than(self._root(), max_age_days * 86400)
        self.search([("state", "=", "open"), ("upload_uuid", "in", removed)]).write(
            {"state": "failed", "error": "abandoned"})
        return len(removed)
