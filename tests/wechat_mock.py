"""A local mock of the WeChat / WeCom HTTP APIs that wechatpy really talks to (no pytest dependency, so the Odoo
tests can reuse it).

    with MockWeChatServer() as srv:
        sender = WeComSender(srv.corp_id, srv.corp_secret, srv.agent_id, api_base_url=srv.base_url, ...)
        srv.add_fault("message/send", "http_500")        # scripted failures, consumed in order per endpoint
        srv.expire_tokens()                              # every issued token now answers 42001

Endpoints (under /cgi-bin/): gettoken (WeCom), token (Official Account), media/upload (multipart, bytes kept),
message/send (WeCom, honours enable_duplicate_check), message/template/send (Official Account), qrcode/create
(parametric QR ticket), externalcontact/add_contact_way and externalcontact/add_msg_template (WeCom customer
contact). OAuth (snsapi_base): /connect/oauth2/authorize answers 302 to redirect_uri with a one-time code for
`oauth_openid`, /sns/oauth2/access_token exchanges it. `signed_event` / `encrypted_event` build the callbacks
WeChat posts to an event endpoint (wechatpy's WeChatCrypto, the same code WeChat's samples use).
Fault kinds: 'http_500' (HTTP 500), 'timeout' (answer after `delay` s; with process=True the request is applied
first, like a lost response), 'drop' (the request is applied, then the connection closes without an answer), 'errcode' (JSON errcode/errmsg), 'invaliduser' (errcode 0 but recipient invalid).
"""
import email.parser
import email.policy
import itertools
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

DROP = -1.0  # "delay" of a dropped connection
TOKEN_ERRORS = {"expired": (42001, "access_token expired"), "invalid": (40014, "invalid access_token")}


