"""Real servers for the benchmarks that need them (fault_bench, queue_bench): Odoo server processes (threaded, with
queue_job's runner) on the private PostgreSQL cluster, Debian's haproxy in front of them, and the database facts
both benches count: every answer scored exactly once, jobs run again after a kill, the runner that leads."""
import os
import shutil
import signal
import socket
import subprocess
import time

from common import LOCAL, REPO, free_port, odoo_cmd, write_odoo_conf
from e2e_server import stop_process, wait_http

# queue_job 18.0 jobrunner/runner.py PG_ADVISORY_LOCK_ID: the one runner per database holds this session lock
RUNNER_LOCK_ID = 2293787760715711918


class Server:
    """One Odoo server process. `scoring`: capacity of the scoring channel (root gets at least as much);
    `queue_job_port`: where the job runner sends /queue_job/runjob (a balancer; default: this server);
    `env`: extra environment (e.g. ASR_CPU_THREADS)."""

    def __init__(self, pg, db, name, scoring=2, queue_job_port=None, env=None):
        self.pg, self.db, self.name, self.port = pg, db, name, free_port()
        self.env = dict(os.environ, **(env or {}))
        self.conf = os.path.join(LOCAL, f"{name}.conf")
        self.configure(scoring, queue_job_port)
        self.log = open(os.path.join(LOCAL, f"{name}.log"), "a")
        self.proc = None

    def configure(self, scoring, queue_job_port=None):
        """(Re)write the config; a running server reads it at its next start."""
        write_odoo_conf(self.conf, self.pg, self.port)
        with open(self.conf) as fh:
            text = fh.read().replace("root.ai_interview:1", f"root.ai_interview:{scoring}")
        text = text.replace("channels = root:2", f"channels = root:{max(2, scoring)}")
        if queue_job_port:  # the [queue_job] section is the file's last one
            text += f"host = 127.0.0.1\nport = {queue_job_port}\n"
        with open(self.conf, "w") as fh:
            fh.write(text)

    def odoo(self, *args, **kw):
        return subprocess.run(odoo_cmd(self.conf, "-d", self.db, *args), cwd=REPO, **kw)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self):
        return self.proc.pid if self.proc and self.proc.poll() is None else None

    def launch(self):
        self.proc = subprocess.Popen(odoo_cmd(self.conf, "-d", self.db, "--db-filter", f"^{self.db}$",
                                              "--max-cron-threads=0", "--log-level=warn"),
                                     cwd=REPO, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        return self

    def wait(self, timeout=180):
        if not wait_http(f"{self.url}/web/login", timeout=timeout, proc=self.proc):
            raise SystemExit(f"the server {self.name} did not start; see {self.log.name}")
        return self

    def start(self, timeout=180):
        return self.launch().wait(timeout)

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)  # no cleanup, no commit: what an OOM kill or a power cut does
        self.proc.wait()

    def stop(self):
        stop_process(self.proc)


