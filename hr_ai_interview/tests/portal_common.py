# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the portal HttpCase tests: a job with a rubric and two questions, two candidates with
their own invited interviews, and small HTTP helpers for the token-authenticated API."""
import hashlib
import json
from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase


class AiPortalCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True,
                                       mail_notrack=True))
        cls.job = cls.env["hr.job"].create({
            "name": "Portal Test Analyst",
            "ai_language": "en_US",
            "ai_dimension_ids": [Command.create({"name": "Analysis", "weight": 60, "sequence": 1}),
                                 Command.create({"name": "Communication", "weight": 40, "sequence": 2})],
            "ai_question_ids": [
                Command.create({"name": "Q-ONE: describe a hard problem you solved.", "sequence": 1,
                                "time_limit": 60, "prep_time": 10, "max_retakes": 1}),
                Command.create({"name": "Q-TWO: how do you set priorities?", "sequence": 2,
                                "time_limit": 60, "prep_time": 10, "max_retakes": 1}),
            ],
        })
        cls.job.ai_interview_enabled = True
        cls.interview_a = cls.make_interview("Alice Candidate", "alice.portal@example.com")
        cls.interview_b = cls.make_interview("Bob Candidate", "bob.portal@example.com")

    @classmethod
    def make_interview(cls, name, email, **vals):
        candidate = cls.env["hr.candidate"].create({"partner_name": name, "email_from": email})
        applicant = cls.env["hr.applicant"].create({"candidate_id": candidate.id, "job_id": cls.job.id})
        interview = cls.env["hr.ai.interview"].create(dict({
            "applicant_id": applicant.id, "partner_id": candidate.partner_id.id,
            "deadline": fields.Datetime.now() + timedelta(days=7), "language": "en_US"}, **vals))
        interview.state = "invited"
        interview._portal_ensure_token()
        return interview

    # ---------------------------------------------------------------- helpers
    @staticmethod
    def page(interview, suffix="", token=None):
        return f"/ai-interview/{interview.id}{suffix}?access_token={token or interview.access_token}"

    def api(self, interview, path, payload=None, token=None, method="POST", body=None, headers=None):
        url = self.base_url() + f"/ai-interview/{interview.id}/api{path}"
        # the API takes the token from the X-Access-Token header only
        hdrs = {"X-Access-Token": token if token is not None else interview.access_token, **(headers or {})}
        if payload is not None:
            body = json.dumps(payload)
            hdrs["Content-Type"] = "application/json"
        return self.opener.request(method, url, data=body, headers=hdrs, timeout=30)

    def ready(self, interview):
        """Consent given and identity checked, as after the first two steps."""
        interview.sudo()._portal_give_consent("127.0.0.1", "test-agent", "2025-01")
        interview.sudo().write({"identity_verified": True, "identity_method": "manual",
                                "identity_verified_at": fields.Datetime.now()})

    def lines(self, interview):
        return interview.question_line_ids.filtered(lambda q: not q.is_practice).sorted("sequence")

    def put_chunk(self, interview, upload_id, index, data, digest=None, token=None):
        return self.api(interview, f"/upload/{upload_id}/chunk/{index}", method="PUT", body=data, token=token,
                        headers={"Content-Type": "application/octet-stream",
                                 "X-Chunk-SHA256": digest or hashlib.sha256(data).hexdigest()})

    @staticmethod
    def webm_bytes(size, seed=1):
        """Bytes that sniff as WebM (EBML magic) followed by deterministic filler."""
        out, block = bytearray(b"\x1a\x45\xdf\xa3"), hashlib.sha256(str(seed).encode()).digest()
        while len(out) < size:
            block = hashlib.sha256(block).digest()
            out += block
        return bytes(out[:size])
