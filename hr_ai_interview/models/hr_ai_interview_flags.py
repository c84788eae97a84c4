# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Result flags are stored as codes with parameters ({"code": "truncated", "question": 2}); these tables word
them when shown, in the reader's language: a sentence saying what happened and one saying what it means."""
from ..reporting.i18n import _lt

# code: (severity, sentence, explanation); sentences take the flag's parameters by name
FLAG_TEXTS = {
    "dimension_without_evidence": (
        "warning", _lt("No answer gave evidence for “%(dimension)s”."),
        _lt("This dimension has no score and is left out of the overall; ask about it in the next round.")),
    "missing_answer": (
        "warning", _lt("Question %(question)s was not answered."),
        _lt("The overall is computed from the answered questions only.")),
    "answer_failed": (
        "danger", _lt("The answer to question %(question)s could not be scored: %(reason)s"),
        _lt("It is left out of the overall. Watch the recording and score it yourself, or re-score it after "
            "a fix.")),
    "truncated": (
        "warning", _lt("The recording of question %(question)s is incomplete."),
        _lt("Only the part that could be decoded was analysed; the end of the answer may be missing.")),
    "no_audio": (
        "danger", _lt("The recording of question %(question)s has no sound."),
        _lt("Nothing could be transcribed: listen to the recording or ask the candidate to answer again.")),
    "no_video": (
        "info", _lt("The recording of question %(question)s has no picture."),
        _lt("Only the sound was analysed.")),
    "low_resolution": (
        "info", _lt("The video of question %(question)s has a very low resolution."),
        _lt("Face checks on this video are unreliable.")),
    "silence": (
        "danger", _lt("No speech was heard in the answer to question %(question)s."),
        _lt("The content score is zero because nothing was said; check the microphone with the candidate.")),
    "no_transcript": (
        "danger", _lt("Speech recognition produced no text for question %(question)s."),
        _lt("The content could not be scored: listen to the recording and score it yourself.")),
    "off_topic": (
        "warning", _lt("The answer to question %(question)s has little to do with the question."),
        _lt("Its score is capped; read or watch the answer before relying on it.")),
    "keyword_stuffing": (
        "warning", _lt("The answer to question %(question)s lists rubric keywords without real sentences."),
        _lt("Keyword hits were discounted; read the answer before relying on its score.")),
    "no_face": (
        "info", _lt("No face was seen in the video of question %(question)s."),
        _lt("The camera may have been covered or pointed away; this does not change the content score.")),
    "multiple_faces": (
        "danger", _lt("Several faces appeared in the video of question %(question)s."),
        _lt("Someone else may have been present: watch the recording.")),
}
UNKNOWN_FLAG = ("info", _lt("Question %(question)s: the scoring engine noted “%(code)s”."),
                _lt("An engine remark without a description in this version."))
# failure codes of answers (scoring/errors.py, the scoring job): the reason part of "answer_failed"
FAILURE_TEXTS = {
    "empty": _lt("the recording is empty"),
    "undecodable": _lt("the recording cannot be decoded"),
    "not_a_recording": _lt("the file is not a recording"),
    "too_short": _lt("the recording is too short"),
    "over_length": _lt("the recording is longer than the question allows"),
    "engine_failed": _lt("the scoring engine returned no result"),
    "job_failed": _lt("the scoring job failed"),
}
SEVERITY_ORDER = {"danger": 0, "warning": 1, "info": 2}


