"""WeChat delivery against a real local HTTP mock that wechatpy talks to: bytes, retries, refresh, failures."""
import logging
import random

import pytest
import requests

from wechat import DeliveryResult, OfficialAccountSender, WeComSender
from wechat.client import TokenStore
from wechat_mock import MockWeChatServer

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 64 + b"\n%%EOF"  # binary-safe payload (all byte values)
READ_TIMEOUT = 0.25


@pytest.fixture
def srv():
    with MockWeChatServer() as server:
        yield server


class SleepRecorder(list):
    def __call__(self, seconds):
        self.append(seconds)


def wecom(srv, **kw):
    kw.setdefault("sleep", SleepRecorder())
    kw.setdefault("token_store", TokenStore())
    kw.setdefault("jitter", 0)
    return WeComSender(srv.corp_id, kw.pop("secret", srv.corp_secret), srv.agent_id, api_base_url=srv.base_url,
                       timeout=(2, READ_TIMEOUT), base_delay=0.01, **kw)


def oa(srv, **kw):
    kw.setdefault("sleep", SleepRecorder())
    kw.setdefault("token_store", TokenStore())
    return OfficialAccountSender(srv.app_id, kw.pop("secret", srv.app_secret), "TPL_REPORT",
                                 api_base_url=srv.base_url, timeout=(2, READ_TIMEOUT), base_delay=0.01, **kw)


def test_wecom_file_bytes_received_are_the_report(srv):
    r = wecom(srv).send_file("zhangwei", "张伟-面试反馈.pdf", PDF, "你的面试反馈报告已送达。")
    assert r.ok and r.attempts == 3 and r.message_id and not r.warnings
    (media,) = srv.media.values()
    assert media["content"] == PDF and media["filename"] == "张伟-面试反馈.pdf" and media["type"] == "file"
    file_msg, text_msg = srv.messages
    assert file_msg["msgtype"] == "file" and file_msg["file"]["media_id"] == r.media_id
    assert file_msg["touser"] == "zhangwei" and file_msg["agentid"] == srv.agent_id
    assert text_msg["text"]["content"] == "你的面试反馈报告已送达。"
    assert r.message_id == file_msg["msgid"]


def test_real_pdf_roundtrip(srv):
    from reporting.feedback_pdf import render_candidate_feedback
    pdf = render_candidate_feedback({"candidate_name": "张伟", "job_name": "销售经理"})
    assert wecom(srv).send_file("zhangwei", "report.pdf", pdf).ok
    assert list(srv.media.values())[0]["content"] == pdf


def test_expired_token_is_refreshed_once_and_the_call_retried(srv):
    sender = wecom(srv)
    assert sender.send_text("u1", "warm up").ok
    srv.expire_tokens()
    r = sender.send_file("u1", "r.pdf", PDF)
    assert r.ok
    assert srv.token_fetches == 2
    assert srv.count("media/upload", "errcode 42001") == 1 and srv.count("media/upload", "ok") == 1
    assert r.attempts == 3  # upload (expired) + upload + send
    assert sender._sleep == []  # a refresh is not a back-off retry


def test_token_rejected_again_after_refresh_fails_retriable(srv):
    srv.add_fault("message/send", "errcode", count=2, errcode=40014, errmsg="invalid access_token")
    r = wecom(srv).send_text("u1", "hi")
    assert r.status == "failed" and r.retriable and r.errcode == 40014 and "after token refresh" in r.reason
    assert srv.token_fetches == 2 and r.attempts == 2


def test_5xx_is_retried_with_exponential_backoff(srv):
    srv.add_fault("media/upload", "http_500", count=2)
    sender = wecom(srv)
    r = sender.send_file("u1", "r.pdf", PDF)
    assert r.ok and r.attempts == 4
    assert srv.count("media/upload", "http_500") == 2
    assert sender._sleep == [0.01, 0.02]
    assert len(srv.media) == 1 and list(srv.media.values())[0]["content"] == PDF


def test_timeout_is_retried_and_the_duplicate_check_prevents_a_double_delivery(srv):
    # the server applies the message, but the answer comes after the client timeout (a lost response)
    srv.add_fault("message/send", "timeout", delay=READ_TIMEOUT * 3, process=True)
    sender = wecom(srv)
    r = sender.send_file("u1", "r.pdf", PDF)
    assert r.ok and len(sender._sleep) == 1
    assert srv.count("message/send", "timeout(processed)") == 1
    assert [m["msgtype"] for m in srv.messages] == ["file"]  # delivered exactly once
    assert all(m["enable_duplicate_check"] == 1 for m in srv.messages)


