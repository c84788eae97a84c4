"""The recruiter's first hour in a real Chromium against the demo database: the job form's AI tab, the invitation
window (preview, then no silent resend), the interview list and kanban, in Chinese and in English. Screenshots
go to the artifacts folder (backend_<page>_<lang>.png)."""
import os
import re
import shutil
import time

import pytest
from portal_browser import BACKEND_CHROMIUM_ARGS as CHROMIUM_ARGS
from portal_browser import admin_rpc

URL = os.environ.get("HRAI_E2E_URL")
DB = os.environ.get("HRAI_E2E_DB")
ART = os.environ.get("HRAI_E2E_ARTIFACTS", "artifacts/e2e")

pytestmark = pytest.mark.skipif(not URL, reason="needs a running server (make test's e2e part sets HRAI_E2E_URL)")


def _rpc():
    return admin_rpc(URL, DB)


def _shot(page, name):
    os.makedirs(ART, exist_ok=True)
    page.screenshot(path=os.path.join(ART, name), full_page=True)


def _new_applicant(rpc, name, email):
    job = rpc("hr.job", "search", [("name", "=", "产品经理")], limit=1)
    cand = rpc("hr.candidate", "create", {"partner_name": name, "email_from": f"{time.time_ns()}.{email}"})
    return rpc("hr.applicant", "create", {"candidate_id": cand, "job_id": job[0]})


@pytest.fixture
def admin_lang():
    """Set the admin's language for one test, then put the previous one back (other e2e tests log in too)."""
    rpc = _rpc()
    admin = rpc("res.users", "search_read", [("login", "=", "admin")], fields=["lang"])[0]
    yield lambda lang: rpc("res.users", "write", [admin["id"]], {"lang": lang})
    rpc("res.users", "write", [admin["id"]], {"lang": admin["lang"]})


@pytest.mark.parametrize("lang", ["zh_CN", "en_US"])
def test_recruiter_first_hour(lang, admin_lang):
    from playwright.sync_api import sync_playwright

    rpc = _rpc()
    admin_lang(lang)
    scored = rpc("hr.ai.interview", "search_count", [("state", "=", "scored")])
    assert scored >= 3, "the demo ships scored interviews"
    job = rpc("hr.job", "search", [("name", "=", "产品经理")], limit=1)[0]
    applicant = _new_applicant(rpc, "周敏" if lang == "zh_CN" else "Min Zhou", "zhou.min@example.com")
    suffix = "zh" if lang == "zh_CN" else "en"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000},
                                locale="zh-CN" if lang == "zh_CN" else "en-US")
        page.set_default_timeout(180_000)  # the first request of a fresh database compiles the asset bundles
        page.goto(f"{URL}/web/login")
        page.fill("input[name=login]", "admin")
        page.fill("input[name=password]", "admin")
        page.click("button[type=submit]")
        page.wait_for_selector(".o_web_client .o_main_navbar")

        # job form, AI interview tab: descriptions visible, readable columns
        page.goto(f"{URL}/odoo/hr.job/{job}")
        page.click("a[name=ai_interview_page]")
        page.wait_for_selector("div[name=ai_dimension_ids] .o_data_row")
        tab = page.inner_text(".o_notebook")
        assert "能从用户调研和数据中提炼真实需求" in tab, "dimension descriptions are shown"
        assert ("准备（秒）" if lang == "zh_CN" else "Prep (s)") in tab
        _shot(page, f"backend_job_form_{suffix}.png")

        # invitation window: preview in the candidate's language (the job's: Chinese), nothing sent yet
        page.goto(f"{URL}/odoo/hr.applicant/{applicant}")
        page.click("button[name=action_ai_interview_invite_wizard]")
        dialog = page.locator(".modal-dialog")
        dialog.locator("text=请预留约").wait_for()
        preview = dialog.inner_text()
        assert re.search(r"第 1 题：准备 \d+ 秒，作答最长 [\d.]+ 分钟", preview)
        assert "星河数智科技有限公司" in preview
        _shot(page, f"backend_invite_wizard_{suffix}.png")
        dialog.locator("button[name=action_send]").first.click()
        page.wait_for_selector(".modal-dialog", state="detached")
        interview = rpc("hr.ai.interview", "search_read", [("applicant_id", "=", applicant)], fields=["state"])[0]
        assert interview["state"] == "invited"
        mails = rpc("mail.mail", "search_count", [("model", "=", "hr.ai.interview"), ("res_id", "=", interview["id"])])
        assert mails == 1
        # the second click: the window says it was sent and offers "Send again" explicitly
        page.goto(f"{URL}/odoo/hr.ai.interview/{interview['id']}")
        page.click("button[name=action_open_invite_wizard]")
        dialog = page.locator(".modal-dialog")
        dialog.locator("button[name=action_send_again]").wait_for()
        assert dialog.locator("button[name=action_send]").count() == 0
        _shot(page, f"backend_invite_wizard_sent_{suffix}.png")
        dialog.locator("button.btn-secondary").last.click()
        assert rpc("mail.mail", "search_count", [("model", "=", "hr.ai.interview"),
                                                  ("res_id", "=", interview["id"])]) == 1

        # interview list: no 0.00 score and no recommendation before scoring
        page.goto(f"{URL}/odoo/action-hr_ai_interview.action_hr_ai_interview?view_type=list")
        page.wait_for_selector(".o_list_view .o_data_row")
        rows = page.locator(".o_list_view .o_data_row")
        for i in range(rows.count()):
            text = rows.nth(i).inner_text()
            if "周敏" in text or "Min Zhou" in text:
                assert "0.00" not in text
                assert "Needs Human Review" not in text and "需人工评审" not in text
        _shot(page, f"backend_interview_list_{suffix}.png")

        # kanban: banded score badges with the unit
        page.goto(f"{URL}/odoo/action-hr_ai_interview.action_hr_ai_interview?view_type=kanban")
        page.wait_for_selector(".o_hrai_score_badge")
        badges = page.locator(".o_hrai_score_badge")
        assert badges.count() >= 3
        assert all(b.endswith("/ 100") for b in badges.all_inner_texts())
        _shot(page, f"backend_interview_kanban_{suffix}.png")
        browser.close()
