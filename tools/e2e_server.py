"""E2E part of `make test`: a real Odoo server (demo data, queue_job runner) on loopback, driven by the browser
tests in e2e/ (Playwright + Debian chromium). The tests get the server through HRAI_E2E_* variables."""
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

from common import (ADDON, LANGS, LOCAL, REPO, count_junit, ensure_axe, free_port, odoo_cmd, say, which_chromium,
                    write_odoo_conf)


def wait_http(url, timeout=180, proc=None):
    end = time.time() + timeout
    while time.time() < end:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return True
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(1)
    return False


def stop_process(proc, timeout=30):
    """Stop an Odoo server as Ctrl-C does (running requests finish), killing it if it hangs."""
    if proc and proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()


class Server:
    """Install the addon with demo data into a fresh database, then serve it with the queue_job runner."""

    def __init__(self, pg, db, log_name=None):
        log_name = log_name or f"odoo-e2e-{os.getpid()}"
        self.pg, self.db = pg, db
        self.port = free_port()
        self.conf = write_odoo_conf(os.path.join(LOCAL, f"{log_name}.conf"), pg, self.port)
        self.log = os.path.join(LOCAL, f"{log_name}.log")
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def start(self):
        with open(self.log, "w") as fh:
            rc = subprocess.call(odoo_cmd(self.conf, "-d", self.db, "-i", ADDON, f"--load-language={LANGS}",
                                          "--stop-after-init",
                                          "--max-cron-threads=0", "--log-level=warn"),
                                 cwd=REPO, stdout=fh, stderr=subprocess.STDOUT)
        if rc:
            raise RuntimeError(f"installing {ADDON} with demo data failed (exit {rc}); see {self.log}")
        fh = open(self.log, "a")
        self.proc = subprocess.Popen(odoo_cmd(self.conf, "-d", self.db, "--db-filter", f"^{self.db}$",
                                              "--max-cron-threads=1", "--log-level=info"),
                                     cwd=REPO, stdout=fh, stderr=subprocess.STDOUT)
        if not wait_http(self.url + "/web/login", proc=self.proc):
            raise RuntimeError(f"Odoo did not answer on {self.url}; see {self.log}")
        return self

    def stop(self):
        stop_process(self.proc)
        self.pg.drop_db(self.db)


def run_probes(server, part):
    """The black-box security probes (e2e/probe_security.py) against the same live server; each probe
    counts as one test of the e2e part."""
    probe = os.path.join(REPO, "e2e", "probe_security.py")
    if not os.path.exists(probe):
        return
    say("security probes (HTTP to the loopback server)")
    out = subprocess.run([sys.executable, probe, "--url", server.url, "--db", server.db, "--log", server.log],
                         cwd=REPO, capture_output=True, text=True, timeout=900)
    sys.stdout.write(out.stdout + out.stderr)
    found = re.search(r"^(\d+) passed, (\d+) failed$", out.stdout, re.M)
    if not found:
        part.failed += 1
        part.note = (part.note + "; " if part.note else "") + f"security probes did not finish (exit {out.returncode})"
        return
    part.passed += int(found.group(1))
    part.failed += int(found.group(2))


def run_e2e(pg, part):
    tests = [f for f in os.listdir(os.path.join(REPO, "e2e")) if f.startswith("test_")] \
        if os.path.isdir(os.path.join(REPO, "e2e")) else []
    if not tests:
        part.note = "no e2e tests yet"
        return part
    if not which_chromium():
        part.failed, part.note = 1, "Debian chromium is not installed (apt-get install chromium)"
        return part
    axe = ensure_axe()
    if not axe:
        part.failed, part.note = 1, "axe-core could not be installed (npm ci in e2e/ failed or npm is missing)"
        return part
    artifacts = os.path.join(REPO, "artifacts", "e2e")
    os.makedirs(artifacts, exist_ok=True)
    server = Server(pg, f"hrai_e2e_{os.getpid()}")
    t0 = time.time()
    try:
        say(f"starting a real Odoo server for the browser tests at {server.url} (log {server.log})")
        server.start()
        env = dict(os.environ, HRAI_E2E_URL=server.url, HRAI_E2E_DB=server.db, HRAI_E2E_CONF=server.conf,
                   HRAI_E2E_ARTIFACTS=artifacts, HRAI_E2E_AXE=axe,
                   HRAI_E2E_SERVER_PID=str(server.proc.pid))
        xml = os.path.join(LOCAL, "e2e-junit.xml")
        rc = subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                              f"--junitxml={xml}", os.path.join(REPO, "e2e")], cwd=REPO, env=env)
        count_junit(xml, part)
        sys.path.insert(0, os.path.join(REPO, "bench"))
        from fault_bench import read_summary  # the summary's one home (e2e/test_faults.py runs the bench)

        faults, _counts = read_summary(since=t0)
        if faults:
            say(faults)
        if rc not in (0, 5) and part.failed == 0:
            part.failed, part.note = 1, f"pytest exited {rc}"
        run_probes(server, part)
    except RuntimeError as exc:
        part.failed, part.note = 1, str(exc)
    finally:
        server.stop()
        part.seconds = time.time() - t0
    say(f"e2e screenshots: {artifacts}")
    return part
