"""HR sees the demo 产品经理 job's rubric on the job form's "AI Interview" tab, in a real Chromium against a
real Odoo server (started by `make test`'s e2e part; see tools/e2e_server.py)."""
import os
import shutil

import pytest
from portal_browser import BACKEND_CHROMIUM_ARGS as CHROMIUM_ARGS
from portal_browser import admin_rpc

URL = os.environ.get("HRAI_E2E_URL")
DB = os.environ.get("HRAI_E2E_DB")
ART = os.environ.get("HRAI_E2E_ARTIFACTS", "artifacts/e2e")

pytestmark = pytest.mark.skipif(not URL, reason="needs a running server (make test's e2e part sets HRAI_E2E_URL)")


def _rpc():
    return admin_rpc(URL, DB)


def test_product_manager_rubric_tab_shows_weights_summing_to_100():
    from playwright.sync_api import sync_playwright

    rpc = _rpc()
    job = rpc("hr.job", "search_read", [("name", "=", "产品经理")], fields=["id", "ai_weight_total"], limit=1)
    assert job, "demo job 产品经理 is missing"
    dims = rpc("hr.ai.rubric.dimension", "search_read", [("job_id", "=", job[0]["id"])], fields=["name", "weight"])
    assert round(sum(d["weight"] for d in dims)) == 100 == round(job[0]["ai_weight_total"])
    os.makedirs(ART, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
        # the first request of a fresh database compiles the asset bundles: slow on a busy 2-core machine
        page.set_default_timeout(180_000)
        page.goto(f"{URL}/web/login")
        page.fill("input[name=login]", "admin")
        page.fill("input[name=password]", "admin")
        page.click("button[type=submit]")
        page.wait_for_selector(".o_web_client .o_main_navbar")
        page.goto(f"{URL}/odoo/hr.job/{job[0]['id']}")
        page.get_by_role("tab", name="AI Interview").click()
        for dim in dims:
            page.get_by_text(dim["name"], exact=True).first.wait_for(timeout=15000)
        page.screenshot(path=os.path.join(ART, "backend_job_rubric.png"), full_page=True)
        body = page.inner_text(".o_form_view")
        browser.close()
    for dim in dims:
        assert dim["name"] in body
    assert "100" in body
