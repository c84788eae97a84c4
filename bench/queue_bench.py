"""Scoring throughput through queue_job: answers scored per minute with the `root.ai_interview` channel at
capacity 1 and 2, on one real Odoo server (threaded, queue_job runner) over a private PostgreSQL cluster.

Text answers are used so the number is the job machinery + text engine cost; a warm-up batch is scored first so
the engine's once-per-process warm-up is not counted. Baseline: capacity 1, measured in the same run."""
import os
import signal
import subprocess
import sys
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "tools"))
from common import ADDON, LOCAL, free_port, odoo_cmd, write_odoo_conf  # noqa: E402
from e2e_server import wait_http  # noqa: E402
from pgcluster import Cluster  # noqa: E402

N = int(os.environ.get("QUEUE_BENCH_ANSWERS", 120))
ANSWER = ("我先说结论：我用用户调研数据重新做了功能优先级排序。第一，访谈了 30 位用户，找到三个用户痛点；"
          "第二，用甘特图排期并写了风险应对方案；最后，次月留存率从 30% 提升到 45%。总之，要靠用户反馈迭代。")

ENQUEUE = """
job = env.ref('hr_ai_interview.demo_job_product_manager', raise_if_not_found=False) or \\
    env['hr.job'].search([('ai_interview_enabled', '=', True)], limit=1)
made = 0
while made < {n}:
    cand = env['hr.candidate'].create({{'partner_name': 'Bench %d' % made, 'email_from': 'b%d@example.com' % made}})
    app = env['hr.applicant'].create({{'candidate_id': cand.id, 'job_id': job.id}})
    itv = env['hr.ai.interview'].create({{'applicant_id': app.id}})
    itv.action_send_invitation()
    itv._portal_give_consent('127.0.0.1', 'bench', 'v1')
    itv.sudo().write({{'identity_verified': True, 'identity_method': 'manual'}})
    itv._portal_record_device_check({{'camera': True, 'microphone': True}})
    itv._portal_skip_practice()
    for line in itv.question_line_ids.filtered(lambda q: not q.is_practice):
        if made >= {n}:
            break
        itv._portal_answer_for(line, 'text')._submit_text({text!r})
        made += 1
env.cr.commit()
import time as _t
print('ENQUEUED', made, 'AT', _t.time())
"""


def scored_count(pg, db):
    out = pg.psql("SELECT count(*) FROM hr_ai_interview_answer WHERE state IN ('scored', 'failed') "
                  "AND NOT is_practice", db=db)
    return int(out or 0)


def run_batch(pg, conf, db, n):
    """Enqueue n answers in one committed transaction; time from that commit until the last one is scored.
    A poller runs while the enqueuing shell is still exiting, so fast batches are timed too."""
    target = scored_count(pg, db) + n
    done = {}

    def poll():
        end = time.time() + 1800
        while time.time() < end:
            if scored_count(pg, db) >= target:
                done["at"] = time.time()
                return
            time.sleep(0.05)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    proc = subprocess.run(odoo_cmd(conf, "-d", db, "--no-http", sub="shell"), cwd=REPO, text=True,
                          input=ENQUEUE.format(n=n, text=ANSWER), capture_output=True, timeout=900)
    if "ENQUEUED" not in proc.stdout:
        raise SystemExit("enqueue failed:\n" + proc.stdout[-2000:] + proc.stderr[-3000:])
    words = proc.stdout.split("ENQUEUED")[1].split()
    made, committed_at = int(words[0]), float(words[2])
    poller.join()
    if "at" not in done or made != n:
        raise SystemExit(f"not all answers were scored ({made} enqueued)")
    return made, done["at"] - committed_at


def serve(pg, db, capacity):
    port = free_port()
    conf = write_odoo_conf(os.path.join(LOCAL, f"queue-bench-{capacity}.conf"), pg, port)
    text = open(conf).read().replace("root.ai_interview:1", f"root.ai_interview:{capacity}")
    text = text.replace("channels = root:2", f"channels = root:{max(2, capacity)}")
    open(conf, "w").write(text)
    log = open(os.path.join(LOCAL, f"queue-bench-{capacity}.log"), "w")
    proc = subprocess.Popen(odoo_cmd(conf, "-d", db, "--db-filter", f"^{db}$", "--max-cron-threads=0"),
                            cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    if not wait_http(f"http://127.0.0.1:{port}/web/login", proc=proc):
        raise SystemExit(f"server did not start; see {log.name}")
    return proc, conf


def main():
    pg = Cluster().start()
    db = f"hrai_qbench_{os.getpid()}"
    conf = write_odoo_conf(os.path.join(LOCAL, "queue-bench-install.conf"), pg, free_port())
    print(f"installing {ADDON} with demo data into {db} ...", flush=True)
    subprocess.run(odoo_cmd(conf, "-d", db, "-i", ADDON, "--stop-after-init", "--log-level=warn"), cwd=REPO,
                   check=True, capture_output=True)
    results = {}
    try:
        for capacity in (1, 2):
            proc, conf = serve(pg, db, capacity)
            try:
                run_batch(pg, conf, db, 2)  # warm-up: the engine's once-per-worker cost
                made, secs = run_batch(pg, conf, db, N)
            finally:
                proc.send_signal(signal.SIGINT)
                proc.wait(timeout=60)
            results[capacity] = made / secs * 60
            print(f"capacity {capacity}: {made} text answers scored in {secs:.2f} s after the enqueue commit "
                  f"-> {results[capacity]:.0f} answers/min", flush=True)
    finally:
        pg.drop_db(db)
    print(f"ratio capacity 2 / capacity 1 (baseline): {results[2] / results[1]:.2f}x "
          f"on {os.cpu_count()} cores, load avg {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
