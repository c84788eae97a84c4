# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Times in the candidate's zone, recordings with a real length, and a done page that says what happens next."""
import hashlib
import io
import re
from datetime import datetime

import av
import numpy as np
from lxml import etree

from odoo.tests import new_test_user, tagged

from .interview_common import perform_assembly
from .portal_common import AiPortalCase

CHUNK = 64 * 1024


def browser_webm(seconds=2.0, fps=10):
    """A small VP8 WebM written to a non-seekable sink, so like a MediaRecorder file it has no duration."""
    buf = io.BytesIO()

    class Sink:  # write-only: the muxer cannot go back to write Duration/Cues
        write = buf.write

    out = av.open(Sink(), "w", format="webm")
    stream = out.add_stream("libvpx", rate=fps)
    stream.width, stream.height, stream.pix_fmt = 160, 120, "yuv420p"
    for i in range(int(seconds * fps)):
        img = np.full((120, 160, 3), (i * 9) % 255, dtype=np.uint8)
        for packet in stream.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
            out.mux(packet)
    for packet in stream.encode(None):
        out.mux(packet)
    out.close()
    return buf.getvalue()


@tagged("post_install", "-at_install")
class TestPortalNextSteps(AiPortalCase):

    def _csrf(self, url):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)

    def test_times_follow_the_candidate_zone_never_the_recruiter(self):
        a = self.interview_a.sudo()
        recruiter = new_test_user(self.env, login="tz_recruiter", groups="hr_recruitment.group_hr_recruitment_user",
                                  tz="Europe/Brussels")
        a.write({"user_id": recruiter.id, "deadline": datetime(2030, 3, 6, 1, 30)})
        a.partner_id.tz = False
        self.env.company.partner_id.tz = False
        self.assertEqual(a.candidate_tz, "UTC")  # by language; the recruiter's Brussels is not the candidate's
        # the guide's start link reports the browser's zone; a value that is no zone is ignored, never a 500
        resp = self.url_open(self.page(a, "/next") + "&tz=Mars%2FOlympus")
        self.assertEqual(resp.status_code, 200)
        self.assertIn("/consent", resp.url)
        a.invalidate_recordset()
        self.assertFalse(a.browser_tz)
        self.url_open(self.page(a, "/next") + "&tz=Asia%2FTokyo")
        a.invalidate_recordset()
        self.assertEqual(a.browser_tz, "Asia/Tokyo")
        self.assertEqual(a.deadline_display, "2030-03-06 10:30 (Asia/Tokyo, UTC+09:00)")
        self.env.company.partner_id.tz = "Asia/Shanghai"  # the company's zone comes before the browser's
        a.invalidate_recordset()
        self.assertEqual(a.candidate_tz, "Asia/Shanghai")
        a.partner_id.tz = "America/New_York"  # and the candidate's own before both
        a.invalidate_recordset()
        self.assertEqual(a.deadline_display, "2030-03-05 20:30 (America/New_York, UTC-05:00)")
        # the candidate's pages show that time, HR's form shows both (its own zone and the candidate's)
        a.write({"state": "expired", "deadline": datetime(2020, 3, 6, 1, 30)})
        page = self.url_open(self.page(a)).text
        self.assertIn("2020-03-05 20:30 (America/New_York, UTC-05:00)", page)
        form = self.env.ref("hr_ai_interview.hr_ai_interview_view_form").arch
        self.assertIn('name="deadline"', form)
        self.assertIn('name="deadline_display"', form)

    def test_done_page_says_who_reviews_when_and_takes_a_human_review_request(self):
        a = self.interview_a.sudo()
        recruiter = new_test_user(self.env, login="rita_rec", name="Rita Recruiter",
                                  groups="hr_recruitment.group_hr_recruitment_user")
        a.partner_id.tz = "Asia/Shanghai"
        self.env.company.ai_review_days = 5
        self.ready(a)
        a.write({"user_id": recruiter.id, "state": "scoring", "submitted_at": datetime(2030, 5, 1, 20, 0)})
        page = self.url_open(self.page(a, "/done")).text
        self.assertIn("What happens next", page)
        self.assertIn(a.company_id.name, page)
        self.assertIn("Rita Recruiter", page)
        # 20:00 UTC + 5 days is already the 7th in Shanghai
        self.assertIn("2030-05-07", page)
        self.assertIn("Ask for a human review", page)
        url = self.page(a, "/done")
        activities = len(a.activity_ids)
        resp = self.url_open(self.page(a, "/human-review"), data={"csrf_token": self._csrf(url),
                                                                  "note": "Please review <b>by a person</b>"})
        self.assertEqual(resp.status_code, 200)
        a.invalidate_recordset()
        self.assertTrue(a.human_review_requested_at)
        self.assertEqual(len(a.activity_ids), activities + 1)
        activity = a.activity_ids.sorted("id")[-1]
        self.assertEqual(activity.user_id, recruiter)
        self.assertNotIn("<b>", str(activity.note))  # the candidate's words stay text
        self.assertIn("Your request for a human review: Requested on", resp.text)
        self.assertNotIn("o_hrai_human_form", resp.text)
        # asking again changes nothing
        self.url_open(self.page(a, "/human-review"), data={"csrf_token": self._csrf(url)})
        self.assertEqual(len(a.activity_ids), activities + 1)

    def test_human_review_only_after_submission(self):
        a = self.interview_a.sudo()
        a._portal_give_consent("127.0.0.1", "test-agent", "2025-01")
        url = self.page(a, "/identity")
        resp = self.url_open(self.page(a, "/human-review"), data={"csrf_token": self._csrf(url)},
                             allow_redirects=False)
        self.assertIn(resp.status_code, (302, 303))  # back to the step the candidate is at
        self.assertIn("/identity", resp.headers.get("Location", ""))
        self.assertFalse(a.human_review_requested_at)

    def test_uploaded_recording_has_a_duration_and_writing_is_no_longer_offered(self):
        a = self.interview_a
        self.ready(a)
        a.sudo()._portal_record_device_check({"camera": True, "microphone": True})
        line = self.lines(a)[0]
        data = browser_webm(2.0)
        with av.open(io.BytesIO(data)) as probe:
            self.assertIsNone(probe.duration)  # as the browser sends it
        page = self.url_open(self.page(a, "/question")).text
        self.assertRegex(page, r'class="o_hrai_switch_text"')
        answer = self.api(a, "/answer", {"line_id": line.id, "mode": "video"}).json()
        init = self.api(a, "/upload/init", {"answer_id": answer["answer_id"], "total_size": len(data),
                                            "chunk_size": CHUNK, "mimetype": "video/webm;codecs=vp8",
                                            "sha256": hashlib.sha256(data).hexdigest()}).json()
        for i in range(init["total_chunks"]):
            self.assertEqual(self.put_chunk(a, init["upload_id"], i, data[i * CHUNK:(i + 1) * CHUNK]).status_code, 200)
        resp = self.api(a, f"/upload/{init['upload_id']}/complete", {})
        self.assertEqual(resp.status_code, 200, resp.text)
        perform_assembly(self.env, self.env["hr.ai.upload"].browse(init["upload_id"]))
        rec = a.answer_ids.filtered(lambda x: x.id == answer["answer_id"])
        self.assertAlmostEqual(rec.duration, 2.0, delta=0.2)
        self.assertEqual(rec.duration_display, "0:02")
        self.assertEqual(rec.sha256, hashlib.sha256(data).hexdigest())  # what the candidate sent
        with av.open(io.BytesIO(rec.attachment_id.raw)) as stored:
            self.assertAlmostEqual(stored.duration / 1e6, 2.0, delta=0.2)  # players show the length
            with av.open(io.BytesIO(data)) as sent:  # nothing lost in the copy
                self.assertEqual(sum(1 for _ in stored.decode(video=0)), sum(1 for _ in sent.decode(video=0)))
        # the recording is the answer now: "answer in writing instead" is hidden (a retake offers it again)
        page = self.url_open(self.page(a, "/question") + f"&line={line.id}").text
        self.assertRegex(page, r'class="o_hrai_switch_text d-none"')

    def test_typed_answer_shown_once_without_transcript_correction(self):
        arch = etree.fromstring(self.env.ref("hr_ai_interview.hr_ai_interview_answer_view_form").arch)
        self.assertEqual(arch.find(".//page[@name='written']").get("invisible"), "mode != 'text'")
        transcript = arch.find(".//page[@name='transcript']")
        self.assertEqual(transcript.get("invisible"), "mode == 'text'")
        self.assertTrue(transcript.findall(".//field[@name='transcript_corrected']"))
        self.assertFalse(arch.findall(".//page[@name='written']//field[@name='transcript_corrected']"))
        a = self.interview_a
        self.ready(a)
        line = self.lines(a)[0]
        answer = self.env["hr.ai.interview.answer"].sudo().create({
            "interview_id": a.id, "question_line_id": line.id, "mode": "text",
            "text_answer": "I cut costs by 12 %.", "transcript": "I cut costs by 12 %.",
            "transcript_corrected": "should never be shown"})
        self.assertIn("I cut costs by 12 %.", answer.transcript_html)
        self.assertNotIn("should never be shown", answer.transcript_html)
