"""On-disk chunk store of one upload: `<root>/<upload_id>/`.

Why on disk and not in the database: chunks of a 200 MB answer must never sit in memory or in a transaction, and
several Odoo servers sharing the data directory (as they share the filestore) can take chunks of the same upload.
A chunk arrives as a temp file + hard link (`<index>.chunk`: absent or complete and verified). Chunks that
continue the in-order prefix are then appended to `assembled.bin` and hashed at once (browsers send them in
order), so completion neither re-reads nor copies the file: `prefix.json` keeps how far the prefix got, the
digest of each chunk in it and the running whole-file SHA-256 (sha256state). Out-of-order chunks wait as files
until the gap is filled. Appending happens under a per-upload lock (a thread lock + flock on `.lock`)."""
import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import threading
import time
import uuid

from . import sha256state
from .errors import ChecksumMismatchError, ChunkConflictError, IncompleteUploadError, TooLargeError, UploadError
from .limits import Limits

BLOCK = 64 * 1024
_ID_RE = re.compile(r"^[0-9a-f][0-9a-f-]{7,63}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_CHUNK_RE = re.compile(r"^(\d{6})\.chunk$")
ASSEMBLED = "assembled.bin"
PREFIX = "prefix.json"
# flock excludes other processes (and other open files); threads of one process also need a thread lock
_THREAD_LOCKS = [threading.Lock() for _ in range(64)]


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
        self.assembled_path = os.path.join(self.dir, ASSEMBLED)

    # ---------- chunks ----------
    def chunk_path(self, index):
        return os.path.join(self.dir, "%06d.chunk" % index)

    def write_chunk(self, index, fileobj, sha256_hex, expected_size=None):
        """Stream `fileobj` to disk as chunk `index`, then extend the in-order prefix. Returns True when
        written, False when the same chunk was already stored (idempotent re-send). Raises ChunkConflictError
        if a different chunk is stored there, ChecksumMismatchError if the bytes do not match `sha256_hex`,
        TooLargeError/UploadError on size."""
        sha256_hex = check_sha256(sha256_hex, "chunk checksum")
        if not isinstance(index, int) or not 0 <= index < self.limits.max_chunks:
            raise UploadError("Invalid chunk index %r." % (index,), code="bad_index")
        known = self._known_digest(index)
        if known:
            return self._same_chunk(index, known, sha256_hex)
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
                raise _storage_error(index, exc) from None
            if expected_size is not None and size != expected_size:
                raise UploadError("Chunk %d has %d bytes, expected %d." % (index, size, expected_size),
                                  code="bad_chunk_size", index=index)
            if h.hexdigest() != sha256_hex:
                raise ChecksumMismatchError("Chunk %d was damaged in transit (checksum mismatch): send it again."
                                            % index, index=index)
            with self._locked():
                known = self._known_digest(index)  # a concurrent re-send may have stored it meanwhile
                if known:
                    return self._same_chunk(index, known, sha256_hex)
                os.link(tmp, self.chunk_path(index))
                try:
                    self._extend_prefix()
                except OSError as exc:  # the chunk stays stored; the next chunk or completion appends it
                    raise _storage_error(index, exc) from None
            return True
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def _known_digest(self, index):
        """SHA-256 of chunk `index` if it is stored (in the prefix or as a file), else None."""
        prefix = self._prefix()
        if index < prefix["next"]:
            return prefix["digests"][index]
        path = self.chunk_path(index)
        try:
            return file_sha256(path)
        except FileNotFoundError:  # absent, or appended to the prefix just now
            prefix = self._prefix()
            return prefix["digests"][index] if index < prefix["next"] else None

    @staticmethod
    def _same_chunk(index, known, sha256_hex):
        if known == sha256_hex:
            return False
        raise ChunkConflictError(
            "Chunk %d was already received with different content; restart the upload." % index, index=index)

    def received(self):
        try:
            names = os.listdir(self.dir)  # before the prefix: a chunk appended in between is in one of them
        except FileNotFoundError:
            return []
        waiting = {int(m.group(1)) for m in map(_CHUNK_RE.match, names) if m}
        return sorted(set(range(self._prefix()["next"])) | waiting)

    def missing(self, total_chunks):
        have = set(self.received())
        return [i for i in range(total_chunks) if i not in have]

    def head(self, size=16):
        """First bytes of the file (from the prefix or chunk 0), for type sniffing."""
        for path in (self.assembled_path, self.chunk_path(0)):
            try:
                with open(path, "rb") as fh:
                    head = fh.read(size)
            except FileNotFoundError:
                continue
            if head:
                return head
        return b""

    # ---------- the in-order prefix ----------
    @contextlib.contextmanager
    def _locked(self):
        os.makedirs(self.dir, exist_ok=True)
        with _THREAD_LOCKS[hash(self.upload_id) % len(_THREAD_LOCKS)]:
            with open(os.path.join(self.dir, ".lock"), "a") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX)
                yield  # closing the file releases the flock

    def _prefix(self):
        try:
            with open(os.path.join(self.dir, PREFIX), encoding="utf-8") as fh:
                return json.load(fh)
        except FileNotFoundError:
            return {"next": 0, "size": 0, "digests": [], "sha256_state": None}

    def _hasher(self, prefix):
        """The running SHA-256 of the prefix: resumed from its saved state, else re-hashed from the file
        (first use where sha256state is unavailable, or a state lost in a crash)."""
        if sha256state.AVAILABLE and prefix.get("sha256_state"):
            try:
                return sha256state.ResumableSha256(prefix["sha256_state"])
            except ValueError:
                pass
        h = sha256state.ResumableSha256() if sha256state.AVAILABLE else hashlib.sha256()
        left = prefix["size"]
        if left:
            with open(self.assembled_path, "rb") as fh:
                while left:
                    block = fh.read(min(BLOCK, left))
                    if not block:
                        raise IncompleteUploadError("The received part of the recording is damaged on the "
                                                    "server: upload it again.", missing=[])
                    h.update(block)
                    left -= len(block)
        return h

    def _extend_prefix(self):
        """Append the chunk files that continue the prefix (under the lock). Bytes written past the saved
        size by a process that died before saving are cut first; the state is saved after the data is on
        disk, so it never claims bytes that are not there."""
        prefix = self._prefix()
        if not os.path.exists(self.chunk_path(prefix["next"])):
            return prefix
        # without a resumable state, hashing here would re-read the whole prefix for every chunk (quadratic):
        # the prefix is then hashed once, by finish()
        hasher, consumed = (self._hasher(prefix) if sha256state.AVAILABLE else None), []
        with open(self.assembled_path, "ab") as out:
            out.truncate(prefix["size"])
            while os.path.exists(self.chunk_path(prefix["next"])):
                path, digest = self.chunk_path(prefix["next"]), hashlib.sha256()
                with open(path, "rb") as fh:
                    for block in iter(lambda: fh.read(BLOCK), b""):
                        prefix["size"] += len(block)
                        if prefix["size"] > self.limits.max_total:
                            raise TooLargeError("The assembled file exceeds %d bytes." % self.limits.max_total)
                        if hasher is not None:
                            hasher.update(block)
                        digest.update(block)
                        out.write(block)
                prefix["digests"].append(digest.hexdigest())
                prefix["next"] += 1
                consumed.append(path)
            out.flush()
            os.fsync(out.fileno())
        prefix["sha256_state"] = hasher.state() if hasher is not None else None
        tmp = os.path.join(self.dir, "%s.%s.part" % (PREFIX, uuid.uuid4().hex))
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(prefix, fh)
        os.replace(tmp, os.path.join(self.dir, PREFIX))
        for path in consumed:
            os.unlink(path)
        return prefix

    def finish(self, total_chunks, expected_sha256, expected_size=None):
        """Check that the prefix is the whole file: all chunks, the size and the SHA-256 computed while they
        arrived (nothing is re-read). Returns {'path', 'size', 'sha256'}; the file stays until cleanup()."""
        expected_sha256 = check_sha256(expected_sha256, "file checksum")
        missing = self.missing(total_chunks)
        if missing:
            raise IncompleteUploadError("%d chunk(s) missing: %s" % (len(missing), _ranges(missing)),
                                        missing=missing)
        with self._locked():
            try:
                prefix = self._extend_prefix()
            except OSError as exc:  # the chunks stay: completing again appends them
                raise _storage_error(self._prefix()["next"], exc) from None
            size = prefix["size"]
            if prefix["next"] != total_chunks or (expected_size is not None and size != expected_size):
                raise UploadError("The assembled file has %d bytes, expected %d." % (size, expected_size or 0),
                                  code="bad_size")
            digest = self._hasher(prefix).hexdigest()
        if digest != expected_sha256:
            raise ChecksumMismatchError("The assembled file does not match its checksum: upload it again.",
                                        expected=expected_sha256, actual=digest)
        return {"path": self.assembled_path, "size": size, "sha256": digest}

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


def _storage_error(index, exc):
    return UploadError("Piece %d of the recording could not be stored on the server (%s): it will be sent "
                       "again." % (index, exc.strerror or type(exc).__name__), code="storage_unavailable",
                       index=index)


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
