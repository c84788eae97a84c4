"""Binding protocol against the loopback mock: OAuth code -> openid, QR tickets, contact ways, signed and
encrypted callbacks (Official Account and WeCom), customer-contact messages."""
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from wechat import OfficialAccountSender, WeComSender
from wechat.binding import BindingError, authorize_url, exchange_code, parse_oa_event, parse_wecom_event, \
    verify_oa_echo, verify_wecom_echo
from wechat.client import TokenStore
from wechat_mock import MockWeChatServer, encrypted_event, event_xml, signed_event

TOKEN, AES = "cbtoken", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # a 43-character EncodingAESKey
SCENE = "hrai_abcdefghijklmnop"


@pytest.fixture
def srv():
    with MockWeChatServer() as server:
        yield server


def test_oauth_redirect_comes_back_with_a_code_that_yields_the_openid_once(srv):
    root = srv.base_url.replace("cgi-bin/", "")
    url = authorize_url(srv.app_id, "http://127.0.0.1:1/cb?x=1", "STATE123", oauth_base=root + "connect/")
    assert "scope=snsapi_base" in url and "state=STATE123" in url
    res = requests.get(url.split("#")[0], allow_redirects=False, timeout=5)
    assert res.status_code == 302
    back = parse_qs(urlsplit(res.headers["Location"]).query)
    assert back["state"] == ["STATE123"] and back["x"] == ["1"]
    assert exchange_code(srv.app_id, srv.app_secret, back["code"][0], cgi_base=srv.base_url) == srv.oauth_openid
    with pytest.raises(BindingError):  # a code works once
        exchange_code(srv.app_id, srv.app_secret, back["code"][0], cgi_base=srv.base_url)
    with pytest.raises(BindingError):
        exchange_code(srv.app_id, srv.app_secret, "forged", cgi_base=srv.base_url)


def test_plain_and_encrypted_official_account_events(srv):
    query, body = signed_event(TOKEN, event_xml("o_1", "subscribe", "qrscene_" + SCENE))
    event = parse_oa_event(TOKEN, None, srv.app_id, query, body)
    assert (event.action, event.identity, event.scene) == ("bind", "o_1", SCENE)
    query, body = encrypted_event(TOKEN, AES, srv.app_id, event_xml("o_2", "SCAN", SCENE))
    assert b"o_2" not in body  # really encrypted
    event = parse_oa_event(TOKEN, AES, srv.app_id, query, body)
    assert (event.action, event.identity, event.scene) == ("bind", "o_2", SCENE)
    query, body = signed_event(TOKEN, event_xml("o_1", "unsubscribe"))
    assert parse_oa_event(TOKEN, None, srv.app_id, query, body).action == "unbind"
    query, body = signed_event(TOKEN, event_xml("o_1", "subscribe", "qrscene_other_campaign"))
    assert parse_oa_event(TOKEN, None, srv.app_id, query, body).action is None  # not our scene


def test_bad_signatures_are_refused(srv):
    query, body = signed_event("wrong-token", event_xml("o_1", "subscribe", "qrscene_" + SCENE))
    with pytest.raises(BindingError):
        parse_oa_event(TOKEN, None, srv.app_id, query, body)
    query, body = encrypted_event(TOKEN, AES, srv.app_id, event_xml("o_2", "SCAN", SCENE))
    with pytest.raises(BindingError):
        parse_oa_event(TOKEN, AES, srv.app_id, dict(query, msg_signature="0" * 40), body)
    with pytest.raises(BindingError):
        verify_oa_echo(TOKEN, {"signature": "x", "timestamp": "1", "nonce": "n", "echostr": "e"})
    query, _body = signed_event(TOKEN, "")
    assert verify_oa_echo(TOKEN, dict(query, echostr="hello")) == "hello"


def test_wecom_external_contact_callback(srv):
    xml = event_xml("recruiter1", "add_external_contact", external_userid="wm_ext_1", state=SCENE)
    query, body = encrypted_event(TOKEN, AES, srv.corp_id, xml, enterprise=True)
    event = parse_wecom_event(TOKEN, AES, srv.corp_id, query, body)
    assert (event.action, event.identity, event.scene, event.user_id) == ("bind", "wm_ext_1", SCENE, "recruiter1")
    xml = event_xml("recruiter1", "del_follow_user", external_userid="wm_ext_1")
    query, body = encrypted_event(TOKEN, AES, srv.corp_id, xml, enterprise=True)
    assert parse_wecom_event(TOKEN, AES, srv.corp_id, query, body).action == "unbind"
    with pytest.raises(BindingError):
        parse_wecom_event("other", AES, srv.corp_id, query, body)
    with pytest.raises(BindingError):
        verify_wecom_echo(TOKEN, AES, srv.corp_id, {"msg_signature": "x", "timestamp": "1", "nonce": "n",
                                                     "echostr": "e"})


def test_qrcode_contact_way_and_external_message(srv):
    store = TokenStore()
    oa = OfficialAccountSender(srv.app_id, srv.app_secret, None, api_base_url=srv.base_url, token_store=store,
                               max_attempts=1)
    res = oa.create_qrcode(SCENE, 3600)
    assert res.ok and res.message_id and res.media_id.startswith("http://weixin.qq.com/q/")
    assert srv.qrcodes[0]["action_info"]["scene"]["scene_str"] == SCENE
    srv.expire_tokens()  # the next call refreshes the token once
    wecom = WeComSender(srv.corp_id, srv.corp_secret, srv.agent_id, api_base_url=srv.base_url, token_store=store,
                        max_attempts=1)
    way = wecom.add_contact_way("recruiter1", SCENE)
    assert way.ok and srv.contact_ways[0]["state"] == SCENE and srv.contact_ways[0]["user"] == ["recruiter1"]
    sent = wecom.send_external("recruiter1", "wm_ext_1", "您的报告已生成", url="https://example.invalid/r")
    assert sent.ok and srv.group_msgs[0]["external_userid"] == ["wm_ext_1"]
    assert srv.group_msgs[0]["link"]["url"] == "https://example.invalid/r"
    srv.invalid_users.add("wm_gone")
    gone = wecom.send_external("recruiter1", "wm_gone", "x")
    assert not gone.ok and "40096" in gone.reason and not gone.retriable
