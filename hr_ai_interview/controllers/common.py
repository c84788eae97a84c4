# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers shared by the candidate pages and the upload API: token checks, language, JSON errors.

Controllers stay thin (docs/interview-flow-contract.md): they find the interview through the portal.mixin
token check, parse the request and call the model's contract methods."""
import io
import json

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq

MODEL = "hr.ai.interview"
# Order of the candidate's steps as returned by `_portal_next_step()`; a page is reachable once the
# candidate has got that far ('closed' is handled separately).
STEPS = ["consent", "identity", "device", "practice", "question", "submit", "done"]
# What counts as "answered" for moving on to the next question (failed scoring is HR's problem).
DONE_ANSWER_STATES = ("uploaded", "queued", "scoring", "scored", "failed")
MAX_JSON_BYTES = 256 * 1024  # draft pads and text answers are far below this


def get_interview(portal, interview_id, access_token, require_token=False):
    """The interview (sudo) if the token (or the user's own read access) allows it, else None.

    `require_token` is used by the csrf=False API: there the token itself must authenticate the request,
    a logged-in session alone must not (a cross-site page could ride on the session cookie)."""
    try:
        interview = portal._document_check_access(MODEL, int(interview_id), access_token)
    except (AccessError, MissingError, ValueError):
        return None
    if require_token and not (access_token and interview.access_token
                              and consteq(interview.access_token, access_token)):
        return None
    return interview


def candidate_lang(interview):
    """Language for messages of the JSON API: the page's language cookie, else the interview's."""
    wanted = request.cookies.get("frontend_lang") or interview.language or "en_US"
    active = {code for code, _name in request.env["res.lang"].get_installed()}
    return wanted if wanted in active else ("en_US" if "en_US" in active else next(iter(active), "en_US"))


def json_ok(data=None, status=200):
    return request.make_json_response(data or {}, status=status)


def json_error(code, message, status=400, **extra):
    return request.make_json_response({"error": {"code": code, "message": message, **extra}}, status=status)


def user_error_message(exc):
    return exc.args[0] if getattr(exc, "args", None) else str(exc)


def read_json_body():
    """The small JSON body of an API call ({} when empty); ValueError when too big or malformed."""
    length = request.httprequest.content_length or 0
    if length > MAX_JSON_BYTES:
        raise ValueError("body too large")
    raw = request.httprequest.get_data(cache=False) if length else b""
    data = json.loads(raw.decode("utf-8")) if raw else {}
    if not isinstance(data, dict):
        raise ValueError("JSON object expected")
    return data


def call_contract(fn, *args, **kwargs):
    """Run a contract method; UserError/ValidationError become a (None, json_error) pair."""
    try:
        return fn(*args, **kwargs), None
    except (UserError, ValidationError) as exc:
        # the backend may tag its errors with a stable code (e.g. checksum_mismatch) for the client
        code = getattr(exc, "code", None) or "user_error"
        status = {"too_large": 413, "unsupported_type": 415, "storage_unavailable": 503}.get(code, 400)
        return None, json_error(code, user_error_message(exc), status=status)


def step_index(step):
    return STEPS.index(step) if step in STEPS else -1


def real_questions(interview):
    return interview.question_line_ids.filtered(lambda line: not line.is_practice).sorted(
        lambda line: (line.sequence, line.id))


def practice_question(interview):
    return interview.question_line_ids.filtered("is_practice")[:1]


def answers_of(interview, line):
    return interview.answer_ids.filtered(lambda a: a.question_line_id == line).sorted("attempt")


def line_done(interview, line):
    """A question is answered once its current attempt reached the server (text or uploaded media)."""
    return line._current_answer().state in DONE_ANSWER_STATES


def attempts_left(line):
    """Attempts still allowed after the current one (attempts = 1 + max_retakes)."""
    return max(0, line.max_retakes + 1 - (line._current_answer().attempt or 0))


def current_question(interview):
    """The first real question without a finished answer (None when all are answered)."""
    return next((line for line in real_questions(interview) if not line_done(interview, line)), None)


def body_stream():
    """The request body as werkzeug's input stream (bounded by Content-Length), read piece by piece by the
    caller. Odoo's HTTPRequest wrapper does not expose `stream`, so reach the wrapped werkzeug request; the
    fallback reads the body (callers have already capped Content-Length to one chunk)."""
    wrapped = getattr(request.httprequest, "_HTTPRequest__wrapped", None)
    stream = getattr(wrapped, "stream", None)
    return stream if stream is not None else io.BytesIO(request.httprequest.get_data(cache=False))
