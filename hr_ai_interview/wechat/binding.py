"""Learning a candidate's WeChat identity (pure; wechatpy does the protocol work).

- Silent OAuth (snsapi_base) inside WeChat's browser: the authorize URL, then the code -> openid exchange.
- Official Account callbacks (plain or AES "safe mode") and WeCom customer-contact callbacks: signature checked,
  decrypted and reduced to a BindingEvent: bind (subscribe / scan of a parametric QR code, external contact
  added through a contact-way QR code) or unbind (unsubscribe, contact removed).
"""
import re
from dataclasses import dataclass
from typing import Optional

from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.enterprise import parse_message as parse_wecom_message
from wechatpy.enterprise.crypto import WeChatCrypto as WeComCrypto
from wechatpy.exceptions import InvalidSignatureException, WeChatClientException, WeChatOAuthException
from wechatpy.oauth import WeChatOAuth
from wechatpy.utils import check_signature

OAUTH_BASE = "https://open.weixin.qq.com/connect/"
SCENE_PREFIX = "hrai_"  # our parametric QR scenes and contact-way states; other scenes of the account are ignored
SCENE_RE = re.compile(r"^hrai_[A-Za-z0-9_-]{8,40}$")


class BindingError(Exception):
    """The callback or exchange is not valid (bad signature, bad XML, code refused): the caller answers 400."""


@dataclass
class BindingEvent:
    action: Optional[str]  # 'bind' | 'unbind' | None (an event we do not act on)
    identity: str = ""  # Official Account openid or WeCom external_userid
    scene: Optional[str] = None  # our scene (QR code / contact way) when the event carries one
    user_id: Optional[str] = None  # WeCom: the member whose contact way was used (the sender of later messages)


def api_root(cgi_base):
    """https://api.weixin.qq.com/cgi-bin/ -> https://api.weixin.qq.com/ (OAuth lives beside cgi-bin)."""
    return re.sub(r"cgi-bin/?$", "", cgi_base or "https://api.weixin.qq.com/cgi-bin/")


def _oauth(app_id, secret, redirect_uri, state="", cgi_base=None, oauth_base=None, timeout=10):
    client = WeChatOAuth(app_id, secret, redirect_uri, scope="snsapi_base", state=state)
    client.API_BASE_URL, client.OAUTH_BASE_URL = api_root(cgi_base), oauth_base or OAUTH_BASE
    client.timeout = timeout
    return client


def authorize_url(app_id, redirect_uri, state, oauth_base=None):
    """Where WeChat's browser is sent: WeChat asks nothing (snsapi_base) and comes back with ?code=&state=."""
    return _oauth(app_id, "", redirect_uri, state, oauth_base=oauth_base).authorize_url


def exchange_code(app_id, secret, code, cgi_base=None, timeout=10):
    """code -> openid. BindingError when WeChat refuses the code (reused, expired, forged)."""
    try:
        result = _oauth(app_id, secret, "", cgi_base=cgi_base, timeout=timeout).fetch_access_token(code)
    except (WeChatOAuthException, WeChatClientException, KeyError) as exc:
        raise BindingError("code refused: %s" % getattr(exc, "errcode", type(exc).__name__)) from None
    openid = result.get("openid")
    if not openid:
        raise BindingError("no openid in the answer")
    return openid


def _scene(key):
    key = (key or "").removeprefix("qrscene_")  # subscribe-by-scan events prefix the scene
    return key if SCENE_RE.match(key) else None


# ---------- Official Account callbacks ----------
def verify_oa_echo(token, query):
    """GET by WeChat when the URL is configured: -> echostr when the signature is right."""
    try:
        check_signature(token, query.get("signature", ""), query.get("timestamp", ""), query.get("nonce", ""))
    except InvalidSignatureException:
        raise BindingError("bad signature") from None
    return query.get("echostr", "")


def parse_oa_event(token, aes_key, app_id, query, body):
    """A POSTed event: signature checked (and, in safe mode, the AES envelope decrypted) -> BindingEvent."""
    verify_oa_echo(token, query)
    if query.get("encrypt_type") == "aes":
        if not aes_key:
            raise BindingError("encrypted callback but no EncodingAESKey configured")
        try:
            body = WeChatCrypto(token, aes_key, app_id).decrypt_message(
                body, query.get("msg_signature", ""), query.get("timestamp", ""), query.get("nonce", ""))
        except Exception as exc:  # wechatpy raises InvalidSignature / InvalidAppId / parse and padding errors
            raise BindingError("cannot decrypt: %s" % type(exc).__name__) from None
    try:
        msg = parse_message(body)
    except Exception as exc:
        raise BindingError("bad XML: %s" % type(exc).__name__) from None
    if msg is None or getattr(msg, "type", None) != "event":
        return BindingEvent(None)
    event = (msg.event or "").lower()
    openid = msg.source
    if event in ("subscribe_scan", "scan", "subscribe"):
        scene = _scene(getattr(msg, "scene_id", None) or getattr(msg, "key", None) or msg._data.get("EventKey"))
        return BindingEvent("bind" if scene else None, openid, scene)
    if event == "unsubscribe":
        return BindingEvent("unbind", openid)
    return BindingEvent(None, openid)


# ---------- WeCom customer-contact callbacks (always encrypted) ----------
def _wecom_crypto(token, aes_key, corp_id):
    if not (token and aes_key):
        raise BindingError("WeCom callback token / EncodingAESKey not configured")
    return WeComCrypto(token, aes_key, corp_id)


def verify_wecom_echo(token, aes_key, corp_id, query):
    try:
        return _wecom_crypto(token, aes_key, corp_id).check_signature(
            query.get("msg_signature", ""), query.get("timestamp", ""), query.get("nonce", ""),
            query.get("echostr", ""))
    except BindingError:
        raise
    except Exception as exc:
        raise BindingError("bad signature: %s" % type(exc).__name__) from None


def parse_wecom_event(token, aes_key, corp_id, query, body):
    try:
        xml = _wecom_crypto(token, aes_key, corp_id).decrypt_message(
            body, query.get("msg_signature", ""), query.get("timestamp", ""), query.get("nonce", ""))
        msg = parse_wecom_message(xml)
    except BindingError:
        raise
    except Exception as exc:
        raise BindingError("cannot decrypt: %s" % type(exc).__name__) from None
    data = getattr(msg, "_data", {}) or {}
    if (data.get("Event") or "").lower() != "change_external_contact":
        return BindingEvent(None)
    change, external = data.get("ChangeType"), data.get("ExternalUserID") or ""
    if change == "add_external_contact":
        scene = _scene(data.get("State"))
        return BindingEvent("bind" if scene else None, external, scene, data.get("UserID"))
    if change in ("del_external_contact", "del_follow_user"):
        return BindingEvent("unbind", external, None, data.get("UserID"))
    return BindingEvent(None, external)
