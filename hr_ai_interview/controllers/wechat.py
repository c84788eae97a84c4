# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""WeChat binding routes: the silent OAuth callback, the Official Account and WeCom event endpoints, and the
candidate's "stop WeChat notices". Thin: wechat/binding.py checks and decodes, the models bind.

OAuth security: the `state` is a random value kept in the candidate's session with the interview it is for and
an expiry; it is used once (popped) and only in the session that started the round trip. The redirect URL
carries no interview token (the session already holds it), so nothing secret goes through WeChat."""
import logging
import re
import secrets
import time

from odoo import http
from odoo.http import request, route

from ..wechat.binding import BindingError, authorize_url, exchange_code, parse_oa_event, parse_wecom_event, \
    verify_oa_echo, verify_wecom_echo
from . import common

_logger = logging.getLogger(__name__)
OAUTH_PATH = "/ai-interview/wechat/oauth"
OAUTH_KEY = "hr_ai_wechat_oauth"  # session: {state: {"interview": id, "expires": unix time}}
TRIED_KEY = "hr_ai_wechat_tried"  # session: interviews whose round trip already ran (no redirect loop)
OAUTH_TTL = 600
STATE_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
CODE_RE = re.compile(r"^[A-Za-z0-9_-]{1,128}$")
MAX_EVENT_BYTES = 64 * 1024
PARAM = "hr_ai_interview.wechat_oauth_base_url"  # test databases point WeChat's authorize page at a mock


def in_wechat():
    return "micromessenger" in (request.httprequest.user_agent.string or "").lower()


def oauth_redirect(interview):
    """The landing page opened in WeChat's browser: a redirect through WeChat's silent OAuth (snsapi_base) to
    learn the candidate's openid, once per session and interview; None everywhere else."""
    if not in_wechat() or not interview._portal_wechat_oauth_wanted():
        return None
    tried = list(request.session.get(TRIED_KEY) or [])
    if interview.id in tried:
        return None
    state = secrets.token_urlsafe(24)
    pending = {k: v for k, v in (request.session.get(OAUTH_KEY) or {}).items() if v["expires"] > time.time()}
    pending[state] = {"interview": interview.id, "expires": time.time() + OAUTH_TTL}
    request.session[OAUTH_KEY] = pending
    request.session[TRIED_KEY] = (tried + [interview.id])[-20:]
    app_id = interview.company_id._ai_official_account_config()[0]
    oauth_base = request.env["ir.config_parameter"].sudo().get_param(PARAM) or None
    url = authorize_url(app_id, interview.get_base_url() + OAUTH_PATH, state, oauth_base=oauth_base)
    return request.redirect(url, local=False)


def _bad(reason):
    _logger.info("WeChat callback refused: %s", reason)
    return request.make_response("bad request", [("Content-Type", "text/plain")], status=400)


class AiInterviewWechat(http.Controller):

    @route([OAUTH_PATH], type="http", auth="public", methods=["GET"], sitemap=False, multilang=False)
    def ai_wechat_oauth(self, code=None, state=None, **kw):
        common.secure_headers()
        if not isinstance(state, str) or not STATE_RE.match(state):
            return _bad("state missing or malformed")
        pending = dict(request.session.get(OAUTH_KEY) or {})
        entry = pending.pop(state, None)  # single use, whatever happens next
        request.session[OAUTH_KEY] = pending
        if not entry or entry["expires"] < time.time():
            return _bad("unknown or expired state")
        interview = common.get_interview(entry["interview"], common.session_token(entry["interview"]))
        if not interview:
            return _bad("the session holds no valid link for the interview")
        back = request.redirect("/ai-interview/%d" % interview.id)
        if not code:  # the candidate cancelled: the page opens unchanged
            return back
        if not isinstance(code, str) or not CODE_RE.match(code):
            return _bad("code malformed")
        app_id, secret, base_url = interview.company_id._ai_official_account_config() or (None, None, None)
        if not app_id:
            return back
        kwargs = request.env["hr.ai.delivery"].sudo()._ai_sender_kwargs(base_url)
        try:
            openid = exchange_code(app_id, secret, code, cgi_base=kwargs["api_base_url"], timeout=kwargs["timeout"])
        except BindingError as exc:
            return _bad(str(exc))
        except Exception as exc:  # WeChat unreachable: the interview goes on without WeChat
            _logger.warning("WeChat OAuth exchange failed: %s", type(exc).__name__)
            return back
        interview._portal_wechat_bind_oauth(openid)
        return back

    @route(["/ai-interview/wechat/event/<int:company_id>"], type="http", auth="public", methods=["GET", "POST"],
           csrf=False, sitemap=False, multilang=False, save_session=False)
    def ai_wechat_event(self, company_id, **kw):
        company = request.env["res.company"].sudo().browse(company_id).exists()
        config = company and company._ai_official_account_config()
        if not config or not company.ai_wechat_token:
            return _bad("no Official Account callback configured")
        query = request.httprequest.args.to_dict()
        try:
            if request.httprequest.method == "GET":
                return request.make_response(verify_oa_echo(company.ai_wechat_token, query))
            body = request.httprequest.get_data()
            if len(body) > MAX_EVENT_BYTES:
                return _bad("body too large")
            event = parse_oa_event(company.ai_wechat_token, company.ai_wechat_aes_key, config[0], query, body)
        except BindingError as exc:
            return _bad(str(exc))
        self._apply(company, "official_account", event, "qr")
        return request.make_response("success")

    @route(["/ai-interview/wecom/event/<int:company_id>"], type="http", auth="public", methods=["GET", "POST"],
           csrf=False, sitemap=False, multilang=False, save_session=False)
    def ai_wecom_event(self, company_id, **kw):
        company = request.env["res.company"].sudo().browse(company_id).exists()
        config = company and company._ai_wecom_config()
        if not config:
            return _bad("no WeCom callback configured")
        token, aes_key = company.ai_wecom_callback_token, company.ai_wecom_aes_key
        query = request.httprequest.args.to_dict()
        try:
            if request.httprequest.method == "GET":
                return request.make_response(verify_wecom_echo(token, aes_key, config[0], query))
            body = request.httprequest.get_data()
            if len(body) > MAX_EVENT_BYTES:
                return _bad("body too large")
            event = parse_wecom_event(token, aes_key, config[0], query, body)
        except BindingError as exc:
            return _bad(str(exc))
        self._apply(company, "wecom_external", event, "contact_way")
        return request.make_response("success")

    @staticmethod
    def _apply(company, channel, event, source):
        Binding = request.env["hr.ai.wechat.binding"].sudo()
        if event.action == "unbind" and event.identity:
            Binding._ai_unbind(company, channel, event.identity)
        elif event.action == "bind" and event.identity:
            interview = request.env["hr.ai.wechat.scene"].sudo()._ai_resolve(event.scene, channel)
            if interview and interview.company_id == company:
                Binding._ai_bind(interview, channel, event.identity, source, sender=event.user_id)
            else:
                _logger.info("WeChat %s event for an unknown or expired scene ignored", channel)

    @route(["/ai-interview/<int:interview_id>/wechat/withdraw"], type="http", auth="public", methods=["POST"],
           website=True, sitemap=False, multilang=False)
    def ai_wechat_withdraw(self, interview_id, back=None, **kw):
        interview = common.get_interview(interview_id, common.session_token(interview_id))
        if not interview:
            return request.render("hr_ai_interview.portal_ai_not_found", {"no_breadcrumbs": True}, status=404)
        interview._portal_wechat_withdraw()
        return request.redirect("/ai-interview/%d%s" % (interview.id, "/done" if back == "done" else ""))
