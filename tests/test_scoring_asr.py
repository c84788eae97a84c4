"""Speech recognition: English WER on espeak-ng English, Mandarin CER on natural-sounding Kokoro speech,
no prompt/hotwords ever, pinned weights, clean 'unavailable' status. Slow-marked but run by default."""
import re
import time

import numpy as np
import pytest

import _media
from scoring import asr as asr_mod
from scoring.asr import registry, whisper
from scoring.engine import score_answer, warm_up
from scoring.text.lang import count_units
from scoring.text.phonetic import edit_distance

pytestmark = pytest.mark.slow

EN_TEXT = ("When our product retention dropped last year, I interviewed many users and learned that the sign up "
           "flow was too long. We removed two steps, tested the new design with a small group, and retention "
           "improved within a month.")
ZH_TEXT = ("我在上一家公司负责一款记账应用的改版。当时用户留存率连续三个月下降。我先做了用户调研，访谈了三十位用户，"
           "发现主要的用户痛点是记账步骤太多。然后我根据调研数据重新做了功能优先级排序，把一键记账放在第一位。"
           "我用甘特图安排了六周的开发计划，并准备了风险应对方案。上线后我们根据用户反馈迭代了两个版本，"
           "最后留存率提升了百分之二十。")
ZH_TERMS = ["用户调研", "留存率", "调研数据", "功能优先级", "甘特图", "风险应对方案", "用户反馈", "开发计划",
            "三个月", "用户痛点", "版本", "百分之二十"]
RUBRIC = {"language": "zh", "dimensions": [
    {"name": "需求分析能力", "weight": 35, "keywords": ["用户调研数据", "功能优先级排序"]},
    {"name": "项目管理能力", "weight": 30, "keywords": ["甘特图", "风险应对方案"]},
    {"name": "用户思维", "weight": 35, "keywords": ["用户痛点", "用户反馈迭代"]}]}




def zh_norm(s):
    import cn2an  # installed with misaki[zh]: Whisper writes 30 / 20% where the speaker said 三十 / 百分之二十
    try:
        s = cn2an.transform(s, "an2cn")
    except Exception:
        pass
    return re.sub(r"[^\u4e00-\u9fff]", "", s)


def cer(ref, hyp):
    r, h = zh_norm(ref), zh_norm(hyp)
    return edit_distance(r, h) / len(r)


def wer(ref, hyp):
    r = re.findall(r"[a-z']+", ref.lower().replace("sign-up", "sign up"))
    h = re.findall(r"[a-z']+", hyp.lower().replace("sign-up", "sign up").replace("signup", "sign up"))
    return edit_distance(r, h) / len(r)


@pytest.fixture(scope="module")
def engine():
    e = asr_mod.get_engine()
    e.warm_up()
    return e


def test_english_wer(engine):
    y, sr = _media.read_wav(_media.english_clip(EN_TEXT))
    t = asr_mod.transcribe(y, sr, lang="en", engine=engine)
    assert t["status"] == "ok" and t["segments"]
    assert wer(EN_TEXT, t["text"]) <= 0.2, t["text"]
    seg = t["segments"][0]
    assert 0 <= seg["start"] < seg["end"] <= len(y) / sr + 0.5 and 0 < seg["confidence"] <= 1


@pytest.fixture(scope="module")
def kokoro_clip():
    return _media.kokoro_mandarin(ZH_TEXT, voice="jm_kumo")


def test_kokoro_mandarin_cer_and_key_terms(engine, kokoro_clip):
    y, sr = _media.read_wav(kokoro_clip)
    t = asr_mod.transcribe(y, sr, lang="zh", engine=engine)
    assert cer(ZH_TEXT, t["text"]) <= 0.25, t["text"]
    hyp = zh_norm(t["text"])
    found = [k for k in ZH_TERMS if zh_norm(k) in hyp]
    assert len(found) > len(ZH_TERMS) / 2, (found, t["text"])
    # simplified output even where Whisper emits traditional characters
    assert not set("這們個後發現") & set(t["text"])


def test_practice_room_latency_after_warm_up(engine, kokoro_clip):
    warm_up(asr=True)
    t0 = time.process_time()  # CPU seconds of all threads: robust to other jobs sharing the machine
    r = score_answer(kokoro_clip, rubric=RUBRIC, question="请描述一个你解决过的复杂问题", lang="zh", asr="fast")
    cpu = time.process_time() - t0
    dur = r["media"]["duration"]
    assert r["status"] == "scored" and r["transcript"]["status"] == "ok"
    assert 30 <= dur <= 60
    # a few seconds of wall time on 2 idle cores means well under one CPU-second per second of answer
    assert cpu < 0.6 * dur, (cpu, r["timings"])
    assert r["scores"]["overall"] > 40
    assert r["features"]["speech"]["transcript_rate"] > 0


