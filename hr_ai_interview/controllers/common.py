# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers shared by the candidate pages and the upload API: token checks, language, JSON errors.

Controllers stay thin (docs/interview-flow-contract.md): they find the interview through the portal.mixin
token check, parse the request and call the model's contract methods."""
import io
import json
import logging
import re

from odoo import _
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq

MODEL = "hr.ai.interview"
# Order of the candidate's steps as returned by `_portal_next_step()`; a page is reachable once the
# candidate has got that far ('closed' is handled separately).
STEPS = ["consent", "identity", "device", "practice", "question", "submit", "done"]
# What counts as "answered" for moving on to the next question (failed scoring is HR's problem).
DONE_ANSWER_STATES = ("uploaded", "queued", "scoring", "scored", "failed")
MAX_JSON_BYTES = 256 * 1024  # draft pads and text answers are far below this


# The session remembers the token of each interview opened with its link, so the pages can drop it from the
# URL after the first visit. Only the token authorises: a logged-in reader without it gets nothing.
SESSION_KEY = "hr_ai_interview_tokens"
# Sent on every candidate page and API answer: no token leaks through Referer, framing or caches. The pages
# need Odoo's inline bootstrap scripts and runtime-compiled templates; media come from the camera (blob:).
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Content-Security-Policy": "; ".join([
        "default-src 'self'", "script-src 'self' 'unsafe-inline' 'unsafe-eval'", "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:", "media-src 'self' blob: mediastream:", "font-src 'self' data:",
        "connect-src 'self'", "worker-src 'self' blob:", "frame-ancestors 'none'", "form-action 'self'",
        "base-uri 'self'", "object-src 'none'"]),
}
_TOKEN_RE = re.compile(r"(access_token=)[^&\s\"']+")


class BadParam(ValueError):
    """A client value that is not what the route expects (answered with 400)."""


def secure_headers():
    """Add the candidate-page security headers to whatever this request answers (page, redirect, JSON)."""
    for name, value in SECURITY_HEADERS.items():
        request.future_response.headers.set(name, value)


def get_interview(interview_id, access_token, with_questions=False):
    """The interview (sudo) when `access_token` is its current token, else None. Nothing else authorises:
    neither a session nor the user's own read rights (an interviewer must not act as the candidate).
    `with_questions`: its questions and answers are read in the same query (the pages need them)."""
    secure_headers()
    if not access_token or not isinstance(access_token, str):
        return None
    try:
        interview_id = int(interview_id)
    except (TypeError, ValueError):
        return None
    if not 0 < interview_id < 2 ** 31:  # PostgreSQL ids are 32-bit: a bigger one would fail the query
        return None
    # one narrow query checks the id and reads what every candidate page needs (the default prefetch would
    # load all ~100 columns of the row, results and JSON snapshots included)
    Interview = request.env[MODEL].sudo()
    if with_questions:
        interview = Interview._portal_fetch(interview_id)
    else:
        interview = Interview.search_fetch([("id", "=", interview_id)], Interview._portal_page_fields(), limit=1)
    if interview and interview.access_token and consteq(interview.access_token, access_token):
        return interview.with_context(hr_ai_candidate=True)
    return None


def session_token(interview_id):
    return (request.session.get(SESSION_KEY) or {}).get(str(interview_id))


def bind_session(interview):
    tokens = dict(request.session.get(SESSION_KEY) or {})
    tokens[str(interview.id)] = interview.access_token
    request.session[SESSION_KEY] = tokens


def to_int(value, name, max_value=2 ** 31 - 1):
    """A non-negative database id / number from the client; BadParam (→ 400) for anything else ("abc", [1],
    {}, -1, or above `max_value`: PostgreSQL ids are 32-bit)."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise BadParam(name)
    try:
        number = int(value)
    except ValueError:
        raise BadParam(name) from None
    if number < 0 or number > max_value:
        raise BadParam(name)
    return number


def bad_param(name):
    return json_error("bad_request", _("Invalid value for “%s”.", name), 400, field=name)


class _MaskTokens(logging.Filter):
    """The access log prints request lines: never with a token in clear (old links, probes)."""

    def filter(self, record):
        if isinstance(record.args, tuple) and any("access_token=" in str(a) for a in record.args):
            record.args = tuple(_TOKEN_RE.sub(r"\1***", a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str) and "access_token=" in record.msg:
            record.msg = _TOKEN_RE.sub(r"\1***", record.msg)
        return True


def install_log_mask():
    for name in ("werkzeug", "odoo.http", "odoo.addons.base.models.ir_http"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _MaskTokens) for f in logger.filters):
            logger.addFilter(_MaskTokens())


install_log_mask()


LANG_COOKIE = "hrai_lang"


def candidate_lang(interview=None):
    """The candidate's language: the page's switch (`?lang=`), then the choice kept in the addon's own
    cookie, then the interview's language; installed languages only. Deliberately independent of the
    website's language list and of URL prefixes: a careers site that does not offer the interview's language
    must still show the interview in it (a `/zh_CN/...` URL would be the website's 404 there)."""
    installed = {code for code, _name in request.env["res.lang"].get_installed()}
    wanted = (request.params.get("lang"), request.cookies.get(LANG_COOKIE),
              interview.language if interview else None, request.env.lang)
    return next((code for code in wanted if code in installed), "en_US")


def apply_candidate_lang(interview=None):
    """Render this request in the candidate's language and remember an explicit switch."""
    code = candidate_lang(interview)
    request.update_context(lang=code)
    request.lang = request.env["res.lang"]._get_data(code=code)
    if request.params.get("lang") == code and request.cookies.get(LANG_COOKIE) != code:
        request.future_response.set_cookie(LANG_COOKIE, code, max_age=90 * 24 * 3600, path="/ai-interview",
                                           samesite="Lax", httponly=True)
    return code


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
    # cached on the request: when Odoo retries the handler after a serialization failure, the body is read
    # again from the cache (an uncached read would hand the retry an empty body)
    raw = request.httprequest.get_data(cache=True) if length else b""
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
        status = {"too_large": 413, "unsupported_type": 415, "too_many_requests": 429,
                  "storage_unavailable": 503}.get(code, 400)
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
