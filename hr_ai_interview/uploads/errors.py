"""Upload errors carry a stable `code` (for the portal's JSON) and a human message. All are client errors:
retrying the same bytes fails the same way (except IncompleteUploadError: send the missing chunks)."""


class UploadError(Exception):
    code = "upload_error"

    def __init__(self, message, code=None, **details):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details

    def to_dict(self):
        return dict(self.details, code=self.code, message=self.message)


class TooLargeError(UploadError):
    code = "too_large"


class UnsupportedTypeError(UploadError):
    code = "unsupported_type"


class ChecksumMismatchError(UploadError):
    code = "checksum_mismatch"


class ChunkConflictError(UploadError):
    """A chunk index already stored with different content: the client must not silently replace data."""
    code = "chunk_conflict"


class IncompleteUploadError(UploadError):
    code = "incomplete"
