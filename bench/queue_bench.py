"""Scale-out of scoring the way queue_job does it: one, then two Odoo server processes on one PostgreSQL behind
Debian's haproxy, every server running queue_job's runner (one elected per database by an advisory lock, the
others standing by), `[queue_job] host/port` pointing at the balancer, the scoring channel's capacity = the number
of servers and speech recognition on one thread per job (ASR_CPU_THREADS=1): one server = one core's worth.

Recorded answers (30 s of Kokoro Mandarin with a face, VP8 + Opus WebM, five voices in turn; scored with Whisper
under the default no-affect policy) are uploaded through the chunked upload contract in one transaction; the time
runs from its commit until the last answer is scored. Each server's first jobs pay its once-per-process warm-up
(jieba, sentence encoder, Whisper) in a warm-up batch that is not counted.

Then the leader's server is killed with SIGKILL in the middle of a batch: the standby runner takes the lock, the
jobs the dead server was running are requeued (queue_job's dead-job requeue) and every answer of the run is scored
exactly once (score_count, as in fault_bench). Exit status 1 when an answer is lost or scored twice.
QUEUE_BENCH_ANSWERS (30) / QUEUE_BENCH_FAILOVER_ANSWERS (16) / QUEUE_BENCH_SECONDS (30) change the size,
QUEUE_BENCH_BALANCE (roundrobin) haproxy's algorithm."""
import math
import os
import subprocess
import sys
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [os.path.join(REPO, "tools"), os.path.join(REPO, "hr_ai_interview"), os.path.join(REPO, "tests")]
os.environ.setdefault("HR_AI_TEST_MEDIA", os.path.join(REPO, "bench", ".cache"))
import _bench_media as bm  # noqa: E402
from _bench_interviews import queue_recorded_answers  # noqa: E402
from _bench_servers import Balancer, Server, Sql, exactly_once, requeued_jobs, runner_leader  # noqa: E402
from common import ADDON, say  # noqa: E402
from pgcluster import Cluster  # noqa: E402

