"""`make test`: pure tests (no Odoo), then the addon's Odoo tests in a throwaway database, then an
install-without-demo / upgrade / uninstall lifecycle check. Prints a per-part summary and a closing
'N passed, N failed' line; exits non-zero on any failure. Without Odoo: loud banner, pure tests only, exit 0."""
import argparse
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ADDON, LANGS, LOCAL, REPO, WEBSITE_MODULES, Part, banner, count_junit, ensure_python_deps, ensure_system_deps, free_port, odoo_cmd, \
    odoo_version, say, write_odoo_conf  # noqa: E402
from pgcluster import Cluster  # noqa: E402

RESULT_RE = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")


def run_pure(args):
    part = Part("pure (pytest, no Odoo)")
    xml = os.path.join(LOCAL, "pure-junit.xml")
    os.makedirs(LOCAL, exist_ok=True)
    t0 = time.time()
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={xml}",
           os.path.join(REPO, "tests"), *args.pytest_args]
    rc = subprocess.call(cmd, cwd=REPO)
    part.seconds = time.time() - t0
    count_junit(xml, part)
    if rc not in (0, 5) and part.failed == 0:  # collection error or crash: count it as a failure
        part.failed, part.note = 1, f"pytest exited {rc}"
    return part


def _odoo(conf, log, *args, timeout=3600):
    with open(log, "w") as fh:
        proc = subprocess.run(odoo_cmd(conf, "--log-level=test", *args), cwd=REPO, stdout=fh,
                              stderr=subprocess.STDOUT, timeout=timeout)
    return proc.returncode, open(log).read()


def run_odoo(pg, args, website=False):
    """The addon's Odoo tests in a throwaway database with zh_CN loaded; `website` adds a careers site
    (website_hr_recruitment), whose language routing the candidate pages must survive."""
    kind = "website" if website else "test"
    part = Part(f"odoo (--test-enable, throwaway database{' with ' + WEBSITE_MODULES if website else ''})")
    db = f"hrai_{kind}_{os.getpid()}"
    # per-run names: several runs may share one checkout (.local/odoo-test.log links to the latest)
    conf = write_odoo_conf(os.path.join(LOCAL, f"odoo-{kind}-{os.getpid()}.conf"), pg, free_port())
    log = os.path.join(LOCAL, f"odoo-{kind}-{os.getpid()}.log")
    latest = os.path.join(LOCAL, f"odoo-{kind}.log")
    if os.path.islink(latest) or os.path.exists(latest):
        os.remove(latest)
    os.symlink(os.path.basename(log), latest)
    tags = args.test_tags or f"/{ADDON}"
    say(f"installing {ADDON} into throwaway database {db} and running its tests (tags {tags}); log: {log}")
    t0 = time.time()
    try:
        modules = f"{ADDON},{WEBSITE_MODULES}" if website else ADDON
        rc, out = _odoo(conf, log, "-d", db, "-i", modules, f"--load-language={LANGS}", "--test-enable",
                        "--test-tags", tags, "--stop-after-init", "--max-cron-threads=0")
    finally:
        if not args.keep_db:
            pg.drop_db(db)
    part.seconds = time.time() - t0
    results = RESULT_RE.findall(out)
    ran = sum(int(m.group(1)) for m in re.finditer(r"Ran (\d+) tests? in", out))
    failed = sum(int(f) + int(e) for f, e, _ in results)
    total = max(ran, sum(int(t) for _, _, t in results))
    part.failed, part.passed = failed, total - failed
    for line in out.splitlines():  # show what failed, so CI output is readable without the log
        if re.search(r"(^|\s)(FAIL|ERROR|CRITICAL):? ", line) or " ERROR " in line:
            print("  " + line[:400])
    if rc != 0 and part.failed == 0:
        part.failed, part.note = 1, f"odoo exited {rc} (install error? see {log})"
    if total == 0 and rc == 0:
        part.failed, part.note = 1, "no Odoo test ran"
    return part


