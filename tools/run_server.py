"""`make run`: private PostgreSQL + Odoo 18 with hr_ai_interview and its demo data on 127.0.0.1.

A second run reuses the database, updating the addon first when its code, views, data or translations changed
since the database was set up (otherwise a pulled fix shows stale pages). Ctrl-C stops Odoo, then PostgreSQL."""
import argparse
import hashlib
import os
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ADDON, DEMO_LANGS, LOCAL, REPO, ensure_python_deps, ensure_system_deps, odoo_cmd, odoo_version, say, write_odoo_conf  # noqa
from pgcluster import Cluster  # noqa: E402

DB = os.environ.get("HRAI_DB", "hr_ai_interview_demo")
# what -u reloads; the .pot too: Odoo merges each .po into it when loading, and drops .po entries it lacks
_LOADED = (".py", ".xml", ".csv", ".po", ".pot", ".js", ".css", ".scss")


def addon_fingerprint():
    """Content hash of the addon files Odoo loads: mtimes change on a checkout without any change of content."""
    h = hashlib.sha256()
    root = os.path.join(REPO, ADDON)
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "tests"))
        for name in sorted(files):
            if name.endswith(_LOADED):
                path = os.path.join(folder, name)
                h.update(os.path.relpath(path, root).encode() + b"\0")
                with open(path, "rb") as f:
                    h.update(f.read())
    return h.hexdigest()


def _stamp_path():
    return os.path.join(LOCAL, "%s.addon-fingerprint" % DB)


def _read_stamp():
    try:
        with open(_stamp_path()) as f:
            return f.read().strip()
    except OSError:  # a database made before the stamp existed: update once
        return None


def _write_stamp(value):
    with open(_stamp_path(), "w") as f:
        f.write(value)


def demo_link(conf, db):
    """Ask the database for the demo interview's portal link (none until the interview model exists)."""
    # the demo's untouched invitation (张伟) first: the other demo candidates are scored or half-way through
    script = ("I = env['hr.ai.interview'] if 'hr.ai.interview' in env else None\n"
              "r = I is not None and (I.search([('state', '=', 'invited')], order='id', limit=1) "
              "or I.search([('state', '=', 'in_progress')], limit=1))\n"
              "print('LINK=' + (r.get_portal_url() if r else ''))")
    proc = subprocess.run(odoo_cmd(conf, "-d", db, "--no-http", sub="shell"), input=script, text=True,
                          capture_output=True, cwd=REPO, timeout=300)
    for line in proc.stdout.splitlines():
        if line.startswith("LINK=") and len(line) > 5:
            return line[5:]
    return None


def _set_up(pg, conf, what, fingerprint, *args):
    """One Odoo run that installs or updates the addon in DB; on success records the addon's fingerprint."""
    rc = subprocess.call(odoo_cmd(conf, "-d", DB, *args, f"--load-language={DEMO_LANGS}", "--stop-after-init",
                                  "--log-level=warn"), cwd=REPO)
    if rc:
        pg.stop()
        sys.exit(f"error: {what} {ADDON} failed (exit {rc}); see the log above")
    _write_stamp(fingerprint)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8069)))
    args = ap.parse_args()
    version = odoo_version()
    if not version or not version.startswith("18."):
        sys.exit("error: Odoo 18 is not importable by %s. Get Odoo 18.0's source, then "
                 "`pip install -r <src>/requirements.txt` and `pip install -e <src> "
                 "--config-settings editable_mode=compat`, and run `make run` again." % sys.executable)
    ensure_python_deps()
    ensure_system_deps(("fonts-wqy-microhei",))  # the PDFs HR and candidates download
    pg = Cluster().start()
    conf = write_odoo_conf(os.path.join(LOCAL, "odoo.conf"), pg, args.port)
    fingerprint = addon_fingerprint()
    if not pg.db_exists(DB) or not pg.module_installed(DB, ADDON):
        say(f"creating database {DB} with {ADDON} and demo data (about a minute)")
        _set_up(pg, conf, "installing", fingerprint, "-i", ADDON)
    elif _read_stamp() != fingerprint:
        # -u reloads views and data; --i18n-overwrite replaces the translations loaded before (a corrected
        # zh_CN term would otherwise keep its old text in the database)
        say(f"{ADDON} changed since {DB} was set up: updating it")
        _set_up(pg, conf, "updating", fingerprint, "-u", ADDON, "--i18n-overwrite")
    elif not all(pg.lang_active(DB, code) for code in DEMO_LANGS.split(",")):  # a database made before zh_CN
        say(f"loading the {DEMO_LANGS} translations into {DB}")
        subprocess.call(odoo_cmd(conf, "-d", DB, f"--load-language={DEMO_LANGS}", "--stop-after-init",
                                 "--log-level=warn"), cwd=REPO)
    url = f"http://127.0.0.1:{args.port}"
    link = demo_link(conf, DB)
    print("\n" + "=" * 70)
    print(f"  Odoo 18 + {ADDON} is starting at {url}")
    print(f"  Log in: {url}/web/login   user: admin   password: admin   (database {DB})")
    if link:
        print(f"  Demo candidate interview link: {url}{link}")
    print("  Ctrl-C stops Odoo and PostgreSQL.")
    print("=" * 70 + "\n", flush=True)
    proc = subprocess.Popen(odoo_cmd(conf, "-d", DB, "--db-filter", f"^{DB}$", "--log-level=info"), cwd=REPO)
    try:
        proc.wait()
    except KeyboardInterrupt:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    finally:
        pg.stop()


if __name__ == "__main__":
    main()
