# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The WeChat access token shared by all workers: concurrent refreshes make one fetch, everyone gets it."""
import threading
import time

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestWechatTokenStore(TransactionCase):

    def _clear(self):
        with self.env.registry.cursor() as cr:  # the store commits in its own cursors
            cr.execute("DELETE FROM hr_ai_wechat_token WHERE key LIKE 'test|%%'")

    def setUp(self):
        super().setUp()
        self._clear()
        self.addCleanup(self._clear)

    def test_concurrent_refreshes_fetch_once_and_share_the_token(self):
        store = self.env["hr.ai.wechat.token"]._ai_store()
        fetches, results, errors = [], [], []
        start = threading.Barrier(4)

        def fetch():
            fetches.append(1)
            time.sleep(0.3)  # a slow token endpoint: the others arrive while this fetch is running
            return "tok-%d" % len(fetches), 7200

        def worker():
            start.wait()
            try:
                results.append(store.get_or_fetch("test|oa", fetch))
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        self.assertEqual(errors, [])
        self.assertEqual((len(fetches), results), (1, ["tok-1"] * 4))
        store.invalidate("test|oa", "tok-old")  # someone else's stale token: ours stays
        self.assertEqual(store.get("test|oa"), "tok-1")
        store.invalidate("test|oa", "tok-1")
        self.assertIsNone(store.get("test|oa"))
