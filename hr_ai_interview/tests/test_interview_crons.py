# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .interview_common import InterviewCase


@tagged("post_install", "-at_install")
class TestInterviewCrons(InterviewCase):

    def _mails(self, interview, subject_part):
        return self.env["mail.mail"].search([("model", "=", "hr.ai.interview"), ("res_id", "=", interview.id),
                                             ("subject", "ilike", subject_part)])

    def test_reminder_sent_once_inside_the_window(self):
        due = self.make_interview()
        later = self.make_interview(self.make_applicant("Later", "later@example.com"))
        due.deadline = fields.Datetime.now() + timedelta(hours=5)
        later.deadline = fields.Datetime.now() + timedelta(days=3)
        self.env["hr.ai.interview"]._cron_send_reminders()
        self.assertEqual(len(self._mails(due, "提醒")), 1)
        self.assertTrue(due.reminder_sent)
        self.assertFalse(self._mails(later, "提醒"))
        self.env["hr.ai.interview"]._cron_send_reminders()
        self.assertEqual(len(self._mails(due, "提醒")), 1, "no second reminder")
        self.assertIn(due.portal_link, self._mails(due, "提醒").body_html)

    def test_expiry_after_the_deadline(self):
        untouched = self.make_interview()
        answered = self.make_interview(self.make_applicant("Done", "done@example.com"))
        future = self.make_interview(self.make_applicant("Future", "future@example.com"))
        with self.engine({}):
            for line in self.real_lines(answered):
                self.answer_text(answered, line, "回答")
        past = fields.Datetime.now() - timedelta(minutes=1)
        (untouched | answered).write({"deadline": past})
        self.env["hr.ai.interview"]._cron_expire()
        self.assertEqual(untouched.state, "expired")
        self.assertEqual(untouched._portal_next_step(), "closed")
        self.assertEqual(answered.state, "scoring", "a fully answered interview is submitted, not lost")
        self.assertEqual(future.state, "in_progress")
        # HR can re-invite an expired interview with a new deadline
        untouched.action_reinvite()
        self.assertEqual(untouched.state, "invited")
        self.assertGreater(untouched.deadline, fields.Datetime.now() + timedelta(days=4))
