"""The candidate's whole path in a real headless Chromium against a real Odoo server with queue_job's runner:
invitation link → consent → identity (code read from the outgoing mail) → device check → practice (instant
feedback) → two recorded answers (connection cut during one upload, page reload during the other: both resume
without re-sending finished chunks) → submit → the runner scores → HR sees scores and evidence.

Fake camera/microphone come from e2e/portal_media.py. Needs HRAI_E2E_URL / HRAI_E2E_DB (a running server with
demo data); screenshots of every step go to HRAI_E2E_ARTIFACTS."""
import json
import os
import re
import shutil
import time

import pytest

from portal_browser import CHROMIUM_ARGS, OFFLINE, THROTTLED, UNTHROTTLED, ChunkLog, admin_rpc
from portal_browser import failed_count as _failed_count
from portal_browser import wait_chunk as _wait_chunk
from portal_browser import wait_events as _wait_events
from portal_browser import wait_recorded as _wait_recorded
from portal_browser import wait_status as _wait_status
from a11y import axe_violations
from portal_media import KEY_TERMS, face_y4m, han_bigrams, mandarin_wav, transcript_precision

URL = os.environ.get("HRAI_E2E_URL", "").rstrip("/")
DB = os.environ.get("HRAI_E2E_DB")
ART = os.environ.get("HRAI_E2E_ARTIFACTS", "artifacts/e2e")
SCORE_TIMEOUT = int(os.environ.get("HRAI_E2E_SCORE_TIMEOUT", "900"))
CANDIDATE = "李雷"
PRACTICE_TEXT = ("大家好，我叫李雷，做了五年互联网产品经理。我先说结论：我擅长用数据和用户反馈推动产品增长。"
                 "第一，去年我通过用户调研访谈了三十位用户，把注册转化率从百分之八提升到百分之十二；"
                 "第二，我用甘特图管理三个并行项目，按时交付率达到百分之九十五。总结一下，我能把用户需求落地为可衡量的结果。")

pytestmark = pytest.mark.skipif(not URL or not DB, reason="needs a running server (HRAI_E2E_URL, HRAI_E2E_DB)")


def _rpc():
    return admin_rpc(URL, DB)


def _create_interview(rpc):
    """A fresh invited interview for the demo 产品经理 job with two questions (the second one short, to see
    the 10-second prompt and the auto-stop)."""
    job = rpc("hr.job", "search_read", [("name", "=", "产品经理")], fields=["id"], limit=1) or \
        rpc("hr.job", "search_read", [("ai_interview_enabled", "=", True)], fields=["id"], limit=1)
    assert job, "no job with an AI interview in the demo data"
    stamp = int(time.time())
    candidate = rpc("hr.candidate", "create", {"partner_name": CANDIDATE, "email_from": f"lilei.{stamp}@example.com"})
    applicant = rpc("hr.applicant", "create", {"candidate_id": candidate, "job_id": job[0]["id"]})
    iid = rpc("hr.ai.interview", "create", {"applicant_id": applicant, "language": "zh_CN"})
    lines = rpc("hr.ai.interview.question", "search_read", [("interview_id", "=", iid)],
                fields=["is_practice", "sequence"], order="sequence, id")
    real = [line["id"] for line in lines if not line["is_practice"]]
    assert len(real) >= 2 and any(line["is_practice"] for line in lines)
    if real[2:]:
        rpc("hr.ai.interview.question", "unlink", real[2:])
    rpc("hr.ai.interview.question", "write", [real[0]], {"prep_time": 20, "time_limit": 90})
    rpc("hr.ai.interview.question", "write", [real[1]], {"prep_time": 4, "time_limit": 20, "max_retakes": 1})
    rpc("hr.ai.interview", "action_send_invitation", [iid])
    rec = rpc("hr.ai.interview", "read", [iid], ["access_url", "access_token", "state"])[0]
    assert rec["state"] == "invited"
    return iid, f"{URL}{rec['access_url']}?access_token={rec['access_token']}"


def _shot(page, name):
    os.makedirs(ART, exist_ok=True)
    page.screenshot(path=os.path.join(ART, f"portal_{name}.png"), full_page=True)


