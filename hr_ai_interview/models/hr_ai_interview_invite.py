# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Invitations (email + optional WeChat), reminders before the deadline, expiry after it."""
import logging
from datetime import timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    candidate_tz = fields.Char(compute="_compute_candidate_display", string="Candidate Time Zone")
    deadline_display = fields.Char(compute="_compute_candidate_display", string="Deadline (candidate time)")
    scheduled_display = fields.Char(compute="_compute_candidate_display", string="Scheduled (candidate time)")
    portal_link = fields.Char(compute="_compute_candidate_display", string="Interview Link")

    @api.depends("deadline", "scheduled_at", "partner_id.tz", "company_id.partner_id.tz", "browser_tz", "language",
                 "access_token")
    def _compute_candidate_display(self):
        for interview in self:
            tz = interview._candidate_tz()
            interview.candidate_tz = tz
            interview.deadline_display = interview._format_candidate_dt(interview.deadline, tz)
            interview.scheduled_display = interview._format_candidate_dt(interview.scheduled_at, tz)
            link_owner = interview.sudo()  # the token is an administrator-only field
            interview.portal_link = (link_owner.get_base_url() + link_owner.get_portal_url()
                                     if interview.id and link_owner.access_token else False)

    def _candidate_tz(self):
        """The candidate's time zone: their contact's, else the company's, else the one their browser reported,
        else by language. Never the recruiter's own zone (a Chinese candidate saw Brussels time)."""
        tz = self.partner_id.tz or self.company_id.partner_id.tz or self.browser_tz
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

    # ---------- invitation ----------
    def action_send_invitation(self):
        template = self.env.ref("hr_ai_interview.mail_template_ai_interview_invitation")
        now = fields.Datetime.now()
        for interview in self:
            if interview.state not in ("draft", "invited", "expired", "cancelled"):
                raise UserError(_("“%s” was already started: it cannot be invited again.", interview.name))
            if not interview.email:
                raise UserError(_("The applicant of “%s” has no email address.", interview.name))
            if interview.state == "draft":  # sent now: score it against the rubric and weights of this moment
                interview._snapshot_scoring_setup()
            vals = {"state": "invited", "invited_at": now, "reminder_sent": False}
            if not interview.deadline or interview.deadline < now + timedelta(hours=1):
                vals["deadline"] = now + timedelta(days=interview.job_id.ai_deadline_days or 7)
            interview.write(vals)
            interview._portal_ensure_token()
            template.sudo().send_mail(interview.id)  # the link it renders is a restricted field
            interview._notify_wechat("invitation")
        return True

    def action_reinvite(self):
        """HR: send the invitation again (new deadline when the old one passed)."""
        return self.action_send_invitation()

    # ---------- WeChat ----------
    def _notify_wechat(self, kind):
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
                interview.message_post(body=_("WeChat %(kind)s skipped: %(why)s", kind=kind, why=why),
                                       subtype_xmlid="mail.mt_note")
                continue
            Delivery._ai_create_for(interview, kind)._ai_enqueue()

    def _wechat_text(self, kind):
        zh = self.language == "zh_CN"
        if kind == "received":
            if zh:
                return "【已收到您的回答】%s，您好！您应聘“%s”的 AI 面试回答已提交成功，招聘团队审阅后会与您联系。" % (
                    self.candidate_name or "", self.job_id.name)
            return ("[Answers received] Hello %s, your AI interview answers for “%s” were submitted. The recruiting "
                    "team will review them and contact you." % (self.candidate_name or "", self.job_id.name))
        if kind == "reminder":
            head = "【面试提醒】" if zh else "[Reminder] "
        else:
            head = "【AI 面试邀请】" if zh else "[AI interview invitation] "
        if zh:
            return ("%s%s，您好！请在 %s 前完成“%s”岗位的 AI 视频面试：%s\n"
                    "需要：摄像头、麦克风、稳定网络；步骤：身份验证 → 练习 → 答题 → 提交；请选择安静、光线充足的环境。"
                    % (head, self.candidate_name or "", self.deadline_display, self.job_id.name, self.portal_link))
        return ("%sHello %s, please complete the AI video interview for “%s” before %s: %s\n"
                "You need a camera, a microphone and a stable network. Steps: identity → practice → questions → "
                "submit. Choose a quiet, well-lit room."
                % (head, self.candidate_name or "", self.job_id.name, self.deadline_display, self.portal_link))

    # ---------- crons ----------
    @api.model
    def _cron_send_reminders(self):
        now = fields.Datetime.now()
        template = self.env.ref("hr_ai_interview.mail_template_ai_interview_reminder")
        candidates = self.search([("state", "in", ("invited", "in_progress")), ("reminder_sent", "=", False),
                                  ("deadline", ">", now)])
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
