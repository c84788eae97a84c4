"""Speech feature bundle for one answer."""
import numpy as np

from . import activity, prosody, rate


def analyse_speech(y, sr=16000, lang="zh", affect=True, transcript_text=None):
    """Arrays in, JSON-able dict out. `affect` False skips pitch and loudness entirely (policy)."""
    y = np.asarray(y, dtype=np.float32)
    duration = len(y) / float(sr) if sr else 0.0
    vad = activity.voice_activity(y, sr)
    out = {"duration": round(duration, 2), "silent": vad["silent"]}
    if vad["silent"]:
        out.update(speech_seconds=0.0, rate=None, rate_unit=_unit(lang), pauses=activity.pause_stats([], (0, 0)),
                   rate_series=[], rate_change=None, syllables=0)
        if affect:
            out.update(pitch=None, loudness=None)
        return out
    mask = vad["mask"]
    plist, span = activity.pauses(mask)
    times = rate.syllable_times(y, sr, mask)
    spm = rate.rate_per_minute(times.size, span[1] - span[0])
    unit = _unit(lang)
    factor = 1.0 if lang != "en" else 1.0 / rate.EN_SYLLABLES_PER_WORD
    series = rate.rate_series(times, span)
    change = rate.last_minute_change(times, span)
    if factor != 1.0:
        for w in series:
            w["rate"] = round(w["rate"] * factor, 1)
        if change:
            change = {k: round(v * factor, 1) for k, v in change.items()}
    out.update(
        speech_span=[round(span[0], 2), round(span[1], 2)],
        speech_seconds=round(float(mask.sum()) * 0.01, 2),
        syllables=int(times.size),
        syllables_per_minute=spm,
        rate=round(spm * factor, 1),
        rate_unit=unit,
        rate_source="acoustic",
        rate_series=series,
        rate_change=change,
        pauses=activity.pause_stats(plist, span),
        noise_floor_dbfs=round(vad["floor"], 1),
    )
    if transcript_text:
        n = _count_units(transcript_text, lang)
        out["transcript_rate"] = rate.rate_per_minute(n, span[1] - span[0])
        if lang == "en" and n >= 5:  # words are countable exactly in a transcript; syllables/word is a guess
            out["rate"], out["rate_source"] = out["transcript_rate"], "transcript"
    if affect:
        out["pitch"] = prosody.pitch_stats(y, sr, mask)
        out["loudness"] = prosody.loudness_stats(vad["levels"], mask)
    return out


def _unit(lang):
    return "wpm" if lang == "en" else "字/分"


def _count_units(text, lang):
    import re
    if lang == "en":
        return len(re.findall(r"[A-Za-z']+", text))
    return len(re.findall(r"[\u4e00-\u9fff]", text))
