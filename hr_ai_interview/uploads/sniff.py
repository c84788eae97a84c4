"""Container sniffing from the first bytes: the declared MIME type comes from the client and proves nothing."""
from .errors import UnsupportedTypeError

# container -> (mimetype for video answers, mimetype for audio answers)
CONTAINERS = {
    "webm": ("video/webm", "audio/webm"),  # EBML: WebM and Matroska share the magic (MediaRecorder, Chrome/Firefox)
    "mp4": ("video/mp4", "audio/mp4"),  # ISO BMFF 'ftyp' box (Safari MediaRecorder)
    "ogg": (None, "audio/ogg"),
    "wav": (None, "audio/wav"),
}
ALLOWED = {"video": ("webm", "mp4"), "audio": ("webm", "mp4", "ogg", "wav")}
HEAD_BYTES = 16


def sniff_container(head):
    """'webm' | 'mp4' | 'ogg' | 'wav' | None from at least the first 12 bytes."""
    head = bytes(head[:HEAD_BYTES])
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if len(head) >= 8 and head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    return None


def check_type(head, mode="video"):
    """Return the MIME type to store for an answer of `mode` ('video' | 'audio'), or raise UnsupportedTypeError."""
    container = sniff_container(head)
    allowed = ALLOWED.get(mode, ALLOWED["video"])
    if container not in allowed:
        found = container.upper() if container else "an unknown format"
        raise UnsupportedTypeError(
            "The uploaded file is %s, not a supported %s recording (accepted: %s)."
            % (found, mode, ", ".join(c.upper() for c in allowed)), container=container)
    video_type, audio_type = CONTAINERS[container]
    return video_type if mode == "video" else audio_type
