# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Result flags, attention points and the candidate feedback are stored as codes with parameters
({"code": "truncated", "question": 2}); these tables word them when shown, in the reader's language. Parameters
that come from the answer or the rubric (quotes, dimension names, keywords) are shown as they are."""
import re

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
        _lt("Its score is capped. Plainly worded on-topic answers are sometimes caught too: read or watch the answer "
            "before relying on it.")),
    "language_mismatch": (
        "info", _lt("The answer to question %(question)s is not in the interview's language."),
        _lt("It was scored in the language it was given in; rubric terms of the other language cannot match it.")),
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


def join_terms(terms, _):
    """Terms joined with the reader's list separator (zh: 、), a full-sentence term so the export keeps it."""
    joined = None
    for term in map(str, terms):
        joined = term if joined is None else _("%(first)s, %(next)s", {"first": joined, "next": term})
    return joined or "—"


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
        params["missing"] = join_terms(params["missing"], _)
    try:
        return _(POINT_TEXTS[code], params)
    except (KeyError, TypeError, ValueError):  # a point from another engine version
        return point.get("message") or code


# candidate feedback of the engine (scoring/feedback.py): strength code -> sentence, improvement code ->
# (message, suggestion); items without parameters this version knows keep the engine's own wording
STRENGTH_TEXTS = {
    "figures": _lt("You backed your answer with figures (e.g. “%(example)s”)"),
    "figures_plain": _lt("You backed your answer with figures"),
    "actions": _lt("You described the concrete actions you took"),
    "structure": _lt("Clear structure: the answer unfolds in steps and reaches a conclusion"),
    "pace": _lt("Comfortable pace (about %(rate)s %(unit)s)"),
    "camera": _lt("You stayed facing the camera"),
    "measure_good": _lt("Good work on “%(dimension)s”"),
    "dimension_good": _lt("Good evidence of “%(dimension)s” (you mentioned %(keywords)s)"),
}
_PLACEHOLDER = re.compile(r"%\((\w+)\)")
_COACH_MESSAGE = _lt("“%(dimension)s” could be stronger")
IMPROVEMENT_TEXTS = {
    "add_figures": (_lt("Your answer contains no figures or measurable results"),
                    _lt("Add numbers that show the outcome, e.g. “we cut onboarding time from 10 to 4 minutes "
                        "within two months”.")),
    "add_actions": (_lt("You did not describe the specific steps you took"),
                    _lt("Walk through what you personally did, e.g. “First I…, then I…, finally I…”.")),
    "structure": (_lt("The answer lacks a clear structure"),
                  _lt("Try summary – points – summary: one sentence that sums up, then “first, then, finally”, "
                      "then the outcome and what you learned.")),
    "stuffing": (_lt("Many keywords but little context around them"),
                 _lt("List fewer buzzwords; put each one into a real example of what you did and what happened.")),
    "too_short": (_lt("The answer is short"),
                  _lt("Develop one complete example: context, your task, actions and result.")),
    # worded as coaching, not a verdict: the check also catches some plainly worded on-topic answers
    # (bench/offtopic_probe.py), and making the link explicit helps either way
    "off_topic": (_lt("The link between your answer and the question is not clear"),
                  _lt("Start by saying which part of the question your example answers, then tell what you did and "
                      "what changed.")),
    "coach_clarity": (_COACH_MESSAGE, _lt("Say it more completely: who you are, what you have done, why you fit "
                                          "this role.")),
    "coach_structure": (_COACH_MESSAGE, _lt("Open with one summary sentence, develop two or three points, then "
                                            "conclude.")),
    "coach_concreteness": (_COACH_MESSAGE, _lt("Give one concrete example: the situation, what exactly you did, "
                                               "and the result in numbers.")),
    "coach_relevance": (_COACH_MESSAGE, _lt("Which experience of yours is closest to this role, and what exactly "
                                            "was your part in it?")),
    "dimension": (_lt("Little about “%(dimension)s”"),
                  _lt("Tell us how exactly you did it: the situation, your steps, why you chose them and the "
                      "result.")),
    "rate_fast": (_lt("You spoke at about %(rate)s %(unit)s, faster than the suggested %(lo)s–%(hi)s"),
                  _lt("Slow down and pause briefly between key points.")),
    "rate_slow": (_lt("You spoke at about %(rate)s %(unit)s, slower than the suggested %(lo)s–%(hi)s"),
                  _lt("Prepare your key points so you can speak more fluently.")),
    "long_pause": (_lt("One pause lasted %(seconds)s s"),
                   _lt("If you get stuck, state your conclusion first or bridge with “the key point here is…”.")),
    "on_camera": (_lt("You were out of the camera frame for part of the answer"),
                  _lt("Stay centred in front of the camera.")),
}


def _feedback_params(item, _):
    params = item.get("params")
    params = dict(params) if isinstance(params, dict) else {}
    params["unit"] = _(RATE_UNITS["en" if params.get("per") == "en" else "zh"])
    if isinstance(params.get("keywords"), list):
        params["keywords"] = join_terms(params["keywords"], _)
    return params


def _word(source, params, _):
    """`source` in the reader's language filled with `params`; None when a parameter it needs is missing."""
    if any(name not in params for name in _PLACEHOLDER.findall(source)):
        return None
    return _(source, params)


def render_strength(item, _):
    """{"code", "text", "kind"} of one stored strength, worded for the reader."""
    if not isinstance(item, dict):
        return {"text": str(item or "")}  # a sentence stored before strengths carried codes
    code, params = item.get("code"), _feedback_params(item, _)
    if code == "figures" and params.get("example") == "":
        code = "figures_plain"
    text = _word(STRENGTH_TEXTS[code], params, _) if code in STRENGTH_TEXTS else None
    return {"code": item.get("code"), "kind": item.get("kind"), "text": text or item.get("text") or item.get("message")}


def render_improvement(item, _):
    """{"code", "message", "suggestion", "quote", "kind"} of one stored improvement, worded for the reader."""
    if not isinstance(item, dict):
        return {"message": str(item or "")}
    out = {k: item.get(k) for k in ("code", "message", "suggestion", "quote", "kind")}
    texts = IMPROVEMENT_TEXTS.get(item.get("code"))
    message = _word(texts[0], _feedback_params(item, _), _) if texts else None
    if message:
        out.update(message=message, suggestion=_(texts[1]))
    return out


def render_feedback(feedback, _):
    """The engine's feedback of one answer, {"strengths": [...], "improvements": [...]}, in `_`'s language."""
    feedback = feedback if isinstance(feedback, dict) else {}
    return {"strengths": [render_strength(s, _) for s in feedback.get("strengths") or []],
            "improvements": [render_improvement(i, _) for i in feedback.get("improvements") or []]}
