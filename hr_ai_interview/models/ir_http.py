# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.http import request

# The candidate pages and their API (controllers/portal.py, api.py, rights.py, wechat.py)
CANDIDATE_PREFIX = "/ai-interview/"


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_default_lang(cls):
        """Without a website, the frontend routing looks the default language up in ir.default on every request
        (two queries, not cached). The candidate pages choose their language themselves after it
        (controllers/common.candidate_lang: ?lang=, their cookie, the interview's language), so for them any
        installed language does: the first one, from the cached list. A website's default language is cached
        and also shapes its menus' URLs: kept."""
        if request and "website" not in request.env.registry and request.httprequest.path.startswith(
                CANDIDATE_PREFIX):
            return next(iter(request.env["res.lang"]._get_active_by("code").values()))
        return super()._get_default_lang()
