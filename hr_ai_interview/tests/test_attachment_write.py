# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two requests storing the same content at once (two page loads generating one asset bundle): the second one
must not compare against the first one's half-written file and fail with 'collides with an existing file'."""
import builtins
import hashlib
import os

from unittest.mock import patch

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestAttachmentWrite(TransactionCase):

    def test_same_content_written_meanwhile_does_not_collide(self):
        Attachment = self.env["ir.attachment"]
        data = os.urandom(256 * 1024)
        sha = hashlib.sha1(data).hexdigest()
        full_path = Attachment._full_path(sha[:2] + "/" + sha)
        real_open, nested, started = builtins.open, [], []

        class HalfThenOther:
            """The first writer's file: half the bytes land, then the other request stores the same content."""
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return self.fh.__exit__(*exc)

            def write(self, value):
                self.fh.write(value[:len(value) // 2])
                self.fh.flush()
                started.append(True)
                nested.append(Attachment._file_write(data, sha))  # raised UserError with Odoo's own write
                self.fh.write(value[len(value) // 2:])

        def opening(path, mode="r", *args, **kwargs):
            fh = real_open(path, mode, *args, **kwargs)
            if "w" in mode and str(path).startswith(full_path) and not started:
                return HalfThenOther(fh)
            return fh

        with patch.object(builtins, "open", opening):
            fname = Attachment._file_write(data, sha)
        self.assertEqual(nested, [fname])
        with real_open(full_path, "rb") as fh:
            self.assertEqual(fh.read(), data, "the stored file is not the content written")
