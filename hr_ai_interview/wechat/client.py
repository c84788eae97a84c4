"""wechatpy clients pointed at a configurable API base URL, with a shared expiring token cache.

wechatpy 1.8.18 hard-codes the token URLs and fetches tokens without a timeout; these subclasses take the base URL
per instance (a local mock server in tests, a proxy in some deployments) and fetch with the client timeout.
wechatpy's own auto_retry is disabled: delivery.py decides when to refresh and retry, and counts attempts.
"""
import hashlib
import threading
import time

from wechatpy.client import WeChatClient as _OAClient
from wechatpy.enterprise import WeChatClient as _WeComClient

from .errors import TokenFetchError

WECOM_API = "https://qyapi.weixin.qq.com/cgi-bin/"
OA_API = "https://api.weixin.qq.com/cgi-bin/"
EXPIRY_MARGIN = 120  # renew this many seconds early so a token never expires between fetch and use


class TokenStore:
    """Process-wide expiring token cache (wechatpy's MemoryStorage ignores TTLs). Sharing it across sender
    instances matters: the token endpoints are rate-limited per day, and a cron builds new senders each run."""

    def __init__(self, clock=time.time):
        self._data, self._lock, self._clock = {}, threading.Lock(), clock

    def get(self, key, default=None):
        with self._lock:
            value, expires = self._data.get(key, (None, 0))
            if value is None or (expires and expires <= self._clock()):
                return default
            return value

    def set(self, key, value, ttl=None):
        if value is None:
            return
        with self._lock:
            self._data[key] = (value, self._clock() + ttl - EXPIRY_MARGIN if ttl else 0)

    def delete(self, key):
        with self._lock:
            self._data.pop(key, None)


SHARED_TOKENS = TokenStore()


class _BaseURLMixin:
    TOKEN_PATH = ""

    def _setup(self, api_base_url, http_session):
        self.API_BASE_URL = api_base_url  # instance attribute shadows the hard-coded class constant
        if http_session is not None:
            self._http = http_session

    @property
    def access_token_key(self):
        # Base URL + a hash of the secret: distinct per account and server, and no secret text in cache keys.
        digest = hashlib.sha256(self.secret.encode("utf-8")).hexdigest()[:12]
        return "%s|%s|%s" % (self.API_BASE_URL, self.appid, digest)

    def _token_params(self):
        raise NotImplementedError

    def fetch_access_token(self):
        res = self._http.get(self.API_BASE_URL + self.TOKEN_PATH, params=self._token_params(), timeout=self.timeout)
        if res.status_code >= 400:
            raise TokenFetchError(None, "HTTP %d" % res.status_code, http_status=res.status_code)
        try:
            result = res.json()
        except ValueError:
            raise TokenFetchError(None, "token endpoint returned non-JSON", http_status=res.status_code)
        if int(result.get("errcode") or 0) != 0 or not result.get("access_token"):
            raise TokenFetchError(int(result.get("errcode") or 0), result.get("errmsg"))
        self.session.set(self.access_token_key, result["access_token"], int(result.get("expires_in", 7200)))
        return result

    def invalidate_token(self):
        self.session.delete(self.access_token_key)


class WeComClient(_BaseURLMixin, _WeComClient):
    TOKEN_PATH = "gettoken"

    def __init__(self, corp_id, secret, api_base_url=None, http_session=None, timeout=None, token_store=None):
        _WeComClient.__init__(self, corp_id, secret, session=token_store or SHARED_TOKENS, timeout=timeout,
                              auto_retry=False)
        self._setup(api_base_url or WECOM_API, http_session)

    def _token_params(self):
        return {"corpid": self.corp_id, "corpsecret": self.secret}


class OfficialAccountClient(_BaseURLMixin, _OAClient):
    TOKEN_PATH = "token"

    def __init__(self, app_id, secret, api_base_url=None, http_session=None, timeout=None, token_store=None):
        _OAClient.__init__(self, app_id, secret, session=token_store or SHARED_TOKENS, timeout=timeout,
                           auto_retry=False)
        self._setup(api_base_url or OA_API, http_session)

    def _token_params(self):
        return {"grant_type": "client_credential", "appid": self.appid, "secret": self.secret}
