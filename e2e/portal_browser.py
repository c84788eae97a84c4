"""Browser helpers shared by the candidate-flow test (e2e/test_portal_flow.py) and the PostgreSQL-restart fault
of bench/fault_bench.py: Chromium flags, upload throttling, a log of every chunk PUT and waits on page states
(never fixed sleeps)."""
import base64
import json
import re
import time
import urllib.request

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                 "--autoplay-policy=no-user-gesture-required"]
# The backend tests need no fake camera
BACKEND_CHROMIUM_ARGS = CHROMIUM_ARGS[:8]


def admin_rpc(url, db, login="admin", password="admin"):
    """rpc(model, method, *args, **kw) as admin over JSON-RPC (XML-RPC cannot carry the nulls inside Json fields
    such as an answer's engine result)."""
    def call(service, method, *args):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                           "params": {"service": service, "method": method, "args": list(args)}}).encode()
        req = urllib.request.Request(f"{url}/jsonrpc", body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=300) as resp:
            answer = json.load(resp)
        if answer.get("error"):
            raise RuntimeError(answer["error"].get("data", {}).get("message") or answer["error"])
        return answer["result"]

    uid = call("common", "login", db, login, password)
    assert uid, f"{login} cannot log in"
    return lambda model, method, *args, **kw: call("object", "execute_kw", db, uid, password, model, method,
                                                   list(args), kw)


# Slow uploads down (DevTools emulation) so that a cut, a reload or a database restart lands mid-upload.
THROTTLED = {"offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": 64 * 1024}
UNTHROTTLED = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
OFFLINE = dict(UNTHROTTLED, offline=True)


class ChunkLog:
    """Every chunk PUT the page makes, with the server's answer and the bytes sent: proves that finished chunks
    are never sent again after a cut connection or a reload, and gives the file the browser really sent."""

    RE = re.compile(r"/api/upload/(\d+)/chunk/(\d+)")

    # DevTools does not report Blob request bodies: keep each chunk's Blob as the page hands it to fetch()
    KEEP_BODIES = """(() => {
        const re = /\\/api\\/upload\\/(\\d+)\\/chunk\\/(\\d+)/, fetch = window.fetch;
        window.__hraiSent = {};
        window.fetch = function (input, init) {
            const m = re.exec(typeof input === "string" ? input : input.url);
            if (m && init && init.body instanceof Blob) {
                window.__hraiSent[m[1] + ":" + m[2]] = init.body;
            }
            return fetch.apply(this, arguments);
        };
    })();"""
    SENT = """async (upload) => {
        const sent = window.__hraiSent || {};
        const indexes = Object.keys(sent).filter((k) => k.split(":")[0] === String(upload))
            .map((k) => Number(k.split(":")[1])).sort((a, b) => a - b);
        const bytes = new Uint8Array(await new Blob(indexes.map((i) => sent[upload + ":" + i])).arrayBuffer());
        let text = "";
        for (let i = 0; i < bytes.length; i += 0x8000) {
            text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        }
        return { indexes, data: btoa(text) };
    }"""

    def __init__(self, page, keep_bodies=False):
        self.page, self.events = page, []
        if keep_bodies:
            page.add_init_script(self.KEEP_BODIES)
        page.on("request", lambda r: self._add("request", r.url))
        page.on("response", lambda r: self._add("response", r.url, r.status))
        page.on("requestfailed", lambda r: self._add("failed", r.url))

    def _add(self, kind, url, status=None):
        m = self.RE.search(url)
        if m:
            self.events.append((kind, int(m.group(1)), int(m.group(2)), status))
        return m

    def ok(self, upload_id=None):
        return [(u, i) for k, u, i, s in self.events if k == "response" and s == 200
                and (upload_id is None or u == upload_id)]

    def errors(self, upload_id):
        """Chunk requests of this upload that did not get a 200 (connection failed or an error status)."""
        return [(k, i, s) for k, u, i, s in self.events if u == upload_id
                and (k == "failed" or (k == "response" and s != 200))]

    def sent_file(self, upload_id):
        """The bytes of the upload as the page sent them, chunk by chunk in order (needs keep_bodies and the
        page not reloaded since)."""
        sent = self.page.evaluate(self.SENT, upload_id)
        assert sent["indexes"] == list(range(len(sent["indexes"]))), f"chunks sent: {sent['indexes']}"
        return base64.b64decode(sent["data"])

    def assert_no_resend(self, upload_id):
        """Each chunk is accepted exactly once and never requested after it was accepted."""
        accepted = set()
        for kind, upload, index, status in self.events:
            if upload != upload_id:
                continue
            assert not (kind == "request" and index in accepted), f"chunk {index} re-sent after it was stored"
            if kind == "response" and status == 200:
                assert index not in accepted, f"chunk {index} stored twice"
                accepted.add(index)
        return accepted


def wait_events(page, predicate, message, timeout=60):
    """Wait for a network-event condition (events arrive while Playwright's loop runs)."""
    end = time.time() + timeout
    while not predicate():
        assert time.time() < end, message
        page.wait_for_timeout(50)


def wait_chunk(page, chunks, before, timeout=60):
    """Wait until one more chunk was stored by the server; returns its upload id."""
    wait_events(page, lambda: len(chunks.ok()) > before, "no chunk was stored", timeout)
    return chunks.ok()[before][0]


def failed_count(chunks, upload_id):
    return sum(1 for k, u, *_ in chunks.events if k == "failed" and u == upload_id)


def wait_recorded(page, limit, seconds):
    """Wait until the page's own countdown shows that `seconds` of the `limit` were recorded."""
    page.wait_for_function(
        """([limit, seconds]) => {
            const t = document.querySelector('.o_hrai_stop:not(.d-none)') && document.querySelector('.o_hrai_timer');
            const m = t && /^(\\d+):(\\d\\d)$/.exec(t.textContent.trim());
            return m && limit - (60 * Number(m[1]) + Number(m[2])) >= seconds;
        }""", arg=[limit, seconds], timeout=(limit + 30) * 1000)


def wait_status(page, values, timeout=60000):
    """Wait for the question page's upload status (data-upload-status) to reach one of `values`."""
    sel = ", ".join(f".o_hrai_question[data-upload-status='{v}']" for v in values)
    page.wait_for_selector(sel, timeout=timeout)
    return page.get_attribute(".o_hrai_question", "data-upload-status")