class MockWeChatServer:
    def __init__(self, corp_id="ww_mock_corp", corp_secret="wecom-secret-DO-NOT-LOG-123456", agent_id=1000002,
                 app_id="wx_mock_app", app_secret="oa-secret-DO-NOT-LOG-654321", token_ttl=7200, port=0):
        self.corp_id, self.corp_secret, self.agent_id = corp_id, corp_secret, agent_id
        self.app_id, self.app_secret, self.token_ttl = app_id, app_secret, token_ttl
        self.lock = threading.RLock()
        self._ids = itertools.count(1)
        self._stop = threading.Event()
        self.reset()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _make_handler(self))
        self._httpd.daemon_threads = True
        self._thread = None

    # -- lifecycle -------------------------------------------------------------------------------------------
    def start(self):
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()  # wakes handlers sleeping in a 'timeout' fault
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def base_url(self):
        return "http://127.0.0.1:%d/cgi-bin/" % self._httpd.server_address[1]

    # -- state and scripting ---------------------------------------------------------------------------------
    def reset(self):
        with self.lock:
            self.tokens = {}  # token -> 'valid' | 'expired'
            self.token_fetches = 0
            self.media = {}  # media_id -> {"filename", "content", "content_type", "type"}
            self.messages = []  # accepted WeCom message/send bodies (duplicates dropped)
            self._sent_keys = {}  # (touser, msgtype, content) -> msgid, for the duplicate check
            self.templates = []  # accepted template/send bodies
            self.calls = []  # {"endpoint", "outcome"} for every request, in order
            self.faults = {}  # endpoint -> [fault dicts]
            self.invalid_users, self.unsubscribed = set(), set()
            # Official Accounts: one valid token per account, a new fetch invalidates the previous one
            self.single_token_accounts, self._account_tokens = set(), {}
            self.oauth_openid, self.oauth_codes, self.authorize_requests = "o_oauth_candidate", {}, []
            self.qrcodes, self.contact_ways, self.group_msgs = [], [], []

    def add_fault(self, endpoint, kind, count=1, errcode=-1, errmsg="system busy", delay=1.0, process=True):
        with self.lock:
            for _ in range(count):
                self.faults.setdefault(endpoint, []).append(
                    {"kind": kind, "errcode": errcode, "errmsg": errmsg, "delay": delay, "process": process})

    def expire_tokens(self):
        with self.lock:
            for tok in self.tokens:
                self.tokens[tok] = "expired"

    def count(self, endpoint, outcome=None):
        with self.lock:
            return sum(1 for c in self.calls if c["endpoint"] == endpoint and outcome in (None, c["outcome"]))

    # -- request handling (called from handler threads) ------------------------------------------------------
    def _issue_token(self):
        token = "tok%06d" % next(self._ids)
        self.tokens[token] = "valid"
        self.token_fetches += 1
        return {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": self.token_ttl}

    def handle(self, method, endpoint, query, headers, body):
        """-> (http_status, json_dict, delay_seconds)."""
        with self.lock:
            fault = (self.faults.get(endpoint) or [None]).pop(0) if self.faults.get(endpoint) else None
            if fault and fault["kind"] == "http_500":
                return self._log(endpoint, "http_500", 500, {"errmsg": "internal error"})
            if fault and fault["kind"] == "errcode":
                return self._log(endpoint, "errcode %d" % fault["errcode"], 200,
                                 {"errcode": fault["errcode"], "errmsg": fault["errmsg"]})
            if fault and fault["kind"] == "timeout" and not fault["process"]:
                return self._log(endpoint, "timeout", 200, {"errcode": -1, "errmsg": "late"}, fault["delay"])
            status, payload = self._dispatch(method, endpoint, query, headers, body, fault)
            if fault and fault["kind"] == "drop":  # processed, then the connection dies: the answer is lost
                return self._log(endpoint, "dropped(processed)", status, payload, DROP)
            if fault and fault["kind"] == "timeout":
                return self._log(endpoint, "timeout(processed)", status, payload, fault["delay"])
            return self._log(endpoint, "ok" if payload.get("errcode", 0) == 0 else "errcode %s" % payload["errcode"],
                             status, payload)

    def _log(self, endpoint, outcome, status, payload, delay=0.0):
        self.calls.append({"endpoint": endpoint, "outcome": outcome})
        return status, payload, delay

    def _dispatch(self, method, endpoint, query, headers, body, fault):
        q = {k: v[0] for k, v in query.items()}
        if endpoint == "gettoken":
            if q.get("corpid") != self.corp_id or q.get("corpsecret") != self.corp_secret:
                return 200, {"errcode": 40001, "errmsg": "invalid credential"}
            return 200, self._issue_token()
        if endpoint == "/sns/oauth2/access_token":
            return 200, self._oauth_exchange(q)
        if endpoint == "token":
            if q.get("appid") != self.app_id or q.get("secret") != self.app_secret:
                return 200, {"errcode": 40125, "errmsg": "invalid appsecret"}
            issued = self._issue_token()
            if self.app_id in self.single_token_accounts:
                for old in self._account_tokens.get(self.app_id, []):
                    self.tokens[old] = "invalid"
                self._account_tokens[self.app_id] = [issued["access_token"]]
            return 200, issued
        state = self.tokens.get(q.get("access_token"))
        if state != "valid":
            code, msg = TOKEN_ERRORS["expired" if state == "expired" else "invalid"]
            return 200, {"errcode": code, "errmsg": msg}
        if endpoint == "media/upload":
            return 200, self._upload(q, headers, body)
        data = json.loads(body.decode("utf-8") or "{}")
        if endpoint == "message/send":
            return 200, self._send(data, fault)
        if endpoint == "message/template/send":
            if data.get("touser") in self.unsubscribed:
                return 200, {"errcode": 43004, "errmsg": "require subscribe"}
            msgid = next(self._ids)
            self.templates.append(dict(data, msgid=msgid))
            return 200, {"errcode": 0, "errmsg": "ok", "msgid": msgid}
        if endpoint == "qrcode/create":
            ticket = "ticket%06d" % next(self._ids)
            self.qrcodes.append(dict(data, ticket=ticket))
            return 200, {"ticket": ticket, "expire_seconds": data.get("expire_seconds"),
                         "url": "http://weixin.qq.com/q/%s" % ticket}
        if endpoint == "externalcontact/add_contact_way":
            config_id = "cw%06d" % next(self._ids)
            self.contact_ways.append(dict(data, config_id=config_id))
            return 200, {"errcode": 0, "errmsg": "ok", "config_id": config_id,
                         "qr_code": "https://wework.qpic.cn/wwpic/%s/0" % config_id}
        if endpoint == "externalcontact/add_msg_template":
            failed = [u for u in data.get("external_userid", []) if u in self.invalid_users]
            msgid = "grp%06d" % next(self._ids)
            if not failed:
                self.group_msgs.append(dict(data, msgid=msgid))
            return 200, {"errcode": 0, "errmsg": "ok", "msgid": msgid, "fail_list": failed}
        return 404, {"errcode": 404, "errmsg": "no such endpoint: %s" % endpoint}

    # -- OAuth (snsapi_base) ---------------------------------------------------------------------------------
    def authorize(self, query):
        """The browser's visit to the authorize page: -> the redirect URL (with a one-time code) or None."""
        q = {k: v[0] for k, v in query.items()}
        with self.lock:
            self.authorize_requests.append(q)
            if q.get("appid") != self.app_id or q.get("response_type") != "code" or not q.get("redirect_uri"):
                return None
            code = "code%06d" % next(self._ids)
            self.oauth_codes[code] = self.oauth_openid
        sep = "&" if "?" in q["redirect_uri"] else "?"
        return q["redirect_uri"] + sep + urlencode({"code": code, "state": q.get("state", "")})

    def issue_oauth_code(self, openid):
        """A code as WeChat would append to the redirect (for tests that call the callback directly)."""
        with self.lock:
            code = "code%06d" % next(self._ids)
            self.oauth_codes[code] = openid
            return code

    def _oauth_exchange(self, q):
        if q.get("appid") != self.app_id or q.get("secret") != self.app_secret:
            return {"errcode": 40125, "errmsg": "invalid appsecret"}
        openid = self.oauth_codes.pop(q.get("code"), None)  # a code works once
        if q.get("grant_type") != "authorization_code" or not openid:
            return {"errcode": 40029, "errmsg": "invalid code"}
        return {"access_token": "web%06d" % next(self._ids), "expires_in": 7200,
                "refresh_token": "ref%06d" % next(self._ids), "openid": openid, "scope": "snsapi_base"}

    def _upload(self, q, headers, body):
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + headers["Content-Type"].encode("latin-1") + b"\r\n\r\n" + body)
        for part in msg.iter_parts():
            if part.get_param("name", header="content-disposition") == "media":
                media_id = "media%06d" % next(self._ids)
                self.media[media_id] = {"filename": part.get_filename(), "content": part.get_payload(decode=True),
                                        "content_type": part.get_content_type(), "type": q.get("type")}
                return {"errcode": 0, "errmsg": "ok", "type": q.get("type"), "media_id": media_id,
                        "created_at": str(int(time.time()))}
        return {"errcode": 44001, "errmsg": "empty media data"}

    def _send(self, data, fault):
        touser = data.get("touser", "")
        if (fault and fault["kind"] == "invaliduser") or touser in self.invalid_users:
            return {"errcode": 0, "errmsg": "ok", "invaliduser": touser}
        key = _content_key(data)
        if data.get("enable_duplicate_check") and key in self._sent_keys:  # WeCom drops an identical message
            return {"errcode": 0, "errmsg": "ok", "invaliduser": "", "msgid": self._sent_keys[key]}
        msgid = "msg%06d" % next(self._ids)
        self._sent_keys[key] = msgid
        self.messages.append(dict(data, msgid=msgid))
        return {"errcode": 0, "errmsg": "ok", "invaliduser": "", "msgid": msgid}


