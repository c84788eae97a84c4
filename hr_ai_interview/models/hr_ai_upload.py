# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One resumable upload of one answer's recording. Chunks live on disk (pure `uploads` package) under
`<data_dir>/hr_ai_interview_uploads/<db>/<upload_uuid>/`, never in memory or in the database.

Attachment without reading the file: the chunks are assembled (streaming, SHA-256 verified, SHA-1 computed on
the way) into a temp file next to the filestore, which is then *renamed* to Odoo's content-addressed name
`<filestore>/<sha1[:2]>/<sha1>`; the ir.attachment row is created empty and its `store_fname`, `checksum`
and `file_size` set by SQL (the ORM drops them from create/write values, and going through `raw` would load
the whole file into memory). The file is also added to the filestore GC checklist, so a rolled-back
transaction leaves no orphan, exactly like `ir.attachment._file_write`."""
import hashlib
import logging
import os
import shutil
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
        company = self.answer_id.company_id if self else self.env.company
        return uploads.Limits(max_total=(company.ai_upload_max_mb or 512) * uploads.limits.MB)

    def _store(self):
        self.ensure_one()
        return uploads.ChunkStore(self._root(), self.upload_uuid, self._limits())

    def _expected_chunk_size(self, index):
        if index == self.total_chunks - 1:
            return self.total_size - self.chunk_size * (self.total_chunks - 1)
        return self.chunk_size

    def _status(self):
        store = self._store()
        received = store.received()
        return {"upload_id": self.id, "chunk_size": self.chunk_size, "total_chunks": self.total_chunks,
                "received": received, "missing": store.missing(self.total_chunks), "state": self.state}

    # ---------- contract ----------
    @api.model
    def _init_for_answer(self, answer, total_size, mimetype, chunk_size, sha256):
        """Start, or resume, the upload of `answer` (same size + checksum = same upload)."""
        chunk_size = int(chunk_size or DEFAULT_CHUNK)
        try:
            sha256 = uploads.store.check_sha256(sha256, "file checksum")
            total_chunks = self.with_company(answer.company_id)._limits_for(answer).check_plan(
                int(total_size), chunk_size)
        except uploads.UploadError as exc:
            raise UserError(exc.message) from exc
        existing = answer.upload_ids.filtered(lambda u: u.state == "open")
        same = existing.filtered(lambda u: u.sha256 == sha256 and u.total_size == total_size
                                 and u.chunk_size == chunk_size)[:1]
        for stale in existing - same:  # the client restarted with another recording
            stale._fail(_("Replaced by a new upload."))
        upload = same or self.create({"answer_id": answer.id, "total_size": total_size, "chunk_size": chunk_size,
                                      "total_chunks": total_chunks, "sha256": sha256,
                                      "mimetype": (mimetype or "")[:64]})
        if answer.state == "pending":
            answer.state = "uploading"
        return upload._status()

    @api.model
    def _limits_for(self, answer):
        return uploads.Limits(max_total=(answer.company_id.ai_upload_max_mb or 512) * uploads.limits.MB)

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
            raise UserError(exc.message) from exc
        received = store.received()
        return {"received": len(received), "missing": store.missing(self.total_chunks)}

    def _complete(self):
        """Assemble, verify, attach and queue scoring. Idempotent: a repeated call after success returns the
        same state. Returns {'state', 'error'}; missing chunks keep the upload open."""
        self.ensure_one()
        # Serialize completion of one upload: a client retry racing the first call waits here, then (repeatable
        # read) gets a serialization failure that Odoo's request retry turns into a clean "complete".
        self.env.cr.execute("SELECT id FROM hr_ai_upload WHERE id = %s FOR NO KEY UPDATE", [self.id])
        answer = self.answer_id
        if self.state == "complete":
            return {"state": "complete", "error": False}
        if self.state == "failed":
            return {"state": "failed", "error": self.error}
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
        sha1 = hashlib.sha1()
        tmp = os.path.join(store.dir, "assembled-%s.bin" % uuid.uuid4().hex)
        try:
            info = store.assemble(self.total_chunks, tmp, self.sha256, self.total_size, {"sha1": sha1})
        except uploads.UploadError as exc:
            return self._fail(exc.message)
        attachment = self._attachment_from_path(tmp, info, mimetype)
        answer.write({"attachment_id": attachment.id, "mimetype": mimetype, "size": info["size"],
                      "sha256": info["sha256"], "state": "uploaded"})
        self.write({"state": "complete", "mimetype": mimetype, "error": False})
        store.cleanup()
        if not answer.is_practice and answer.interview_id.state in ("in_progress", "submitted", "scoring"):
            answer._enqueue_scoring()
        return {"state": "complete", "error": False}

    def _fail(self, message):
        """Unrecoverable upload (wrong type, checksum): drop the chunks; the answer can be uploaded again."""
        for upload in self:
            upload._store().cleanup()
            upload.write({"state": "failed", "error": message})
            if upload.answer_id.state == "uploading":
                upload.answer_id.state = "pending"
        return {"state": "failed", "error": message}

    def _attachment_from_path(self, path, info, mimetype):
        Attachment = self.env["ir.attachment"].sudo()
        sha1 = info["sha1"]
        fname = "%s/%s" % (sha1[:2], sha1)
        full = Attachment._full_path(fname)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if os.path.exists(full) and os.path.getsize(full) == info["size"]:
            os.unlink(path)  # same content already in the filestore (content-addressed)
        else:
            shutil.move(path, full)  # a rename on the same filesystem; a streamed copy otherwise
        Attachment._mark_for_gc(fname)  # GC keeps it once our row is committed, removes it on rollback
        answer = self.answer_id
        ext = {"video/webm": "webm", "audio/webm": "webm", "video/mp4": "mp4", "audio/mp4": "m4a",
               "audio/ogg": "ogg", "audio/wav": "wav"}.get(mimetype, "bin")
        attachment = Attachment.create({
            "name": "answer-%s-q%s-a%s.%s" % (answer.interview_id.id, answer.question_sequence, answer.attempt,
                                            ext),
            "type": "binary", "mimetype": mimetype, "res_model": answer._name, "res_id": answer.id})
        self.env.cr.execute("UPDATE ir_attachment SET store_fname = %s, checksum = %s, file_size = %s, "
                            "mimetype = %s WHERE id = %s", [fname, sha1, info["size"], mimetype, attachment.id])
        attachment.invalidate_recordset(["store_fname", "checksum", "file_size", "mimetype", "raw", "datas"])
        return attachment

    # ---------- maintenance ----------
    @api.model
    def _cron_cleanup(self, max_age_days=7):
        """Drop chunk directories of abandoned uploads (untouched for `max_age_days`); finished uploads
        remove theirs at once."""
        removed = uploads.ChunkStore.purge_older_than(self._root(), max_age_days * 86400)
        self.search([("state", "=", "open"), ("upload_uuid", "in", removed)]).write(
            {"state": "failed", "error": "abandoned"})
        return len(removed)