def test_retriable_errcode_exhausts_attempts_then_fails_retriable(srv):
    srv.add_fault("message/send", "errcode", count=10, errcode=-1, errmsg="system busy")
    sender = wecom(srv, max_attempts=3)
    r = sender.send_file("u1", "r.pdf", PDF)
    assert r.status == "failed" and r.retriable and r.errcode == -1
    assert srv.count("message/send") == 3 and r.attempts == 4  # 1 upload + 3 sends
    assert "system busy" in r.reason and sender._sleep == [0.01, 0.02]


@pytest.mark.parametrize("errcode,hint", [(40003, "invalid openid"), (48001, "not authorised"),
                                          (40007, "invalid media_id")])
def test_permanent_errcode_fails_immediately_with_reason(srv, errcode, hint):
    srv.add_fault("message/send", "errcode", errcode=errcode, errmsg="boom")
    sender = wecom(srv)
    r = sender.send_file("u1", "r.pdf", PDF)
    assert r.status == "failed" and not r.retriable and r.errcode == errcode
    assert hint in r.reason and "boom" in r.reason
    assert srv.count("message/send") == 1 and sender._sleep == []


def test_invaliduser_with_errcode_0_is_a_permanent_failure(srv):
    srv.invalid_users.add("ghost")
    r = wecom(srv).send_file("ghost", "r.pdf", PDF)
    assert r.status == "failed" and not r.retriable and r.errcode == 81013 and srv.messages == []


def test_wrong_secret_fails_without_retrying(srv):
    sender = wecom(srv, secret="wrong-secret-value-xyz")
    r = sender.send_file("u1", "r.pdf", PDF)
    assert r.status == "failed" and not r.retriable and "credentials rejected" in r.reason
    assert srv.media == {} and sender._sleep == []
    assert "wrong-secret-value-xyz" not in r.reason


def test_file_sent_text_failed_reports_sent_with_warning(srv):
    """Re-sending the whole delivery would duplicate the file, so a failed courtesy text is only a warning."""
    sender = wecom(srv)
    original = sender._send

    def send(user_id, msg):
        if msg["msgtype"] == "text":
            srv.add_fault("message/send", "errcode", errcode=40008, errmsg="invalid message type")
        return original(user_id, msg)

    sender._send = send
    r = sender.send_file("u1", "r.pdf", PDF, "hello")
    assert r.ok and r.message_id and len(r.warnings) == 1 and "40008" in r.warnings[0]
    assert [m["msgtype"] for m in srv.messages] == ["file"]


def test_network_error_when_server_is_down_is_retriable():
    server = MockWeChatServer().start()
    base = server.base_url
    server.stop()
    sleeps = SleepRecorder()
    sender = WeComSender("c", "s3cret-value-777", 1, api_base_url=base, timeout=(0.5, 0.5), base_delay=0.01,
                         max_attempts=3, sleep=sleeps, jitter=0, token_store=TokenStore())
    r = sender.send_text("u1", "hi")
    assert r.status == "failed" and r.retriable and r.attempts == 3 and "network error" in r.reason
    assert "s3cret-value-777" not in r.reason and len(sleeps) == 2


def test_official_account_template_link(srv):
    r = oa(srv).send_report_link("openid-123", "https://hr.example.com/report/abc?token=t0k",
                                 {"first": "你好，张伟", "keyword1": "区域销售经理",
                                  "remark": {"value": "点击查看报告", "color": "#173177"}})
    assert r.ok and r.attempts == 1 and r.message_id
    (tpl,) = srv.templates
    assert tpl["touser"] == "openid-123" and tpl["template_id"] == "TPL_REPORT"
    assert tpl["url"] == "https://hr.example.com/report/abc?token=t0k"
    assert tpl["data"]["first"] == {"value": "你好，张伟"}
    assert tpl["data"]["remark"]["color"] == "#173177"


def test_official_account_expiry_5xx_and_unsubscribed(srv):
    sender = oa(srv)
    srv.add_fault("message/template/send", "http_500")
    srv.add_fault("message/template/send", "errcode", errcode=42001, errmsg="access_token expired")
    r = sender.send_report_link("o1", "https://x/r", {"first": "a"})
    assert r.ok and r.attempts == 3 and srv.token_fetches == 2 and len(srv.templates) == 1
    srv.unsubscribed.add("o2")
    r2 = sender.send_report_link("o2", "https://x/r", {"first": "a"})
    assert r2.status == "failed" and not r2.retriable and r2.errcode == 43004 and "not followed" in r2.reason


