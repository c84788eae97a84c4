"""Deliver reports over WeChat with token refresh, back-off retries and a plain DeliveryResult (never raises for
delivery failures, so the Odoo delivery log can record every outcome).

- WeComSender.send_file: upload the PDF as temporary media, send it as a file message, then a text message.
  Each step retries on its own, so a failed send never re-uploads, and message/send uses WeCom's duplicate
  check so a retry after a timeout (request processed, response lost) does not deliver twice.
- OfficialAccountSender.send_report_link: Official Accounts cannot push files, so a template message links to the
  token-protected download page.
"""
import logging
import random
import time
from dataclasses import dataclass, field
from typing import List, Optional

import requests
from wechatpy.exceptions import WeChatClientException

from .client import OfficialAccountClient, WeComClient
from .errors import RETRIABLE_ERRCODES, RETRIABLE_HTTP, TOKEN_ERRCODES, TokenFetchError, TokenStoreError, describe
from .masking import install_log_filter, mask, register_secret

_logger = logging.getLogger("hr_ai_interview.wechat")
DUPLICATE_CHECK_INTERVAL = 1800  # seconds; WeCom drops an identical message to the same user within this window


@dataclass
class DeliveryResult:
    status: str  # 'sent' | 'failed'
    attempts: int = 0  # API requests made for this delivery, retries included (token fetches excluded)
    reason: Optional[str] = None  # masked; why it failed (or None)
    retriable: bool = False  # failed but a later retry (cron) may succeed
    message_id: Optional[str] = None
    errcode: Optional[int] = None
    media_id: Optional[str] = None
    warnings: List[str] = field(default_factory=list)  # e.g. the courtesy text failed after the file was sent

    @property
    def ok(self):
        return self.status == "sent"


class _StepFailed(Exception):
    def __init__(self, reason, retriable, errcode=None):
        Exception.__init__(self, reason)
        self.reason, self.retriable, self.errcode = reason, retriable, errcode


def _classify(exc):
    """-> (kind, reason, errcode) with kind in 'token' | 'retry' | 'fatal'."""
    if isinstance(exc, TokenStoreError):
        return "retry", str(exc), None
    if isinstance(exc, TokenFetchError):
        if exc.http_status in RETRIABLE_HTTP or exc.errcode in RETRIABLE_ERRCODES:
            return "retry", "token endpoint: " + describe(exc.errcode, exc.errmsg), exc.errcode
        return "fatal", "credentials rejected by the token endpoint: " + describe(exc.errcode, exc.errmsg), \
            exc.errcode
    if isinstance(exc, WeChatClientException):
        if exc.errcode is None:  # wechatpy wraps HTTP errors with errcode None
            status = getattr(exc.response, "status_code", None)
            return ("retry" if status in RETRIABLE_HTTP or status is None else "fatal"), "HTTP %s" % status, None
        if exc.errcode in TOKEN_ERRCODES:
            return "token", describe(exc.errcode, exc.errmsg), exc.errcode
        if exc.errcode in RETRIABLE_ERRCODES:
            return "retry", describe(exc.errcode, exc.errmsg), exc.errcode
        return "fatal", describe(exc.errcode, exc.errmsg), exc.errcode
    if isinstance(exc, requests.Timeout):
        return "retry", "timeout: %s" % type(exc).__name__, None
    if isinstance(exc, requests.RequestException):
        return "retry", "network error: %s: %s" % (type(exc).__name__, exc), None
    return "fatal", "unexpected error: %s: %s" % (type(exc).__name__, exc), None


def _maybe_processed(exc):
    """True when the request may have reached WeChat (read timeout, connection dropped after sending); False
    when it surely did not (connection refused, connect timeout) or WeChat answered (HTTP 5xx)."""
    if isinstance(exc, requests.ConnectTimeout):
        return False
    if isinstance(exc, requests.ConnectionError):
        text = repr(exc.args[0] if exc.args else exc)
        return not any(s in text for s in ("NewConnectionError", "Connection refused", "Failed to establish"))
    return isinstance(exc, requests.Timeout)


