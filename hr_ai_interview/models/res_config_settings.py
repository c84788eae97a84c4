# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..wechat import OfficialAccountSender, WeComSender, mask

from .res_company import SECRET_GROUP, WECHAT_GROUP


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ai_scoring_policy = fields.Selection(related="company_id.ai_scoring_policy", readonly=False)
    ai_weight_content = fields.Integer(related="company_id.ai_weight_content", readonly=False)
    ai_weight_speech = fields.Integer(related="company_id.ai_weight_speech", readonly=False)
    ai_weight_vision = fields.Integer(related="company_id.ai_weight_vision", readonly=False)
    ai_retention_days = fields.Integer(related="company_id.ai_retention_days", readonly=False)
    ai_consent_version = fields.Char(related="company_id.ai_consent_version", readonly=False)
    ai_upload_max_mb = fields.Integer(related="company_id.ai_upload_max_mb", readonly=False)
    ai_reminder_hours = fields.Integer(related="company_id.ai_reminder_hours", readonly=False)
    ai_review_days = fields.Integer(related="company_id.ai_review_days", readonly=False)
    ai_wecom_corp_id = fields.Char(related="company_id.ai_wecom_corp_id", readonly=False, groups=WECHAT_GROUP)
    ai_wecom_secret = fields.Char(related="company_id.ai_wecom_secret", readonly=False, groups=SECRET_GROUP)
    ai_wecom_agent_id = fields.Char(related="company_id.ai_wecom_agent_id", readonly=False, groups=WECHAT_GROUP)
    ai_wechat_app_id = fields.Char(related="company_id.ai_wechat_app_id", readonly=False, groups=WECHAT_GROUP)
    ai_wechat_secret = fields.Char(related="company_id.ai_wechat_secret", readonly=False, groups=SECRET_GROUP)
    ai_wechat_template_id = fields.Char(related="company_id.ai_wechat_template_id", readonly=False,
                                        groups=WECHAT_GROUP)
    ai_wechat_notice_template_id = fields.Char(related="company_id.ai_wechat_notice_template_id", readonly=False,
                                               groups=WECHAT_GROUP)
    ai_wechat_token = fields.Char(related="company_id.ai_wechat_token", readonly=False, groups=SECRET_GROUP)
    ai_wechat_aes_key = fields.Char(related="company_id.ai_wechat_aes_key", readonly=False, groups=SECRET_GROUP)
    ai_wecom_contact_userid = fields.Char(related="company_id.ai_wecom_contact_userid", readonly=False,
                                          groups=WECHAT_GROUP)
    ai_wecom_callback_token = fields.Char(related="company_id.ai_wecom_callback_token", readonly=False,
                                          groups=SECRET_GROUP)
    ai_wecom_aes_key = fields.Char(related="company_id.ai_wecom_aes_key", readonly=False, groups=SECRET_GROUP)
    ai_wechat_api_base_url = fields.Char(related="company_id.ai_wechat_api_base_url", readonly=False,
                                         groups=WECHAT_GROUP)

    @api.constrains("ai_weight_content", "ai_weight_speech", "ai_weight_vision", "ai_retention_days",
                    "ai_upload_max_mb", "ai_review_days")
    def _check_ai_settings(self):
        for rec in self:
            weights = (rec.ai_weight_content, rec.ai_weight_speech, rec.ai_weight_vision)
            if min(weights) < 0 or sum(weights) != 100:
                raise ValidationError(_("The modality weights must be positive and sum to 100 (now %s).",
                                        sum(weights)))
            if rec.ai_retention_days < 1:
                raise ValidationError(_("The retention period must be at least one day."))
            if not 1 <= rec.ai_upload_max_mb <= 4096:
                raise ValidationError(_("The maximum recording size must be between 1 and 4096 MB."))
            if not 1 <= rec.ai_review_days <= 90:
                raise ValidationError(_("The review period told to candidates must be between 1 and 90 days."))

    def action_ai_wechat_test_connection(self):
        """Settings: fetch an access token for each configured account (saved settings) and say what answered."""
        if not self.env.user.has_group(SECRET_GROUP):
            raise AccessError(_("Only administrators can test the WeChat connection."))
        company = self.company_id or self.env.company
        delivery = self.env["hr.ai.delivery"].sudo()
        lines, ok = [], True
        checks = []
        if company._ai_official_account_config():
            app_id, secret, base_url = company._ai_official_account_config()
            checks.append((_("Official Account"), OfficialAccountSender(app_id, secret, None,
                                                                       **delivery._ai_sender_kwargs(base_url))))
        if company._ai_wecom_config():
            corp_id, secret, agent_id, base_url = company._ai_wecom_config()
            checks.append((_("WeCom"), WeComSender(corp_id, secret, agent_id, **delivery._ai_sender_kwargs(base_url))))
        if not checks:
            raise ValidationError(_("Save the WeChat settings first: no account is configured."))
        for label, sender in checks:
            try:
                sender.client.access_token
                lines.append(_("%s: connected.", label))
            except Exception as exc:  # the reason is masked: no secret reaches the screen
                ok = False
                lines.append(_("%(account)s: failed (%(reason)s).", account=label,
                               reason=mask("%s: %s" % (type(exc).__name__, exc))))
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"title": _("WeChat connection"), "message": " ".join(lines),
                           "type": "success" if ok else "danger", "sticky": not ok}}
