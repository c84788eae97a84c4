"""Nothing lost under faults, with real processes: a real Odoo server (threaded, queue_job runner) over the private
PostgreSQL cluster, killed with SIGKILL while it scores, and the local WeChat mock refusing connections, answering
5xx, dropping connections after processing and answering too late.

(a) 50 text answers are queued; each time the worker has a scoring job running, the server is killed after a
    seeded random delay and started again (queue_job's runner requeues the dead job) → every answer scored
    exactly once (`score_count == 1`).
(b) A candidate records an answer in a real Chromium page; while its chunks upload, the PostgreSQL cluster is
    stopped (pg_ctl stop -m fast: every connection dies) and started again → the page's uploader retries with
    back-off, resumes without re-sending stored chunks, and the stored recording's SHA-256 (read through its
    ir.attachment) equals that of the bytes the browser sent.
(c) WeChat reminders to 10 candidates are queued while nothing listens on the mock's port; the mock then comes up
    with a script of 5xx, dropped and late answers → every candidate gets exactly one message.

Prints one closing line: `faults injected: N, answers lost: 0, double-scored: 0, messages lost: 0, messages
doubled: 0` (also written to artifacts/e2e/faults.txt, read back by `read_summary`). Exit status 1 when anything
was lost or doubled. e2e/test_faults.py runs it in `make test`; FAULT_ANSWERS / FAULT_KILLS / FAULT_SEED change
the size, FAULT_PARTS (default "abc"; c needs a) the scenarios."""
import hashlib
import io
import os
import random
import re
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "tools"))
sys.path.insert(0, os.path.join(REPO, "tests"))
sys.path.insert(0, os.path.join(REPO, "e2e"))
from _bench_interviews import (odoo_shell, packets_sha256, queue_text_answers, recording_interview,  # noqa: E402
                               recording_sha256)
from _bench_servers import Server, exactly_once, requeued_jobs  # noqa: E402
from common import ADDON, free_port, say, which_chromium  # noqa: E402

ANSWERS = int(os.environ.get("FAULT_ANSWERS", 50))
KILLS = int(os.environ.get("FAULT_KILLS", 4))
SEED = int(os.environ.get("FAULT_SEED", 9))
REMINDERS = 10
TIMEOUT = 600  # bound of each phase, seconds
PARTS = os.environ.get("FAULT_PARTS", "abc")
SUMMARY = os.path.join(REPO, "artifacts", "e2e", "faults.txt")
COUNTS = ("faults injected", "answers lost", "double-scored", "messages lost", "messages doubled")

REMIND = """
icp = env['ir.config_parameter'].sudo()
icp.set_param('hr_ai_interview.wechat_api_base_url', {base!r})
icp.set_param('hr_ai_interview.wechat_timeout', '1')
icp.set_param('hr_ai_interview.delivery_max_retries', '30')
env.ref('hr_ai_interview.job_function_delivery_send').retry_pattern = {{1: 1, 5: 2}}
env.company.write({{'ai_wecom_corp_id': 'ww_mock_corp', 'ai_wecom_secret': 'wecom-secret-DO-NOT-LOG-123456',
                   'ai_wecom_agent_id': '1000002'}})
itvs = env['hr.ai.interview'].search([], order='id', limit={n})
itvs._notify_wechat('reminder')
env.cr.commit()
print('QUEUED', len(env['hr.ai.delivery'].search([('kind', '=', 'reminder')])))
"""


def sql(pg, db, query):
    return pg.psql(query, db=db)


def wait_for(predicate, what, timeout=TIMEOUT, every=0.05):
    end = time.time() + timeout
    while not predicate():
        if time.time() > end:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(every)  # polling a state, not waiting for it to happen


