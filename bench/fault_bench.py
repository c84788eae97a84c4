"""Nothing lost under faults, with real processes: a real Odoo server (threaded, queue_job runner) over the private
PostgreSQL cluster, killed with SIGKILL while it scores, and the local WeChat mock refusing connections, answering
5xx, dropping connections after processing and answering too late.

(a) 50 text answers are queued; each time the worker has a scoring job running, the server is killed after a
    seeded random delay and started again (queue_job's runner requeues the dead job) → every answer scored
    exactly once (`score_count == 1`).
(c) WeChat reminders to 10 candidates are queued while nothing listens on the mock's port; the mock then comes up
    with a script of 5xx, dropped and late answers → every candidate gets exactly one message.

Prints one closing line: `faults injected: N, answers lost: 0, double-scored: 0, messages lost: 0` (also written
to artifacts/e2e/faults.txt). Exit status 1 when anything was lost or doubled. e2e/test_faults.py runs it in
`make test`; FAULT_ANSWERS / FAULT_KILLS / FAULT_SEED change the size."""
import os
import random
import signal
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "tools"))
sys.path.insert(0, os.path.join(REPO, "tests"))
from common import ADDON, LOCAL, free_port, odoo_cmd, say, write_odoo_conf  # noqa: E402
from e2e_server import wait_http  # noqa: E402

ANSWERS = int(os.environ.get("FAULT_ANSWERS", 50))
KILLS = int(os.environ.get("FAULT_KILLS", 4))
SEED = int(os.environ.get("FAULT_SEED", 9))
REMINDERS = 10
TIMEOUT = 600  # bound of each phase, seconds
ANSWER = ("我先说结论：我用用户调研数据重新做了功能优先级排序。第一，访谈了 30 位用户，找到三个用户痛点；"
          "第二，用甘特图排期并写了风险应对方案；最后，次月留存率从 30% 提升到 45%。")

SETUP = """
from odoo.fields import Command
job = env['hr.job'].create({{
    'name': 'Fault PM', 'ai_language': 'zh_CN', 'ai_deadline_days': 5,
    'ai_dimension_ids': [Command.create({{'name': '需求分析', 'weight': 60, 'keywords': '用户调研, 需求文档'}}),
                         Command.create({{'name': '项目管理', 'weight': 40, 'keywords': '甘特图, 风险'}})],
    'ai_question_ids': [Command.create({{'name': 'Q1 请介绍一次用户调研。', 'sequence': 1}}),
                        Command.create({{'name': 'Q2 如何管理项目风险？', 'sequence': 2}})]}})
job.ai_interview_enabled = True
made, i = 0, 0
while made < {n}:
    cand = env['hr.candidate'].create({{'partner_name': 'Fault %d' % i, 'email_from': 'f%d@example.com' % i}})
    app = env['hr.applicant'].create({{'candidate_id': cand.id, 'job_id': job.id}})
    itv = env['hr.ai.interview'].create({{'applicant_id': app.id}})
    itv.partner_id.wecom_userid = 'u%d' % i
    # WeCom app messages reach company members only: the bench's candidates are internal applicants
    env['hr.employee'].create({{'name': 'Fault %d' % i, 'work_contact_id': itv.partner_id.id}})
    itv.action_send_invitation()
    itv._portal_give_consent('127.0.0.1', 'faults', 'v1')
    itv.sudo().write({{'identity_verified': True, 'identity_method': 'manual'}})
    itv._portal_record_device_check({{'camera': True, 'microphone': True}})
    itv._portal_skip_practice()
    for line in itv.question_line_ids.filtered(lambda q: not q.is_practice):
        if made < {n}:
            itv._portal_answer_for(line, 'text')._submit_text({text!r})
            made += 1
    i += 1
env.cr.commit()
print('QUEUED', made)
"""

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


