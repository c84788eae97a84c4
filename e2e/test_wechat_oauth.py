"""A candidate opens the interview link inside WeChat: a real Chromium with WeChat's user agent goes through the
silent OAuth redirect to the loopback WeChat mock and back to the real Odoo server, and ends with the openid
bound to the candidate (nothing secret in the URLs that went through "WeChat")."""
import importlib.util
import os
import shutil
import time

import pytest
from portal_browser import admin_rpc

URL = os.environ.get("HRAI_E2E_URL", "").rstrip("/")
DB = os.environ.get("HRAI_E2E_DB")
ART = os.environ.get("HRAI_E2E_ARTIFACTS", "artifacts/e2e")
HERE = os.path.dirname(os.path.abspath(__file__))

pytestmark = pytest.mark.skipif(not URL or not DB, reason="needs a running server (HRAI_E2E_URL, HRAI_E2E_DB)")

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WECHAT_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
             "Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN")
PARAMS = ("hr_ai_interview.wechat_api_base_url", "hr_ai_interview.wechat_oauth_base_url",
          "hr_ai_interview.wechat_timeout")


def _mock_module():
    spec = importlib.util.spec_from_file_location("wechat_mock", os.path.join(HERE, "..", "tests", "wechat_mock.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rpc():
    return admin_rpc(URL, DB)


def _interview(rpc):
    job = rpc("hr.job", "search_read", [("ai_interview_enabled", "=", True)], fields=["id", "company_id"], limit=1)
    assert job, "no job with an AI interview in the demo data"
    stamp = int(time.time() * 1000)
    candidate = rpc("hr.candidate", "create", {"partner_name": "微信候选人", "email_from": f"wx.{stamp}@example.com"})
    applicant = rpc("hr.applicant", "create", {"candidate_id": candidate, "job_id": job[0]["id"]})
    iid = rpc("hr.ai.interview", "create", {"applicant_id": applicant, "language": "zh_CN"})
    rpc("hr.ai.interview", "action_send_invitation", [iid])
    rec = rpc("hr.ai.interview", "read", [iid], ["access_url", "access_token", "partner_id", "company_id"])[0]
    return rec, f"{URL}{rec['access_url']}?access_token={rec['access_token']}"


def test_link_opened_in_wechat_binds_the_openid():
    from playwright.sync_api import sync_playwright

    mock = _mock_module()
    rpc = _rpc()
    rec, link = _interview(rpc)
    company_id = rec["company_id"][0]
    with mock.MockWeChatServer() as srv:
        srv.oauth_openid = "o_e2e_%d" % int(time.time())
        base = srv.base_url
        for key, value in zip(PARAMS, (base, base.replace("cgi-bin/", "connect/"), "5")):
            rpc("ir.config_parameter", "set_param", key, value)
        rpc("ir.config_parameter", "set_param", "web.base.url", URL)  # the OAuth redirect_uri's host
        rpc("res.company", "write", [company_id], {
            "ai_wechat_app_id": srv.app_id, "ai_wechat_secret": srv.app_secret,
            "ai_wechat_template_id": "TPL_REPORT", "ai_wechat_notice_template_id": "TPL_NOTICE"})
        try:
            visited = []
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
                context = browser.new_context(user_agent=WECHAT_UA, viewport={"width": 390, "height": 844},
                                              is_mobile=True, locale="zh-CN")
                context.set_default_timeout(180_000)
                page = context.new_page()
                page.on("request", lambda r: r.is_navigation_request() and visited.append(r.url))
                page.goto(link, wait_until="load", timeout=240_000)
                page.wait_for_selector(".o_hrai_wechat_linked")
                os.makedirs(ART, exist_ok=True)
                page.screenshot(path=os.path.join(ART, "wechat_oauth_linked.png"), full_page=True)
                final = page.url
                browser.close()
        finally:
            rpc("res.company", "write", [company_id], {"ai_wechat_app_id": False, "ai_wechat_secret": False,
                                                       "ai_wechat_template_id": False,
                                                       "ai_wechat_notice_template_id": False})
            for key in PARAMS:
                rpc("ir.config_parameter", "set_param", key, False)
        authorize = [u for u in visited if u.startswith(base.replace("cgi-bin/", "connect/oauth2/authorize"))]
        callback = [u for u in visited if "/ai-interview/wechat/oauth?" in u]
        assert len(authorize) == 1 and len(callback) == 1, visited
        assert rec["access_token"] not in authorize[0] and rec["access_token"] not in callback[0]
        assert "snsapi_base" in authorize[0]
        # the browser keeps the authorize URL's #wechat_redirect fragment across the redirects, as WeChat does
        assert final.split("#")[0].endswith("/ai-interview/%d" % rec["id"]), final
        assert len(srv.authorize_requests) == 1
    bindings = rpc("hr.ai.wechat.binding", "search_read", [("partner_id", "=", rec["partner_id"][0])],
                   fields=["identity", "source", "consent", "active", "channel"])
    assert [(b["identity"], b["source"], b["consent"], b["active"], b["channel"]) for b in bindings] == \
        [(srv.oauth_openid, "oauth", True, True, "official_account")]
