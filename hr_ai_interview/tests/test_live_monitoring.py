# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.addons.bus.models.bus import channel_with_db, json_dump
from odoo.addons.hr_ai_interview.models.hr_ai_interview_live import LIVE_GROUP, LIVE_NOTIFICATION

from .interview_common import InterviewCase


class TestLiveMonitoring(InterviewCase):
    """The interview views refresh from the bus: one message per transaction, ids only, sent at commit."""

    def _commit_live_messages(self):
        """Run what a commit runs before committing, then return the live payloads sent to HR's channel."""
        self.env.cr.precommit.run()
        channel = json_dump(channel_with_db(self.env.cr.dbname, self.env.ref(LIVE_GROUP)))
        rows = self.env["bus.bus"].sudo().search([("channel", "=", channel), ("id", ">", self.last_bus_id)])
        messages = [json.loads(r.message) for r in rows]
        return [m["payload"] for m in messages if m["type"] == LIVE_NOTIFICATION]

    def setUp(self):
        super().setUp()
        self.interview = self.make_interview()
        self.env.cr.precommit.run()
        self.last_bus_id = max(self.env["bus.bus"].sudo().search([]).ids or [0])

    def test_answer_progress_sends_one_message_at_commit(self):
        line = self.real_lines(self.interview)[0]
        answer = self.interview._portal_answer_for(line, "text")
        answer._submit_text("我们先做了用户调研，再写需求文档。")
        answer.state = "queued"
        # nothing before the commit: a rolled-back transaction must not make HR's screens reload
        channel = json_dump(channel_with_db(self.env.cr.dbname, self.env.ref(LIVE_GROUP)))
        self.assertFalse(self.env["bus.bus"].sudo().search([("channel", "=", channel),
                                                            ("id", ">", self.last_bus_id)]))
        payloads = self._commit_live_messages()
        self.assertEqual(payloads, [{"interview_ids": [self.interview.id]}])

    def test_state_changes_of_several_interviews_are_grouped(self):
        other = self.make_interview(applicant=self.make_applicant("李四", "li.test@example.com"))
        self.env.cr.precommit.run()
        self.last_bus_id = max(self.env["bus.bus"].sudo().search([]).ids or [0])
        (self.interview | other).write({"state": "cancelled"})
        payloads = self._commit_live_messages()
        self.assertEqual(len(payloads), 1)
        self.assertEqual(payloads[0]["interview_ids"], sorted((self.interview | other).ids))

    def test_unrelated_edits_stay_quiet(self):
        self.interview.name = "Renamed by HR"
        self.assertEqual(self._commit_live_messages(), [])