def run_lifecycle(pg):
    """Install without demo data, upgrade, uninstall: each step must exit 0 with no ERROR in the log."""
    part = Part("lifecycle (install w/o demo, -u, uninstall)")
    db = f"hrai_life_{os.getpid()}"
    conf = write_odoo_conf(os.path.join(LOCAL, f"odoo-life-{os.getpid()}.conf"), pg, free_port())
    t0 = time.time()
    steps = [("install", ["-i", ADDON, "--without-demo=all", f"--load-language={LANGS}"]),
             ("upgrade", ["-u", ADDON])]
    try:
        for name, extra in steps:
            log = os.path.join(LOCAL, f"odoo-life-{name}-{os.getpid()}.log")
            rc, out = _odoo(conf, log, "-d", db, *extra, "--stop-after-init", "--max-cron-threads=0")
            bad = [ln for ln in out.splitlines() if " ERROR " in ln or " CRITICAL " in ln]
            if rc or bad:
                part.failed += 1
                print(f"  lifecycle {name} failed (rc={rc}): " + " | ".join(bad[:3]))
            else:
                part.passed += 1
        script = ("m = env['ir.module.module'].search([('name', '=', '%s')]); m.button_immediate_uninstall(); "
                  "env.cr.commit(); print('STATE=' + m.state)" % ADDON)
        proc = subprocess.run(odoo_cmd(conf, "-d", db, "--no-http", sub="shell"), input=script, text=True,
                              capture_output=True, cwd=REPO, timeout=900)
        if "STATE=uninstalled" in proc.stdout:
            part.passed += 1
        else:
            part.failed += 1
            print("  lifecycle uninstall failed:", (proc.stdout + proc.stderr)[-1500:])
    finally:
        pg.drop_db(db)
    part.seconds = time.time() - t0
    return part


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--test-tags", help="Odoo --test-tags (default /hr_ai_interview)")
    ap.add_argument("--skip-pure", action="store_true")
    ap.add_argument("--skip-odoo", action="store_true")
    ap.add_argument("--skip-website", action="store_true", help="skip the Odoo tests with a careers site")
    ap.add_argument("--skip-lifecycle", action="store_true")
    ap.add_argument("--skip-e2e", action="store_true")
    ap.add_argument("--keep-db", action="store_true")
    ap.add_argument("pytest_args", nargs="*")
    args = ap.parse_args()
    version = odoo_version()
    ensure_python_deps()
    ensure_system_deps()
    parts = []
    if not args.skip_pure:
        parts.append(run_pure(args))
    if not version:
        banner(["ODOO IS NOT IMPORTABLE: the addon's Odoo tests did NOT run.",
                "Only the pure tests (no Odoo) ran. To run everything, install Odoo 18.0 from its source",
                "(pip install -r <odoo>/requirements.txt; pip install -e <odoo> "
                "--config-settings editable_mode=compat)",
                "and run `make test` again."])
    elif not version.startswith("18."):
        banner([f"Odoo {version} found, but this addon targets 18.0: Odoo tests skipped."])
    else:
        pg = Cluster().start()
        if not args.skip_odoo:
            parts.append(run_odoo(pg, args))
            if not args.skip_website:
                parts.append(run_odoo(pg, args, website=True))
        if not args.skip_lifecycle and not args.test_tags:
            parts.append(run_lifecycle(pg))
        if not args.skip_e2e and not args.test_tags:
            from e2e_server import run_e2e
            parts.append(run_e2e(pg, Part("e2e (real server + queue_job runner + chromium)")))
    print("\n== test summary ==")
    for p in parts:
        extra = f", {p.skipped} skipped" if p.skipped else ""
        note = f"  [{p.note}]" if p.note else ""
        print(f"  {p.name}: {p.passed} passed, {p.failed} failed{extra} in {p.seconds:.0f}s{note}")
    passed, failed = sum(p.passed for p in parts), sum(p.failed for p in parts)
    print(f"\nsummary: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
