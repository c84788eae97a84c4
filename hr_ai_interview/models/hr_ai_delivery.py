# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Delivery log of candidate reports: one record per message and channel, sent by a queue_job job.

WeCom gets the PDF as a file plus a text; an Official Account gets a template message linking to the
token-protected download page; email (PDF attached) is the fallback when WeChat is not configured or fails for
good. Failed retriable deliveries are retried by a cron with exponential back-off. Reasons are masked: no secret
or access token ever reaches the log, the chatter or the server log."""
import base64
import logging
from datetime import timedelta

from odoo import _, api, fields, models

from ..wechat import OfficialAccountSender, WeComSender, mask
from ..wechat.masking import SecretMaskingFilter

_logger = logging.getLogger(__name__)
_logger.addFilter(SecretMaskingFilter())  # tracebacks of unexpected errors may carry token URLs
CHANNELS = [("wecom", "WeCom"), ("official_account", "WeChat Official Account"), ("email", "Email")]
STATES = [("queued", "Queued"), ("sent", "Sent"), ("failed", "Failed")]
JOB_CHANNEL = "root.ai_interview"
MAX_RETRIES = 5  # cron retries (each one runs the sender's own in-call retries again)
RETRY_BASE_MINUTES = 5  # 5, 10, 20, 40, 80 minutes
PARAM_PREFIX = "hr_ai_interview."


class HrAiDelivery(models.Model):
    _name = "hr.ai.delivery"
    _description = "AI Interview Report Delivery"
    _order = "id desc"

    interview_id = fields.Many2one("hr.ai.interview", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="interview_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Recipient Contact")
    channel = fields.Selection(CHANNELS, required=True)
    recipient = fields.Char(help="WeCom user id, Official Account openid or email address.")
    state = fields.Selection(STATES, default="queued", required=True, index=True)
    attempts = fields.Integer(help="API requests made, retries included.")
    retry_count = fields.Integer(string="Scheduled Retries")
    retriable = fields.Boolean(help="A later retry may succeed (network error, WeChat busy).")
    reason = fields.Text(help="Why the last attempt failed (secrets masked).")
    last_attempt = fields.Datetime()
    next_retry = fields.Datetime(index=True)
    message_ref = fields.Char(string="Message ID")
    fallback_of_id = fields.Many2one("hr.ai.delivery", string="Fallback For", ondelete="set null")

    # ---------- creation ----------
    @api.model
    def _ai_create_for(self, interview):
        """One delivery for the best configured WeChat channel, else email."""
        partner = interview.partner_id or interview.applicant_id.partner_id
        company = interview.company_id
        vals = {"interview_id": interview.id, "partner_id": partner.id}
        if partner.wecom_userid and company._ai_wecom_config():
            vals.update(channel="wecom", recipient=partner.wecom_userid)
        elif partner.wechat_openid and company._ai_official_account_config():
            vals.update(channel="official_account", recipient=partner.wechat_openid)
        else:
            vals.update(channel="email", recipient=interview.email or partner.email)
        return self.create(vals)

    def _ai_enqueue(self):
        for delivery in self:
            delivery.with_delay(channel=JOB_CHANNEL, identity_key="hr_ai_delivery:%s:%s" % (
                delivery.id, delivery.retry_count), description=_("Send report: %s", delivery.display_name)
            )._ai_job_send()

    def _compute_display_name(self):
        labels = dict(CHANNELS)
        for d in self:
            d.display_name = "%s – %s" % (d.interview_id.display_name or "", labels.get(d.channel, ""))

    # ---------- sending ----------
    def _ai_job_send(self):
        """queue_job entry point: never raises for a delivery failure (the outcome is in the log)."""
        for delivery in self:
            if delivery.state != "sent":
                delivery._ai_send_once()
        return self.mapped("state")

    def _ai_param(self, key, default=None):
        return self.env["ir.config_parameter"].sudo().get_param(PARAM_PREFIX + key, default)

    def _ai_sender_kwargs(self, company_base_url):
        # The system parameter wins so a test database (or a proxy) can point every company at one server.
        return {"api_base_url": self._ai_param("wechat_api_base_url") or company_base_url or None,
                "max_attempts": int(self._ai_param("wechat_max_attempts", 4)),
                "base_delay": float(self._ai_param("wechat_retry_base_delay", 0.5)),
                # a scalar: Odoo's test harness compares the timeout with a number
                "timeout": float(self._ai_param("wechat_timeout", 10))}

    def _ai_send_once(self):
        self.ensure_one()
        interview = self.interview_id.sudo()
        now = fields.Datetime.now()
        try:
            result = getattr(self, "_ai_send_" + self.channel)(interview)
        except Exception as exc:  # a bug or bad data must still end in the log, never as a silent job failure
            _logger.exception("Report delivery %s crashed", self.id)
            result = {"status": "failed", "retriable": False, "attempts": 1,
                      "reason": mask("%s: %s" % (type(exc).__name__, exc))}
        vals = {"last_attempt": now, "attempts": self.attempts + result["attempts"],
                "reason": mask(result.get("reason")) or False, "message_ref": result.get("message_id") or False}
        if result["status"] == "sent":
            vals.update(state="sent", retriable=False, next_retry=False)
        elif result["retriable"] and self.retry_count < MAX_RETRIES:
            delay = RETRY_BASE_MINUTES * 2 ** self.retry_count
            vals.update(state="failed", retriable=True, next_retry=now + timedelta(minutes=delay))
        else:
            vals.update(state="failed", retriable=False, next_retry=False)
        self.write(vals)
        self._ai_log_outcome()
        if self.state == "failed" and not self.retriable and self.channel != "email":
            self._ai_fallback_email()
        interview._ai_update_feedback_state()
        return self.state

    def _ai_pdf(self, interview):
        att = interview.feedback_attachment_id
        return att.raw or base64.b64decode(att.datas or b"")

    def _ai_send_wecom(self, interview):
        config = interview.company_id._ai_wecom_config()
        if not config:
            return {"status": "failed", "retriable": False, "attempts": 0, "reason": "WeCom is not configured"}
        corp_id, secret, agent_id, base_url = config
        sender = WeComSender(corp_id, secret, agent_id, **self._ai_sender_kwargs(base_url))
        lang = interview._ai_candidate_lang()
        text = (_("Hello %(name)s, your interview feedback report for %(job)s is attached. Thank you for your time.",
                  name=interview.candidate_name, job=interview.job_id.name) if lang == "en_US" else
                "%s您好，附件是您应聘“%s”的面试反馈报告，感谢您的参与。" % (interview.candidate_name or "",
                                                         interview.job_id.name))
        res = sender.send_file(self.recipient, interview.feedback_attachment_id.name, self._ai_pdf(interview), text)
        return self._ai_result(res)

    def _ai_send_official_account(self, interview):
        config = interview.company_id._ai_official_account_config()
        if not config:
            return {"status": "failed", "retriable": False, "attempts": 0,
                    "reason": "Official Account is not configured"}
        app_id, secret, template_id, base_url = config
        sender = OfficialAccountSender(app_id, secret, template_id, **self._ai_sender_kwargs(base_url))
        zh = interview._ai_candidate_lang() == "zh_CN"
        data = {"first": "您的面试反馈报告已生成" if zh else "Your interview feedback report is ready",
                "keyword1": interview.candidate_name or "", "keyword2": interview.job_id.name,
                "keyword3": fields.Date.to_string(fields.Date.context_today(self)),
                "remark": "点击查看并下载报告。" if zh else "Tap to view and download your report."}
        res = sender.send_report_link(self.recipient, interview._ai_feedback_download_url(), data)
        return self._ai_result(res)

    def _ai_send_email(self, interview):
        if not self.recipient:
            return {"status": "failed", "retriable": False, "attempts": 0, "reason": "the candidate has no email"}
        template = self.env.ref("hr_ai_interview.mail_template_ai_feedback_report")
        mail_id = template.send_mail(
            interview.id, force_send=False, email_values={
                "email_to": self.recipient, "recipient_ids": [],
                "attachment_ids": [fields.Command.link(interview.feedback_attachment_id.id)]})
        return {"status": "sent", "retriable": False, "attempts": 1, "message_id": "mail.mail,%s" % mail_id}

    @staticmethod
    def _ai_result(res):
        reason = res.reason
        if res.ok and res.warnings:
            reason = "; ".join(res.warnings)
        return {"status": res.status, "retriable": res.retriable, "attempts": res.attempts, "reason": reason,
                "message_id": res.message_id}

    def _ai_fallback_email(self):
        """Permanent WeChat failure: send the PDF by email instead (once per failed delivery)."""
        self.ensure_one()
        if self.search_count([("fallback_of_id", "=", self.id)]):
            return
        interview = self.interview_id
        email = interview.email or self.partner_id.email
        fallback = self.create({"interview_id": interview.id, "partner_id": self.partner_id.id, "channel": "email",
                                "recipient": email, "fallback_of_id": self.id})
        fallback._ai_enqueue()

    def _ai_log_outcome(self):
        labels = dict(CHANNELS)
        if self.state == "sent":
            body = _("Feedback report sent via %(channel)s (%(n)s API calls).", channel=labels[self.channel],
                     n=self.attempts)
        elif self.retriable:
            body = _("Feedback report via %(channel)s failed, retry scheduled: %(reason)s",
                     channel=labels[self.channel], reason=self.reason)
        else:
            body = _("Feedback report via %(channel)s failed: %(reason)s", channel=labels[self.channel],
                     reason=self.reason)
        self.interview_id.sudo().message_post(body=body)
        log = _logger.info if self.state == "sent" else _logger.warning
        log("AI report delivery %s via %s: %s (%s)", self.id, self.channel, self.state, self.reason or "-")

    # ---------- retries ----------
    def action_retry(self):
        for delivery in self.filtered(lambda d: d.state == "failed"):
            delivery.write({"state": "queued", "retry_count": delivery.retry_count + 1, "next_retry": False})
            delivery._ai_enqueue()
        return True

    @api.model
    def _cron_retry_failed(self, limit=100):
        """Retry failed retriable deliveries whose back-off has elapsed."""
        due = self.search([("state", "=", "failed"), ("retriable", "=", True),
                           ("next_retry", "<=", fields.Datetime.now())], limit=limit, order="next_retry")
        due.action_retry()
        return len(due)