class _BaseSender:
    def __init__(self, client, max_attempts, base_delay, max_delay, sleep, jitter):
        install_log_filter()
        self.client = client
        self.max_attempts, self.base_delay, self.max_delay = max_attempts, base_delay, max_delay
        self.jitter, self._sleep = jitter, sleep

    def __repr__(self):  # never the secret
        return "<%s %s @ %s>" % (type(self).__name__, self.client.appid, self.client.API_BASE_URL)

    def backoff(self, attempt):
        """Delay before retry number `attempt` (1-based): base·2^(n−1), capped, with up to ±jitter spread so
        many workers retrying after one outage do not hit WeChat in lock-step."""
        delay = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return delay * (1 + self.jitter * (2 * random.random() - 1)) if self.jitter else delay

    def _step(self, name, fn, counter, resend_safe=True):
        """Run one API call with: one token refresh on an expired token, back-off retries on transient errors.
        resend_safe=False (a call WeChat cannot de-duplicate): when the request may have been processed but its
        answer was lost, the step fails for good instead of risking a second message."""
        refreshed, tries = False, 0
        while True:
            tries += 1
            counter[0] += 1
            token = None
            try:
                token = self.client.access_token
                return fn()
            except Exception as exc:  # classified below; anything unknown is fatal, never silently swallowed
                kind, reason, errcode = _classify(exc)
                if kind == "retry" and not resend_safe and _maybe_processed(exc):
                    raise _StepFailed(mask("%s: %s: no answer after sending, the message may have arrived; "
                                           "not sent again to avoid a duplicate" % (name, reason),
                                           extra=(self.client.secret,)), False, errcode) from None
            reason = mask("%s: %s" % (name, reason), extra=(self.client.secret,))
            if kind == "token":
                if refreshed:  # a fresh token rejected again: configuration problem, let a later run retry
                    raise _StepFailed(reason + " (after token refresh)", True, errcode)
                _logger.info("WeChat %s: access token rejected, refreshing once", name)
                refreshed = True
                try:
                    self.client.refresh_token(token)
                except Exception as exc:
                    kind, reason, errcode = _classify(exc)
                    raise _StepFailed(mask("%s: %s" % (name, reason), extra=(self.client.secret,)),
                                      kind == "retry", errcode)
                continue
            if kind == "retry" and tries < self.max_attempts:
                delay = self.backoff(tries)
                _logger.warning("WeChat %s failed (%s); retry %d/%d in %.2fs", name, reason, tries,
                                self.max_attempts - 1, delay)
                self._sleep(delay)
                continue
            raise _StepFailed(reason, kind == "retry", errcode)

    def _failed(self, exc, counter, **extra):
        _logger.warning("WeChat delivery failed: %s", exc.reason)
        return DeliveryResult("failed", counter[0], exc.reason, exc.retriable, errcode=exc.errcode, **extra)


def _check_recipient(result, user_id):
    """WeCom answers errcode 0 but lists unknown / invisible recipients in invaliduser: that is a failure."""
    invalid = [u for u in (result.get("invaliduser") or "").split("|") if u]
    if user_id in invalid:
        raise WeChatClientException(81013, "invaliduser: recipient not in the app's visible range")
    return result


