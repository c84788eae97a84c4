"""Size limits of one upload. Defaults suit a 10-minute 2.5 Mb/s browser recording (~190 MB) with margin."""
from dataclasses import dataclass

from .errors import TooLargeError, UploadError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_total: int = 512 * MB  # whole file
    max_chunk: int = 8 * MB  # one request body; keeps per-request memory and timeouts bounded
    min_chunk: int = 64 * 1024  # below this, request overhead dominates (and a client could open 100k files)
    max_chunks: int = 10000

    def check_plan(self, total_size, chunk_size):
        """Validate an upload announced by the client; returns the number of chunks."""
        if not isinstance(total_size, int) or total_size <= 0:
            raise UploadError("The recording is empty.", code="empty")
        if total_size > self.max_total:
            raise TooLargeError(
                "The recording is too large (%.1f MB; the limit is %d MB)." % (total_size / MB, self.max_total // MB),
                size=total_size, limit=self.max_total)
        if not isinstance(chunk_size, int) or not self.min_chunk <= chunk_size <= self.max_chunk:
            raise UploadError("Invalid chunk size %r: it must be between %d KB and %d MB."
                              % (chunk_size, self.min_chunk // 1024, self.max_chunk // MB), code="bad_chunk_size")
        count = -(-total_size // chunk_size)
        if count > self.max_chunks:
            raise UploadError("Too many chunks (%d, limit %d): use larger chunks." % (count, self.max_chunks),
                              code="too_many_chunks")
        return count