def render_flag(flag, _, numbers=None):
    """{"code", "severity", "text", "why"} of one stored flag; `_` is the reader's translation function,
    `numbers` {answer id: question number} for flags stored before they carried the question number."""
    flag = flag if isinstance(flag, dict) else {"code": str(flag)}
    code = str(flag.get("code") or "")
    severity, sentence, why = FLAG_TEXTS.get(code, UNKNOWN_FLAG)
    params = {k: v for k, v in flag.items() if isinstance(v, (str, int, float))}
    if "question" not in params and (numbers or {}).get(flag.get("answer_id")):
        params["question"] = numbers[flag["answer_id"]]
    if "question" not in params and code != "dimension_without_evidence" and flag.get("message"):
        return {"code": code, "severity": severity, "text": flag["message"], "why": _(why)}  # stored worded
    params.setdefault("question", "?")
    params.setdefault("dimension", "?")
    params["code"] = code
    failure = flag.get("failure_code")
    params["reason"] = _(FAILURE_TEXTS[failure]) if failure in FAILURE_TEXTS else \
        (flag.get("reason") or _(FAILURE_TEXTS["job_failed"]))
    return {"code": code, "severity": severity, "text": _(sentence, params), "why": _(why)}


def render_flags(flags, _, numbers=None):
    """Rendered flags, most serious first, each sentence once."""
    out, seen = [], set()
    for flag in flags or []:
        item = render_flag(flag, _, numbers)
        if item["text"] not in seen:
            seen.add(item["text"])
            out.append(item)
    return sorted(out, key=lambda f: SEVERITY_ORDER.get(f["severity"], 3))


# attention points of the engine (scoring/attention.py): code -> sentence over its stored parameters; points
# stored before they carried parameters keep the engine's own message
POINT_TEXTS = {
    "rate_jump": _lt("Speaking rate rose from %(before)s to %(after)s %(unit)s in the last minute — probe the logic "
                     "of this part"),
    "rate_drop": _lt("Speaking rate fell from %(before)s to %(after)s %(unit)s in the last minute — the candidate may "
                     "have been searching for words; ask for details"),
    "long_pause": _lt("Pause of %(seconds)s s at %(at)s s"),
    "face_absent": _lt("No face on camera from %(start)s s to %(end)s s"),
    "multiple_faces": _lt("Several faces on camera from %(start)s s to %(end)s s — someone else may be present; "
                          "please verify"),
    "no_transcript": _lt("No transcript available: listen to the recording and score it manually"),
    "low_transcript_confidence": _lt("Low speech-recognition confidence (%(confidence)s): check keyword evidence "
                                     "against the recording"),
    "off_topic": _lt("The answer has little to do with the question: the score is capped; please check"),
    "keyword_stuffing": _lt("Possible keyword stuffing: rubric keywords appear without real sentences around them"),
    "no_figures": _lt("No figures or measurable results — ask for concrete outcomes"),
    "short_answer": _lt("The answer is much shorter than expected (about %(units)s %(unit_words)s)"),
    "weak_dimension": _lt("Little evidence for “%(dimension)s” (not mentioned: %(missing)s) — probe this"),
    "silence": _lt("The recording contains no audible speech"),
    "truncated": _lt("The file is incomplete: only the decodable part was analysed"),
}
RATE_UNITS = {"zh": _lt("characters/min"), "en": _lt("words/min")}
LENGTH_UNITS = {"zh": _lt("characters"), "en": _lt("words")}


def render_point(point, _):
    """The attention point's sentence in the reader's language (its stored message when it has no parameters
    this version knows)."""
    if not isinstance(point, dict):
        return str(point or "")
    code, params = point.get("code"), point.get("params")
    if code not in POINT_TEXTS or not isinstance(params, dict):
        return point.get("message") or code or ""
    params = dict(params)
    per = "en" if params.get("per") == "en" else "zh"
    params.update(unit=_(RATE_UNITS[per]), unit_words=_(LENGTH_UNITS[per]))
    if isinstance(params.get("missing"), list):
        joined = None
        for term in map(str, params["missing"]):  # the reader's list separator (zh: 、), a full-sentence term
            joined = term if joined is None else _("%(first)s, %(next)s", {"first": joined, "next": term})
        params["missing"] = joined or "—"
    try:
        return _(POINT_TEXTS[code], params)
    except (KeyError, TypeError, ValueError):  # a point from another engine version
        return point.get("message") or code
