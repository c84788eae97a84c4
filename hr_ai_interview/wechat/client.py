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
    instances matters: the token endpoints are rate-limited per day, and a cron builds new senders each run.

    With several worker processes a per-process cache is not enough: an Official Account has one valid token at
    a time, so a worker fetching its own invalidates the others'. Deployments pass a store shared by all
    workers (the addon keeps it in the database) implementing the same `get_or_fetch` / `invalidate`."""

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

    def get_or_fetch(self, key, fetch):
        """The valid token for `key`, fetched by `fetch() -> (token, ttl)` under the lock when there is none,
        so concurrent callers share one fetch."""
        with self._lock:
            value, expires = self._data.get(key, (None, 0))
            if value is not None and (not expires or expires > self._clock()):
                return value
            token, ttl = fetch()
            self._data[key] = (token, self._clock() + ttl - EXPIRY_MARGIN if ttl else 0)
            return token

    def invalidate(self, key, token):
        """Forget `token` if it is still the stored one (another caller may have refreshed it already)."""
        with self._lock:
            if self._data.get(key, (None, 0))[0] == token:
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

    def _request_token(self):
        """-> (token, ttl seconds) from the token endpoint; TokenFetchError when it refuses."""
        res = self._http.get(self.API_BASE_URL + self.TOKEN_PATH, params=self._token_params(), timeout=self.timeout)
        if res.status_code >= 400:
            raise TokenFetchError(None, "HTTP %d" % res.status_code, http_status=res.status_code)
        try:
            result = res.json()
        except ValueError:
            raise TokenFetchError(None, "token endpoint returned non-JSON", http_status=res.status_code)
        if int(result.get("errcode") or 0) != 0 or not result.get("access_token"):
            raise TokenFetchError(int(result.get("errcode") or 0), result.get("errmsg"))
        return result["access_token"], int(result.get("expires_in", 7200))

    def fetch_access_token(self):
        token, ttl = self._request_token()
        self.session.set(self.access_token_key, token, ttl)
        return {"access_token": token, "expires_in": ttl}

    @property
    def access_token(self):
        """One token per account for every caller sharing the store: fetched once, under the store's lock."""
        return self.session.get_or_fetch(self.access_token_key, self._request_token)

    def refresh_token(self, rejected):
        """WeChat said `rejected` is no longer valid: drop it (unless someone already replaced it) and get the
        current one."""
        self.session.invalidate(self.access_token_key, rejected)
        return self.access_token


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
