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


# What one answer may weigh, derived from the question's time limit. The browser records at 1 Mb/s video +
# 64 kb/s audio (hrai_recorder.js); 4x that leaves room for encoder overshoot and other browsers' defaults
# without letting a tampered client park hundreds of MB per attempt.
GENEROUS_BITS_PER_SECOND = {"video": 4_000_000 + 256_000, "audio": 256_000}
MARGIN_SECONDS = 15  # stop latency, the last timeslice, clock drift between page and server
MARGIN_BYTES = 2 * MB  # container headers, a short answer's fixed overhead


def max_duration(time_limit):
    """Longest recording accepted for a question answered in `time_limit` seconds."""
    return float(max(int(time_limit or 0), 1) + MARGIN_SECONDS)


def max_answer_bytes(time_limit, mode="video", cap=None):
    """Largest file accepted for one attempt: time limit (+ margin) x a generous bitrate + a margin,
    never above `cap` (the company's absolute limit)."""
    rate = GENEROUS_BITS_PER_SECOND["audio" if mode == "audio" else "video"]
    size = int(max_duration(time_limit) * rate / 8) + MARGIN_BYTES
    return min(size, cap) if cap else size


def interview_quota(lines, cap=None):
    """Bytes all uploads of one interview may announce in total, replaced and failed ones included:
    every attempt of every question at its limit, plus one spare attempt's worth per question for uploads
    restarted with another recording. `lines`: iterable of (time_limit, attempts, mode)."""
    return sum(max_answer_bytes(limit, mode, cap) * (attempts + 1) for limit, attempts, mode in lines)