class _Spy:
    """Wraps the real WhisperModel to record the decoding options."""

    def __init__(self, model):
        self.model, self.calls = model, []

    def transcribe(self, audio, **kw):
        self.calls.append(kw)
        return self.model.transcribe(audio, **kw)

    def detect_language(self, audio, **kw):
        return self.model.detect_language(audio, **kw)


def test_no_prompt_no_hotwords_vad_on(engine, monkeypatch):
    spy = _Spy(engine._load())
    monkeypatch.setattr(engine, "_model", spy)
    y, sr = _media.read_wav(_media.english_clip(EN_TEXT))
    score_answer(_media.audio_only(y, name="en.ogg", key="en"), rubric=RUBRIC, lang="en", asr=engine)
    (kw,) = spy.calls
    assert kw["initial_prompt"] is None and kw["hotwords"] is None
    assert kw["vad_filter"] is True and kw["condition_on_previous_text"] is False
    assert not any(k in str(kw) for k in ("甘特图", "用户痛点", "gantt"))


EN_RUBRIC = {"language": "en", "dimensions": [
    {"name": "Requirements analysis", "weight": 50, "keywords": ["user research", "prioritisation"]},
    {"name": "User focus", "weight": 50, "keywords": ["pain points", "user feedback"]}]}


def test_speech_in_the_other_language_is_transcribed_in_it(engine, kokoro_clip):
    """Told "en", Whisper translated this Mandarin answer into invented English ("In addition, the company responsible
    for the development of the economy...") and it scored 84 on words never said."""
    r = score_answer(kokoro_clip, rubric=EN_RUBRIC, question="Describe a complex problem you solved", lang="en",
                     asr=engine)
    heard = r["transcript"]["language_heard"]
    assert heard["language"] == "zh" and heard["probability"] >= whisper.SWITCH_PROBABILITY
    assert r["transcript"]["language"] == "zh" and cer(ZH_TEXT, r["transcript"]["text"]) <= 0.25
    assert r["language"] == "zh" and "language_mismatch" in r["flags"]
    same = score_answer(kokoro_clip, rubric=RUBRIC, question="请描述一个你解决过的复杂问题", lang="zh", asr=engine)
    assert "language_mismatch" not in same["flags"] and same["transcript"]["language"] == "zh"
    # English speech in a Chinese interview: heard as English, scored as English, flagged
    y, sr = _media.read_wav(_media.english_clip(EN_TEXT))
    t = asr_mod.transcribe(y, sr, lang="zh", engine=engine)
    assert t["language"] == "en" and t["language_heard"]["language"] == "en" and wer(EN_TEXT, t["text"]) <= 0.2


class _Unsure:
    """A model that hears `heard` with probability `p` and records the language it is told to decode."""

    def __init__(self, heard, p):
        self.heard, self.p, self.told = heard, p, []

    def detect_language(self, audio, **kw):
        return self.heard, self.p, [(self.heard, self.p)]

    def transcribe(self, audio, language=None, **kw):
        self.told.append(language)
        seg = type("S", (), dict(text=" x", start=0.0, end=1.0, avg_logprob=-0.1, no_speech_prob=0.0))
        return iter([seg]), type("I", (), dict(language=language))


@pytest.mark.parametrize("heard,p,told", [
    ("zh", 0.79, "en"),  # accented English Whisper is unsure of stays in the interview's language
    ("zh", 0.95, "zh"),
    ("ja", 0.99, "en"),  # a language the scorer does not read never replaces the interview's
    ("en", 0.99, "en"),
])
def test_interview_language_gives_way_only_to_a_sure_supported_one(monkeypatch, heard, p, told):
    model = _Unsure(heard, p)
    e = whisper.FasterWhisperEngine()
    monkeypatch.setattr(e, "_model", model)
    monkeypatch.setattr(e, "_load", lambda: model)
    out = e.transcribe_array(np.zeros(16000 * 3, np.float32), lang="en")
    assert model.told == [told] and out["language"] == told
    assert out["language_heard"] == {"language": heard, "probability": round(p, 3)}


# a validity-set answer (zh_planning a1) on whose last window Whisper loops at temperature 0: the sampling fallback
# then gave a different transcript almost every run ("许晓晓晓…" x 220, "请留点赞、转发…", or nothing)
LOOP_TEXT = ("我负责过一个电商仓的补货。以前是运营觉得要卖多少就备多少，经常压货。我做了个简单的表，用最近4周的平均销量乘以"
             "补货周期，再加一周的余量来下单，大促前再和运营确认一次量。用了三个月，库存从大概60天的量降到45天左右，"
             "缺货也没有明显增加。")


