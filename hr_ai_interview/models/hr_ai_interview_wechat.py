# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The interview's side of WeChat binding: what the candidate pages show (QR code, linked state, withdraw) and
the candidate-only actions the WeChat controller calls. Private methods: reachable from the token-checked
routes only, never over RPC."""
from urllib.parse import quote

from odoo import _, fields, models


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    def _ai_notice_key(self, kind):
        """Interview, kind and round of a candidate notice: a re-invitation (new invitation date), a reminder
        for a new deadline or a newly approved report is a new notice, anything else the same one."""
        self.ensure_one()
        rounds = {"invitation": self.invited_at, "reminder": self.deadline, "received": self.submitted_at,
                  "report": self.feedback_approved_at}
        stamp = rounds.get(kind)
        return "%s:%s:%s" % (self.id, kind, fields.Datetime.to_string(stamp) if stamp else "-")

    def _ai_wechat_bindings(self):
        return self.env["hr.ai.wechat.binding"].sudo().with_context(active_test=False).search(
            [("partner_id", "=", self.partner_id.id), ("company_id", "in", (self.company_id.id, False))])

    def _portal_wechat_block(self):
        """What the landing and done pages show about WeChat: {'state': 'linked' | 'qr' | 'contact' | None,
        'qr_src', 'contact_url'}. Linked: consented and active; otherwise the QR code of the interview's scene."""
        self.ensure_one()
        company = self.company_id
        if not (company._ai_official_account_config() or company._ai_wecom_config()):
            return {"state": None}
        bindings = self._ai_wechat_bindings().filtered(lambda b: b.active and b.consent)
        if bindings:
            return {"state": "linked"}
        scene = self.env["hr.ai.wechat.scene"].sudo()._ai_qr_for(self)
        if not scene:
            return {"state": None}
        if scene.channel == "official_account":
            src = "/report/barcode/?barcode_type=QR&width=220&height=220&value=%s" % quote(scene.qr_content, safe="")
            return {"state": "qr", "qr_src": src}
        return {"state": "contact", "contact_url": scene.qr_content}

    def _portal_wechat_bind_oauth(self, openid):
        """The silent OAuth round trip came back with the candidate's openid for the company's account."""
        self.ensure_one()
        return self.env["hr.ai.wechat.binding"].sudo()._ai_bind(self, "official_account", openid, "oauth")

    def _portal_wechat_withdraw(self):
        """The candidate withdrew consent to WeChat notices: every binding of theirs for this company stops."""
        self.ensure_one()
        bindings = self._ai_wechat_bindings().filtered("consent")
        bindings._ai_withdraw()
        if bindings:
            self.message_post(body=_("The candidate withdrew consent to WeChat notices."),
                              subtype_xmlid="mail.mt_note")
        return bool(bindings)

    def _portal_wechat_oauth_wanted(self):
        """Run the silent OAuth round trip? Only when the company has an Official Account and the candidate
        has no binding there yet (a withdrawn consent is respected: no silent re-binding)."""
        self.ensure_one()
        if not self.company_id._ai_official_account_config():
            return False
        return not self._ai_wechat_bindings().filtered(lambda b: b.channel == "official_account")

    def _ai_erase_files_and_logs(self):
        """Erasure also forgets the WeChat identities learnt through these interviews and their QR scenes."""
        self.env["hr.ai.wechat.binding"].sudo().with_context(active_test=False).search(
            [("interview_id", "in", self.ids)]).unlink()
        self.env["hr.ai.wechat.scene"].sudo().search([("interview_id", "in", self.ids)]).unlink()
        return super()._ai_erase_files_and_logs()
