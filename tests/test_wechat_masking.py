"""Secrets and access tokens never appear in logs or failure reasons, even at DEBUG with every fault path."""
import logging

import pytest

from wechat import WeComSender, OfficialAccountSender, mask
from wechat.client import TokenStore
from wechat_mock import MockWeChatServer


def test_mask_query_params_json_and_registered_values():
    assert mask("GET /cgi-bin/gettoken?corpid=ww1&corpsecret=abc123XYZ HTTP/1.1") == \
        "GET /cgi-bin/gettoken?corpid=ww1&corpsecret=*** HTTP/1.1"
    assert mask("url?access_token=tok_1&type=file") == "url?access_token=***&type=file"
    assert mask('{"access_token": "tok_2", "expires_in": 7200}') == '{"access_token": "***", "expires_in": 7200}'
    assert mask("secret%3Dabc") == "secret%3D***"
    assert mask("raw value sEcReT-777 leaked", extra=["sEcReT-777"]) == "raw value *** leaked"
    assert mask(None) is None


def test_no_secret_or_token_in_logs_across_all_fault_paths(caplog):
    caplog.set_level(logging.DEBUG)  # urllib3 logs full URLs at DEBUG
    with MockWeChatServer(corp_secret="CORP-SECRET-abcdef123", app_secret="APP-SECRET-zyx987") as srv:
        kw = dict(api_base_url=srv.base_url, timeout=(2, 0.25), base_delay=0.01, sleep=lambda s: None,
                  token_store=TokenStore())
        wecom = WeComSender(srv.corp_id, srv.corp_secret, srv.agent_id, **kw)
        srv.add_fault("media/upload", "http_500")
        srv.add_fault("message/send", "timeout", delay=0.6)
        srv.add_fault("message/send", "errcode", errcode=-1)
        assert wecom.send_file("u1", "r.pdf", b"%PDF-1.4 x", "hi").ok
        srv.expire_tokens()
        srv.add_fault("message/send", "errcode", errcode=40003, errmsg="invalid openid")
        failed = wecom.send_text("u1", "x")
        assert failed.status == "failed"
        bad = WeComSender(srv.corp_id, "WRONG-SECRET-qqq999", srv.agent_id, **kw).send_text("u1", "x")
        assert bad.status == "failed"
        oa = OfficialAccountSender(srv.app_id, srv.app_secret, "TPL", **dict(kw, token_store=TokenStore()))
        srv.add_fault("message/template/send", "http_500")
        assert oa.send_report_link("o1", "https://x/r", {"first": "a"}).ok
        tokens = list(srv.tokens)
    logged = caplog.text + "".join(str(r.exc_text or "") for r in caplog.records)
    assert "gettoken" in logged and "corpsecret=***" in logged  # the URLs were logged, masked
    assert "retry" in logged
    for secret in ("CORP-SECRET-abcdef123", "APP-SECRET-zyx987", "WRONG-SECRET-qqq999", *tokens):
        assert secret not in logged, secret
        assert secret not in (failed.reason + bad.reason)
    assert len(tokens) >= 2


def test_secret_not_in_exception_text_logged_with_exc_info(caplog):
    caplog.set_level(logging.DEBUG)
    log = logging.getLogger("hr_ai_interview.wechat")
    WeComSender("c", "EXC-SECRET-55555", 1, api_base_url="http://127.0.0.1:9/cgi-bin/")  # installs the filter
    try:
        raise RuntimeError("GET /cgi-bin/gettoken?corpid=c&corpsecret=EXC-SECRET-55555 failed")
    except RuntimeError:
        log.exception("delivery crashed")
    text = caplog.text + "".join(str(r.exc_text or "") for r in caplog.records)
    assert "delivery crashed" in text and "EXC-SECRET-55555" not in text
