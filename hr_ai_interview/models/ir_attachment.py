# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Attachments made from a file on disk without holding it in memory.

`ir.attachment.create({'raw': FileContent(path), ...})` is the public API as usual; only where Odoo would need
the whole file as bytes (checksum, filestore write) this reads it in blocks instead, so storing a 200 MB
recording costs the server no 200 MB. The filestore layout, checksum and garbage-collection marks are Odoo's
own. Other storages (database, object storage modules) get the bytes, as they need them."""
import filecmp
import hashlib
import logging
import os
import shutil
import uuid

from odoo import _, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)
BLOCK = 1024 * 1024


def _place(full_path, write):
    """Write a filestore file through a temporary name and rename it into place: a reader (another
    request's collision check for the same content) never sees half a file."""
    os.makedirs(os.path.dirname(full_path), exist_ok=True)
    tmp = "%s.%s.part" % (full_path, uuid.uuid4().hex)
    try:
        write(tmp)
        os.replace(tmp, full_path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class FileContent:
    """The content of the file at `path` (SHA-1 and size read once, in blocks), passed as `raw`."""

    def __init__(self, path):
        self.path = path
        h, self.size = hashlib.sha1(), 0
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(BLOCK), b""):
                h.update(block)
                self.size += len(block)
        self.sha1 = h.hexdigest()

    def __len__(self):
        return self.size

    def read(self):
        with open(self.path, "rb") as fh:
            return fh.read()


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _get_datas_related_values(self, data, mimetype):
        if not isinstance(data, FileContent):
            return super()._get_datas_related_values(data, mimetype)
        if self._storage() != "file":
            return super()._get_datas_related_values(data.read(), mimetype)
        fname = data.sha1[:2] + "/" + data.sha1  # as ir.attachment._get_path
        full_path = self._full_path(fname)
        if os.path.isfile(full_path):
            if not filecmp.cmp(data.path, full_path, shallow=False):
                raise UserError(_("The attachment collides with an existing file."))
        else:
            _place(full_path, lambda tmp: shutil.copyfile(data.path, tmp))
            self._mark_for_gc(fname)  # removed again if this transaction aborts
        return {"file_size": data.size, "checksum": data.sha1, "index_content": self._index(b"", mimetype),
                "store_fname": fname, "db_datas": False}

    def _file_write(self, bin_value, checksum):
        """Odoo's own write, made atomic. Odoo opens the final path and writes into it; a second request
        storing the same content meanwhile (two page loads generating one asset bundle) compares against the
        half-written file, raises 'The attachment collides with an existing file.' and the page loses its
        script (seen in the fault bench: no record button)."""
        fname, full_path = self._get_path(bin_value, checksum)
        if not os.path.exists(full_path):
            def write(tmp):
                with open(tmp, "wb") as fp:
                    fp.write(bin_value)
            try:
                _place(full_path, write)
                self._mark_for_gc(fname)  # add fname to the checklist, in case the transaction aborts
            except OSError:
                _logger.info("_file_write writing %s", full_path, exc_info=True)
        return fname