def _content_key(data):
    msgtype = data.get("msgtype")
    return data.get("touser"), msgtype, json.dumps(data.get(msgtype), sort_keys=True)


def _make_handler(server):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            BaseHTTPRequestHandler.setup(self)
            # headers and body go out in separate writes; without NODELAY, Nagle + delayed ACK adds ~40 ms each
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def _serve(self, method):
            parts = urlsplit(self.path)
            if parts.path == "/connect/oauth2/authorize":
                target = server.authorize(parse_qs(parts.query))
                self.send_response(302 if target else 400)
                if target:
                    self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            endpoint = parts.path[len("/cgi-bin/"):] if parts.path.startswith("/cgi-bin/") else parts.path
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            status, payload, delay = server.handle(method, endpoint, parse_qs(parts.query), self.headers, body)
            if delay is DROP:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if delay and server._stop.wait(delay):
                return
            raw = json.dumps(payload).encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout fault): expected

        def do_GET(self):
            self._serve("GET")

        def do_POST(self):
            self._serve("POST")

        def log_message(self, *args):  # quiet: request lines contain the (mock) secrets
            pass

    return Handler


# -- callbacks WeChat posts to an event endpoint ---------------------------------------------------------------
def event_xml(openid, event, event_key="", to_user="gh_mock_account", external_userid=None, state=None):
    """The XML of an Official Account event (subscribe, SCAN, unsubscribe) or, with external_userid, of a WeCom
    change_external_contact/add_external_contact callback."""
    if external_userid:
        return ("<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                "<CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                "<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[%s]]></ChangeType>"
                "<UserID><![CDATA[%s]]></UserID><ExternalUserID><![CDATA[%s]]></ExternalUserID>"
                "<State><![CDATA[%s]]></State></xml>" % (to_user, int(time.time()), event, openid,
                                                         external_userid, state or ""))
    return ("<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>"
            "<CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[%s]]></Event>"
            "<EventKey><![CDATA[%s]]></EventKey></xml>" % (to_user, openid, int(time.time()), event, event_key))


def signed_event(token, xml, timestamp=None, nonce="nonce123"):
    """Plain-mode callback: -> (query params, body)."""
    from wechatpy.utils import WeChatSigner
    timestamp = str(timestamp or int(time.time()))
    signer = WeChatSigner()
    signer.add_data(token, timestamp, nonce)
    return {"signature": signer.signature, "timestamp": timestamp, "nonce": nonce}, xml.encode("utf-8")


def encrypted_event(token, aes_key, app_id, xml, timestamp=None, nonce="nonce456", enterprise=False):
    """Safe-mode callback (AES, msg_signature): -> (query params, body). enterprise=True: WeCom's format."""
    import xmltodict
    if enterprise:
        from wechatpy.enterprise.crypto import WeChatCrypto
    else:
        from wechatpy.crypto import WeChatCrypto
    timestamp = str(timestamp or int(time.time()))
    packed = xmltodict.parse(WeChatCrypto(token, aes_key, app_id).encrypt_message(xml, nonce, timestamp))["xml"]
    body = "<xml><ToUserName><![CDATA[%s]]></ToUserName><Encrypt><![CDATA[%s]]></Encrypt></xml>" % (
        app_id, packed["Encrypt"])
    query = {"msg_signature": packed["MsgSignature"], "timestamp": timestamp, "nonce": nonce}
    if not enterprise:
        query.update(encrypt_type="aes", **signed_event(token, "", timestamp, nonce)[0])
    return query, body.encode("utf-8")
