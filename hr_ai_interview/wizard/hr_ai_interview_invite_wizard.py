# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Invitation window: HR sees the mail as the candidate will (in the candidate's language), sets the deadline,
a suggested time, the candidate's time zone, when to send and by which channel. An invitation already sent is
never resent by a second click: the window says so and offers "Send again" as its own button."""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.addons.base.models.res_partner import _tz_get
from odoo.exceptions import UserError

CHANNELS = [("email", "Email"), ("email_wechat", "Email and WeChat")]


class HrAiInterviewInviteWizard(models.TransientModel):
    _name = "hr.ai.interview.invite.wizard"
    _description = "Send an AI Interview Invitation"

    interview_id = fields.Many2one("hr.ai.interview", required=True, ondelete="cascade", readonly=True)
    candidate_name = fields.Char(related="interview_id.candidate_name")
    email = fields.Char(related="interview_id.email")
    deadline = fields.Datetime(required=True, help="The candidate can answer until then.")
    scheduled_at = fields.Datetime(string="Suggested Time", help="Optional time agreed with the candidate.")
    send_at = fields.Datetime(string="Send At", help="Empty: send now. A later time: the invitation waits.")
    tz = fields.Selection(_tz_get, string="Candidate Time Zone", required=True,
                          help="Times in the invitation are written in this zone.")
    channel = fields.Selection(CHANNELS, required=True, default="email_wechat",
                               help="WeChat is used when it is configured and the candidate has a WeChat id.")
    wechat_note = fields.Char(compute="_compute_wechat_note")
    lang_name = fields.Char(string="Mail Language", compute="_compute_preview")
    preview_subject = fields.Char(string="Subject", compute="_compute_preview")
    preview_body = fields.Html(string="Preview", compute="_compute_preview", sanitize=False)
    already_sent = fields.Boolean(compute="_compute_already_sent")
    sent_info = fields.Char(compute="_compute_already_sent")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        interview = self.env["hr.ai.interview"].browse(res.get("interview_id"))
        if interview:
            now = fields.Datetime.now()
            deadline = interview.deadline
            if not deadline or deadline < now + timedelta(hours=1):
                deadline = now + timedelta(days=interview.job_id.ai_deadline_days or 7)
            res.update(deadline=deadline, scheduled_at=interview.scheduled_at, tz=interview._candidate_tz(),
                       channel="email_wechat" if interview._ai_wechat_reach()[0] else "email")
        return res

    @api.depends("interview_id", "channel")
    def _compute_wechat_note(self):
        for wiz in self:
            channel, detail = wiz.interview_id._ai_wechat_reach() if wiz.interview_id else (None, False)
            wiz.wechat_note = detail if wiz.channel == "email_wechat" and not channel else False

    @api.depends("interview_id.state", "interview_id.invited_at")
    def _compute_already_sent(self):
        for wiz in self:
            interview = wiz.interview_id
            wiz.already_sent = bool(interview.state == "invited" and interview.invited_at)
            wiz.sent_info = False
            if wiz.already_sent:
                when = interview._format_candidate_dt(interview.invited_at, wiz.tz or interview._candidate_tz())
                if interview.invited_at > fields.Datetime.now():
                    wiz.sent_info = _("This invitation is scheduled for %(when)s (to %(email)s).",
                                      when=when, email=interview.email)
                else:
                    wiz.sent_info = _("This invitation was already sent on %(when)s to %(email)s. “Send again” "
                                      "mails a new link; the previous link stops working.",
                                      when=when, email=interview.email)

    @api.depends("interview_id", "deadline", "scheduled_at", "tz")
    def _compute_preview(self):
        template = self.env.ref("hr_ai_interview.mail_template_ai_interview_invitation").sudo()
        langs = dict(self.env["res.lang"].get_installed())
        for wiz in self:
            interview = wiz.interview_id
            if not interview:
                wiz.lang_name = wiz.preview_subject = wiz.preview_body = False
                continue
            interview._portal_ensure_token()  # the preview shows the real link the candidate will get
            preview = (interview.id, fields.Datetime.to_string(wiz.deadline),
                       fields.Datetime.to_string(wiz.scheduled_at), wiz.tz)
            tmpl = template.with_context(hrai_invite_preview=preview)
            lang = tmpl._render_lang([interview.id])[interview.id] or "en_US"
            wiz.lang_name = langs.get(lang) or lang
            wiz.preview_subject = tmpl._render_field("subject", [interview.id], compute_lang=True)[interview.id]
            wiz.preview_body = tmpl._render_field("body_html", [interview.id], compute_lang=True)[interview.id]

    def _apply_and_send(self, again=False):
        self.ensure_one()
        interview = self.interview_id
        now = fields.Datetime.now()
        base = self.send_at if self.send_at and self.send_at > now else now
        if self.deadline <= base + timedelta(hours=1):
            raise UserError(_("The deadline must be at least one hour after the invitation is sent."))
        if self.scheduled_at and not base <= self.scheduled_at <= self.deadline:
            raise UserError(_("The suggested time must lie between the sending time and the deadline."))
        interview.write({"deadline": self.deadline, "scheduled_at": self.scheduled_at, "tz": self.tz})
        interview.with_context(hrai_send_at=self.send_at, hrai_invite_channel=self.channel,
                               hrai_send_again=again).action_send_invitation()
        return {"type": "ir.actions.act_window_close"}

    def action_send(self):
        if self.already_sent:
            raise UserError(self.sent_info)
        return self._apply_and_send()

    def action_send_again(self):
        return self._apply_and_send(again=True)
