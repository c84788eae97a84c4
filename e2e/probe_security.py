# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Black-box security probes against a running server, as an attacker on the network would try them.

HTTP (and XML-RPC) to a loopback server only, a bounded number of requests per probe, one line per probe and
a closing `N passed, N failed` (exit 1 when a probe failed). Run by the e2e part of `make test`
(tools/e2e_server.py) after the browser tests, or by hand:

    python3 e2e/probe_security.py --url http://127.0.0.1:8069 --db DB [--log odoo.log]

It creates its own interviews (demo data: a job with an AI interview) through XML-RPC as admin/admin."""
import argparse
import re
import sys
import threading
import time
import xmlrpc.client
from urllib.parse import urlparse

import requests

TIMEOUT = 30
CANDIDATE = "Probe Candidate"
HEADERS = {"Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


class Probes:
    def __init__(self, url, db, log=None):
        host = urlparse(url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit(f"refusing to probe a non-loopback server: {host}")
        self.url, self.db, self.log = url.rstrip("/"), db, log
        self.results, self.tokens = [], []
        common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common")
        self.uid = common.authenticate(db, "admin", "admin", {})
        if not self.uid:
            raise SystemExit("admin/admin cannot log in")
        self.models = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/object", allow_none=True)

    # ---------------------------------------------------------------- helpers
    def rpc(self, model, method, *args, uid=None, password="admin", **kw):
        return self.models.execute_kw(self.db, uid or self.uid, password, model, method, list(args), kw)

    def interview(self, name):
        job = self.rpc("hr.job", "search_read", [("ai_interview_enabled", "=", True)], fields=["id"], limit=1)
        assert job, "no job with an AI interview (demo data)"
        stamp = time.time_ns()
        cand = self.rpc("hr.candidate", "create", {"partner_name": name, "email_from": f"probe{stamp}@example.com"})
        app = self.rpc("hr.applicant", "create", {"candidate_id": cand, "job_id": job[0]["id"]})
        iid = self.rpc("hr.ai.interview", "create", {"applicant_id": app, "language": "en_US"})
        self.rpc("hr.ai.interview", "action_send_invitation", [iid])
        token = self.rpc("hr.ai.interview", "read", [iid], ["access_token"])[0]["access_token"]
        self.tokens.append(token)
        return iid, token, job[0]["id"]

    def user(self, login, group_xmlid):
        _model, gid = self.rpc("ir.model.data", "check_object_reference", *group_xmlid.split("."))
        found = self.rpc("res.users", "search", [("login", "=", login)])
        uid = found[0] if found else self.rpc("res.users", "create", {
            "name": login, "login": login, "password": login, "groups_id": [(6, 0, [gid])]})
        return uid

    def page(self, session, iid, suffix="", **kw):
        return session.get(f"{self.url}/ai-interview/{iid}{suffix}", timeout=TIMEOUT, **kw)

    @staticmethod
    def csrf(text):
        found = re.search(r'name="csrf_token" value="([^"]+)"', text) or re.search(r'csrf_token: "([^"]+)"', text)
        return found.group(1) if found else ""

    def api(self, iid, token, path, payload=None, method="POST", session=None):
        s = session or requests
        return s.request(method, f"{self.url}/ai-interview/{iid}/api{path}", timeout=TIMEOUT,
                         headers={"X-Access-Token": token}, json=payload)

    def candidate_session(self, iid, token):
        """A browser session that opened the link and gave consent (identity set by HR as 'manual')."""
        s = requests.Session()
        resp = s.get(f"{self.url}/ai-interview/{iid}/consent?access_token={token}", timeout=TIMEOUT)
        s.post(f"{self.url}/ai-interview/{iid}/consent", timeout=TIMEOUT,
               data={"csrf_token": self.csrf(resp.text), "decision": "accept"})
        return s

    def ready(self, iid, token):
        s = self.candidate_session(iid, token)
        self.rpc("hr.ai.interview", "write", [iid], {"identity_verified": True, "identity_method": "manual"})
        self.api(iid, token, "/device", {"camera": True, "microphone": True})
        return s

    def probe(self, name, fn):
        try:
            ok, detail = fn()
        except Exception as exc:  # noqa: BLE001 - a crashing probe is a failed probe, with its reason
            ok, detail = False, f"{type(exc).__name__}: {exc}"[:300]
        self.results.append(ok)
        print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}", flush=True)

    # ---------------------------------------------------------------- probes
    def p_identity_bruteforce(self):
        iid, token, _job = self.interview(CANDIDATE)
        s = self.candidate_session(iid, token)
        page = self.page(s, iid, "/identity")
        codes = []
        for i in range(30):  # blind guesses without requesting a code (the old hole: never counted)
            r = s.post(f"{self.url}/ai-interview/{iid}/identity", timeout=TIMEOUT, data={
                "csrf_token": self.csrf(page.text), "action": "verify", "name": CANDIDATE, "code": "%06d" % i})
            codes.append(r.status_code)
        locked = self.rpc("hr.ai.interview", "read", [iid], ["identity_locked", "identity_verified"])[0]
        ok = locked["identity_locked"] and not locked["identity_verified"] and set(codes) == {200}
        return ok, (f"30 wrong codes without a code request -> statuses {sorted(set(codes))}, "
                    f"locked={locked['identity_locked']}")

    def p_clean_redirect(self):
        iid, token, _job = self.interview(CANDIDATE)
        r = requests.get(f"{self.url}/ai-interview/{iid}?access_token={token}", timeout=TIMEOUT,
                         allow_redirects=False)
        location = r.headers.get("Location", "")
        return r.status_code == 303 and token not in location and "access_token" not in location, \
            f"GET link -> {r.status_code} Location {location!r}"

    def p_headers(self):
        iid, token, _job = self.interview(CANDIDATE)
        s = requests.Session()
        checked = {"link": s.get(f"{self.url}/ai-interview/{iid}?access_token={token}", timeout=TIMEOUT,
                                 allow_redirects=False),
                   "page": self.page(s, iid), "404": self.page(requests, iid + 100000),
                   "api": self.api(iid, token, "/status", method="GET")}
        bad = []
        for what, r in checked.items():
            h = r.headers
            if any(h.get(k) != v for k, v in HEADERS.items()) or "no-store" not in h.get("Cache-Control", "") \
                    or "frame-ancestors 'none'" not in h.get("Content-Security-Policy", ""):
                bad.append(what)
        return not bad, f"{len(checked)} responses checked, missing headers on: {bad or 'none'}"

    def p_interviewer_without_token(self):
        iid, _token, job = self.interview(CANDIDATE)
        uid = self.user("probe_interviewer", "hr_recruitment.group_hr_recruitment_interviewer")
        self.rpc("hr.job", "write", [job], {"interviewer_ids": [(4, uid)]})
        readable = self.rpc("hr.ai.interview", "search_count", [("id", "=", iid)], uid=uid,
                            password="probe_interviewer")
        s = requests.Session()
        login = s.get(f"{self.url}/web/login", timeout=TIMEOUT)
        s.post(f"{self.url}/web/login", timeout=TIMEOUT, data={
            "login": "probe_interviewer", "password": "probe_interviewer", "csrf_token": self.csrf(login.text)})
        statuses = [self.page(s, iid, suffix, allow_redirects=False).status_code
                    for suffix in ("", "/consent", "/identity", "/question")]
        return readable == 1 and set(statuses) == {404}, \
            f"interviewer reads it over RPC ({readable}); candidate pages without token -> {statuses}"

    def p_private_rpc(self):
        iid, _token, _job = self.interview(CANDIDATE)
        uid = self.user("probe_officer", "hr_recruitment.group_hr_recruitment_user")
        refused = []
        for method, args in (("_portal_give_consent", ["1.2.3.4"]), ("_portal_send_identity_code", []),
                             ("_portal_verify_identity", [CANDIDATE, "000000"]),
                             ("action_verify_identity", [CANDIDATE, "0000"])):
            try:
                self.rpc("hr.ai.interview", method, [iid], *args, uid=uid, password="probe_officer")
            except xmlrpc.client.Fault:
                refused.append(method)
        try:
            self.rpc("hr.ai.interview", "read", [iid], ["access_token"], uid=uid, password="probe_officer")
            token_read = True
        except xmlrpc.client.Fault:
            token_read = False
        fields_ = self.rpc("hr.ai.interview", "fields_get", [], uid=uid, password="probe_officer",
                           attributes=["type"])
        ok = len(refused) == 4 and not token_read and "access_token" not in fields_
        return ok, f"officer RPC: {len(refused)}/4 candidate methods refused, access_token readable={token_read}"

    def p_chatter_refuses_token(self):
        iid, token, _job = self.interview(CANDIDATE)
        before = self.rpc("mail.message", "search_count", [("model", "=", "hr.ai.interview"), ("res_id", "=", iid)])
        r1 = requests.post(f"{self.url}/mail/message/post", timeout=TIMEOUT, json={"params": {
            "thread_model": "hr.ai.interview", "thread_id": iid, "token": token,
            "post_data": {"body": "probe", "message_type": "comment"}}})
        s = requests.Session()
        page = s.get(f"{self.url}/ai-interview/{iid}?access_token={token}", timeout=TIMEOUT)
        r2 = s.post(f"{self.url}/mail/attachment/upload", timeout=TIMEOUT, files={"ufile": ("p.bin", b"p" * 65536)},
                    data={"thread_id": iid, "thread_model": "hr.ai.interview", "token": token,
                          "csrf_token": self.csrf(page.text)})
        after = self.rpc("mail.message", "search_count", [("model", "=", "hr.ai.interview"), ("res_id", "=", iid)])
        atts = self.rpc("ir.attachment", "search_count", [("res_model", "=", "hr.ai.interview"),
                                                          ("res_id", "=", iid), ("name", "=", "p.bin")])
        posted = "error" not in r1.json()
        ok = not posted and r2.status_code in (403, 404) and after == before and atts == 0
        return ok, (f"/mail/message/post -> {'posted' if posted else 'refused'}, /mail/attachment/upload -> "
                    f"{r2.status_code}, messages {before}->{after}, attachments {atts}")

    def p_api_header_only(self):
        iid, token, _job = self.interview(CANDIDATE)
        query = requests.get(f"{self.url}/ai-interview/{iid}/api/status?access_token={token}", timeout=TIMEOUT)
        header = self.api(iid, token, "/status", method="GET")
        return query.status_code == 404 and header.status_code == 200, \
            f"token in query -> {query.status_code}, in X-Access-Token -> {header.status_code}"

    def p_bad_ids(self):
        iid, token, _job = self.interview(CANDIDATE)
        self.ready(iid, token)
        statuses = []
        for bad in ("abc", [1], {}, None, 1.5):
            for path, key in (("/answer", "line_id"), ("/text", "answer_id"), ("/draft", "answer_id"),
                              ("/upload/init", "answer_id"), ("/practice/feedback", "answer_id")):
                statuses.append(self.api(iid, token, path, {key: bad, "text": "x"}).status_code)
        return set(statuses) == {400}, f"{len(statuses)} malformed ids -> statuses {sorted(set(statuses))}"

    def p_concurrent_conflicts(self):
        """Conflicting writes on one interview at once (Odoo retries the losers): all must succeed."""
        iid, token, _job = self.interview(CANDIDATE)
        self.ready(iid, token)
        lines = self.rpc("hr.ai.interview.question", "search_read", [("interview_id", "=", iid),
                                                                    ("is_practice", "=", False)],
                         fields=["id"], order="sequence, id")
        answers = [self.api(iid, token, "/answer", {"line_id": line["id"], "mode": "text"}).json()["answer_id"]
                   for line in lines[:2]]
        statuses, lock = [], threading.Lock()

        def call(i):
            path = "/draft" if i % 2 else "/device"
            payload = {"answer_id": answers[i % len(answers)], "text": f"draft {i}"} if i % 2 else \
                {"camera": True, "microphone": True, "upload_kbps": i}
            r = self.api(iid, token, path, payload)
            with lock:
                statuses.append(r.status_code)

        threads = [threading.Thread(target=call, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        return statuses.count(200) == 8, f"8 concurrent draft/device writes -> {sorted(statuses)}"

    def p_practice_off_request_path(self):
        iid, token, _job = self.interview(CANDIDATE)
        self.ready(iid, token)
        practice = self.rpc("hr.ai.interview.question", "search_read", [("interview_id", "=", iid),
                                                                       ("is_practice", "=", True)], fields=["id"])
        if not practice:
            return True, "the demo job has no practice question (skipped)"
        answer = self.api(iid, token, "/answer", {"line_id": practice[0]["id"], "mode": "text"}).json()["answer_id"]
        self.api(iid, token, "/text", {"answer_id": answer, "text": "大家好，我做过三年产品经理。"})
        t0 = time.monotonic()
        r = self.api(iid, token, "/practice/feedback", {"answer_id": answer})
        took = time.monotonic() - t0
        state = queued = r.json().get("state")
        end = time.monotonic() + 300
        while state == "queued" and time.monotonic() < end:  # poll the status API as the page does
            time.sleep(1)
            status = self.api(iid, token, "/status", method="GET").json()
            state = next(a["practice_feedback"]["state"] for a in status["answers"] if a["id"] == answer)
        # off the request path: the POST answers "queued" (202) before any feedback exists, whatever its duration
        # on a loaded machine; the job then delivers it
        return r.status_code == 202 and queued == "queued" and state == "done", \
            f"POST feedback -> {r.status_code} {queued!r} in {took:.2f} s; job result polled: {state}"

    def p_report_needs_its_own_token(self):
        iid, token, _job = self.interview(CANDIDATE)
        r = requests.get(f"{self.url}/ai-interview/{iid}/report.pdf?access_token={token}", timeout=TIMEOUT)
        return r.status_code == 404, f"report.pdf with the interview token -> {r.status_code}"

    def p_closed_refuses_writes_and_rotation(self):
        iid, token, _job = self.interview(CANDIDATE)
        self.ready(iid, token)
        self.rpc("hr.ai.interview", "action_cancel", [iid])
        write = self.api(iid, token, "/device", {"camera": True})
        self.rpc("hr.ai.interview", "action_send_invitation", [iid])
        old_link = requests.get(f"{self.url}/ai-interview/{iid}?access_token={token}", timeout=TIMEOUT)
        return write.status_code == 409 and old_link.status_code == 404, \
            f"write after cancel -> {write.status_code}; old link after re-invitation -> {old_link.status_code}"

    def p_erasure(self):
        iid, token, _job = self.interview(CANDIDATE)
        self.ready(iid, token)
        self.rpc("hr.ai.interview", "message_post", [iid], body="probe note about the candidate")
        self.rpc("hr.ai.interview", "action_erase_candidate_data", [iid], reason="probe")
        rec = self.rpc("hr.ai.interview", "read", [iid], ["erased_at", "consent_ip", "name"])[0]
        notes = self.rpc("mail.message", "search_count", [("model", "=", "hr.ai.interview"), ("res_id", "=", iid),
                                                         ("body", "ilike", "probe note")])
        ok = bool(rec["erased_at"]) and not rec["consent_ip"] and CANDIDATE not in rec["name"] and notes == 0
        return ok, (f"erase -> erased_at={bool(rec['erased_at'])}, consent IP kept={bool(rec['consent_ip'])}, "
                    f"notes {notes}")

    def p_log_has_no_token(self):
        if not self.log:
            return True, "no server log given (skipped)"
        with open(self.log, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        leaked = sum(text.count(t) for t in self.tokens)
        return leaked == 0 and "access_token=***" in text, \
            f"{len(self.tokens)} tokens of this run, {leaked} occurrences in the server log"

    def run(self):
        names = sorted((n for n in dir(self) if n.startswith("p_")), key=lambda n: (n == "p_log_has_no_token", n))
        for name in names:  # the log check last: it looks for every token the other probes used
            self.probe(name[2:], getattr(self, name))
        passed = sum(self.results)
        print(f"{passed} passed, {len(self.results) - passed} failed", flush=True)
        return 0 if passed == len(self.results) else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--log", help="the server's log file: checked for tokens in clear")
    args = ap.parse_args()
    return Probes(args.url, args.db, args.log).run()


if __name__ == "__main__":
    sys.exit(main())
