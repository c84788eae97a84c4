"""Engine interface and transcript shape: {text, segments:[{start, end, text, confidence}], engine, status}."""


class ASREngine:
    """Subclass and implement `transcribe_array`. Engines must never receive rubric keywords: a prompt or hotwords
    make Whisper write words that were never spoken, which would fabricate evidence."""

    name = "abstract"

    def transcribe_array(self, audio, sr=16000, lang=None):
        """audio: float32 mono. Returns dict(text, segments, language)."""
        raise NotImplementedError

    def warm_up(self):
        """Load models now rather than on the first answer."""


def empty_transcript(engine, status, reason=None):
    out = {"text": "", "segments": [], "engine": engine, "status": status}
    if reason:
        out["reason"] = reason
    return out


def unavailable_transcript(reason):
    return empty_transcript(None, "unavailable", reason)
