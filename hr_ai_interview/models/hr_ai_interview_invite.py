# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Invitations (email + optional WeChat), reminders before the deadline, expiry after it."""
import logging
from datetime import timedelta

import pytz

from odoo import _, api, fields, models
from odoo.addons.base.models.res_partner import _tz_get
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    tz = fields.Selection(_tz_get, string="Candidate Time Zone",
                          help="Where the candidate lives: deadlines and times in the invitation are shown in this "
                               "zone. Empty: the contact's zone, else the company's.")
    candidate_tz = fields.Char(compute="_compute_candidate_display", string="Time Zone Used")
    deadline_display = fields.Char(compute="_compute_candidate_display", string="Deadline (candidate time)")
    scheduled_display = fields.Char(compute="_compute_candidate_display", string="Scheduled (candidate time)")
    portal_link = fields.Char(compute="_compute_candidate_display", string="Interview Link")

    @api.depends("deadline", "scheduled_at", "tz", "partner_id.tz", "company_id.partner_id.tz", "browser_tz",
                 "language", "access_token")
    @api.depends_context("hrai_invite_preview")
    def _compute_candidate_display(self):
        # the invitation wizard previews its own deadline/time/zone before they are saved:
        # context ``hrai_invite_preview`` = (interview id, deadline, scheduled time, zone)
        preview = self.env.context.get("hrai_invite_preview") or ()
        for interview in self:
            deadline, scheduled, tz = interview.deadline, interview.scheduled_at, interview._candidate_tz()
            if preview and preview[0] == interview.id:
                deadline, scheduled = (fields.Datetime.to_datetime(v) for v in preview[1:3])
                tz = preview[3] if preview[3] in pytz.all_timezones_set else tz
            interview.candidate_tz = tz
            interview.deadline_display = interview._format_candidate_dt(deadline, tz)
            interview.scheduled_display = interview._format_candidate_dt(scheduled, tz)
            link_owner = interview.sudo()  # the token is an administrator-only field
            interview.portal_link = (link_owner.get_base_url() + link_owner.get_portal_url()
                                     if interview.id and link_owner.access_token else False)

    def _candidate_tz(self):
        """The candidate's time zone: the interview's, else their contact's, else the company's, else the one their
        browser reported, else by language. Never the recruiter's own zone (a Chinese candidate saw Brussels time)."""
        tz = self.tz or self.partner_id.tz or self.company_id.partner_id.tz or self.browser_tz
        if not tz:
            tz = "Asia/Shanghai" if self.language == "zh_CN" else "UTC"
        return tz if tz in pytz.all_timezones_set else "UTC"

    @staticmethod
    def _format_candidate_dt(value, tz):
        """To the minute, in the candidate's zone, with the zone name (no ambiguity across regions)."""
        if not value:
            return False
        local = pytz.utc.localize(value).astimezone(pytz.timezone(tz))
        return "%s (%s, UTC%s)" % (local.strftime("%Y-%m-%d %H:%M"), tz, local.strftime("%z")[:3] + ":"
                                   + local.strftime("%z")[3:])

    def _ai_invitation_questions(self):
        """The scored questions in order, as the invitation lists them."""
        return self.question_line_ids.filtered(lambda q: not q.is_practice).sorted(lambda q: (q.sequence, q.id))

    def _ai_estimated_minutes(self):
        """Total time the candidate should plan: every question's preparation and answer time (practice
        included), plus about five minutes for consent, identity and device checks."""
        self.ensure_one()
        seconds = sum(q.prep_time + q.time_limit for q in self.question_line_ids)
        return -(-seconds // 60) + 5

    @staticmethod
    def _ai_minutes(seconds):
        """Seconds as minutes for the mail: 180 -> '3', 90 -> '1.5'."""
        return ("%.1f" % (seconds / 60.0)).rstrip("0").rstrip(".")

    # ---------- invitation ----------
    def action_send_invitation(self):
        """Send (or schedule) the invitation. Context from the invitation wizard: ``hrai_send_at`` (a later
        time: the delivery jobs wait until then), ``hrai_invite_channel`` ('email' or 'email_wechat'),
        ``hrai_send_again`` (HR asked explicitly to send an invitation that was already sent)."""
        ctx = self.env.context
        now = fields.Datetime.now()
        send_at = fields.Datetime.to_datetime(ctx.get("hrai_send_at")) or None
        send_at = send_at if send_at and send_at > now else None
        Delivery = self.env["hr.ai.delivery"].sudo()
        for interview in self:
            if interview.state not in ("draft", "invited", "expired", "cancelled"):
                raise UserError(_("“%s” was already started: it cannot be invited again.", interview.name))
            if interview.state == "invited" and interview.invited_at and not ctx.get("hrai_send_again"):
                raise UserError(_(
                    "The invitation to “%(name)s” was already sent on %(date)s. Open “Send Invitation” and "
                    "choose “Send again” to send it once more.", name=interview.name,
                    date=interview._format_candidate_dt(interview.invited_at, interview._candidate_tz())))
            if not interview.email:
                raise UserError(_("The applicant of “%s” has no email address.", interview.name))
            if interview.state == "draft":  # sent now: score it against the rubric and weights of this moment
                interview._snapshot_scoring_setup()
            base = send_at or now
            vals = {"state": "invited", "invited_at": base, "reminder_sent": False}
            if not interview.deadline or interview.deadline < base + timedelta(hours=1):
                vals["deadline"] = base + timedelta(days=interview.job_id.ai_deadline_days or 7)
            interview.write(vals)
            interview._portal_ensure_token()
            # one sending path for every candidate message: a delivery record (hr_ai_delivery.py)
            email = Delivery._ai_create_email(interview, "invitation")
            if send_at:
                email._ai_enqueue(eta=send_at)
            else:
                email._ai_job_send()  # renders the mail into Odoo's outgoing queue now
                if email.state != "sent":  # HR clicked "Send": say so instead of a silent failed log line
                    raise UserError(_("The invitation could not be sent: %s", email.reason))
            if ctx.get("hrai_invite_channel", "email_wechat") != "email":
                interview._notify_wechat("invitation", eta=send_at)
        return True

    def action_reinvite(self):
        """Send the invitation again (new deadline when the old one passed); an invitation that is still open
        is only resent on an explicit "send again"."""
        return self.action_send_invitation()

    def action_open_invite_wizard(self):
        """HR: the invitation window (preview in the candidate's language, deadline, times, channel)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Send Invitation"),
            "res_model": "hr.ai.interview.invite.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_interview_id": self.id},
        }

    # ---------- WeChat ----------
    def _ai_wechat_reach(self, kind="invitation"):
        """(WeChat channel or None, why): whether the candidate can be reached on WeChat, as the one delivery
        path decides it (hr.ai.delivery._ai_choose_channel)."""
        self.ensure_one()
        channel, _recipient, why = self.env["hr.ai.delivery"].sudo()._ai_choose_channel(self, kind, self.partner_id)
        return (None if channel == "email" else channel), why

    def _notify_wechat(self, kind, eta=None):
        """Queue the WeChat message through the delivery log when the candidate can be reached there (the
        channel and why: hr.ai.delivery._ai_choose_channel); otherwise leave a note. Never raises: email is the
        primary channel and a candidate without WeChat is a normal case."""
        Delivery = self.env["hr.ai.delivery"].sudo()
        for interview in self:
            if kind == "received":  # the recruiter hears of it too, when WeCom reaches them
                Delivery._ai_create_for_recruiter(interview, kind)._ai_enqueue()
            channel, _recipient, why = Delivery._ai_choose_channel(interview, kind, interview.partner_id)
            company = interview.company_id
            if channel == "email" and kind == "received" and not (
                    company._ai_wecom_config() or company._ai_official_account_config()):
                continue  # nothing to say on every submission of a company without WeChat
            if channel == "email":
                # the kind's label in the reader's language, not its code ("已跳过微信invitation")
                label = dict(Delivery._fields["kind"]._description_selection(self.env)).get(kind, kind)
                interview.message_post(body=_("WeChat %(kind)s skipped: %(why)s", kind=label.lower(), why=why),
                                       subtype_xmlid="mail.mt_note")
                continue
            Delivery._ai_create_for(interview, kind)._ai_enqueue(eta=eta)

    def _ai_candidate_env(self):
        """The environment of texts sent to the candidate: their language, with the mail templates' fallback to an
        installed one (ai_mail_lang)."""
        return self.with_context(lang=self.ai_mail_lang or "en_US").env

    def _wechat_text(self, kind):
        """The WeChat notice in the candidate's language (Odoo's translations, like the mails; the same
        installed-language fallback as the mail templates: ai_mail_lang)."""
        tr = self._ai_candidate_env()._
        name, job = self.candidate_name or "", self.job_id.name
        if kind == "received":
            return tr("[Answers received] Hello %(name)s, your AI interview answers for “%(job)s” were submitted. "
                      "The recruiting team will review them and contact you.", name=name, job=job)
        head = tr("[Reminder]") if kind == "reminder" else tr("[AI interview invitation]")
        return tr("%(head)s Hello %(name)s, please complete the AI video interview for “%(job)s” before "
                  "%(deadline)s: %(link)s\nYou need a camera, a microphone and a stable network. Steps: identity → "
                  "practice → questions → submit. Choose a quiet, well-lit room.", head=head, name=name, job=job,
                  deadline=self.deadline_display, link=self.portal_link)

    # ---------- crons ----------
    @api.model
    def _cron_send_reminders(self):
        now = fields.Datetime.now()
        template = self.env.ref("hr_ai_interview.mail_template_ai_interview_reminder")
        # invited_at in the future: a scheduled invitation not sent yet gets no reminder before it
        candidates = self.search([("state", "in", ("invited", "in_progress")), ("reminder_sent", "=", False),
                                  ("deadline", ">", now), ("invited_at", "<=", now)])
        due = candidates.filtered(
            lambda i: i.deadline <= now + timedelta(hours=i.company_id.ai_reminder_hours or 24))
        for interview in due:
            template.sudo().send_mail(interview.id)
            interview.reminder_sent = True
            interview._notify_wechat("reminder")
        return len(due)

    @api.model
    def _cron_expire(self):
        """After the deadline: submit interviews whose questions are all answered, expire the others."""
        overdue = self.search([("state", "in", ("invited", "in_progress")), ("deadline", "<", fields.Datetime.now())])
        for interview in overdue:
            if interview.consent_state == "given" and interview.identity_verified \
                    and interview._portal_next_step() == "submit":
                interview._portal_submit(at_deadline=True)
                continue
            interview.state = "expired"
            interview.message_post(body=_("The interview expired at its deadline (%s).", interview.deadline_display),
                                   subtype_xmlid="mail.mt_note")
        return len(overdue)
