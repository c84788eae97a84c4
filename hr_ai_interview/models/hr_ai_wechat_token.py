# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""WeChat / WeCom access tokens shared by every Odoo worker and server of a database.

An Official Account has one valid token at a time: a worker that fetched its own would invalidate everyone
else's, and the token endpoints are rate-limited per day. The token lives in this table, read and refreshed in
a short transaction of its own (committed at once, whatever the calling job does next), and a refresh holds a
PostgreSQL advisory lock on the account's key, so concurrent workers wait for one fetch instead of each making
their own."""
import time

import psycopg2

from odoo import api, fields, models

from ..wechat.client import EXPIRY_MARGIN
from ..wechat.errors import TokenStoreError


class HrAiWechatToken(models.Model):
    _name = "hr.ai.wechat.token"
    _description = "WeChat Access Token (shared by all workers)"
    _log_access = False

    key = fields.Char(required=True, index=True, help="API base URL, account id and a hash of the secret.")
    token = fields.Char(required=True, groups="base.group_system")
    expires_at = fields.Float(help="Unix time after which the token is fetched again.")

    _sql_constraints = [("key_unique", "UNIQUE(key)", "One token per account.")]

    @api.model
    def _ai_store(self):
        return DbTokenStore(self.env.registry)


class DbTokenStore:
    """The TokenStore interface of wechat/client.py over hr_ai_wechat_token, each call in its own cursor."""

    def __init__(self, registry, clock=time.time):
        self.registry, self.clock = registry, clock

    def _valid(self, cr, key):
        cr.execute("SELECT token, expires_at FROM hr_ai_wechat_token WHERE key = %s", [key])
        row = cr.fetchone()
        return row[0] if row and (not row[1] or row[1] > self.clock()) else None

    def get(self, key, default=None):
        with self.registry.cursor() as cr:
            return self._valid(cr, key) or default

    def set(self, key, value, ttl=None):
        with self.registry.cursor() as cr:
            self._upsert(cr, key, value, ttl)

    def _upsert(self, cr, key, value, ttl):
        expires = self.clock() + ttl - EXPIRY_MARGIN if ttl else 0
        cr.execute("INSERT INTO hr_ai_wechat_token (key, token, expires_at) VALUES (%s, %s, %s) "
                   "ON CONFLICT (key) DO UPDATE SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at",
                   [key, value, expires])

    def delete(self, key):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM hr_ai_wechat_token WHERE key = %s", [key])

    def get_or_fetch(self, key, fetch):
        token = self.get(key)
        if token:
            return token
        lock = ["hr_ai_wechat_token:" + key]
        try:
            with self.registry.cursor() as cr:
                # one fetch per account at a time, across processes and servers. A session lock, so that the
                # re-read below runs in a new transaction: its snapshot sees a token committed while we waited
                # (inside the waiting transaction it would not, and the upsert would fail to serialize).
                cr.execute("SELECT pg_advisory_lock(hashtext(%s))", lock)
                try:
                    cr.commit()
                    token = self._valid(cr, key)
                    if not token:
                        token, ttl = fetch()
                        self._upsert(cr, key, token, ttl)
                        cr.commit()
                finally:
                    cr.rollback()
                    cr.execute("SELECT pg_advisory_unlock(hashtext(%s))", lock)
            return token
        except psycopg2.Error as exc:  # the database is busy or restarting: a later run tries again
            raise TokenStoreError("shared token store unavailable: %s" % type(exc).__name__) from None

    def invalidate(self, key, token):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM hr_ai_wechat_token WHERE key = %s AND token = %s", [key, token])
