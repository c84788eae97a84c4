# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .res_company import clear_brand_cache


class ResPartner(models.Model):
    _inherit = "res.partner"

    wecom_userid = fields.Char(string="WeCom User ID", copy=False,
                               help="WeChat Work user id of a company member (interviewer, HR, internal applicant): "
                                    "WeCom app messages reach members only.")
    ai_wechat_binding_ids = fields.One2many("hr.ai.wechat.binding", "partner_id", string="WeChat Bindings",
                                            groups="hr_recruitment.group_hr_recruitment_user")
    # the Official Account openid lives on the binding (with the consent); this field shows / sets it by hand
    wechat_openid = fields.Char(string="WeChat OpenID", compute="_compute_wechat_openid",
                                inverse="_inverse_wechat_openid", groups="hr_recruitment.group_hr_recruitment_user",
                                help="OpenID of the contact for the company's Official Account (usually learnt when "
                                     "the candidate opens the link in WeChat or scans the interview's QR code).")

    def write(self, vals):
        res = super().write(vals)
        # a company's name and logo are its partner's: the candidate pages cache them (res.company
        # _ai_portal_brand); the search runs only on writes of these two fields
        if {"name", "image_1920"} & set(vals) and self.env["res.company"].sudo().with_context(
                active_test=False).search_count([("partner_id", "in", self.ids)], limit=1):
            clear_brand_cache(self.env)
        return res

    @api.depends("ai_wechat_binding_ids.identity", "ai_wechat_binding_ids.active")
    def _compute_wechat_openid(self):
        for partner in self:
            bindings = partner.sudo().ai_wechat_binding_ids.filtered(lambda b: b.channel == "official_account")
            partner.wechat_openid = bindings[:1].identity or False

    def _inverse_wechat_openid(self):
        Binding = self.env["hr.ai.wechat.binding"].sudo()
        for partner in self:
            bindings = Binding.with_context(active_test=False).search(
                [("partner_id", "=", partner.id), ("channel", "=", "official_account"), ("company_id", "=", False)])
            if not partner.wechat_openid:
                bindings.unlink()
            elif bindings:
                bindings.write({"identity": partner.wechat_openid, "active": True})
            else:
                Binding.create({"partner_id": partner.id, "channel": "official_account", "source": "manual",
                                "identity": partner.wechat_openid})