A11Y = {}  # page -> serious/critical WCAG 2.1 A/AA violations found by axe-core


def _shot_a11y(page, name):
    """Screenshot, then the axe-core check of the page as the candidate sees it now."""
    _shot(page, name)
    A11Y[name] = axe_violations(page)


def _identity_code(rpc, iid, after_id):
    for _ in range(40):
        mails = rpc("mail.mail", "search_read", [("model", "=", "hr.ai.interview"), ("res_id", "=", iid),
                                                 ("id", ">", after_id)], fields=["body_html"], order="id desc")
        for mail in mails:
            m = re.search(r"(?<!\d)(\d{6})(?!\d)", re.sub(r"<[^>]+>", " ", mail["body_html"] or ""))
            if m:
                return m.group(1)
        time.sleep(0.5)
    raise AssertionError("no identity code mail was queued")


def test_candidate_flow_scored_and_visible_to_hr():
    from playwright.sync_api import sync_playwright

    rpc = _rpc()
    iid, link = _create_interview(rpc)
    args = CHROMIUM_ARGS + [f"--use-file-for-fake-video-capture={face_y4m()}",
                            f"--use-file-for-fake-audio-capture={mandarin_wav()}"]
    console = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=args)
        # phone-sized view of the guide: the pages are meant to work on a phone
        mobile = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
        # a freshly started server builds its asset bundles on the first requests: be patient once
        mobile.goto(link, wait_until="networkidle", timeout=240000)
        _shot_a11y(mobile, "01b_landing_mobile")
        mobile.goto(mobile.url.split("?")[0] + "?lang=en_US")
        mobile.wait_for_selector(".o_hrai_landing")
        _shot_a11y(mobile, "01c_landing_mobile_en")
        mobile.close()

        # the candidate's whole path on a phone-sized view, each page checked by axe-core (WCAG 2.1 A/AA)
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN",
                                      timezone_id="Asia/Shanghai")
        context.set_default_navigation_timeout(120000)
        context.set_default_timeout(60000)
        page = context.new_page()
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
        chunks = ChunkLog(page)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")

        # 1. guide, 2. consent
        page.goto(link)
        page.wait_for_selector(".o_hrai_landing")
        _shot_a11y(page, "01_landing")
        page.click(".o_hrai_start")
        page.wait_for_url("**/consent**")
        _shot_a11y(page, "02_consent")
        page.check("#hrai_consent_check")
        page.click(".o_hrai_consent_accept")

        # 3. identity: name + the one-time code from the outgoing mail
        page.wait_for_url("**/identity**")
        last_mail = (rpc("mail.mail", "search", [], order="id desc", limit=1) or [0])[0]
        page.click(".o_hrai_send_code")
        page.wait_for_selector(".alert-info")
        page.fill("#hrai_name", CANDIDATE)
        page.fill("#hrai_code", _identity_code(rpc, iid, last_mail))
        _shot_a11y(page, "03_identity")
        page.click(".o_hrai_verify")

        # 4. device check: camera preview, microphone level, upload speed
        page.wait_for_url("**/device**")
        page.wait_for_selector(".o_hrai_device_continue:not([disabled])", timeout=30000)
        page.mouse.click(5, 5)  # a gesture, in case the AudioContext waits for one
        page.wait_for_selector(".o_hrai_check_mic.text-success", timeout=20000)
        page.wait_for_function("document.querySelector('video.o_hrai_preview').videoWidth > 0")
        _shot_a11y(page, "04_device_check")
        page.click(".o_hrai_device_continue")

        # 5. practice in writing (the text-answer mode; instant feedback without speech recognition)
        page.wait_for_url("**/practice**")
        page.wait_for_selector(".o_hrai_record_now:not(.d-none)", timeout=30000)
        _shot_a11y(page, "05_practice_prep")
        page.click(".o_hrai_switch_text")
        page.wait_for_selector("#hrai_text")
        page.fill("#hrai_text", PRACTICE_TEXT)
        page.click(".o_hrai_send_text")
        page.wait_for_selector(".o_hrai_question[data-feedback]", timeout=180000)
        assert page.get_attribute(".o_hrai_question", "data-feedback") == "shown", page.inner_text(".o_hrai_feedback")
        _shot_a11y(page, "06_practice_feedback")
        page.click(".o_hrai_next")

        # 6. question 1: recorded, connection cut during the upload, resumes by itself
        page.wait_for_url("**/question**")
        page.wait_for_selector(".o_hrai_record_now:not(.d-none)", timeout=30000)
        page.click(".o_hrai_record_now")
        _wait_recorded(page, 90, 9)
        _shot_a11y(page, "07_question1_recording")
        cdp.send("Network.emulateNetworkConditions", THROTTLED)
        before = len(chunks.ok())
        page.click(".o_hrai_stop")
        upload1 = _wait_chunk(page, chunks, before)
        # throttled -> offline in one DevTools call: lifting the throttle first let the rest of the upload finish
        # before the cut (a race); Playwright's own offline switch would be masked by this session's throttle
        cdp.send("Network.emulateNetworkConditions", OFFLINE)
        try:
            _wait_status(page, ["offline", "retrying"], 30000)
        except Exception as exc:
            raise AssertionError(f"the cut was not noticed: {chunks.events}") from exc
        _shot(page, "08_question1_offline")
        failed = _failed_count(chunks, upload1)
        _wait_events(page, lambda: _failed_count(chunks, upload1) > failed, "no retry while offline")
        cdp.send("Network.emulateNetworkConditions", UNTHROTTLED)
        assert _wait_status(page, ["done", "failed"], 120000) == "done", page.inner_text(".o_hrai_status")
        assert [k for k, u, *_ in chunks.events if u == upload1 and k == "failed"], "the cut did not hit an upload"
        chunks.assert_no_resend(upload1)
        # the review player knows the recording's length (a MediaRecorder file has none of its own)
        page.wait_for_selector(".o_hrai_question[data-playback-duration]", timeout=20000)
        assert int(page.get_attribute(".o_hrai_question", "data-playback-duration")) >= 8
        # the uploaded recording is the answer: writing instead is not offered any more
        assert not page.is_visible(".o_hrai_switch_text")
        _shot_a11y(page, "09_question1_uploaded")
        page.click(".o_hrai_next")

        # 7. question 2: preparation runs out, 10-second prompt, auto-stop; page reloaded mid-upload
        page.wait_for_url("**/question**")
        page.fill("#hrai_draft", "结论：数据驱动；案例：转化率 +12%；总结")  # kept across the reload below
        page.wait_for_selector(".o_hrai_stop:not(.d-none)", timeout=40000)  # recording started by itself
        page.wait_for_selector(".o_hrai_question[data-prompt='10']", timeout=30000)  # the 10-second prompt
        _shot(page, "10_question2_ten_seconds_left")
        cdp.send("Network.emulateNetworkConditions", THROTTLED)
        before = len(chunks.ok())
        upload2 = _wait_chunk(page, chunks, before)
        page.reload()
        cdp.send("Network.emulateNetworkConditions", UNTHROTTLED)
        assert _wait_status(page, ["done", "failed"], 120000) == "done", page.inner_text(".o_hrai_status")
        assert "转化率" in page.input_value("#hrai_draft"), "the draft pad was lost on reload"
        accepted = chunks.assert_no_resend(upload2)
        assert len(accepted) >= 2
        _shot(page, "11_question2_resumed_after_reload")
        page.click(".o_hrai_next")

        # 8. submit
        page.wait_for_url("**/submit**")
        _shot_a11y(page, "12_submit")
        page.click(".o_hrai_submit_btn")
        page.wait_for_url("**/done**")
        _shot_a11y(page, "13_done")
        assert page.is_visible(".o_hrai_next_steps") and page.is_visible(".o_hrai_human_review")
        assert not {k: v for k, v in A11Y.items() if v}, A11Y

        # 9. queue_job's runner scores the answers
        deadline, state = time.time() + SCORE_TIMEOUT, None
        while time.time() < deadline:
            state = rpc("hr.ai.interview", "read", [iid], ["state"])[0]["state"]
            if state in ("scored", "failed"):
                break
            time.sleep(1)  # polling the state (scoring takes minutes), not waiting for it to happen
        interview = rpc("hr.ai.interview", "read", [iid], ["state", "overall_score", "dimension_scores",
                                                          "answers_scored", "answers_failed"])[0]
        answers = rpc("hr.ai.interview.answer", "search_read", [("interview_id", "=", iid), ("is_current", "=", True),
                                                                ("is_practice", "=", False)],
                      fields=["state", "overall_score", "result_json", "transcript", "failure_reason", "duration",
                              "attachment_id"])
        assert interview["state"] == "scored", (interview, answers)
        assert len(answers) == 2 and all(a["state"] == "scored" for a in answers), answers
        dims = interview["dimension_scores"] or []
        assert dims, "no per-dimension scores"
        assert {d["name"] for d in dims} and all("score" in d for d in dims), dims
        os.makedirs(ART, exist_ok=True)
        with open(os.path.join(ART, "portal_transcripts.txt"), "w") as fh:
            fh.write("\n".join("%.2f %s" % (transcript_precision(a["transcript"] or ""), a["transcript"])
                               for a in answers))
        for answer in answers:
            # explainable result: per-dimension score with its evidence passages and missing keywords, the
            # transcript, attention points for the interviewer
            result = answer["result_json"] or {}
            scored_dims = (result.get("scores") or {}).get("dimensions") or []
            assert scored_dims and all("evidence" in d and "missing_keywords" in d for d in scored_dims), result
            assert "attention_points" in result, answer
            # a real transcript of what the candidate said (Kokoro speech, recorded anywhere in its loop):
            # enough Chinese, mostly words that were really spoken, some of the answer's key terms
            text = answer["transcript"] or ""
            assert len(han_bigrams(text)) >= 12, f"transcript too short: {text!r}"
            assert transcript_precision(text) >= 0.4, f"transcript is not what was said: {text!r}"
            assert any(term in text for term in KEY_TERMS), f"no key term in {text!r}"
            # complete browser recordings are not reported as cut off
            assert "truncated" not in (result.get("flags") or []), result.get("media")
            assert answer["duration"] > 3, answer["duration"]  # measured when the upload completed

        # 10. HR opens the interview in the backend
        hr = browser.new_page(viewport={"width": 1440, "height": 1000})
        hr.goto(f"{URL}/web/login")
        hr.fill("input[name=login]", "admin")
        hr.fill("input[name=password]", "admin")
        hr.click("button[type=submit]")
        hr.wait_for_url("**/odoo**")
        hr.goto(f"{URL}/odoo/action-hr_ai_interview.action_hr_ai_interview/{iid}")
        hr.wait_for_selector(".o_form_view", timeout=30000)
        hr.wait_for_function("document.querySelector('.o_form_view').innerText.includes(%s)" % json.dumps(CANDIDATE))
        _shot(hr, "14_hr_interview_form")
        # HR's player (the stored recording, remuxed at completion) shows the length and can seek
        att_id = answers[0]["attachment_id"][0]
        length = hr.evaluate("""(src) => new Promise((ok, ko) => {
            const v = document.createElement('video');
            v.preload = 'metadata'; v.muted = true;
            v.onloadedmetadata = () => ok(v.duration); v.onerror = () => ko(new Error('no metadata'));
            v.src = src; })""", f"/web/content/{att_id}")
        assert length and length != float("inf") and abs(length - answers[0]["duration"]) < 1, length
        body = hr.inner_text(".o_form_view")
        hr.get_by_role("tab", name="Answers").click()
        hr.wait_for_selector(".o_notebook .tab-pane.active .o_field_widget")
        _shot(hr, "15_hr_interview_answers")
        browser.close()
    with open(os.path.join(ART, "portal_console.log"), "w") as fh:
        fh.write("\n".join(console))
    assert not [line for line in console if line.startswith("pageerror")], console
    assert CANDIDATE in body or "李雷" in body
