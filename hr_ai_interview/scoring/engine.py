"""score_answer(): one recorded and/or typed answer in, one JSON-able result out.

Contract: bad input raises a ScoringError subclass (permanent, typed); anything unexpected becomes
status 'failed' with a reason — never a raw traceback to the caller."""
import logging
import time
import traceback

import numpy as np

from . import asr as asr_mod
from . import attention, bands, feedback, fusion
from .errors import ScoringError
from .policy import get_policy

ENGINE_VERSION = "hr_ai_interview-scoring/2.7.6"  # 2: semantic layer, anchors, ASR-robust evidence; .1: calibration;
# .2: English sound matching, case/punctuation-free embeddings, results counted by position; .3: relevance from the
# question itself (no off-topic theme bank), level placement between the anchors + evidence; .4: the off-topic label
# and hard cap only when semantic, lexical and work-story signals agree (else a graded discount); .5: relevance
# discounts once (the cap), the question's terms are its content words, figures count fully only next to an
# outcome, one opinion counts once, habits are method steps; 2.6: length and structure credit in proportion to the
# answer's place above the weak anchor, opinions count as talk from the first one (rambles); 2.7: speech
# disfluencies (fillers, restarts) removed before analysis (text.disfluency); .1: a recording's expected length from
# the question's time limit like a typed answer's, not from its own duration (spoken answers: only their score moves);
# .2: a split compound is never made of function words ("of her" is not "offer"), Chinese figure words heard as
# near-homophones repaired next to their figure (排分之三 -> 百分之三, 增长了四层 -> 四成, 将到了 -> 降到了); .3: quotes
# end at their clause and never cut a number or a word, the "no steps" tip counts steps as the score does (every
# score as in 2.7.2); .4: an answer unmistakably in the other language is scored in its own (flag language_mismatch);
# .5: so is a recording Whisper hears in the other language (told "en", it had translated Mandarin into invented
# English); no random decoding fallback (the same recording gave different transcripts), decoding loops cut; .6: a
# speech transcript echoes a question word by its toneless pinyin (十天时间 heard as 许天使见), typed answers as written
_log = logging.getLogger(__name__)
_WARM = {}


