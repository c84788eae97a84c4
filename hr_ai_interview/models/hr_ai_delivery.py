# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Delivery log of candidate messages: one record per message and channel — report (WeCom file, Official
Account template message linking to the token-protected download, or email with the PDF), invitation and
reminder (WeChat, beside the email the invitation always sends). Every one is sent by the queue_job job
`_ai_job_send`, the only sending path.

Retries are queue_job's: a transient error (network, timeout, 5xx, WeChat busy) raises RetryableJobError and the
job function's `retry_pattern` spaces the next runs; a permanent one ends the delivery `failed` with its reason
and, for a report, falls back to email; retries exhausted end the same way (`on_fail` hook). A WeCom report is
two jobs: the media upload stores its media_id, the send job reuses it, so WeCom's duplicate check makes a resend
after a lost response harmless. An Official Account template message is never resent when its answer was lost
(no duplicate check exists): it fails over to email. Access tokens are shared by all workers in the database
(hr.ai.wechat.token). Reasons are masked: no secret or token reaches the log, the chatter or the server log."""
import logging

from odoo import _, api, fields, models

from odoo.addons.queue_job.exception import RetryableJobError

from ..wechat import OfficialAccountSender, WeComSender, mask
from ..wechat.masking import SecretMaskingFilter

_logger = logging.getLogger(__name__)
_logger.addFilter(SecretMaskingFilter())  # tracebacks of unexpected errors may carry token URLs
CHANNELS = [("wecom", "WeCom"), ("official_account", "WeChat Official Account"), ("email", "Email")]
KINDS = [("report", "Feedback Report"), ("invitation", "Invitation"), ("reminder", "Reminder")]
STATES = [("queued", "Queued"), ("sent", "Sent"), ("failed", "Failed")]
JOB_CHANNEL = "root.ai_interview"
PARAM_PREFIX = "hr_ai_interview."


class HrAiDelivery(models.Model):
    _name = "hr.ai.delivery"
    _description = "AI Interview Message Delivery"
    _order = "id desc"

    interview_id = fields.Many2one("hr.ai.interview", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="interview_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Recipient Contact")
    kind = fields.Selection(KINDS, default="report", required=True, index=True)
    channel = fields.Selection(CHANNELS, required=True)
    recipient = fields.Char(help="WeCom user id, Official Account openid or email address.")
    state = fields.Selection(STATES, default="queued", required=True, index=True)
    attempts = fields.Integer(help="API requests made by the runs that were recorded.")
    reason = fields.Text(help="Why it failed for good (secrets masked).")
    last_attempt = fields.Datetime()
    media_id = fields.Char(string="WeCom Media", copy=False, help="Uploaded report file, reused by every resend.")
    message_ref = fields.Char(string="Message ID")
    fallback_of_id = fields.Many2one("hr.ai.delivery", string="Fallback For", ondelete="set null")

    # ---------- creation ----------
    @api.model
    def _ai_create_for(self, interview, kind="report"):
        """One delivery for the best configured WeChat channel; a report without WeChat goes by email. No
        record for an invitation/reminder without WeChat: its email is sent by the invitation itself."""
        partner = interview.partner_id or interview.applicant_id.partner_id
        company = interview.company_id
        vals = {"interview_id": interview.id, "partner_id": partner.id, "kind": kind}
        if partner.wecom_userid and company._ai_wecom_config():
            vals.update(channel="wecom", recipient=partner.wecom_userid)
        elif partner.wechat_openid and company._ai_official_account_config():
            vals.update(channel="official_account", recipient=partner.wechat_openid)
        elif kind == "report":
            vals.update(channel="email", recipient=interview.email or partner.email)
        else:
            return self.browse()
        return self.create(vals)

    @api.model
    def _ai_create_email(self, interview, kind):
        """The email of an invitation or reminder (a report's email comes from _ai_create_for)."""
        partner = interview.partner_id or interview.applicant_id.partner_id
        return self.create({"interview_id": interview.id, "partner_id": partner.id, "kind": kind,
                            "channel": "email", "recipient": interview.email or partner.email})

    def _ai_enqueue(self, eta=None):
        """Queue the send job; ``eta``: not before that time (a scheduled invitation)."""
        max_retries = int(self._ai_param("delivery_max_retries", 6))
        for delivery in self:
            # one pending job per delivery and step: a double click or a re-run never sends twice
            step = "send" if delivery.media_id or delivery.channel != "wecom" else "media"
            delivery.with_delay(
                channel=JOB_CHANNEL, max_retries=max_retries, eta=eta, identity_key="hr_ai_delivery:%s:%s" % (delivery.id, step),
                description=_("Send %(kind)s: %(name)s", kind=dict(KINDS)[delivery.kind], name=delivery.display_name),
            )._ai_job_send()

    def _compute_display_name(self):
        labels = dict(CHANNELS)
        for d in self:
            d.display_name = "%s – %s" % (d.interview_id.display_name or "", labels.get(d.channel, ""))

    # ---------- sending (queue_job) ----------
    def _ai_job_send(self):
        """queue_job entry point: RetryableJobError on a transient failure (retry_pattern decides when the
        next run is), a final outcome otherwise."""
        self.ensure_one()
        if self.state != "queued":
            return "already %s" % self.state
        interview = self.interview_id.sudo()
        try:
            result = getattr(self, "_ai_send_" + self.channel)(interview)
        except RetryableJobError:
            raise
        except Exception as exc:  # a bug or bad data must still end in the log, never as a silent job failure
            _logger.exception("Delivery %s crashed", self.id)
            result = {"status": "failed", "retriable": False, "attempts": 1,
                      "reason": mask("%s: %s" % (type(exc).__name__, exc))}
        if result["status"] == "pending":  # WeCom media uploaded: the send is the next job
            return "media uploaded"
        if result["status"] != "sent" and result["retriable"]:
            # rolled back with the job; queue_job keeps the (masked) reason on the job and runs it again
            raise RetryableJobError(mask(result.get("reason")) or "transient failure")
        self._ai_finish(result)
        return self.state

    def _ai_job_on_fail(self, **fail_vals):
        """queue_job: retries exhausted or an unexpected error. The delivery fails with the reason."""
        for delivery in self.sudo().exists().filtered(lambda d: d.state == "queued"):
            reason = fail_vals.get("exc_message") or fail_vals.get("exc_name") or "unknown error"
            delivery._ai_finish({"status": "failed", "retriable": False, "attempts": 0,
                                 "reason": _("Gave up after repeated failures: %s", mask(reason))})

    def _ai_finish(self, result):
        vals = {"last_attempt": fields.Datetime.now(), "attempts": self.attempts + result.get("attempts", 0),
                "reason": mask(result.get("reason")) or False,
                "message_ref": result.get("message_id") or self.message_ref or False,
                "state": "sent" if result["status"] == "sent" else "failed"}
        self.write(vals)
        self._ai_log_outcome()
        if self.state == "failed" and self.channel != "email" and self.kind == "report":
            self._ai_fallback_email()
        if self.kind == "report":
            self.interview_id.sudo()._ai_update_feedback_state()

    def _ai_param(self, key, default=None):
        return self.env["ir.config_parameter"].sudo().get_param(PARAM_PREFIX + key, default)

    def _ai_sender_kwargs(self, company_base_url):
        # The system parameter wins so a test database (or a proxy) can point every company at one server.
        # One API attempt per run: waiting between attempts is queue_job's job, not a sleeping worker's.
        return {"api_base_url": self._ai_param("wechat_api_base_url") or company_base_url or None,
                "max_attempts": 1, "token_store": self.env["hr.ai.wechat.token"]._ai_store(),
                # a scalar: Odoo's test harness compares the timeout with a number
                "timeout": float(self._ai_param("wechat_timeout", 10))}

    def _ai_text(self, interview):
        if self.kind != "report":
            return interview._wechat_text(self.kind)
        if interview._ai_candidate_lang() == "en_US":
            return _("Hello %(name)s, your interview feedback report for %(job)s is attached. Thank you for your "
                     "time.", name=interview.candidate_name, job=interview.job_id.name)
        return "%s您好，附件是您应聘“%s”的面试反馈报告，感谢您的参与。" % (interview.candidate_name or "",
                                                       interview.job_id.name)

    def _ai_send_wecom(self, interview):
        config = interview.company_id._ai_wecom_config()
        if not config:
            return {"status": "failed", "retriable": False, "attempts": 0, "reason": "WeCom is not configured"}
        corp_id, secret, agent_id, base_url = config
        sender = WeComSender(corp_id, secret, agent_id, **self._ai_sender_kwargs(base_url))
        if self.kind != "report":
            return self._ai_result(sender.send_text(self.recipient, self._ai_text(interview)))
        if not self.media_id:
            res = sender.upload_media(interview.feedback_attachment_id.name, interview.feedback_attachment_id.raw)
            if not res.ok:
                return self._ai_result(res)
            self.write({"media_id": res.media_id, "attempts": self.attempts + res.attempts})
            self._ai_enqueue()  # committed with the media_id: every resend reuses it
            return {"status": "pending"}
        return self._ai_result(sender.send_media(self.recipient, self.media_id, self._ai_text(interview)))

    def _ai_send_official_account(self, interview):
        config = interview.company_id._ai_official_account_config()
        if not config:
            return {"status": "failed", "retriable": False, "attempts": 0,
                    "reason": "Official Account is not configured"}
        app_id, secret, template_id, base_url = config
        sender = OfficialAccountSender(app_id, secret, template_id, **self._ai_sender_kwargs(base_url))
        if self.kind != "report":
            text = self._ai_text(interview)
            data = {"first": text.split("\n")[0], "keyword1": interview.job_id.name,
                    "keyword2": interview.deadline_display, "remark": interview.company_id.name}
            return self._ai_result(sender.send_report_link(self.recipient, interview.portal_link, data))
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
        if self.kind != "report":
            if interview.state != "invited":  # a scheduled invitation whose interview was cancelled meanwhile
                return {"status": "failed", "retriable": False, "attempts": 0,
                        "reason": "the interview is no longer waiting for the candidate"}
            template = self.env.ref("hr_ai_interview.mail_template_ai_interview_" + self.kind)
            mail_id = template.sudo().send_mail(interview.id, force_send=False)  # renders the restricted link
            return {"status": "sent", "retriable": False, "attempts": 1, "message_id": "mail.mail,%s" % mail_id}
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
        """A report that WeChat could not deliver for good goes by email instead (once per failed delivery)."""
        self.ensure_one()
        if self.search_count([("fallback_of_id", "=", self.id)]):
            return
        interview = self.interview_id
        email = interview.email or self.partner_id.email
        fallback = self.create({"interview_id": interview.id, "partner_id": self.partner_id.id, "channel": "email",
                                "kind": self.kind, "recipient": email, "fallback_of_id": self.id})
        fallback._ai_enqueue()

    def _ai_log_outcome(self):
        labels = dict(CHANNELS)
        kind = dict(KINDS)[self.kind]
        if self.state == "sent":
            body = _("%(kind)s sent via %(channel)s.", kind=kind, channel=labels[self.channel])
        else:
            body = _("%(kind)s via %(channel)s failed: %(reason)s", kind=kind, channel=labels[self.channel],
                     reason=self.reason)
        self.interview_id.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
        log = _logger.info if self.state == "sent" else _logger.warning
        log("AI interview delivery %s (%s via %s): %s (%s)", self.id, self.kind, self.channel, self.state,
            self.reason or "-")

    # ---------- HR ----------
    def action_retry(self):
        """HR: send a failed delivery again (e.g. after fixing the WeChat settings)."""
        for delivery in self.filtered(lambda d: d.state == "failed"):
            delivery.write({"state": "queued", "reason": False})
            delivery._ai_enqueue()
        return True
