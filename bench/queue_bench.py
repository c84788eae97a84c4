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
from _bench_interviews import queue_text_answers  # noqa: E402
from common import ADDON, LOCAL, free_port, odoo_cmd, write_odoo_conf  # noqa: E402
from e2e_server import wait_http  # noqa: E402
from pgcluster import Cluster  # noqa: E402

N = int(os.environ.get("QUEUE_BENCH_ANSWERS", 120))


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
    made, committed_at = queue_text_answers(conf, db, n)
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
