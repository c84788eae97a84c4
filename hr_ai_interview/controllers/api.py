# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""JSON/HTTP API of the candidate pages: answers, resumable chunked uploads, text answers, draft pad,
device check, speed test and practice feedback.

CSRF: every route here is `csrf=False` because it is authenticated by the interview's secret access token in
the `X-Access-Token` header only — never by the session cookie, never by a query parameter (URLs end up in
access logs and Referer headers) — so a cross-site page that cannot know the token cannot forge a call.
Chunk bodies are raw `application/octet-stream` streams (not forms), which Odoo/werkzeug leave unread, so they
go to disk in pieces through the contract's `_receive_chunk` and are never held whole in memory."""
import functools
import time

from odoo import _
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal

from . import common

API = "/ai-interview/<int:interview_id>/api"
# Upper bound of one chunk body; the upload's own chunk_size (from init) is checked first.
MAX_CHUNK_BYTES = 8 * 1024 * 1024
SPEEDTEST_MAX_BYTES = 2 * 1024 * 1024
ALLOWED_MIMETYPES = ("video/webm", "video/mp4", "audio/webm", "audio/ogg", "audio/mp4")


def _validated(handler):
    """A client value that is no valid id/number answers 400 with its name (never a 500 the JS would retry)."""
    @functools.wraps(handler)
    def wrapper(self, *args, **kwargs):
        try:
            return handler(self, *args, **kwargs)
        except common.BadParam as exc:
            return common.bad_param(exc.args[0] if exc.args else "?")
    return wrapper


