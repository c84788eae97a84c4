# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.http import request

# The candidate pages and their API (controllers/portal.py, api.py, rights.py, wechat.py)
CANDIDATE_PREFIX = "/ai-interview/"


def _candidate_request():
    """A candidate page or API call on a database without a website (a website keeps its own routing)."""
    return request and "website" not in request.env.registry and request.httprequest.path.startswith(
        CANDIDATE_PREFIX)


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _auth_method_public(cls):
        """Runs twice per frontend request (the routing's language lookup, then the route's auth), each time
        checking with a query that the public user still exists (env.ref). Its id from the xmlid is cached per
        worker (_get_public_users), and deleting the user deletes its xmlid and clears that cache, so the
        candidate pages take the cached id (2 queries of a page's 7)."""
        if request.env.uid is None and _candidate_request():
            request.update_env(user=cls._get_public_users()[0])
            return
        super()._auth_method_public()

    @classmethod
    def _get_default_lang(cls):
        """Without a website, the frontend routing looks the default language up in ir.default on every request
        (two queries, not cached). The candidate pages choose their language themselves after it
        (controllers/common.candidate_lang: ?lang=, their cookie, the interview's language), so for them any
        installed language does: the first one, from the cached list. A website's default language is cached
        and also shapes its menus' URLs: kept."""
        if _candidate_request():
            return next(iter(request.env["res.lang"]._get_active_by("code").values()))
        return super()._get_default_lang()
