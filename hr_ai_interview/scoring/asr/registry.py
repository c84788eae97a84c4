"""Process-wide engine cache and the transcribe() entry point used by the engine."""
import re

from .base import empty_transcript, unavailable_transcript

_ENGINES = {}
_T2S = []


def get_engine(model_dir=None, fast=False):
    """The cached engine (loading is 0.4–2.8 s and ~500 MB: once per process, never per answer).
    fast=True: greedy decoding on the same loaded model, about twice as fast, fewer key terms right —
    for the practice room, where a quick answer matters more than evidence."""
    key = (model_dir or "default", bool(fast))
    if key not in _ENGINES:
        from .whisper import FasterWhisperEngine
        _ENGINES[key] = FasterWhisperEngine(model_dir=model_dir, beam_size=1 if fast else 5)
    return _ENGINES[key]


def reset_engines():
    _ENGINES.clear()


def to_simplified(text):
    if not _T2S:
        import opencc  # opencc-python-reimplemented: pure Python
        _T2S.append(opencc.OpenCC("t2s"))
    return _T2S[0].convert(text)


def _join(segments, lang):
    sep = " " if lang == "en" else ""
    text = sep.join(s["text"] for s in segments)
    return re.sub(r"\s+", " ", text).strip()


# Whisper's decoding failures, not speech: a unit said over and over ("许晓晓晓晓…" x 220, "and I was born in the 21st
# of my birth, and I was born in…") and a segment with more words than its time could hold (that "许晓晓…" lasted
# 0.05 s, after the last word of the answer). A loop is cut after its first occurrence (the words before it may be
# real; five in a row: "对对对" is speech); a segment faster than anyone speaks, or with at most two units left
# once its loop is cut, is dropped. 147 clips decoded twice: both such segments (one clip) dropped, no spoken one touched.
_LOOP = re.compile(r"([^\s\d].{0,59}?)(?:[\s,，、.]*\1){4,}", re.S)  # not from a digit: $600,000 is no loop
# Chinese characters / English words per second: 3x the fastest spoken segment of 147 clips (4.4 / 4.0), whose
# shortest segment lasted 1.0 s; a segment is given at least MIN_SECONDS for Whisper's timestamp slack
MAX_RATE = {"zh": 12.0, "en": 6.0}
MIN_SECONDS = 0.5


def clean_segments(segments, lang):
    """(segments without decoding loops or segments faster than speech, how many were repaired or dropped)."""
    from ..text.lang import count_units
    out, repaired = [], 0
    for s in segments:
        m = _LOOP.search(s["text"])
        text = s["text"][:m.start()] + m.group(1) if m else s["text"]
        n, fits = count_units(text, lang), MAX_RATE[lang] * max(MIN_SECONDS, s["end"] - s["start"])
        if m or n > fits:
            repaired += 1
            if n <= 2 or n > fits:
                continue
        out.append(dict(s, text=text.strip()))
    return out, repaired


def transcribe(audio, sr=16000, lang=None, engine=None):
    """Never raises: returns a transcript dict with status ok | empty | unavailable | failed."""
    if engine is False:
        return unavailable_transcript("speech recognition disabled")
    try:
        if engine in (None, "accurate", "fast"):
            engine = get_engine(fast=engine == "fast")
        result = engine.transcribe_array(audio, sr=sr, lang=lang)
    except Exception as exc:  # missing model, corrupted weights, engine bug: the answer is still scorable
        from .whisper import ModelUnavailable
        if isinstance(exc, (ModelUnavailable, ImportError)):
            return unavailable_transcript(str(exc))
        return empty_transcript(getattr(engine, "name", None), "failed", "%s: %s" % (type(exc).__name__, exc))
    language = result.get("language") or lang
    segments = result.get("segments") or []
    if language == "zh" or lang == "zh":
        for s in segments:
            s["text"] = to_simplified(s["text"])  # Whisper mixes traditional and simplified characters
    segments, repaired = clean_segments(segments, "en" if language == "en" else "zh")
    out = empty_transcript(getattr(engine, "name", "unknown"), "ok" if segments else "empty")
    if repaired:
        out["repaired_segments"] = repaired
    out.update(segments=segments, text=_join(segments, language), language=language)
    if result.get("language_heard"):
        out["language_heard"] = result["language_heard"]
    return out
