"""Windowed speech recognition (scoring/asr/whisper.py): an answer longer than two minutes is transcribed in
~30 s windows that cover the audio in order, end in a pause, and keep the segment times of the whole answer."""
import numpy as np

from scoring.asr import whisper

SR = 16000


def _speech_with_pauses(seconds, pause_every=7.0, seed=3):
    """Noise bursts ("words") with a 0.3 s pause every `pause_every` seconds."""
    rng = np.random.default_rng(seed)
    y = (rng.standard_normal(int(seconds * SR)) * 0.3).astype(np.float32)
    t = pause_every
    while t < seconds:
        y[int(t * SR):int((t + 0.3) * SR)] = 0.0
        t += pause_every
    return y


def test_windows_cover_the_audio_in_order_and_end_in_pauses():
    y = _speech_with_pauses(600)
    wins = list(whisper.windows(y, SR))
    assert wins[0][0] == 0 and wins[-1][1] == len(y)
    assert all(a[1] == b[0] for a, b in zip(wins, wins[1:]))  # no gap, no overlap
    assert all(0 < end - start <= 30 * SR for start, end in wins)
    assert 20 <= len(wins) <= 25
    for _start, end in wins[:-1]:  # every cut lands in one of the silent stretches
        assert np.all(y[end - 80:end + 80] == 0.0), end / SR


def test_answers_up_to_two_minutes_are_one_window():
    for seconds in (29.5, 119.0):
        y = _speech_with_pauses(seconds)
        assert list(whisper.windows(y, SR)) == [(0, len(y))]
    assert list(whisper.windows(np.zeros(0, np.float32), SR)) == []


class _Seg:
    def __init__(self, start, end, text):
        self.start, self.end, self.text, self.avg_logprob, self.no_speech_prob = start, end, text, -0.1, 0.0


class _Info:
    language = "zh"


class _Model:
    """Stands in for WhisperModel: says which window it got, with times inside the window."""

    def __init__(self):
        self.calls = []

    def transcribe(self, audio, **kw):
        self.calls.append((len(audio), kw["language"]))
        return iter([_Seg(1.0, 2.0, "w%d" % len(self.calls))]), _Info()


def test_segments_keep_the_answer_times_and_one_language():
    engine = whisper.FasterWhisperEngine()
    engine._model = model = _Model()
    y = _speech_with_pauses(130)
    out = engine.transcribe_array(y, SR)
    wins = list(whisper.windows(y, SR))
    assert len(wins) == 5
    assert [n for n, _lang in model.calls] == [end - start for start, end in wins]
    assert [lang for _n, lang in model.calls] == [None] + ["zh"] * (len(wins) - 1)  # detected once
    assert [s["start"] for s in out["segments"]] == [round(start / SR + 1.0, 2) for start, _end in wins]
    assert out["language"] == "zh" and [s["text"] for s in out["segments"]] == ["w1", "w2", "w3", "w4", "w5"]
