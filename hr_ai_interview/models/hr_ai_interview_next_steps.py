# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the candidate is told after submitting (who reviews, by when), their request for a human review
(PIPL Art. 24: refusal of decisions made by automated means alone) and the browser's time zone, the last resort
for showing times in the candidate's zone."""
from datetime import timedelta

import pytz
from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import UserError


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    browser_tz = fields.Char(string="Browser Time Zone", readonly=True, copy=False,
                             help="Reported by the candidate's browser; used when neither the candidate's contact "
                                  "nor the company has a time zone.")
    human_review_requested_at = fields.Datetime(string="Human Review Requested", readonly=True, copy=False,
                                                tracking=True)

    def _portal_report_browser_tz(self, tz):
        """Store the zone the browser reported; anything that is no IANA zone name is ignored (a hint, never
        a reason to stop the candidate)."""
        self.ensure_one()
        if isinstance(tz, str) and tz in pytz.all_timezones_set and tz != self.browser_tz:
            self.sudo().browser_tz = tz
        return self.browser_tz

    def _portal_review_due(self):
        """(date shown to the candidate, days): by when a person reviews, counted from the submission."""
        self.ensure_one()
        days = self.company_id.ai_review_days or 7
        due = (self.submitted_at or fields.Datetime.now()) + timedelta(days=days)
        local = pytz.utc.localize(due).astimezone(pytz.timezone(self._candidate_tz()))
        return local.strftime("%Y-%m-%d"), days

    def _portal_request_human_review(self, note=None):
        """The candidate asks for a person to assess the answers (and to explain the result): a to-do for the
        recruiter, a note in the chatter; asking twice changes nothing."""
        self.ensure_one()
        if self.state not in ("human_review", "scoring", "scored"):
            raise UserError(_("A human review can be requested once the interview is submitted."))
        if self.human_review_requested_at:
            return False
        recruiter = self.user_id or self.env.ref("base.user_admin")
        rec = self.sudo().with_context(lang=recruiter.lang)  # written for the recruiter, in their language
        rec.human_review_requested_at = fields.Datetime.now()
        self._ai_audit("review", new="requested by the candidate")
        note = (note or "").strip()[:2000]
        # the candidate's words are plain text for HR: escaped, never markup or links
        note_html = Markup("<p>%s</p>") % Markup("<br/>").join(note.splitlines()) if note else False
        rec.activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=fields.Date.today() + timedelta(days=2),
            summary=rec.env._("The candidate asked for a human review of the AI interview"), note=note_html,
            user_id=recruiter.id)
        rec.message_post(body=rec.env._("The candidate asked for a human review of the answers and an explanation "
                                        "of the result."), subtype_xmlid="mail.mt_note")
        return True
