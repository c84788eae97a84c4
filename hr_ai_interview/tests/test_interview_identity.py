# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .interview_common import InterviewCase

RANDBELOW = "odoo.addons.hr_ai_interview.models.hr_ai_interview_portal.secrets.randbelow"


@tagged("post_install", "-at_install")
class TestInterviewIdentity(InterviewCase):

    def setUp(self):
        super().setUp()
        self.interview = self.make_interview(self.make_applicant("王小明", "wxm@example.com",
                                                                 phone="+86 138 0000 1234"), ready=False)
        self.interview.action_send_invitation()
        self.interview.action_give_consent("1.1.1.1", "ua", "v1")

    def _send(self, code=123456):
        with patch(RANDBELOW, return_value=code):
            return self.interview.action_send_identity_code()

    def test_code_verification(self):
        result = self._send()
        self.assertEqual(result["sent_to"], "wx***@example.com")
        code = "123456"
        self.assertNotEqual(self.interview.sudo().identity_code_hash, code, "only a hash is stored")
        with self.assertRaisesRegex(UserError, "name does not match"):
            self.interview.action_verify_identity("张三", code)
        with self.assertRaisesRegex(UserError, "just sent"):
            self.interview.action_send_identity_code()
        self.interview.action_verify_identity(" 王 小明 ", code)
        self.assertTrue(self.interview.identity_verified)
        self.assertEqual(self.interview.identity_method, "email_code")

    def test_attempt_limit_and_expiry(self):
        self._send(42)
        code, wrong = "000042", "000000"
        for _i in range(5):
            try:  # no savepoint: the counter is kept like the separate transaction keeps it in production
                self.interview.action_verify_identity("王小明", wrong)
            except UserError:
                pass
        self.assertEqual(self.interview.sudo().identity_code_attempts, 5)
        with self.assertRaisesRegex(UserError, "Too many wrong attempts"):
            self.interview.action_verify_identity("王小明", code)
        self.assertFalse(self.interview.identity_verified)
        # a new code resets the attempts, and it expires after 10 minutes
        self.interview.sudo().identity_code_sent_at = fields.Datetime.now() - timedelta(minutes=2)
        self._send(777777)
        code = "777777"
        self.interview.sudo().identity_code_expires = fields.Datetime.now() - timedelta(seconds=1)
        with self.assertRaisesRegex(UserError, "expired"):
            self.interview.action_verify_identity("王小明", code)

    def test_last_phone_digits(self):
        with self.assertRaises(UserError):
            self.interview.action_verify_identity("王小明", "9999")
        self.interview.action_verify_identity("王小明", "1234")
        self.assertEqual(self.interview.identity_method, "phone_digits")
