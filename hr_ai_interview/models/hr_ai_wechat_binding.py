# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Candidates' WeChat identities and the QR-code scenes that lead to them.

A binding says "this contact is reachable as <openid> on the company's Official Account" (or as a WeCom external
contact of a recruiter) and carries the candidate's consent to WeChat notices, which they can withdraw from the
interview pages. Bindings come from the silent OAuth round trip inside WeChat's browser, from a scan of the
interview's parametric QR code (subscribe / SCAN event) or from a WeCom contact-way QR code; an unsubscribe
event (or the contact being removed) deactivates them. HR may still type an OpenID on the contact (`manual`).

A scene is the random string inside an interview's QR code: it names the interview, never its access token,
and expires with the code."""
import logging
import secrets
from datetime import timedelta

from odoo import _, api, fields, models

from ..wechat import OfficialAccountSender, WeComSender
from ..wechat.binding import SCENE_PREFIX

_logger = logging.getLogger(__name__)
BINDING_CHANNELS = [("official_account", "WeChat Official Account"), ("wecom_external", "WeCom External Contact")]
SOURCES = [("oauth", "Opened the link in WeChat"), ("qr", "Scanned the QR code"),
           ("contact_way", "Added the recruiter in WeCom"), ("manual", "Entered by HR")]
QR_SECONDS = 7 * 86400  # temporary QR codes live at most 30 days; a week covers an interview's deadline
QR_MIN_LEFT = 3600  # a code expiring within the hour is replaced before it is shown
QR_RETRY_SECONDS = 600  # after a refused / failed creation, pages show no code for this long (no API call per view)
PAGE_TIMEOUT = 3.0  # seconds: a candidate page never waits long for WeChat


class HrAiWechatBinding(models.Model):
    _name = "hr.ai.wechat.binding"
    _description = "Candidate WeChat Binding"
    _order = "id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", index=True, help="Empty for an OpenID entered by HR.")
    channel = fields.Selection(BINDING_CHANNELS, required=True, default="official_account")
    identity = fields.Char(string="OpenID / External User ID", required=True, index=True)
    sender_userid = fields.Char(string="WeCom Member", help="The recruiter the candidate added (sends messages).")
    source = fields.Selection(SOURCES, required=True)
    interview_id = fields.Many2one("hr.ai.interview", ondelete="set null", help="Where the binding was made.")
    consent = fields.Boolean(string="Consents to WeChat Notices", default=True)
    consent_date = fields.Datetime(default=fields.Datetime.now)
    withdrawn_date = fields.Datetime(string="Consent Withdrawn")
    active = fields.Boolean(default=True, help="Cleared when the candidate unfollows the account.")

    @api.model
    def _ai_find(self, partner, company, channel):
        """The binding of `partner` usable by `company` on `channel` (active or not, consented or not)."""
        return self.with_context(active_test=False).search(
            [("partner_id", "=", partner.id), ("channel", "=", channel),
             ("company_id", "in", (company.id, False))], order="company_id, active desc, id desc", limit=1)

    @api.model
    def _ai_bind(self, interview, channel, identity, source, sender=None):
        """Bind the interview's candidate. A bind is the candidate's own act (opening the link in WeChat,
        scanning the code, adding the recruiter): it (re)activates the binding with consent."""
        partner = interview.partner_id
        company = interview.company_id
        binding = self._ai_find(partner, company, channel)
        if binding and binding.company_id and binding.company_id != company:
            binding = self.browse()
        vals = {"identity": identity, "source": source, "interview_id": interview.id, "active": True,
                "consent": True, "consent_date": fields.Datetime.now(), "withdrawn_date": False,
                "sender_userid": sender or False, "company_id": company.id}
        if binding:
            binding.write(vals)
        else:
            binding = self.create(dict(vals, partner_id=partner.id, channel=channel))
        interview.message_post(body=_("The candidate linked WeChat for notices (%s).",
                                      dict(self._fields["source"]._description_selection(self.env))[source]),
                               subtype_xmlid="mail.mt_note")
        return binding

    @api.model
    def _ai_unbind(self, company, channel, identity):
        bindings = self.search([("company_id", "=", company.id), ("channel", "=", channel),
                                ("identity", "=", identity)])
        bindings.write({"active": False})
        return bindings

    def _ai_withdraw(self):
        """The candidate withdrew consent: no WeChat notice any more (the binding stays, for the record)."""
        self.filtered("consent").write({"consent": False, "withdrawn_date": fields.Datetime.now()})


class HrAiWechatScene(models.Model):
    _name = "hr.ai.wechat.scene"
    _description = "WeChat QR Code Scene of an Interview"
    _log_access = False

    interview_id = fields.Many2one("hr.ai.interview", required=True, ondelete="cascade", index=True)
    channel = fields.Selection(BINDING_CHANNELS, required=True)
    scene = fields.Char(required=True, index=True)
    qr_content = fields.Char(help="What the QR code encodes (WeChat's URL).")
    expires_at = fields.Datetime()

    _sql_constraints = [("scene_unique", "UNIQUE(scene)", "A scene names one interview.")]

    @api.model
    def _ai_resolve(self, scene, channel):
        """The interview a scanned (unexpired) scene names, or an empty recordset."""
        rec = self.search([("scene", "=", scene), ("channel", "=", channel)], limit=1)
        if not rec or (rec.expires_at and rec.expires_at < fields.Datetime.now()):
            return self.env["hr.ai.interview"]
        return rec.interview_id

    @api.model
    def _ai_qr_for(self, interview):
        """The QR code to show for `interview` ('official_account' or 'wecom_external' scene), created through
        the API once and reused until shortly before it expires; empty when WeChat is not configured or the
        API refused (the page then shows no code; the reason is logged)."""
        company = interview.company_id
        channel = "official_account" if company._ai_official_account_config() else (
            "wecom_external" if company._ai_wecom_config() and company.sudo().ai_wecom_contact_userid else None)
        if not channel:
            return self.browse()
        now = fields.Datetime.now()
        current = self.search([("interview_id", "=", interview.id), ("channel", "=", channel),
                               ("expires_at", ">", now + timedelta(seconds=QR_MIN_LEFT))], limit=1)
        if current:
            return current
        if self.search_count([("interview_id", "=", interview.id), ("qr_content", "=", False),
                              ("expires_at", ">", now)]):
            return self.browse()  # it failed a moment ago: do not ask again on every page view
        scene = SCENE_PREFIX + secrets.token_urlsafe(18)[:24]
        delivery = self.env["hr.ai.delivery"]

        def kwargs(base_url):
            values = delivery._ai_sender_kwargs(base_url)
            return dict(values, timeout=min(values["timeout"], PAGE_TIMEOUT))

        if channel == "official_account":
            app_id, secret, base_url = company._ai_official_account_config()
            sender = OfficialAccountSender(app_id, secret, None, **kwargs(base_url))
            res = sender.create_qrcode(scene, QR_SECONDS)
            expires = now + timedelta(seconds=QR_SECONDS)
        else:
            corp_id, secret, agent_id, base_url = company._ai_wecom_config()
            sender = WeComSender(corp_id, secret, agent_id, **kwargs(base_url))
            # a contact way does not expire; the scene is renewed like a QR ticket so old printouts stop binding
            res = sender.add_contact_way(company.sudo().ai_wecom_contact_userid, scene, remark=interview.job_id.name
                                         and interview.job_id.name[:30])
            expires = now + timedelta(seconds=QR_SECONDS)
        if not res.ok or not res.media_id:
            _logger.warning("WeChat QR code for interview %s not created: %s", interview.id, res.reason)
            self.create({"interview_id": interview.id, "channel": channel, "scene": scene, "qr_content": False,
                         "expires_at": now + timedelta(seconds=QR_RETRY_SECONDS)})
            return self.browse()
        return self.create({"interview_id": interview.id, "channel": channel, "scene": scene,
                            "qr_content": res.media_id, "expires_at": expires})