class WeComSender(_BaseSender):
    def __init__(self, corp_id, secret, agent_id, api_base_url=None, http_session=None, timeout=(3.05, 10),
                 max_attempts=4, base_delay=0.5, max_delay=8.0, sleep=time.sleep, jitter=0.1, token_store=None):
        register_secret(secret)
        client = WeComClient(corp_id, secret, api_base_url, http_session, timeout, token_store)
        _BaseSender.__init__(self, client, max_attempts, base_delay, max_delay, sleep, jitter)
        self.agent_id = int(agent_id)

    def _send(self, user_id, msg):
        msg = dict(msg, enable_duplicate_check=1, duplicate_check_interval=DUPLICATE_CHECK_INTERVAL)
        return _check_recipient(self.client.message.send(self.agent_id, user_id, msg=msg), user_id)

    def upload_media(self, filename, data, content_type="application/pdf"):
        """Temporary media (valid 3 days): 'sent' here means uploaded, with `media_id`. A caller that retries
        sending later keeps the media_id, so WeCom's duplicate check recognises the same file message."""
        counter = [0]
        try:
            up = self._step("media/upload", lambda: self.client.media.upload(
                "file", (filename, data, content_type)), counter)
        except _StepFailed as exc:
            return self._failed(exc, counter)
        return DeliveryResult("sent", counter[0], media_id=up["media_id"])

    def send_file(self, user_id, filename, pdf_bytes, text=None, content_type="application/pdf"):
        """Upload + file message (+ text). 'sent' once the file message is accepted; a failed text is a warning
        (re-sending the whole delivery would duplicate the file)."""
        up = self.upload_media(filename, pdf_bytes, content_type)
        if not up.ok:
            return up
        return self.send_media(user_id, up.media_id, text, attempts=up.attempts)

    def send_media(self, user_id, media_id, text=None, attempts=0):
        """File message of uploaded media (+ a courtesy text)."""
        counter = [attempts]
        try:
            sent = self._step("message/send file", lambda: self._send(
                user_id, {"msgtype": "file", "file": {"media_id": media_id}}), counter)
        except _StepFailed as exc:
            return self._failed(exc, counter, media_id=media_id)
        result = DeliveryResult("sent", counter[0], message_id=sent.get("msgid"), media_id=media_id)
        if text:
            try:
                self._step("message/send text", lambda: self._send(
                    user_id, {"msgtype": "text", "text": {"content": text}}), counter)
            except _StepFailed as exc:
                result.warnings.append(exc.reason)
            result.attempts = counter[0]
        return result

    def add_contact_way(self, user_id, state, remark=None):
        """Customer-contact "contact me" QR code of the member `user_id`; `state` comes back in the
        add_external_contact callback, which is how the new external contact is tied to the interview."""
        counter = [0]
        try:
            res = self._step("externalcontact/add_contact_way", lambda: self.client.external_contact.add_contact_way(
                1, 2, remark=remark, skip_verify=True, state=state, user=[user_id]), counter)
        except _StepFailed as exc:
            return self._failed(exc, counter)
        return DeliveryResult("sent", counter[0], message_id=res.get("config_id"), media_id=res.get("qr_code"))

    def send_external(self, sender_id, external_userid, text, url=None, title=None):
        """A message to an external contact (a candidate), through the member's customer-contact tool: WeCom shows
        it to `sender_id`, who confirms the send. WeCom has no duplicate check here: a lost answer is not resent."""
        template = {"chat_type": "single", "external_userid": [external_userid], "sender": sender_id,
                    "text": {"content": text}}
        if url:
            template["link"] = {"title": (title or text)[:64], "url": url, "desc": text[:128]}
        counter = [0]
        try:
            res = self._step("externalcontact/add_msg_template", lambda: self._check_external(
                self.client.external_contact.add_msg_template(template), external_userid), counter,
                resend_safe=False)
        except _StepFailed as exc:
            return self._failed(exc, counter)
        return DeliveryResult("sent", counter[0], message_id=res.get("msgid"))

    @staticmethod
    def _check_external(result, external_userid):
        if external_userid in (result.get("fail_list") or []):
            raise WeChatClientException(40096, "fail_list: not an external contact of the sender")
        return result

    def send_text(self, user_id, text):
        counter = [0]
        try:
            sent = self._step("message/send text", lambda: self._send(
                user_id, {"msgtype": "text", "text": {"content": text}}), counter)
        except _StepFailed as exc:
            return self._failed(exc, counter)
        return DeliveryResult("sent", counter[0], message_id=sent.get("msgid"))


class OfficialAccountSender(_BaseSender):
    def __init__(self, app_id, secret, template_id, api_base_url=None, http_session=None, timeout=(3.05, 10),
                 max_attempts=4, base_delay=0.5, max_delay=8.0, sleep=time.sleep, jitter=0.1, token_store=None):
        register_secret(secret)
        client = OfficialAccountClient(app_id, secret, api_base_url, http_session, timeout, token_store)
        _BaseSender.__init__(self, client, max_attempts, base_delay, max_delay, sleep, jitter)
        self.template_id = template_id

    @staticmethod
    def template_data(data):
        """{'first': 'x', 'keyword1': {'value': 'y', 'color': '#173177'}} -> WeChat's {'k': {'value': ...}}."""
        return {k: (dict(v) if isinstance(v, dict) else {"value": "" if v is None else str(v)})
                for k, v in (data or {}).items()}

    def create_qrcode(self, scene, expire_seconds):
        """Temporary parametric QR code (string scene): -> DeliveryResult with message_id = ticket and
        media_id = the QR content URL (what the code encodes)."""
        counter = [0]
        try:
            res = self._step("qrcode/create", lambda: self.client.qrcode.create({
                "expire_seconds": int(expire_seconds), "action_name": "QR_STR_SCENE",
                "action_info": {"scene": {"scene_str": scene}}}), counter)
        except _StepFailed as exc:
            return self._failed(exc, counter)
        return DeliveryResult("sent", counter[0], message_id=res.get("ticket"), media_id=res.get("url"))

    def send_report_link(self, openid, url, data):
        """Template message whose tap opens `url` (the report download page). WeChat has no duplicate check for
        template messages: when the request may have been processed but the answer was lost, the send fails
        for good (not retriable) rather than risking a second message; the caller falls back to another
        channel."""
        counter = [0]
        try:
            sent = self._step("message/template/send", lambda: self.client.message.send_template(
                openid, self.template_id, self.template_data(data), url=url), counter, resend_safe=False)
        except _StepFailed as exc:
            return self._failed(exc, counter)
        return DeliveryResult("sent", counter[0], message_id=str(sent.get("msgid") or "") or None)
