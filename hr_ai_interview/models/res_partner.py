# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    wecom_userid = fields.Char(string="WeCom User ID", copy=False,
                               help="WeChat Work user id: interview invitations and reports are sent there too.")
    wechat_openid = fields.Char(string="WeChat OpenID", copy=False,
                                help="OpenID of the contact for the company's Official Account.")