class Server:
    def __init__(self, pg, db):
        self.pg, self.db, self.port = pg, db, free_port()
        self.conf = write_odoo_conf(os.path.join(LOCAL, f"faults-{os.getpid()}.conf"), pg, self.port)
        # two scoring jobs at a time: while a killed job waits for the runner's dead-job requeue (it must have
        # been enqueued 10 s before), the other slot keeps working and its notifications wake the runner
        with open(self.conf) as fh:
            text = fh.read().replace("root.ai_interview:1", "root.ai_interview:2")
        with open(self.conf, "w") as fh:
            fh.write(text)
        self.log = open(os.path.join(LOCAL, f"faults-{os.getpid()}.log"), "a")
        self.proc = None

    def odoo(self, *args, **kw):
        return subprocess.run(odoo_cmd(self.conf, "-d", self.db, *args), cwd=REPO, **kw)

    def shell(self, script):
        out = subprocess.run(odoo_cmd(self.conf, "-d", self.db, "--no-http", sub="shell"), cwd=REPO, text=True,
                             input=script, capture_output=True, timeout=900)
        if "QUEUED" not in out.stdout:
            raise SystemExit("setup failed:\n" + out.stdout[-2000:] + out.stderr[-3000:])
        return int(out.stdout.split("QUEUED")[1].split()[0])

    def start(self):
        self.proc = subprocess.Popen(odoo_cmd(self.conf, "-d", self.db, "--db-filter", f"^{self.db}$",
                                              "--max-cron-threads=0", "--log-level=warn"),
                                     cwd=REPO, stdout=self.log, stderr=subprocess.STDOUT)
        if not wait_http(f"http://127.0.0.1:{self.port}/web/login", timeout=180, proc=self.proc):
            raise SystemExit(f"the server did not start; see {self.log.name}")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)  # no cleanup, no commit: what an OOM kill or a power cut does
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


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
    queued = server.shell(SETUP.format(n=ANSWERS, text=ANSWER))
    server.start()
    kills = hits = 0
    killed = set()

    def running():  # scoring jobs started by the live server process (not ones a killed one left behind)
        rows = sql(pg, server.db, "SELECT uuid FROM queue_job WHERE state = 'started' AND "
                                  "method_name = '_job_score_answer' AND worker_pid = %d" % server.proc.pid)
        return set(rows.split())

    while hits < KILLS and kills < 3 * KILLS:
        wait_for(lambda: running() - killed, "a scoring job that was not killed before")
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
    rows = sql(pg, server.db, "SELECT state, score_count FROM hr_ai_interview_answer WHERE NOT is_practice")
    pairs = [line.split("|") for line in rows.splitlines() if line]
    requeued = sql(pg, server.db, "SELECT count(*) FROM queue_job WHERE method_name = '_job_score_answer' "
                                  "AND retry > 1")
    say(f"(a) jobs run again after a kill (queue_job dead-job requeue): {requeued}")
    lost = queued - sum(1 for state, _n in pairs if state == "scored")
    doubled = sum(1 for _state, n in pairs if int(n or 0) > 1)
    say(f"(a) {queued} answers, {kills} SIGKILLs ({hits} in the middle of a job): {queued - lost} scored, "
        f"{lost} lost, {doubled} scored twice")
    return kills, lost, doubled


def deliveries_under_wechat_faults(pg, server):
    """(c): refused connections, then 5xx, dropped and late answers; every candidate gets one message."""
    from wechat_mock import MockWeChatServer

    port = free_port()
    queued = server.shell(REMIND.format(base=f"http://127.0.0.1:{port}/cgi-bin/", n=REMINDERS))
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


def main():
    from pgcluster import Cluster

    t0 = time.time()
    rng = random.Random(SEED)
    pg = Cluster().start()
    db = f"hrai_faults_{os.getpid()}"
    server = Server(pg, db)
    say(f"installing {ADDON} (no demo data) into {db} for the fault tests ...")
    server.odoo("-i", ADDON, "--stop-after-init", "--without-demo=all", "--max-cron-threads=0", "--log-level=warn",
                check=True, stdout=server.log, stderr=subprocess.STDOUT)
    try:
        kills, lost, doubled = scoring_under_kills(pg, server, rng)
        faults, msg_lost, msg_doubled = deliveries_under_wechat_faults(pg, server)
    finally:
        server.stop()
        pg.drop_db(db)
    line = (f"faults injected: {kills + faults}, answers lost: {lost}, double-scored: {doubled}, "
            f"messages lost: {msg_lost}, messages doubled: {msg_doubled}")
    art = os.path.join(REPO, "artifacts", "e2e")
    os.makedirs(art, exist_ok=True)
    with open(os.path.join(art, "faults.txt"), "w") as fh:
        fh.write(line + "\n")
    print(line, f"({time.time() - t0:.0f} s)", flush=True)
    return 1 if lost or doubled or msg_lost or msg_doubled else 0


if __name__ == "__main__":
    sys.exit(main())
