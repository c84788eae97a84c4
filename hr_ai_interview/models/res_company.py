# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import namedtuple

from odoo import api, fields, models, tools

SCORING_POLICIES = [
    ("full", "Full (content, delivery, voice and video)"),
    ("no-affect", "No affect (content and fluency; no voice tone, no video analysis)"),
    ("text-only", "Text only (transcript content)"),
]
# AppSecrets authenticate as the company towards WeChat: system administrators only.
SECRET_GROUP = "base.group_system"
WECHAT_GROUP = "hr_recruitment.group_hr_recruitment_manager"
# What the candidate pages show of a company (its frame and consent step), read once per worker: see
# _ai_portal_brand. Immutable, since every request of the worker shares it.
PortalBrand = namedtuple("PortalBrand", "id name has_logo consent_version")
# Company fields the brand is made of; a write to one clears the cache (res.partner.write covers the name
# and logo, which live on the company's partner)
BRAND_FIELDS = {"name", "logo", "partner_id", "ai_consent_version"}


def clear_brand_cache(env):
    """Clear the cached brands and job names now, and again once the change is committed: a page that
    another thread renders in between would cache the still committed old values."""
    env.registry.clear_cache()
    env.cr.postcommit.add(env.registry.clear_cache)


class ResCompany(models.Model):
    _inherit = "res.company"

    # Default no-affect: the EU AI Act (Art. 5(1)(f)) bans emotion recognition from face or voice in hiring.
    ai_scoring_policy = fields.Selection(SCORING_POLICIES, string="AI Scoring Policy", default="no-affect",
                                         required=True)
    ai_weight_content = fields.Integer(string="Content Weight (%)", default=70)
    ai_weight_speech = fields.Integer(string="Speech Weight (%)", default=20)
    ai_weight_vision = fields.Integer(string="Video Weight (%)", default=10)
    ai_retention_days = fields.Integer(string="Recording Retention (days)", default=180,
                                       help="Recordings are deleted this many days after the interview closes. "
                                            "The EU AI Act asks for logs of high-risk systems for at least 6 months.")
    ai_consent_version = fields.Char(string="Consent Text Version", default="2025-01")
    ai_upload_max_mb = fields.Integer(string="Max Recording Size (MB)", default=512)
    ai_reminder_hours = fields.Integer(string="Reminder Before Deadline (hours)", default=24)
    ai_review_days = fields.Integer(string="Review Within (days)", default=7,
                                    help="Told to candidates on the done page: by when a person reviews the answers "
                                         "and the feedback report arrives.")
    # WeChat Work (WeCom) and Official Account credentials: secrets readable by recruitment managers only.
    ai_wecom_corp_id = fields.Char(string="WeCom Corp ID", groups=WECHAT_GROUP)
    ai_wecom_secret = fields.Char(string="WeCom Secret", groups=SECRET_GROUP)
    ai_wecom_agent_id = fields.Char(string="WeCom Agent ID", groups=WECHAT_GROUP)
    ai_wechat_app_id = fields.Char(string="Official Account App ID", groups=WECHAT_GROUP)
    ai_wechat_secret = fields.Char(string="Official Account Secret", groups=SECRET_GROUP)
    ai_wechat_template_id = fields.Char(string="Official Account Report Template ID", groups=WECHAT_GROUP,
                                        help="Template of the “feedback report ready” message (links to the report).")
    ai_wechat_notice_template_id = fields.Char(
        string="Official Account Notice Template ID", groups=WECHAT_GROUP,
        help="Template of invitations, reminders and “answers received” (first, keyword1, keyword2, remark).")
    # callback (event URL) settings of the Official Account: the token signs every callback, the AES key
    # decrypts them in safe mode
    ai_wechat_token = fields.Char(string="Official Account Callback Token", groups=SECRET_GROUP)
    ai_wechat_aes_key = fields.Char(string="Official Account EncodingAESKey", groups=SECRET_GROUP)
    ai_wecom_contact_userid = fields.Char(
        string="WeCom Recruiter (customer contact)", groups=WECHAT_GROUP,
        help="WeCom user id of the member whose “contact me” QR code candidates scan; messages to candidates are "
             "sent from this member's customer-contact tool after they confirm them.")
    ai_wecom_callback_token = fields.Char(string="WeCom Callback Token", groups=SECRET_GROUP)
    ai_wecom_aes_key = fields.Char(string="WeCom EncodingAESKey", groups=SECRET_GROUP)
    ai_wechat_api_base_url = fields.Char(string="WeChat API Base URL", groups=WECHAT_GROUP,
                                         help="Leave empty for the public API; set for a proxy or a test server.")

    def write(self, vals):
        res = super().write(vals)
        if BRAND_FIELDS & set(vals):
            clear_brand_cache(self.env)
        return res

    @api.model
    @tools.ormcache("company_id")
    def _ai_portal_brand(self, company_id):
        """Name, logo flag and consent version of a company for the candidate pages. Cached: the pages of 50
        candidates at once each read the company row otherwise (one query per page for three values)."""
        company = self.sudo().browse(company_id)
        return PortalBrand(company.id, company.name, not company.uses_default_logo, company.ai_consent_version)

    def _ai_modality_weights(self):
        self.ensure_one()
        return {"text": self.ai_weight_content, "speech": self.ai_weight_speech,
                "vision": self.ai_weight_vision}

    def _ai_wecom_config(self):
        """(corp_id, secret, agent_id, base_url) when WeCom is configured, else None. Read as sudo: the
        secrets are group-restricted, but sending happens on behalf of any recruiter."""
        c = self.sudo()
        if c.ai_wecom_corp_id and c.ai_wecom_secret and c.ai_wecom_agent_id:
            return c.ai_wecom_corp_id, c.ai_wecom_secret, c.ai_wecom_agent_id, c.ai_wechat_api_base_url or None
        return None

    def _ai_official_account_config(self):
        """(app_id, secret, base_url) when the Official Account is configured, else None."""
        c = self.sudo()
        if c.ai_wechat_app_id and c.ai_wechat_secret:
            return c.ai_wechat_app_id, c.ai_wechat_secret, c.ai_wechat_api_base_url or None
        return None

    def _ai_wechat_template(self, kind):
        """The Official Account template of a notice kind (the report has its own), or False."""
        c = self.sudo()
        return c.ai_wechat_template_id if kind == "report" else c.ai_wechat_notice_template_id