class AiInterviewApi(CustomerPortal):

    def _api_interview(self, interview_id, access_token=None):
        # `access_token` (query) is accepted by the route signature but deliberately ignored
        interview = common.get_interview(interview_id, request.httprequest.headers.get("X-Access-Token"))
        if interview and common.session_token(interview.id) != interview.access_token:
            # the page holds the token but the session lost it: Odoo logs a session out when it answered a
            # request while the database was unreachable; bind it again so the next page opens (same secret)
            common.bind_session(interview)
        if interview:
            request.update_context(lang=common.candidate_lang(interview))
            interview = interview.with_context(lang=request.env.lang)
        return interview

    def _api_open(self, interview):
        """None when the interview accepts answers, else the JSON error to return."""
        if interview._portal_next_step() in ("closed", "done"):
            return common.json_error("closed", _("This interview is closed: answers can no longer be sent."), 409)
        if interview.consent_state != "given" or not interview.identity_verified:
            return common.json_error("forbidden", _("Please give your consent and verify your identity first."),
                                     403)
        return None

    def _api_body(self):
        try:
            return common.read_json_body(), None
        except (ValueError, UnicodeDecodeError):
            return None, common.json_error("bad_request", _("The request could not be read (invalid JSON)."))

    def _api_answer(self, interview, answer_id):
        """The interview's answer named by the client; BadParam for a value that is no id."""
        answer = request.env["hr.ai.interview.answer"].sudo().browse(
            common.to_int(answer_id, "answer_id")).exists()
        return answer if answer and answer.interview_id == interview else None

    def _api_upload(self, interview, upload_id):
        upload = request.env["hr.ai.upload"].sudo().browse(common.to_int(upload_id, "upload_id")).exists()
        return upload if upload and upload.answer_id.interview_id == interview else None

    def _api_prelude(self, interview_id, access_token):
        """(interview, data, error_response) for JSON POST calls."""
        interview = self._api_interview(interview_id, access_token)
        if not interview:
            return None, None, common.json_error("not_found", _("This interview link is not valid."), 404)
        closed = self._api_open(interview)
        if closed:
            return interview, None, closed
        data, error = self._api_body()
        return interview, data, error

    # ------------------------------------------------------------------ answers
    @route([f"{API}/answer"], type="http", auth="public", methods=["POST"], csrf=False, sitemap=False)
    @_validated
    def api_answer(self, interview_id, access_token=None, **kw):
        """The answer record to record into: {line_id, mode, retake}. Without `retake` the current attempt
        is reused, so a reload or a draft save never burns a retake."""
        interview, data, error = self._api_prelude(interview_id, access_token)
        if error:
            return error
        line_id = common.to_int(data.get("line_id"), "line_id")
        line = interview.question_line_ids.filtered(lambda q: q.id == line_id)
        if not line:
            return common.json_error("not_found", _("This question does not belong to your interview."), 404)
        mode = data.get("mode") if data.get("mode") in ("video", "audio", "text") else "video"
        current = line._current_answer()
        if current and not data.get("retake"):
            answer = current  # the contract method would open a new attempt for a sent answer
        else:
            answer, error = common.call_contract(interview._portal_answer_for, line, mode)
            if error:
                return error
        return common.json_ok({"answer_id": answer.id, "attempt": answer.attempt, "state": answer.state,
                               "mode": answer.mode, "retakes_left": common.attempts_left(line)})

    @route([f"{API}/text"], type="http", auth="public", methods=["POST"], csrf=False, sitemap=False)
    @_validated
    def api_text(self, interview_id, access_token=None, **kw):
        answer, error = self._api_answer_call(interview_id, access_token, "_submit_text")
        return error or common.json_ok({"state": answer.state})

    @route([f"{API}/draft"], type="http", auth="public", methods=["POST"], csrf=False, sitemap=False)
    @_validated
    def api_draft(self, interview_id, access_token=None, **kw):
        answer, error = self._api_answer_call(interview_id, access_token, "_save_draft", limit=20000)
        return error or common.json_ok({"saved": True})

    def _api_answer_call(self, interview_id, access_token, method, limit=None):
        """Token check, the answer named in the JSON body, then `answer.<method>(text)`; (answer, error)."""
        interview, data, error = self._api_prelude(interview_id, access_token)
        if error:
            return None, error
        answer = self._api_answer(interview, data.get("answer_id"))
        if not answer:
            return None, common.json_error("not_found", _("Unknown answer."), 404)
        if not isinstance(data.get("text") or "", str):
            raise common.BadParam("text")
        text = (data.get("text") or "")[:limit]
        _result, error = common.call_contract(getattr(answer, method), text)
        return answer, error

    # ------------------------------------------------------------------ resumable upload
    @route([f"{API}/upload/init"], type="http", auth="public", methods=["POST"], csrf=False, sitemap=False)
    @_validated
    def api_upload_init(self, interview_id, access_token=None, **kw):
        interview, data, error = self._api_prelude(interview_id, access_token)
        if error:
            return error
        answer = self._api_answer(interview, data.get("answer_id"))
        if not answer:
            return common.json_error("not_found", _("Unknown answer."), 404)
        mimetype = str(data.get("mimetype") or "").split(";")[0].strip().lower()
        if mimetype not in ALLOWED_MIMETYPES:
            return common.json_error("bad_type", _("This file type is not accepted (%(type)s). Please record "
                                                   "with a current browser (WebM or MP4).", type=mimetype or "?"),
                                     415)
        if data.get("total_size") in (None, ""):
            return common.json_error("bad_request", _("The recording size is missing."))
        # sizes may be huge (the contract answers "too large"); only their type is checked here
        total_size = common.to_int(data.get("total_size"), "total_size", max_value=2 ** 62)
        chunk_size = common.to_int(data.get("chunk_size") or 0, "chunk_size", max_value=2 ** 62)
        result, error = common.call_contract(answer._upload_init, total_size, mimetype, chunk_size,
                                             str(data.get("sha256") or "").lower())
        return error or common.json_ok(result)

    @route([f"{API}/upload/<int:upload_id>/chunk/<int:index>"], type="http", auth="public",
           methods=["PUT", "POST"], csrf=False, sitemap=False)
    @_validated
    def api_upload_chunk(self, interview_id, upload_id, index, access_token=None, **kw):
        interview = self._api_interview(interview_id, access_token)
        if not interview:
            return common.json_error("not_found", _("This interview link is not valid."), 404)
        closed = self._api_open(interview)
        if closed:
            return closed
        upload = self._api_upload(interview, upload_id)
        if not upload:
            return common.json_error("not_found", _("Unknown upload: start it again."), 404)
        httpreq = request.httprequest
        length = httpreq.content_length
        if length is None:
            return common.json_error("length_required", _("The chunk size (Content-Length) is missing."), 411)
        limit = min(MAX_CHUNK_BYTES, upload.chunk_size or MAX_CHUNK_BYTES)
        if length > limit:
            return common.json_error("too_large", _("This piece of the recording is too large (%(size)s bytes, "
                                                    "at most %(max)s).", size=length, max=limit), 413)
        digest = (httpreq.headers.get("X-Chunk-SHA256") or "").strip().lower()
        if not digest:
            return common.json_error("bad_request", _("The checksum of the piece (X-Chunk-SHA256) is missing."))
        result, error = common.call_contract(upload._receive_chunk, index, common.body_stream(), digest)
        return error or common.json_ok(result)

    @route([f"{API}/upload/<int:upload_id>/complete"], type="http", auth="public", methods=["POST"],
           csrf=False, sitemap=False)
    @_validated
    def api_upload_complete(self, interview_id, upload_id, access_token=None, **kw):
        interview, data, error = self._api_prelude(interview_id, access_token)
        if error:
            return error
        upload = self._api_upload(interview, upload_id)
        if not upload:
            return common.json_error("not_found", _("Unknown upload: start it again."), 404)
        result, error = common.call_contract(upload._complete)
        if error:
            return error
        if result.get("error"):
            return common.json_error("upload_failed", result["error"], 422, state=result.get("state"))
        return common.json_ok(dict(result, answer_state=upload.answer_id.state))

    # ------------------------------------------------------------------ device check, practice
    @route([f"{API}/speedtest"], type="http", auth="public", methods=["POST"], csrf=False, sitemap=False)
    @_validated
    def api_speedtest(self, interview_id, access_token=None, **kw):
        """Reads and discards a small body so the browser can time its upload speed."""
        if not self._api_interview(interview_id, access_token):
            return common.json_error("not_found", _("This interview link is not valid."), 404)
        length = request.httprequest.content_length or 0
        if length > SPEEDTEST_MAX_BYTES:
            return common.json_error("too_large", _("Speed test body too large."), 413)
        start, received, stream = time.monotonic(), 0, common.body_stream()
        while received < length:
            piece = stream.read(min(65536, length - received))
            if not piece:
                break
            received += len(piece)
        return common.json_ok({"bytes": received, "server_ms": round((time.monotonic() - start) * 1000, 1)})

    @route([f"{API}/device"], type="http", auth="public", methods=["POST"], csrf=False, sitemap=False)
    @_validated
    def api_device(self, interview_id, access_token=None, **kw):
        interview, data, error = self._api_prelude(interview_id, access_token)
        if error:
            return error
        keep = ("camera", "microphone", "mic_level", "upload_kbps", "mimetype", "text_mode", "error",
                "user_agent", "screen")
        result, error = common.call_contract(interview._portal_record_device_check,
                                             {k: data[k] for k in keep if k in data})
        if error:
            return error
        return common.json_ok({"text_mode": bool((result or {}).get("text_mode")),
                               "next_step": interview._portal_next_step()})

    @route([f"{API}/practice/feedback"], type="http", auth="public", methods=["POST"], csrf=False,
           sitemap=False)
    @_validated
    def api_practice_feedback(self, interview_id, access_token=None, **kw):
        interview, data, error = self._api_prelude(interview_id, access_token)
        if error:
            return error
        answer = self._api_answer(interview, data.get("answer_id"))
        if not answer or not answer.is_practice:
            return common.json_error("not_found", _("Unknown practice answer."), 404)
        # queued, not computed here: the page polls /status for the result
        result, error = common.call_contract(interview._portal_request_practice_feedback, answer)
        return error or common.json_ok(result, status=200 if result["state"] == "done" else 202)

    @route([f"{API}/status"], type="http", auth="public", methods=["GET"], sitemap=False)
    @_validated
    def api_status(self, interview_id, access_token=None, **kw):
        interview = self._api_interview(interview_id, access_token)
        if not interview:
            return common.json_error("not_found", _("This interview link is not valid."), 404)
        return common.json_ok({
            "state": interview.state, "next_step": interview._portal_next_step(),
            "answers": [dict({"id": a.id, "line_id": a.question_line_id.id, "attempt": a.attempt, "state": a.state},
                             **({"practice_feedback": a._practice_feedback_status()} if a.is_practice else {}))
                        for a in interview.answer_ids]})