def test_same_recording_same_transcript_and_no_decoding_loop(engine):
    assert all(t == 0 for t in engine.temperature)  # sampling is random per process, whatever the seed
    y, sr = _media.read_wav(_media.kokoro_mandarin(LOOP_TEXT, voice="jf_alpha"))
    runs = [asr_mod.transcribe(y, sr, lang="zh", engine=engine) for _ in range(3)]
    assert runs[0]["segments"] == runs[1]["segments"] == runs[2]["segments"]
    assert cer(LOOP_TEXT, runs[0]["text"]) <= 0.3, runs[0]["text"]
    for sg in runs[0]["segments"]:
        assert count_units(sg["text"], "zh") <= registry.MAX_RATE["zh"] * max(
            registry.MIN_SECONDS, sg["end"] - sg["start"]), sg


@pytest.mark.parametrize("segments,kept", [
    # a loop after the last word, in 0.05 s: dropped whole (the words before its loop were invented too)
    ([(0.0, 6.8, "我负责过一个电商仓的补货。"), (29.76, 29.81, "我们都要做出一个许" + "语" * 200)],
     ["我负责过一个电商仓的补货。"]),
    ([(0.0, 9.0, "I was born in the 21st, " * 6 + "and now")], ["I was born in the 21st"]),
    ([(0.0, 3.0, "对对对，我们先看了数据。"), (3.0, 4.0, "哈" * 6)], ["对对对，我们先看了数据。"]),
    ([(0.0, 3.0, "It cost around $600,000 and 10 10 10 10 10 people")],
     ["It cost around $600,000 and 10 10 10 10 10 people"]),  # figures are never a loop
    ([(0.0, 1.0, "请留点赞、转发、关注")], ["请留点赞、转发、关注"]),  # 10 characters in a second: still speech
    ([(0.0, 0.3, "请留点赞、转发、发行及关注及发言及关注及发言")], []),
])
def test_decoding_loops_and_impossible_segments_are_removed(segments, kept):
    segs = [{"start": a, "end": b, "text": t, "confidence": 0.5} for a, b, t in segments]
    out, repaired = registry.clean_segments(segs, "en" if segments[0][2].isascii() else "zh")
    assert [s["text"] for s in out] == kept
    assert repaired == len(segments) - len(kept) + sum(1 for s in out if s["text"] not in [t for _, _, t in segments])


def test_unavailable_engine_gives_clear_status():
    class Broken(asr_mod.ASREngine):
        name = "broken"

        def transcribe_array(self, audio, sr=16000, lang=None):
            raise whisper.ModelUnavailable("no model files")

    y, _ = _media.read_wav(_media.mandarin_rate_clip()[0])
    path = _media.audio_only(y, name="speech.ogg", key="rateclip")
    r = score_answer(path, rubric=RUBRIC, asr=Broken())
    assert r["status"] == "scored"
    assert r["transcript"]["status"] == "unavailable" and "no model" in r["transcript"]["reason"]
    assert "no_transcript" in r["flags"] and r["scores"]["overall"] is None
    assert any(p["code"] == "no_transcript" for p in r["attention_points"])
    assert r["features"]["speech"]["rate"] > 0  # delivery features still computed


def test_engine_errors_become_failed_transcripts_and_t2s_applies():
    class Trad(asr_mod.ASREngine):
        name = "trad"

        def transcribe_array(self, audio, sr=16000, lang=None):
            return {"segments": [{"start": 0.0, "end": 1.0, "text": "這個問題我們發現了", "confidence": 0.9}],
                    "language": "zh"}

    class Crash(asr_mod.ASREngine):
        def transcribe_array(self, audio, sr=16000, lang=None):
            raise RuntimeError("boom")

    audio = np.zeros(16000, np.float32)
    assert registry.transcribe(audio, lang="zh", engine=Trad())["text"] == "这个问题我们发现了"
    bad = registry.transcribe(audio, engine=Crash())
    assert bad["status"] == "failed" and "boom" in bad["reason"]
    assert registry.transcribe(audio, engine=False)["status"] == "unavailable"


def test_bundled_weights_are_verified(tmp_path, monkeypatch):
    monkeypatch.setenv("HR_AI_INTERVIEW_CACHE", str(tmp_path))
    monkeypatch.setattr(whisper, "BUNDLED_SHA256", "0" * 64)
    with pytest.raises(whisper.ModelUnavailable):
        whisper.bundled_model_dir()
    assert not list((tmp_path / "whisper-base").glob("model.bin*"))
