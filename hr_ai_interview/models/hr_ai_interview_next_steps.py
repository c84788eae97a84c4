# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the candidate is told after submitting (who reviews, by when), their request for a human review
(PIPL Art. 24: refusal of decisions made by automated means alone) and the browser's time zone, the last resort
for showing times in the candidate's zone."""
from datetime import timedelta

import pytz

from odoo import fields, models


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    browser_tz = fields.Char(string="Browser Time Zone", readonly=True, copy=False,
                             help="Reported by the candidate's browser; used when neither the candidate's contact "
                                  "nor the company has a time zone.")
    # the candidate's request itself is an hr.ai.candidate.request (hr_ai_rights.py), the one path of requests
    human_review_requested_at = fields.Datetime(string="Human Review Requested",
                                                compute="_compute_human_review_requested_at")

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

    def _compute_human_review_requested_at(self):
        Request = self.env["hr.ai.candidate.request"].sudo()
        for interview in self:
            last = Request.search([("interview_id", "=", interview.id), ("kind", "=", "human_review")],
                                  order="id desc", limit=1) if interview.id else Request
            interview.human_review_requested_at = last.create_date or False

    def _portal_request_human_review(self, note=None):
        """The done page's "ask for a human review" (with an optional note): a candidate request."""
        return self._portal_request_right("human_review", note)