N = int(os.environ.get("QUEUE_BENCH_ANSWERS", 30))
FAILOVER_N = int(os.environ.get("QUEUE_BENCH_FAILOVER_ANSWERS", 16))
SECONDS = float(os.environ.get("QUEUE_BENCH_SECONDS", 30))
BALANCE = os.environ.get("QUEUE_BENCH_BALANCE", "roundrobin")
# one core per scoring job: Whisper's own threads and the BLAS/OpenMP pools under numpy
ONE_CORE = {"ASR_CPU_THREADS": "1", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
DONE = "SELECT count(*) FROM hr_ai_interview_answer WHERE state IN ('scored', 'failed') AND NOT is_practice"
TIMEOUT = 900
QUEUED = []  # answers enqueued by this run


def batch(sql, server, n, paths, during=None):
    """Enqueue n recorded answers in one committed transaction; seconds from that commit until the last one is
    scored. A poller runs while the enqueuing shell is still exiting; `during(done)` runs meanwhile."""
    target = int(sql(DONE)) + n
    done = {}

    def poll():
        end = time.time() + TIMEOUT
        while time.time() < end:
            if int(sql(DONE)) >= target:
                done["at"] = time.time()
                return
            time.sleep(0.1)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    made, committed_at = queue_recorded_answers(server.conf, server.db, n, paths)
    QUEUED.append(made)
    if during:
        during(lambda: int(sql(DONE)) - (target - n))
    poller.join()
    if "at" not in done or made != n:
        raise SystemExit(f"not all answers were scored within {TIMEOUT} s ({made} enqueued)")
    return done["at"] - committed_at


def jobs_per_server(sql, since_id, servers):
    """How many of the scoring jobs after `since_id` each server ran (queue_job stores the worker's pid)."""
    rows = sql("SELECT worker_pid, count(*) FROM queue_job WHERE method_name = '_job_score_answer' AND "
               f"state = 'done' AND id > {since_id} GROUP BY worker_pid")
    by_pid = dict(line.split("|") for line in rows.splitlines() if line)
    return " + ".join(f"{s.name} {by_pid.get(str(s.pid), 0)}" for s in servers)


def last_job_id(sql):
    return int(sql("SELECT COALESCE(MAX(id), 0) FROM queue_job") or 0)


def measure(sql, servers, lb, paths, label):
    """Warm every server (two jobs each), then time N answers."""
    lb.wait_up([s.name for s in servers])
    batch(sql, servers[0], 2 * len(servers), paths)
    since = last_job_id(sql)
    secs = batch(sql, servers[0], N, paths)
    rate = N / secs * 60
    print(f"{label}: {N} recorded answers ({SECONDS:.0f} s, ASR) scored in {secs:.1f} s after the enqueue commit "
          f"-> {rate:.1f} answers/min (jobs per server: {jobs_per_server(sql, since, servers)})", flush=True)
    return rate


def failover(sql, servers, lb, paths):
    """Kill the leader's server (SIGKILL) once a third of a batch is scored; the standby's runner takes over."""
    leader = runner_leader(sql)
    victim = next((s for s in servers if s.pid == leader), None)
    if victim is None:
        raise SystemExit(f"no bench server holds the runner lock (leader pid {leader})")
    standby = next(s for s in servers if s is not victim)
    seen = {}

    def kill_leader(scored):
        end = time.time() + TIMEOUT
        while scored() < FAILOVER_N // 3 and time.time() < end:
            time.sleep(0.1)
        seen["running"] = int(sql("SELECT count(*) FROM queue_job WHERE state = 'started' AND "
                                  f"method_name = '_job_score_answer' AND worker_pid = {victim.pid}") or 0)
        seen["scored"], killed_pid = scored(), victim.pid
        victim.kill()
        t0 = time.time()
        while runner_leader(sql) != standby.pid:
            if time.time() - t0 > 120:
                raise SystemExit("the standby runner did not take over within 120 s")
            time.sleep(0.05)
        seen["takeover"] = time.time() - t0
        print(f"runner failover: leader pid {killed_pid} killed, standby (pid {standby.pid}) took over in "
              f"{seen['takeover']:.1f} s; haproxy: {lb.states()}", flush=True)

    requeued = requeued_jobs(sql)
    secs = batch(sql, servers[0], FAILOVER_N, paths, during=kill_leader)
    print(f"failover batch: {FAILOVER_N} answers in {secs:.1f} s, the leader killed after {seen['scored']} were "
          f"scored with {seen['running']} of its jobs running; jobs run again after the kill: "
          f"{requeued_jobs(sql) - requeued}", flush=True)


def main():
    t_start = time.time()
    paths = [bm.short_answer(v, SECONDS) for v in bm.VOICES]
    pg = Cluster().start()
    db = f"hrai_qbench_{os.getpid()}"
    servers = [Server(pg, db, f"qbench-{i + 1}", scoring=1, env=ONE_CORE) for i in range(2)]
    lb = Balancer(servers, f"qbench-{os.getpid()}", balance=BALANCE)
    say(f"installing {ADDON} (no demo data) into {db} ...")
    servers[0].odoo("-i", ADDON, "--stop-after-init", "--without-demo=all", "--max-cron-threads=0",
                    "--log-level=warn", check=True, stdout=servers[0].log, stderr=subprocess.STDOUT)
    sql = Sql(pg, db)
    try:
        lb.start()
        for s in servers:  # every runner sends its jobs to the balancer
            s.configure(scoring=1, queue_job_port=lb.port)
        one = measure(sql, [servers[0].start()], lb, paths, "1 server ")
        servers[0].stop()
        for s in servers:
            s.configure(scoring=2, queue_job_port=lb.port)
            s.launch()
        for s in servers:
            s.wait()
        two = measure(sql, servers, lb, paths, "2 servers")
        print(f"scale-out speed-up 2 servers vs 1: {two / one:.2f}x (haproxy {BALANCE}, {os.cpu_count()} cores, "
              f"load avg {os.getloadavg()[0]:.1f})", flush=True)
        failover(sql, servers, lb, paths)
        lost, doubled = exactly_once(sql, sum(QUEUED))
        print(f"lost {lost}, double-scored {doubled} (of all {sum(QUEUED)} recorded answers of the run)")
        per_core = one
        print(f"capacity: {per_core:.1f} answers/min per core ({SECONDS:.0f} s answers); 210 answers/min needs "
              f"ceil(210 / {per_core:.1f}) = {math.ceil(210 / per_core)} scoring cores "
              f"({time.time() - t_start:.0f} s)", flush=True)
    finally:
        for s in servers:
            s.stop()
        lb.stop()
        sql.close()
        pg.drop_db(db)
    return 1 if lost or doubled else 0


if __name__ == "__main__":
    sys.exit(main())