def test_nothing_is_lost_under_random_faults(srv):
    """30 reports through a server that randomly fails: every report arrives exactly once with its bytes."""
    rng = random.Random(7)
    sender = wecom(srv, max_attempts=6)
    reports = {"user%02d" % i: PDF + str(i).encode() for i in range(30)}
    kinds = [("http_500", {}), ("errcode", {"errcode": -1}), ("errcode", {"errcode": 45009}),
             ("timeout", {"delay": READ_TIMEOUT * 2, "process": True})]
    injected = 0
    for user, pdf in reports.items():
        if rng.random() < 0.5:
            kind, kw = rng.choice(kinds)
            srv.add_fault(rng.choice(["media/upload", "message/send"]), kind, **kw)
            injected += 1
        if rng.random() < 0.1:
            srv.expire_tokens()
        r = sender.send_file(user, "%s.pdf" % user, pdf, "报告已送达")
        assert isinstance(r, DeliveryResult) and r.ok, (user, r)
    assert injected >= 10
    by_media = {m["file"]["media_id"]: m["touser"] for m in srv.messages if m["msgtype"] == "file"}
    assert sorted(by_media.values()) == sorted(reports)  # exactly one file message per user
    for media_id, user in by_media.items():
        assert srv.media[media_id]["content"] == reports[user]
    assert sum(1 for m in srv.messages if m["msgtype"] == "text") == len(reports)


def test_backoff_is_capped_and_jittered():
    sender = WeComSender("c", "secret-abcdef", 1, api_base_url="http://127.0.0.1:9/cgi-bin/", base_delay=1,
                         max_delay=5, jitter=0)
    assert [sender.backoff(n) for n in range(1, 6)] == [1, 2, 4, 5, 5]
    sender.jitter = 0.2
    delays = {round(sender.backoff(2), 6) for _ in range(50)}
    assert len(delays) > 1 and all(1.6 <= d <= 2.4 for d in delays)
    assert "secret-abcdef" not in repr(sender)


def test_requests_session_and_timeouts_are_used(srv):
    session = requests.Session()
    sender = wecom(srv, http_session=session)
    assert sender.client._http is session and sender.client.timeout == (2, READ_TIMEOUT)
    assert sender.send_text("u1", "hi").ok


def test_official_account_lost_answer_is_never_resent(srv):
    """No duplicate check exists for template messages: processed but unanswered → failed for good (the caller
    falls back to email), never a second message."""
    srv.add_fault("message/template/send", "timeout", delay=READ_TIMEOUT * 4)
    r = oa(srv, max_attempts=4).send_report_link("o1", "https://x/r", {"first": "a"})
    assert r.status == "failed" and not r.retriable and "not sent again" in r.reason
    assert len(srv.templates) == 1 and srv.count("message/template/send") == 1


def test_official_account_refused_connection_is_safe_to_retry():
    """Connection refused: the request never reached WeChat, so a retry cannot duplicate."""
    with socket_closed_port() as port:
        sender = OfficialAccountSender("wx_app", "sec", "TPL", api_base_url="http://127.0.0.1:%d/cgi-bin/" % port,
                                       timeout=(0.5, 0.5), max_attempts=1, token_store=TokenStore())
        r = sender.send_report_link("o1", "https://x/r", {"first": "a"})
    assert r.status == "failed" and r.retriable


def test_one_official_account_token_for_every_sender_sharing_the_store(srv):
    """An OA has one valid token at a time: senders with their own caches (think: worker processes) break
    each other; with one shared store (the addon keeps it in the database) they all work on one fetch."""
    srv.single_token_accounts.add(srv.app_id)
    first, second = oa(srv, max_attempts=1), oa(srv, max_attempts=1)
    assert first.send_report_link("o1", "https://x/r", {}).ok
    assert second.send_report_link("o2", "https://x/r", {}).ok  # fetched its own: the first one's is dead
    assert first.send_report_link("o3", "https://x/r", {}).ok  # … so it needed a refresh
    assert srv.token_fetches == 3 and srv.count("message/template/send", "errcode 40014") == 1
    srv.reset()
    srv.single_token_accounts.add(srv.app_id)
    shared = TokenStore()
    senders = [oa(srv, max_attempts=1, token_store=shared) for _ in range(3)]
    assert all(s.send_report_link("o%d" % i, "https://x/r", {}).ok for i, s in enumerate(senders * 2))
    assert srv.token_fetches == 1 and len(srv.templates) == 6


class socket_closed_port:
    """A loopback port with nothing listening (connection refused)."""

    def __enter__(self):
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        return self.port

    def __exit__(self, *exc):
        return False


def test_dropped_connection_after_processing_is_resent_safely_on_wecom_never_on_oa(srv):
    srv.add_fault("message/send", "drop")
    r = wecom(srv).send_text("zhangwei", "你好")
    assert r.ok and r.attempts == 2 and len(srv.messages) == 1  # resent, WeCom's duplicate check dropped it
    srv.add_fault("message/template/send", "drop")
    r = oa(srv, max_attempts=4).send_report_link("o1", "https://x/r", {"first": "a"})
    assert r.status == "failed" and not r.retriable and len(srv.templates) == 1
