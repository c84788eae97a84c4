"""Keep WeChat secrets and access tokens out of logs and failure reasons.

The token URL carries the secret in its query string (`corpsecret=` / `secret=`) and every API URL carries the
access token; urllib3 logs full URLs at DEBUG and requests' exception texts include them. So every reason string
goes through mask(), and a logging filter masks records of the loggers that see URLs.
"""
import logging
import re
import threading

MASK = "***"
# query parameters or JSON fields whose value is a credential
_PARAM_RE = re.compile(r"(?i)\b(access_token|corpsecret|secret|appsecret)(=|%3D|\"\s*:\s*\"|'\s*:\s*')([^&\s\"',)]+)")
_LOGGERS = ("urllib3.connectionpool", "urllib3.util.retry", "requests", "wechatpy", "wechatpy.client.base",
            "hr_ai_interview.wechat")

_secrets = set()
_lock = threading.Lock()
_installed = False


def register_secret(value):
    """Remember a secret value so it is masked wherever it appears, not only after `secret=`."""
    if value and len(value) >= 4:
        with _lock:
            _secrets.add(str(value))


def mask(text, extra=()):
    if text is None:
        return None
    text = _PARAM_RE.sub(lambda m: m.group(1) + m.group(2) + MASK, str(text))
    for secret in sorted(set(_secrets) | {s for s in extra if s}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


class SecretMaskingFilter(logging.Filter):
    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is not ours to fix; let it through unchanged
            return True
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and record.exc_info[1] is not None:
            # tracebacks print str(exception), which for requests errors contains the URL
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def install_log_filter():
    """Attach the masking filter to the loggers that can see credentials (idempotent).

    Logger-level filters only run for records created on that exact logger, hence the explicit list.
    """
    global _installed
    with _lock:
        if _installed:
            return
        flt = SecretMaskingFilter()
        for name in _LOGGERS:
            logging.getLogger(name).addFilter(flt)
        _installed = True
