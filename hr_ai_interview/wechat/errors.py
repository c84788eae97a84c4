"""Classification of WeChat / WeCom failures into: refresh the token, retry later, or give up now."""

# The access token is invalid / expired: fetch a new one and retry once.
TOKEN_ERRCODES = {40001, 40014, 42001}
# Transient on WeChat's side: retry with back-off. -1 system busy; 45009 / 45011 API frequency limits;
# 45033 WeCom concurrency limit; 45047 customer-service message quota window.
RETRIABLE_ERRCODES = {-1, 45009, 45011, 45033, 45047}
RETRIABLE_HTTP = {429, 500, 502, 503, 504}

# Human-readable reasons for common permanent errcodes (the delivery log shows them to HR).
PERMANENT_REASONS = {
    40003: "invalid openid / recipient",
    40004: "invalid media type",
    40005: "invalid file type",
    40006: "invalid file size",
    40007: "invalid media_id",
    40013: "invalid corp id / app id",
    40037: "invalid template_id",
    40056: "invalid agent id",
    40091: "secret is invalid",
    40096: "not an external contact of the sending member",
    40125: "invalid app secret",
    40164: "caller IP not in the WeChat IP whitelist",
    41001: "access token missing",
    43004: "recipient has not followed the official account",
    44001: "empty media file",
    48001: "API not authorised for this account",
    60011: "no privilege to access / modify",
    60020: "caller IP not allowed",
    81013: "user id / party / tag all invalid or not in the app's visible range",
    82001: "recipient not in the app's visible range",
}


class TokenFetchError(Exception):
    """The token endpoint itself refused (bad credentials, IP not whitelisted...). Distinct from an expired token
    on an API call, which a refresh can fix."""

    def __init__(self, errcode, errmsg, http_status=None):
        Exception.__init__(self, "token fetch failed: errcode=%s %s" % (errcode, errmsg))
        self.errcode, self.errmsg, self.http_status = errcode, errmsg, http_status


def describe(errcode, errmsg):
    known = PERMANENT_REASONS.get(errcode)
    text = "errcode %s: %s" % (errcode, errmsg or "")
    return "%s (%s)" % (text, known) if known else text


class TokenStoreError(Exception):
    """The store shared by all workers could not be read or written (database busy): transient."""