def scoring_under_kills(pg, server, rng):
    """(a): SIGKILL while a scoring job runs, several times; every answer scored exactly once."""
    queued, _at = queue_text_answers(server.conf, server.db, ANSWERS, prefix="Fault", wecom=True)
    server.start()
    kills = hits = 0
    killed = set()

    def running():  # scoring jobs started by the live server process (not ones a killed one left behind)
        rows = sql(pg, server.db, "SELECT uuid FROM queue_job WHERE state = 'started' AND "
                                  "method_name = '_job_score_answer' AND worker_pid = %d" % server.proc.pid)
        return set(rows.split())

    def waiting():  # scoring jobs not finished yet
        return int(sql(pg, server.db, "SELECT count(*) FROM queue_job WHERE method_name = '_job_score_answer' "
                                      "AND state IN ('wait_dependencies', 'pending', 'enqueued', 'started')") or 0)

    seen, batches = {}, 0

    def target():  # a live job to kill, or none left at all (what was seen is kept: jobs end within ms)
        seen["jobs"] = running() - killed
        return seen["jobs"] or not waiting()

    while hits < KILLS and kills < 3 * KILLS:
        wait_for(target, "a scoring job that was not killed before")
        if not seen["jobs"]:
            # every job finished before enough kills hit one (a fast machine, a lucky schedule): queue more
            # answers instead of waiting for a job that will never start
            if batches >= 10:
                break
            more, _at = queue_text_answers(server.conf, server.db, 10, prefix="FaultMore")
            queued, batches = queued + more, batches + 1
            continue
        time.sleep(rng.uniform(0.0, 0.15))  # a random moment of the job (seeded schedule)
        server.kill()
        kills += 1
        victims = running()  # still 'started': killed in the middle of them
        hits += bool(victims - killed)
        killed |= victims
        # queue_job's runner requeues a dead job once it was enqueued more than 10 s ago, and looks again only
        # on a notification or after 60 s: restart when the runner's first pass will see the dead job as dead
        age = sql(pg, server.db, "SELECT COALESCE(MIN(EXTRACT(EPOCH FROM (now() AT TIME ZONE 'utc' - "
                                 "date_enqueued))), 99) FROM queue_job WHERE state = 'started'")
        time.sleep(max(0.0, 10.5 - float(age or 99)))
        server.start()
    if hits < KILLS:
        raise SystemExit(f"only {hits} of {kills} kills hit a running job")
    done = ("SELECT count(*) FROM hr_ai_interview_answer WHERE NOT is_practice AND state IN ('scored', 'failed')")
    wait_for(lambda: int(sql(pg, server.db, done) or 0) >= queued, "all answers scored")
    query = lambda q: sql(pg, server.db, q)  # noqa: E731
    say(f"(a) jobs run again after a kill (queue_job dead-job requeue): {requeued_jobs(query)}")
    lost, doubled = exactly_once(query, queued)
    say(f"(a) {queued} answers, {kills} SIGKILLs ({hits} in the middle of a job): {queued - lost} scored, "
        f"{lost} lost, {doubled} scored twice")
    return kills, lost, doubled


def deliveries_under_wechat_faults(pg, server):
    """(c): refused connections, then 5xx, dropped and late answers; every candidate gets one message."""
    from wechat_mock import MockWeChatServer

    port = free_port()
    queued = int(odoo_shell(server.conf, server.db, REMIND.format(base=f"http://127.0.0.1:{port}/cgi-bin/",
                                                                 n=REMINDERS))[0])
    attempts = ("SELECT COALESCE(SUM(retry), 0) FROM queue_job WHERE method_name = '_ai_job_send'")
    wait_for(lambda: int(sql(pg, server.db, attempts) or 0) >= 3, "deliveries failing on a refused connection")
    refused = int(sql(pg, server.db, attempts) or 0)
    mock = MockWeChatServer(port=port)
    mock.add_fault("message/send", "http_500", count=5)
    mock.add_fault("message/send", "drop", count=3)  # processed, then the connection dies
    mock.add_fault("message/send", "timeout", count=2, delay=1.5)  # processed, answered after the timeout
    faults = refused + 10
    with mock:
        sent = "SELECT count(*) FROM hr_ai_delivery WHERE kind = 'reminder' AND state = 'sent'"
        failed = "SELECT count(*) FROM hr_ai_delivery WHERE kind = 'reminder' AND state = 'failed'"
        wait_for(lambda: int(sql(pg, server.db, sent) or 0) + int(sql(pg, server.db, failed) or 0) >= queued,
                 "every reminder delivered or failed")
        per_user = {}
        for msg in mock.messages:
            per_user[msg["touser"]] = per_user.get(msg["touser"], 0) + 1
    lost = REMINDERS - len(per_user)
    doubled = sum(1 for n in per_user.values() if n > 1)
    say(f"(c) {queued} WeChat reminders, {refused} refused connections + 10 scripted 5xx/dropped/late answers: "
        f"{len(per_user)} delivered, {lost} lost, {doubled} duplicated")
    return faults, lost, doubled


