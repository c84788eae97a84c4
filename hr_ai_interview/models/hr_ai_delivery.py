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
CHANNELS = [("wecom", "WeCom"), ("official_account", "WeChat Official Account"),
            ("wecom_external", "WeCom External Contact"), ("email", "Email")]
KINDS = [("report", "Feedback Report"), ("invitation", "Invitation"), ("reminder", "Reminder"),
         ("received", "Answers Received")]
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
    channel_reason = fields.Char(string="Why This Channel")
    notice_key = fields.Char(index=True, copy=False, help="Interview, kind and round: each notice is sent once.")

    # ---------- creation ----------
    @api.model
    def _ai_create_for_recruiter(self, interview, kind="received"):
        """The recruiter's own notice (a company member): WeCom app message when they have a WeCom user id."""
        partner = interview.user_id.partner_id
        if not (partner.wecom_userid and interview.company_id._ai_wecom_config()):
            return self.browse()
        key = "%s:hr" % interview._ai_notice_key(kind)
        if self.search_count([("notice_key", "=", key), ("state", "in", ("queued", "sent"))]):
            return self.browse()
        return self.create({"interview_id": interview.id, "partner_id": partner.id, "kind": kind,
                            "channel": "wecom", "recipient": partner.wecom_userid, "notice_key": key,
                            "channel_reason": _("Company member: WeCom app message.")})

    @api.model
    def _ai_create_for(self, interview, kind="report"):
        """One delivery of a candidate notice, on the channel `_ai_choose_channel` picks (the reason is kept on
        the record). A report without WeChat goes by email; an invitation / reminder / "answers received"
        without WeChat gets no record (the invitation's own email is the message): empty recordset. Each notice
        goes once: a second call for the same notice (same kind and round) creates nothing."""
        partner = interview.partner_id or interview.applicant_id.partner_id
        channel, recipient, reason = self._ai_choose_channel(interview, kind, partner)
        if channel == "email" and kind != "report":
            return self.browse()
        key = interview._ai_notice_key(kind)
        if key and self.search_count([("notice_key", "=", key), ("state", "in", ("queued", "sent"))]):
            return self.browse()
        return self.create({"interview_id": interview.id, "partner_id": partner.id, "kind": kind,
                            "channel": channel, "recipient": recipient, "channel_reason": reason,
                            "notice_key": key})

    @api.model
    def _ai_choose_channel(self, interview, kind, partner):
        """-> (channel, recipient, reason). WeCom app messages (message/send) reach company members only, so
        they are for internal recipients; candidates are reached through their own binding: the Official
        Account (template message) or a WeCom external contact (customer-contact message); else email."""
        company = interview.company_id
        wecom, oa = company._ai_wecom_config(), company._ai_official_account_config()
        Binding = self.env["hr.ai.wechat.binding"].sudo()
        internal = partner and (partner.user_ids.filtered(lambda u: not u.share)
                                or self.env["hr.employee"].sudo().search_count([("work_contact_id", "=", partner.id)]))
        if wecom and partner.wecom_userid and internal:
            return "wecom", partner.wecom_userid, _("Company member: WeCom app message.")
        kind_label = dict(self._fields["kind"]._description_selection(self.env))[kind]
        bound = Binding._ai_find(partner, company, "official_account") if partner else Binding
        external = Binding._ai_find(partner, company, "wecom_external") if partner else Binding
        for binding, configured in ((bound, oa), (external, wecom)):
            if not (binding and configured and binding.active and binding.consent):
                continue
            if binding.channel == "official_account":
                if company._ai_wechat_template(kind):
                    return "official_account", binding.identity, _(
                        "Follows the Official Account (%s): template message.", dict(
                            Binding._fields["source"]._description_selection(self.env))[binding.source])
                continue
            if binding.sender_userid:
                return "wecom_external", binding.identity, _(
                    "External contact of %s in WeCom: they confirm the message in WeCom.", binding.sender_userid)
        email = interview.email or partner.email
        if (bound and not bound.consent) or (external and not external.consent):
            why = _("The candidate withdrew consent to WeChat notices.")
        elif (bound and not bound.active) or (external and not external.active):
            why = _("The candidate unfollowed the Official Account / removed the WeCom contact.")
        elif bound and oa and not company._ai_wechat_template(kind):
            why = _("No Official Account template is set for “%s”.", kind_label)
        elif wecom and partner.wecom_userid and not internal:
            why = _("WeCom app messages reach company members only; the candidate is not one.")
        elif not wecom and not oa:
            why = _("WeChat is not configured for %s.", company.name)
        else:
            why = _("The candidate has not linked WeChat yet (no WeCom user id or WeChat OpenID).")
        return "email", email, why

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
        if self.state == "sent" and self.channel == "wecom_external" and not self.reason:
            sender = self.env["hr.ai.wechat.binding"].sudo()._ai_find(
                self.partner_id, self.company_id, "wecom_external").sender_userid
            self.reason = _("Waiting for %s to confirm the message in WeCom.", sender)
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
        if self.partner_id and self.partner_id == interview.user_id.partner_id != interview.partner_id:
            url = "%s/odoo/action-hr_ai_interview.action_hr_ai_interview/%d" % (interview.get_base_url(), interview.id)
            return _("%(candidate)s submitted the AI interview for %(job)s: %(url)s",
                     candidate=interview.candidate_name, job=interview.job_id.name, url=url)
        if self.kind != "report":
            return interview._wechat_text(self.kind)
        tr = interview._ai_candidate_env()._
        return tr("Hello %(name)s, your interview feedback report for %(job)s is attached. Thank you for your "
                  "time.", name=interview.candidate_name or "", job=interview.job_id.name)

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
        template_id = interview.company_id._ai_wechat_template(self.kind)
        if not config or not template_id:
            return {"status": "failed", "retriable": False, "attempts": 0,
                    "reason": "Official Account or its template is not configured"}
        app_id, secret, base_url = config
        sender = OfficialAccountSender(app_id, secret, template_id, **self._ai_sender_kwargs(base_url))
        url, data = self._ai_template_message(interview)
        return self._ai_result(sender.send_report_link(self.recipient, url, data))

    def _ai_template_message(self, interview):
        """(link, template data) of a template message, in the candidate's language."""
        if self.kind != "report":
            text = self._ai_text(interview)
            return interview.portal_link, {"first": text.split("\n")[0], "keyword1": interview.job_id.name,
                          "keyword2": interview.deadline_display, "remark": interview.company_id.name}
        tr = interview._ai_candidate_env()._
        return interview._ai_feedback_download_url(), {
            "first": tr("Your interview feedback report is ready"),
            "keyword1": interview.candidate_name or "", "keyword2": interview.job_id.name,
            "keyword3": fields.Date.to_string(fields.Date.context_today(self)),
            "remark": tr("Tap to view and download your report.")}

    def _ai_send_wecom_external(self, interview):
        """To a candidate who added the recruiter in WeCom: a customer-contact message with the link."""
        config = interview.company_id._ai_wecom_config()
        binding = self.env["hr.ai.wechat.binding"].sudo()._ai_find(self.partner_id, interview.company_id,
                                                                     "wecom_external")
        if not config or not binding.sender_userid:
            return {"status": "failed", "retriable": False, "attempts": 0,
                    "reason": "WeCom customer contact is not configured"}
        corp_id, secret, agent_id, base_url = config
        sender = WeComSender(corp_id, secret, agent_id, **self._ai_sender_kwargs(base_url))
        url, data = self._ai_template_message(interview)
        text = data["first"] if self.kind == "report" else self._ai_text(interview)
        return self._ai_result(sender.send_external(binding.sender_userid, self.recipient, text, url=url,
                                                    title=data["first"]))

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
