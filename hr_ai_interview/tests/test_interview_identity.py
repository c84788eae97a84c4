# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .interview_common import InterviewCase

RANDBELOW = "odoo.addons.hr_ai_interview.models.hr_ai_interview_portal.secrets.randbelow"


@tagged("post_install", "-at_install")
class TestInterviewIdentity(InterviewCase):

    def setUp(self):
        super().setUp()
        self.interview = self.make_interview(self.make_applicant("王小明", "wxm@example.com",
                                                                 phone="+86 138 0000 1234"), ready=False)
        self.interview.action_send_invitation()
        self.interview._portal_give_consent("1.1.1.1", "ua", "v1")

    def _send(self, code=123456):
        with patch(RANDBELOW, return_value=code):
            return self.interview._portal_send_identity_code()

    def _fail(self, name, code):
        # no savepoint (assertRaises would open one): the portal catches the UserError and commits the
        # count in the same transaction
        try:
            self.interview._portal_verify_identity(name, code)
        except UserError as exc:
            return str(exc)
        self.fail("the identity check passed with %r" % code)

    def test_code_verification(self):
        result = self._send()
        self.assertEqual(result["sent_to"], "wx***@example.com")
        code = "123456"
        self.assertNotEqual(self.interview.sudo().identity_code_hash, code, "only a hash is stored")
        self.assertIn("name does not match", self._fail("张三", code))
        with self.assertRaisesRegex(UserError, "just sent"):
            self.interview._portal_send_identity_code()
        self.interview._portal_verify_identity(" 王 小明 ", code)
        self.assertTrue(self.interview.identity_verified)
        self.assertEqual(self.interview.identity_method, "email_code")

    def test_code_never_in_chatter_nor_kept(self):
        self._send(32566)
        Message = self.env["mail.message"].sudo()
        bodies = Message.search([("model", "=", "hr.ai.interview"), ("res_id", "=", self.interview.id)])
        self.assertFalse([m for m in bodies if "032566" in (m.body or "")], "the code is in a message")
        self.assertFalse([m for m in self.interview.message_ids if "032566" in (m.body or "")])
        self.assertFalse(self.env["mail.mail"].sudo().search([("body_html", "ilike", "032566")]),
                         "the code mail must be deleted once sent")

    def test_every_failure_counts_and_locks(self):
        """Misses before any code was requested or after it expired count too: 30 blind guesses lock."""
        for i in range(30):
            self._fail("王小明", "%04d" % i)
        self.assertTrue(self.interview.identity_locked)
        self.assertGreaterEqual(self.interview.sudo().identity_code_attempts, 5)
        # locked: no new code, and even the right code is refused
        with self.assertRaisesRegex(UserError, "locked"):
            self._send(777777)  # (this savepoint only undoes the refused send)
        self.assertIn("locked", self._fail("王小明", "1234"))
        self.assertFalse(self.interview.identity_verified)
        self.assertTrue([m for m in self.interview.message_ids if "locked" in (m.body or "")])

    def test_expired_and_wrong_codes_count_across_codes(self):
        self._send(42)
        self.interview.sudo().identity_code_expires = fields.Datetime.now() - timedelta(seconds=1)
        self.assertIn("expired", self._fail("王小明", "000042"))
        self.interview.sudo().identity_code_expires = fields.Datetime.now() + timedelta(minutes=5)
        self.assertIn("not correct", self._fail("王小明", "000000"))
        self.assertEqual(self.interview.sudo().identity_code_attempts, 2)
        # a new code does not reset the count: 5 failures in total lock
        self.interview.sudo().identity_code_sent_at = fields.Datetime.now() - timedelta(minutes=2)
        self._send(777777)
        for _i in range(3):
            self._fail("王小明", "000000")
        self.assertIn("locked", self._fail("王小明", "777777"))

    def test_phone_digits_are_no_identity_proof(self):
        self.assertTrue(self._fail("王小明", "1234"))
        self.assertFalse(self.interview.identity_verified)

    def test_hr_unlock_is_logged(self):
        for i in range(5):
            self._fail("王小明", "%06d" % i)
        self.assertTrue(self.interview.identity_locked)
        officer = new_test_user(self.env, "ai_unlock_officer", groups="hr_recruitment.group_hr_recruitment_user")
        interviewer = new_test_user(self.env, "ai_unlock_interviewer",
                                    groups="hr_recruitment.group_hr_recruitment_interviewer")
        with self.assertRaises(AccessError):
            self.interview.with_user(interviewer).action_identity_unlock()
        self.interview.with_user(officer).action_identity_unlock()
        self.assertFalse(self.interview.identity_locked)
        self.assertTrue([m for m in self.interview.message_ids if "unlocked by" in (m.body or "")])
        self._send(555555)
        self.interview._portal_verify_identity("王小明", "555555")
        self.assertTrue(self.interview.identity_verified)
        events = self.env["hr.ai.audit"].search([("interview_id", "=", self.interview.id),
                                                  ("event", "=", "identity")])
        self.assertEqual(set(events.mapped("new_value")), {"failed", "unlocked", "verified"})