def upload_under_pg_restart(pg, server):
    """(b): PostgreSQL stopped and started while the browser uploads; the upload resumes, the file is intact."""
    from playwright.sync_api import sync_playwright
    from portal_browser import CHROMIUM_ARGS, THROTTLED, UNTHROTTLED, ChunkLog, wait_chunk, wait_events, \
        wait_recorded, wait_status
    from portal_media import face_y4m, mandarin_wav

    iid, access_url, token = recording_interview(server.conf, server.db)
    args = CHROMIUM_ARGS + [f"--use-file-for-fake-video-capture={face_y4m()}",
                            f"--use-file-for-fake-audio-capture={mandarin_wav()}"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=which_chromium(), args=args)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            context.set_default_timeout(60000)
            page = context.new_page()
            chunks = ChunkLog(page, keep_bodies=True)
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            # the link binds the token to the session; a fresh server builds its asset bundles first: be patient
            page.goto(f"{server.url}{access_url}?access_token={token}", timeout=240000)
            page.goto(f"{server.url}/ai-interview/{iid}/next", timeout=240000)
            page.wait_for_url("**/question**")
            try:
                page.wait_for_selector(".o_hrai_record_now:not(.d-none)")
            except Exception:  # what the candidate saw instead, for the failure message
                shot = os.path.join(REPO, "artifacts", "fault-b-no-record-button.png")
                os.makedirs(os.path.dirname(shot), exist_ok=True)
                page.screenshot(path=shot, full_page=True)
                raise AssertionError("no 'record now' button (screenshot %s); page status: %r"
                                     % (shot, page.inner_text("main")[:600]))
            page.click(".o_hrai_record_now")
            wait_recorded(page, 60, 8)
            cdp.send("Network.emulateNetworkConditions", THROTTLED)
            page.click(".o_hrai_stop")
            upload = wait_chunk(page, chunks, len(chunks.ok()))
            stored_before = len(chunks.ok(upload))
            pg.stop()  # pg_ctl stop -m fast: the server's connections die in the middle of the upload
            # down until a retry (with back-off) met the stopped database too, not only the request in flight
            wait_events(page, lambda: len(chunks.errors(upload)) >= 2, "no retries against the stopped database",
                        120)
            pg.start()
            cdp.send("Network.emulateNetworkConditions", UNTHROTTLED)
            status = wait_status(page, ["done", "failed"], 300000)
            note = page.inner_text(".o_hrai_status")
            sent_bytes = chunks.sent_file(upload)
            sent = "%s:%s" % (hashlib.sha256(sent_bytes).hexdigest(), packets_sha256(io.BytesIO(sent_bytes)))
            if status == "done":
                # the outage logged the browser's session out (Odoo served it without a database): the
                # candidate still goes on to the next page without reopening the link
                page.click(".o_hrai_next")
                page.wait_for_url("**/submit**")
        finally:
            browser.close()
    chunks.assert_no_resend(upload)
    stored = recording_sha256(server.conf, server.db, iid)
    intact = status == "done" and stored == [sent]
    errors = sorted({str(s or k) for k, _i, s in chunks.errors(upload)})
    say(f"(b) PostgreSQL restarted after {stored_before} of {len(chunks.ok(upload))} chunks: "
        f"{len(chunks.errors(upload))} chunk requests failed ({', '.join(errors)}), upload {status!r} ({note.strip()!r}); "
        f"sha256 sent {sent[:12]} / packets {sent[65:77]}, stored {[(h[:12], h[65:77]) for h in stored]}: "
        f"{'identical' if intact else 'DIFFERENT'}")
    return 1, 0 if intact else 1


def write_summary(counts, path=SUMMARY):
    """Write the closing line (`faults injected: N, answers lost: 0, ...`) for read_summary; returns it."""
    line = ", ".join(f"{name}: {counts[name]}" for name in COUNTS)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        fh.write(line + "\n")
    return line


def read_summary(since=0.0, path=SUMMARY):
    """The last fault summary line and its counts ({'faults injected': N, ...}), or (None, {}) when no run
    wrote one after `since` (a time.time() value)."""
    if not os.path.exists(path) or os.path.getmtime(path) < since:
        return None, {}
    with open(path) as fh:
        line = fh.read().strip()
    return line, {name: int(n) for name, n in re.findall(r"([a-z][a-z -]*): (\d+)", line)}


def main():
    from pgcluster import Cluster

    t0 = time.time()
    rng = random.Random(SEED)
    pg = Cluster().start()
    db = f"hrai_faults_{os.getpid()}"
    # two scoring jobs at a time: while a killed job waits for the runner's dead-job requeue (it must have
    # been enqueued 10 s before), the other slot keeps working and its notifications wake the runner
    server = Server(pg, db, f"faults-{os.getpid()}", scoring=2)
    say(f"installing {ADDON} (no demo data) into {db} for the fault tests ...")
    server.odoo("-i", ADDON, "--stop-after-init", "--without-demo=all", "--max-cron-threads=0", "--log-level=warn",
                check=True, stdout=server.log, stderr=subprocess.STDOUT)
    counts = dict.fromkeys(COUNTS, 0)
    try:
        if "a" in PARTS:
            kills, lost, doubled = scoring_under_kills(pg, server, rng)
            counts.update({"answers lost": lost, "double-scored": doubled})
            counts["faults injected"] += kills
        else:
            server.start()
        if "c" in PARTS:
            faults, msg_lost, msg_doubled = deliveries_under_wechat_faults(pg, server)
            counts.update({"messages lost": msg_lost, "messages doubled": msg_doubled})
            counts["faults injected"] += faults
        if "b" in PARTS:
            faults, lost = upload_under_pg_restart(pg, server)
            counts["faults injected"] += faults
            counts["answers lost"] += lost
    finally:
        server.stop()
        pg.start()  # (b) may have failed while the cluster was stopped
        pg.drop_db(db)
    line = write_summary(counts)
    print(line, f"({time.time() - t0:.0f} s)", flush=True)
    return 1 if any(counts[name] for name in COUNTS[1:]) else 0


if __name__ == "__main__":
    sys.exit(main())
