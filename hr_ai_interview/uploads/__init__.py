"""Pure-Python resumable chunk uploads (no odoo import): an on-disk chunk store with idempotent, out-of-order
chunk writes, in-order assembly and whole-file SHA-256 as the chunks arrive (resumable hash state), size
limits, container sniffing and the remux that gives browser recordings a duration.
The Odoo model `hr.ai.upload` is a thin wrapper around it."""
from .errors import (  # noqa: F401
    ChecksumMismatchError, ChunkConflictError, IncompleteUploadError, TooLargeError, UnsupportedTypeError,
    UploadError)
from .limits import Limits  # noqa: F401
from .remux import make_seekable, measure_duration  # noqa: F401
from .sniff import sniff_container, check_type  # noqa: F401
from .store import ChunkStore  # noqa: F401
