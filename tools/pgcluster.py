"""A private PostgreSQL cluster for this checkout: data under .local/pg, unix socket only, trust auth.

initdb refuses to run as root, so when invoked as root the cluster belongs to a dedicated system user."""
import glob
import hashlib
import os
import pwd
import shutil
import subprocess
import time

from common import LOCAL, say

OS_USER = os.environ.get("HRAI_PG_OS_USER", "hrai")
ROLE = "hrai"  # bootstrap superuser role; Odoo refuses to connect as 'postgres'


def _bindir():
    # Debian keeps the full server toolset per major version; PATH may only hold wrappers or symlinks
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(d.split("/")[-2]))
    if dirs:
        return dirs[-1]
    found = shutil.which("pg_ctl")
    if not found:
        raise SystemExit("error: PostgreSQL server binaries not found (install Debian 'postgresql')")
    return os.path.dirname(os.path.realpath(found))


def _reachable_by_others(path):
    """True when every parent of path is traversable by other users (the cluster's OS user must reach it)."""
    path = os.path.abspath(path)
    while True:
        parent = os.path.dirname(path)
        if parent == path:
            return True
        if os.path.exists(parent) and not os.stat(parent).st_mode & 0o001:
            return False
        path = parent


def _default_base():
    base = os.path.join(LOCAL, "pg")
    if os.geteuid() == 0 and not _reachable_by_others(base):
        # e.g. a clone inside a 0700 temp dir: keep the cluster beside it in /var/tmp instead
        digest = hashlib.sha1(LOCAL.encode()).hexdigest()[:10]
        base = os.path.join("/var/tmp", f"hr_ai_interview-pg-{digest}")
    return base


class Cluster:
    def __init__(self, base=None, port=None):
        self.base = base or _default_base()
        self.data = os.path.join(self.base, "data")
        self.sockdir = os.path.join(self.base, "sock")
        if len(self.sockdir) > 80:  # unix socket paths are limited to ~107 bytes
            self.sockdir = f"/tmp/hrai-pg-{hashlib.sha1(self.base.encode()).hexdigest()[:10]}"
        self.logfile = os.path.join(self.base, "postgres.log")
        self.port = int(port or os.environ.get("HRAI_PG_PORT", 54329))
        self.role = ROLE
        self.bindir = _bindir()
        self.as_root = os.geteuid() == 0

    # -- helpers -------------------------------------------------------------------------------------
    def _run(self, args, check=True, capture=False):
        cmd = [os.path.join(self.bindir, args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", OS_USER, "--", *cmd]
        return subprocess.run(cmd, check=check, text=True,
                              stdout=subprocess.PIPE if capture else None,
                              stderr=subprocess.STDOUT if capture else None)

    def _ensure_os_user(self):
        try:
            pwd.getpwnam(OS_USER)
        except KeyError:
            say(f"creating system user '{OS_USER}' to own the private PostgreSQL cluster (initdb refuses root)")
            subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OS_USER],
                           check=True)
        os.makedirs(self.base, exist_ok=True)
        user = pwd.getpwnam(OS_USER)
        for path in (self.base,):
            os.chown(path, user.pw_uid, user.pw_gid)
        # the cluster user must be able to reach .local/pg through every parent directory
        probe = subprocess.run(["runuser", "-u", OS_USER, "--", "test", "-w", self.base])
        if probe.returncode != 0:
            raise SystemExit(f"error: user '{OS_USER}' cannot write {self.base}: make its parent directories "
                             f"traversable (chmod o+x) or set HRAI_LOCAL_DIR to a directory it can reach")

    # -- lifecycle -----------------------------------------------------------------------------------
    def init(self):
        if self.as_root:
            self._ensure_os_user()
        os.makedirs(self.base, exist_ok=True)
        if os.path.exists(os.path.join(self.data, "PG_VERSION")):
            return
        say(f"initialising PostgreSQL cluster in {self.data}")
        self._run(["initdb", "-D", self.data, "-U", ROLE, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                  capture=True)

    def running(self):
        return self._run(["pg_ctl", "-D", self.data, "status"], check=False, capture=True).returncode == 0

    def start(self):
        self.init()
        if self.running():
            return self
        if self.as_root:
            os.makedirs(self.sockdir, exist_ok=True)
            user = pwd.getpwnam(OS_USER)
            os.chown(self.sockdir, user.pw_uid, user.pw_gid)
        else:
            os.makedirs(self.sockdir, exist_ok=True)
        opts = (f"-k {self.sockdir} -p {self.port} -c listen_addresses='' -c fsync=off "
                f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        res = self._run(["pg_ctl", "-D", self.data, "-l", self.logfile, "-o", opts, "-w", "-t", "60", "start"],
                        check=False, capture=True)
        if res.returncode != 0:
            tail = open(self.logfile).read()[-2000:] if os.path.exists(self.logfile) else ""
            raise SystemExit(f"error: PostgreSQL did not start:\n{res.stdout}\n{tail}")
        say(f"PostgreSQL running (socket {self.sockdir}, port {self.port})")
        return self

    def stop(self):
        if os.path.exists(self.data) and self.running():
            self._run(["pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"], check=False, capture=True)
            say("PostgreSQL stopped")

    def psql(self, sql, db="postgres"):
        res = self._run(["psql", "-h", self.sockdir, "-p", str(self.port), "-U", ROLE, "-d", db,
                         "-tAc", sql], check=False, capture=True)
        return res.stdout.strip()

    def db_exists(self, name):
        return self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"

    def module_installed(self, db, module):
        return self.psql(f"SELECT state FROM ir_module_module WHERE name = '{module}'", db=db) == "installed"

    def lang_active(self, db, code):
        return self.psql(f"SELECT active FROM res_lang WHERE code = '{code}'", db=db) == "t"

    def drop_db(self, name):
        self._run(["dropdb", "-h", self.sockdir, "-p", str(self.port), "-U", ROLE, "--if-exists", "--force", name],
                  check=False, capture=True)

    def wait_ready(self, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            if self.psql("SELECT 1") == "1":
                return True
            time.sleep(0.5)
        return False