class Balancer:
    """Debian haproxy on loopback in front of `servers`: HTTP health check on Odoo's /web/health every 0.5 s,
    a refused connection retried on another server. `balance`: haproxy's algorithm (roundrobin, leastconn)."""

    def __init__(self, servers, name, balance="roundrobin"):
        self.binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
        if not os.path.exists(self.binary):
            raise SystemExit("haproxy is not installed (Debian: apt-get install -y haproxy)")
        self.servers, self.port, self.balance = servers, free_port(), balance
        os.makedirs(LOCAL, exist_ok=True)
        self.cfg = os.path.join(LOCAL, f"{name}.haproxy.cfg")
        self.sock = os.path.join(LOCAL, f"{name}.haproxy.sock")
        self.log = open(os.path.join(LOCAL, f"{name}.haproxy.log"), "a")
        self.proc = None

    def config(self):
        lines = ["global", f"    stats socket {self.sock} mode 600 level user", "    maxconn 1000", "",
                 "defaults", "    mode http",
                 # a runjob request lasts as long as its job: the runner stops listening after 1 s, the job runs on
                 "    timeout connect 2s", "    timeout client 1900s", "    timeout server 1900s",
                 "    retries 3", "    option redispatch 1", "",
                 "frontend odoo", f"    bind 127.0.0.1:{self.port}", "    default_backend odoo", "",
                 "backend odoo", f"    balance {self.balance}", "    option httpchk",
                 # Odoo needs a Host header (HTTP/1.1): an HTTP/1.0 check fails with KeyError 'HTTP_HOST'
                 "    http-check send meth GET uri /web/health ver HTTP/1.1 hdr Host localhost",
                 "    http-check expect status 200",
                 "    default-server inter 500ms fall 2 rise 1"]
        lines += [f"    server {s.name} 127.0.0.1:{s.port} check" for s in self.servers]
        return "\n".join(lines) + "\n"

    def start(self):
        with open(self.cfg, "w") as fh:
            fh.write(self.config())
        self.proc = subprocess.Popen([self.binary, "-db", "-f", self.cfg], stdout=self.log, stderr=subprocess.STDOUT)
        end = time.time() + 20
        while time.time() < end:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"haproxy did not start; see {self.log.name}")

    def states(self):
        """{server name: haproxy's status (UP, DOWN, ...)} read from its stats socket."""
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(self.sock)
            s.sendall(b"show stat\n")
            data = b"".join(iter(lambda: s.recv(65536), b""))
        rows = [line.split(",") for line in data.decode().splitlines() if line and not line.startswith("#")]
        return {r[1]: r[17].split()[0] for r in rows if r[0] == "odoo" and r[1] not in ("FRONTEND", "BACKEND")}

    def wait_up(self, names, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            if all(self.states().get(n) == "UP" for n in names):
                return
            time.sleep(0.1)
        raise SystemExit(f"haproxy did not see {names} up: {self.states()}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


class Sql:
    """`sql(query)` -> rows as `psql -tA` prints them ('|' between columns), over one kept connection: cheap
    enough to poll every 0.1 s without spawning psql on a busy 2-core machine."""

    def __init__(self, pg, db):
        import psycopg2
        self.conn = psycopg2.connect(host=pg.sockdir, port=pg.port, user=pg.role, dbname=db)
        self.conn.autocommit = True

    def __call__(self, query):
        with self.conn.cursor() as cr:
            cr.execute(query)
            rows = cr.fetchall() if cr.description else []
        return "\n".join("|".join("" if v is None else str(v) for v in row) for row in rows)

    def close(self):
        self.conn.close()


def runner_leader(sql):
    """The pid of the Odoo process whose job runner holds queue_job's lock on the database (None: no leader).
    Odoo names its connections 'odoo-<pid>' (application_name)."""
    name = sql("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
               "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = %d AND l.objid::bigint = %d "
               "AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
               % (RUNNER_LOCK_ID >> 32, RUNNER_LOCK_ID & 0xFFFFFFFF))
    return int(name.split("-")[-1]) if name.startswith("odoo-") else None


def exactly_once(sql, queued):
    """(lost, doubled) over the database's non-practice answers: `queued` answers should all be scored, none
    more than once (score_count counts stored results)."""
    rows = sql("SELECT state, score_count FROM hr_ai_interview_answer WHERE NOT is_practice")
    pairs = [line.split("|") for line in rows.splitlines() if line]
    lost = queued - sum(1 for state, _n in pairs if state == "scored")
    doubled = sum(1 for _state, n in pairs if int(n or 0) > 1)
    return lost, doubled


def requeued_jobs(sql):
    """Scoring jobs run again after a kill (queue_job's dead-job requeue)."""
    return int(sql("SELECT count(*) FROM queue_job WHERE method_name = '_job_score_answer' AND retry > 1") or 0)