def warm_up(asr=True):
    """Pay one-off costs once per process: jieba dictionary, pinyin, sentence encoder, filter taps, cascades,
    ASR model."""
    out = {}
    t = time.perf_counter()
    if "text" not in _WARM:
        import jieba
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        from .text import analyse_text, compile_rubric
        analyse_text("我先做了用户调研，然后提升了20%。", compile_rubric(
            {"dimensions": [{"name": "x", "weight": 1, "keywords": ["用户调研数据"]}]}))
        from .text import semantic
        semantic.model()  # the sentence encoder, once per process (None: lexical fallback)
        _WARM["text"] = True
    out["text"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    if "speech" not in _WARM:
        from .speech import analyse_speech
        sr = 16000
        tt = np.arange(sr * 2) / sr
        y = (0.3 * np.sin(2 * np.pi * 140 * tt) * (np.sin(2 * np.pi * 3 * tt) > 0)).astype(np.float32)
        analyse_speech(y, sr, affect=True)  # designs the filters' impulse responses once
        _WARM["speech"] = True
    out["speech"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    from .vision.detect import cascade
    cascade("haarcascade_frontalface_alt2.xml")
    cascade("haarcascade_eye.xml")
    out["vision"] = round(time.perf_counter() - t, 3)
    if asr:
        t = time.perf_counter()
        try:
            asr_mod.get_engine().warm_up()  # the fast engine shares this loaded model
            out["asr"] = "ready"
        except Exception as exc:  # no model: scoring still works with typed or corrected text
            out["asr"] = "unavailable: %s" % exc
        out["asr_seconds"] = round(time.perf_counter() - t, 3)
    return out


def _question(question, lang):
    if isinstance(question, dict):
        return {"text": question.get("text") or "", "time_limit": question.get("time_limit"),
                "language": question.get("language") or lang}
    return {"text": question or "", "time_limit": None, "language": lang}


def _check_rubric(rubric):
    if rubric is None:
        return {"dimensions": []}
    if not isinstance(rubric, dict) or not isinstance(rubric.get("dimensions", []), list):
        raise ScoringError("the rubric must be an object with a 'dimensions' list", code="invalid_rubric")
    for d in rubric.get("dimensions", []):
        if not isinstance(d, dict) or not d.get("name"):
            raise ScoringError("every rubric dimension needs a name", code="invalid_rubric")
        if not isinstance(d.get("keywords", []), list):
            raise ScoringError("rubric keywords must be a list (dimension %s)" % d["name"], code="invalid_rubric")
        try:
            float(d.get("weight") or 0)
        except (TypeError, ValueError):
            raise ScoringError("rubric weight must be a number (dimension %s)" % d["name"],
                               code="invalid_rubric") from None
    return rubric


def _result(policy, status="scored"):
    return {"engine_version": ENGINE_VERSION, "status": status, "policy": policy.name,
            "policy_detail": policy.to_dict(), "language": None,
            "transcript": asr_mod.empty_transcript(None, "none"),
            "features": {"text": {}, "speech": {}, "vision": {}}, "media": {},
            "scores": {"overall": None, "dimensions": [], "modalities": {"text": None, "speech": None,
                                                                          "vision": None}},
            "attention_points": [], "feedback": {"language": None, "strengths": [], "improvements": []},
            "semantic": {"model": None}, "flags": [], "timings": {}}


def score_answer(media_path=None, text=None, rubric=None, question=None, lang=None, policy="full",
                 transcript_override=None, asr=None, weights=None, sample_fps=2.0, min_seconds=1.0,
                 max_seconds=900.0, lexicon=None, semantic=True, practice=False):
    """See module doc. `asr`: None / "accurate" for the default cached engine (Whisper beam 5), "fast" for greedy
    decoding on the same model (practice room), an ASREngine instance, or False to skip recognition.
    `semantic`: use the sentence encoder when installed (False: lexical evidence only). `practice`: judge on the
    generic practice rubric (clarity, structure, concreteness, relevance) instead of the job's competencies."""
    t_start = time.perf_counter()
    try:
        pol = get_policy(policy)
    except ValueError as exc:
        raise ScoringError(str(exc), code="invalid_policy") from None
    rubric = _check_rubric(rubric)
    if practice:
        from .anchors import practice_rubric
        terms = [k for d in rubric.get("dimensions", []) for k in (d.get("keywords") or [])]
        rubric = practice_rubric(lang or rubric.get("language") or "zh", terms)
    if media_path is None and not (text or "").strip() and not (transcript_override or "").strip():
        raise ScoringError("nothing to score: give a recording, a text answer or a transcript", code="empty")
    res = _result(pol)
    try:
        _score(res, pol, media_path, text, rubric, _question(question, lang), lang, transcript_override, asr,
               weights, sample_fps, min_seconds, max_seconds, lexicon, semantic)
    except ScoringError:
        raise
    except Exception as exc:  # a bug or a library failure: report, never crash the job runner
        _log.exception("scoring failed")
        res["status"] = "failed"
        res["reason"] = "%s: %s" % (type(exc).__name__, exc)
        res["traceback_tail"] = traceback.format_exc().strip().splitlines()[-3:]
    res["timings"]["total"] = round(time.perf_counter() - t_start, 3)
    return res


def _segmented(transcript):
    """ASR text with a sentence break wherever Whisper's segments leave a pause (≥ 0.5 s) and its punctuation
    is missing: structure and evidence must not depend on punctuation that changes between takes."""
    segs = transcript.get("segments") or []
    text = transcript["text"]
    if len(segs) < 2 or sum(text.count(p) for p in "。！？.!?") >= len(segs) - 1:
        return text
    parts, prev_end = [], None
    for sg in segs:
        piece = (sg.get("text") or "").strip()
        if not piece:
            continue
        if parts and prev_end is not None and (sg.get("start") or 0) - prev_end >= 0.5 \
                and parts[-1][-1:] not in "。！？.!?，,":
            parts[-1] += "。" if not piece.isascii() else "."
        parts.append(piece)
        prev_end = sg.get("end")
    return ("" if all(p.isascii() for p in parts) else "").join(
        p if not p.isascii() else p + " " for p in parts).strip()


def _score(res, pol, media_path, text, rubric, q, lang, override, asr, weights, sample_fps, min_seconds,
           max_seconds, lexicon, semantic=True):
    from .text import analyse_text, compile_rubric, detect_language, prepare
    from .text.lang import clear_language
    timings, flags = res["timings"], res["flags"]
    audio, info, vision = None, None, None
    need_audio = pol.speech_fluency or not ((override or "").strip() or (text or "").strip())
    if media_path is not None and (need_audio or pol.vision):
        from .media import decode_media
        if pol.vision:
            from .vision import VisionAnalyzer
            vision = VisionAnalyzer()
        t = time.perf_counter()
        info = decode_media(media_path, frame_sink=vision, want_video=pol.vision, want_audio=need_audio,
                            sample_fps=sample_fps, min_seconds=min_seconds, max_seconds=max_seconds)
        timings["decode"] = round(time.perf_counter() - t, 3)
        audio = info.audio
        res["media"] = dict(info)
        if not info["has_audio"]:
            flags.append("no_audio")
        if not info["has_video"]:
            flags.append("no_video")
        if info["has_video"] and (info["height"] < 240 or info["width"] < 320):
            flags.append("low_resolution")
        if info["truncated"]:
            flags.append("truncated")

    silent = None
    if audio is not None and info["has_audio"]:
        # max and min rather than abs(): no full-length copy of a 10-minute answer's audio
        silent = bool(audio.size == 0 or max(float(audio.max()), -float(audio.min())) < 10 ** (-50 / 20.0))

    # transcript: HR correction > typed answer > speech recognition
    lang = lang or q["language"] or rubric.get("language")
    t = time.perf_counter()
    if (override or "").strip():
        transcript = dict(asr_mod.empty_transcript("override", "override"), text=override.strip())
    elif (text or "").strip():
        transcript = dict(asr_mod.empty_transcript("typed", "typed"), text=text.strip())
    elif audio is not None and audio.size and info["has_audio"]:
        if silent:
            transcript = asr_mod.empty_transcript(None, "empty", "no speech in the recording")
        else:
            transcript = asr_mod.transcribe(audio, 16000, lang=lang, engine=asr)
    else:
        transcript = asr_mod.empty_transcript(None, "empty", "no audio track")
    timings["asr"] = round(time.perf_counter() - t, 3)
    res["transcript"] = transcript
    answer = transcript["text"]
    # a recording Whisper heard in the other language is in it even when too short for clear_language to be sure
    said = clear_language(answer) or (transcript.get("language") if transcript.get("language_heard") else None)
    if lang and said and said != ("en" if lang == "en" else "zh"):
        flags.append("language_mismatch")  # scored in the language it was given in, and HR is told
        lang = said
    lang = lang or transcript.get("language") or detect_language(answer)
    lang = "en" if lang == "en" else "zh"
    res["language"] = lang

    t = time.perf_counter()
    compiled = compile_rubric(dict(rubric, language=rubric.get("language") or lang), lexicon)
    analysed = _segmented(transcript) if transcript.get("status") == "ok" else answer
    # the length expected comes from the question's time limit, never from the recording's own duration: that
    # measured how fast the candidate talks (any recording reached full length credit), so the same words scored
    # higher spoken than typed (2.7.0: up to +8 for short answers)
    tf = analyse_text(analysed, compiled, lang, q["time_limit"] or None, question=q["text"], semantic=semantic,
                      spoken=transcript.get("status") == "ok")
    res["features"]["text"] = tf
    res["semantic"] = tf["semantic"]
    text_score, dims = fusion.text_scores(tf)
    fusion.add_quotes(dims, tf, prepare(analysed, lang))
    if tf["semantic"].get("off_topic"):
        flags.append("off_topic")
    if not answer and transcript["status"] in ("unavailable", "failed"):
        text_score = None  # cannot judge words we could not hear; a human must
        flags.append("no_transcript")
    timings["text"] = round(time.perf_counter() - t, 3)

    sf = vf = None
    if pol.speech_fluency and audio is not None and audio.size:
        t = time.perf_counter()
        from .speech import analyse_speech
        sf = analyse_speech(audio, 16000, lang, affect=pol.speech_affect,
                            transcript_text=answer if transcript["status"] == "ok" else None)
        res["features"]["speech"] = sf
        silent = silent or sf["silent"]
        timings["speech"] = round(time.perf_counter() - t, 3)
    if silent:
        flags.append("silence")
    if vision is not None:
        t = time.perf_counter()
        vf = vision.summary()
        res["features"]["vision"] = vf
        if vf["frames_analysed"]:
            if (vf["face_present_ratio"] or 0) < 0.05:
                flags.append("no_face")
            if vf["multiple_faces_intervals"]:
                flags.append("multiple_faces")
        timings["vision"] = round(time.perf_counter() - t, 3)

    modalities = {"text": text_score, "speech": fusion.speech_score(sf, lang) if sf else None,
                  "vision": fusion.vision_score(vf) if vf else None}
    overall = fusion.overall(modalities, weights)
    res["scores"] = {"overall": overall, "band": bands.band(overall), "dimensions": dims,
                     "modalities": modalities, "weights": dict(fusion.DEFAULT_WEIGHTS, **(weights or {}))}
    if rubric.get("practice"):
        res["practice"] = True
    res["attention_points"] = attention.attention_points(lang, tf, sf, vf, transcript, dims, flags)
    res["feedback"] = feedback.build_feedback(lang, tf if answer else None, sf, vf, dims,
                                              coach=bool(rubric.get("practice")))
