"""On-disk chunk store of one upload: `<root>/<upload_id>/<index>.chunk`.

Why on disk and not in the database: chunks of a 200 MB answer must never sit in memory or in a transaction, and
several Odoo servers sharing the data directory (as they share the filestore) can take chunks of the same upload.
Every write is a temp file + hard link, so a chunk file either does not exist or is complete and verified."""
import hashlib
import os
import re
import shutil
import time
import uuid

from .errors import ChecksumMismatchError, ChunkConflictError, IncompleteUploadError, TooLargeError, UploadError
from .limits import Limits

BLOCK = 64 * 1024
_ID_RE = re.compile(r"^[0-9a-f][0-9a-f-]{7,63}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_CHUNK_RE = re.compile(r"^(\d{6})\.chunk$")


def check_sha256(value, what="checksum"):
    value = (value or "").strip().lower()
    if not _SHA_RE.match(value):
        raise UploadError("Invalid SHA-256 %s: expected 64 hexadecimal characters." % what, code="bad_checksum")
    return value


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(BLOCK), b""):
            h.update(block)
    return h.hexdigest()


class ChunkStore:
    def __init__(self, root, upload_id, limits=None):
        if not _ID_RE.match(upload_id or ""):
            raise ValueError("invalid upload id %r" % upload_id)  # never let a client-chosen id escape `root`
        self.root = root
        self.upload_id = upload_id
        self.dir = os.path.join(root, upload_id)
        self.limits = limits or Limits()

    # ---------- chunks ----------
    def chunk_path(self, index):
        return os.path.join(self.dir, "%06d.chunk" % index)

    def write_chunk(self, index, fileobj, sha256_hex, expected_size=None):
        """Stream `fileobj` to disk as chunk `index`. Returns True when written, False when the same chunk was
        already stored (idempotent re-send). Raises ChunkConflictError if a different chunk is stored there,
        ChecksumMismatchError if the bytes do not match `sha256_hex`, TooLargeError/UploadError on size."""
        sha256_hex = check_sha256(sha256_hex, "chunk checksum")
        if not isinstance(index, int) or not 0 <= index < self.limits.max_chunks:
            raise UploadError("Invalid chunk index %r." % (index,), code="bad_index")
        final = self.chunk_path(index)
        if os.path.exists(final):
            return self._same_chunk(index, final, sha256_hex)
        os.makedirs(self.dir, exist_ok=True)
        cap = expected_size if expected_size is not None else self.limits.max_chunk
        tmp = os.path.join(self.dir, "%06d.%s.part" % (index, uuid.uuid4().hex))
        h, size = hashlib.sha256(), 0
        try:
            try:
                with open(tmp, "wb") as out:
                    for block in iter(lambda: fileobj.read(BLOCK), b""):
                        size += len(block)
                        if size > cap:
                            raise TooLargeError("Chunk %d is larger than expected (limit %d bytes)."
                                                % (index, cap), index=index)
                        h.update(block)
                        out.write(block)
            except OSError as exc:  # disk full, quota, I/O error: the part file goes, the client sends again
                raise UploadError("Piece %d of the recording could not be stored on the server (%s): it will "
                                  "be sent again." % (index, exc.strerror or type(exc).__name__),
                                  code="storage_unavailable", index=index) from None
            if expected_size is not None and size != expected_size:
                raise UploadError("Chunk %d has %d bytes, expected %d." % (index, size, expected_size),
                                  code="bad_chunk_size", index=index)
            if h.hexdigest() != sha256_hex:
                raise ChecksumMismatchError("Chunk %d was damaged in transit (checksum mismatch): send it again."
                                            % index, index=index)
            try:
                os.link(tmp, final)  # atomic create-if-absent: a concurrent re-send cannot half-overwrite it
            except FileExistsError:
                return self._same_chunk(index, final, sha256_hex)
            return True
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def _same_chunk(self, index, path, sha256_hex):
        if file_sha256(path) == sha256_hex:
            return False
        raise ChunkConflictError(
            "Chunk %d was already received with different content; restart the upload." % index, index=index)

    def received(self):
        try:
            names = os.listdir(self.dir)
        except FileNotFoundError:
            return []
        return sorted(int(m.group(1)) for m in map(_CHUNK_RE.match, names) if m)

    def missing(self, total_chunks):
        have = set(self.received())
        return [i for i in range(total_chunks) if i not in have]

    def head(self, size=16):
        """First bytes of the file (from chunk 0), for type sniffing before assembly."""
        try:
            with open(self.chunk_path(0), "rb") as fh:
                return fh.read(size)
        except FileNotFoundError:
            return b""

    # ---------- assembly ----------
    def assemble(self, total_chunks, out_path, expected_sha256, expected_size=None, extra_hashers=None):
        """Concatenate chunks 0..n-1 into `out_path`, streaming, verifying the whole-file SHA-256 (and size).
        `extra_hashers` ({name: hashlib object}) are fed the same bytes (e.g. SHA-1 for Odoo's filestore name).
        Returns {'size', 'sha256', **{name: hexdigest}}; on any error `out_path` does not exist."""
        expected_sha256 = check_sha256(expected_sha256, "file checksum")
        missing = self.missing(total_chunks)
        if missing:
            raise IncompleteUploadError("%d chunk(s) missing: %s" % (len(missing), _ranges(missing)),
                                        missing=missing)
        extra = dict(extra_hashers or {})
        h, size = hashlib.sha256(), 0
        tmp = "%s.%s.part" % (out_path, uuid.uuid4().hex)
        try:
            with open(tmp, "wb") as out:
                for index in range(total_chunks):
                    with open(self.chunk_path(index), "rb") as fh:
                        for block in iter(lambda: fh.read(BLOCK), b""):
                            size += len(block)
                            if size > self.limits.max_total:
                                raise TooLargeError("The assembled file exceeds %d bytes." % self.limits.max_total)
                            h.update(block)
                            for hasher in extra.values():
                                hasher.update(block)
                            out.write(block)
            if expected_size is not None and size != expected_size:
                raise UploadError("The assembled file has %d bytes, expected %d." % (size, expected_size),
                                  code="bad_size")
            digest = h.hexdigest()
            if digest != expected_sha256:
                raise ChecksumMismatchError("The assembled file does not match its checksum: upload it again.",
                                            expected=expected_sha256, actual=digest)
            os.replace(tmp, out_path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return dict({name: hasher.hexdigest() for name, hasher in extra.items()}, size=size, sha256=digest)

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    @staticmethod
    def purge_older_than(root, seconds, keep=()):
        """Remove upload directories untouched for `seconds` (abandoned uploads). Returns the removed ids."""
        removed, limit = [], time.time() - seconds
        try:
            names = os.listdir(root)
        except FileNotFoundError:
            return removed
        for name in names:
            path = os.path.join(root, name)
            if name in keep or not _ID_RE.match(name) or not os.path.isdir(path):
                continue
            if os.path.getmtime(path) < limit:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(name)
        return removed


def _ranges(indexes):
    """[0, 1, 2, 5] -> '0-2, 5' (readable error messages for long missing lists)."""
    out, start, prev = [], None, None
    for i in indexes:
        if start is None:
            start = prev = i
        elif i == prev + 1:
            prev = i
        else:
            out.append(str(start) if start == prev else "%d-%d" % (start, prev))
            start = prev = i
    if start is not None:
        out.append(str(start) if start == prev else "%d-%d" % (start, prev))
    return ", ".join(out)
