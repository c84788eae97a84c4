# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the backend interview tests: a job with a rubric, applicants, interviews ready for answers,
a tiny real WebM made with PyAV, and a fake engine for tests that are about orchestration, not scoring."""
import hashlib
import io
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.fields import Command
from odoo.tests import TransactionCase
from odoo.tests import common as _odoo_test_common

if not hasattr(_odoo_test_common, "SETATTR_SOURCES"):
    # queue_job's tests/common.py (18.0.4.x) registers itself in a dict that this Odoo 18.0 checkout predates
    _odoo_test_common.SETATTR_SOURCES = {}
from odoo.addons.queue_job.job import Job  # noqa: E402
from odoo.addons.queue_job.tests.common import trap_jobs  # noqa: E402

from odoo.addons.hr_ai_interview.models import hr_ai_interview_answer_job as job_mod

ENGINE = "odoo.addons.hr_ai_interview.models.hr_ai_interview_answer_job._engine"


def perform_assembly(env, upload):
    """Run the upload's queued assembly job as the job runner does (the stored job: its method, arguments and
    job function) and mark it done; returns the job's result."""
    env.invalidate_all()
    record = env["queue.job"].search([("identity_key", "=", "hr_ai_upload:%s" % upload.id),
                                      ("state", "=", "pending")], limit=1)
    assert record, "no assembly job queued for upload %s" % upload.id
    job = Job.load(env, record.uuid)
    result = job.perform()
    job.set_done(result=result)
    job.store()
    env.invalidate_all()
    return result


def tiny_webm(seconds=2.0, fps=10, size=(160, 120), tone=220.0):
    """A real, browser-like WebM (VP8 + Opus) generated in memory; bytes."""
    import av
    import numpy as np

    buf = io.BytesIO()
    out = av.open(buf, "w", format="webm")
    vs = out.add_stream("libvpx", rate=fps)
    vs.width, vs.height, vs.pix_fmt = size[0], size[1], "yuv420p"
    aus = out.add_stream("libopus", rate=48000)
    aus.layout = "mono"
    t = np.arange(int(seconds * 48000)) / 48000.0
    pcm = (0.2 * np.sin(2 * np.pi * tone * t) * 32767).astype(np.int16)
    pos, step = 0, 960
    for i in range(int(seconds * fps)):
        img = np.full((size[1], size[0], 3), (i * 7) % 255, dtype=np.uint8)
        for p in vs.encode(av.VideoFrame.from_ndarray(img, format="bgr24")):
            out.mux(p)
        until = int((i + 1) / fps * 48000)
        while pos < until and pos < len(pcm):
            chunk = pcm[pos:pos + step]
            if len(chunk) < step:
                chunk = np.pad(chunk, (0, step - len(chunk)))
            frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="s16", layout="mono")
            frame.sample_rate, frame.pts = 48000, pos
            for p in aus.encode(frame):
                out.mux(p)
            pos += step
    for s in (vs, aus):
        for p in s.encode(None):
            out.mux(p)
    out.close()
    return buf.getvalue()


def fake_result(dims, overall=None, status="scored", speech=None, flags=()):
    """An engine-shaped result: dims = {name: score}."""
    scores = [{"name": n, "weight": 1, "score": s, "evidence": [{"keyword": "用户调研", "position": 0,
                                                                 "snippet": "用户调研"}]} for n, s in dims.items()]
    return {"engine_version": "fake/1", "status": status, "policy": "no-affect",
            "transcript": {"text": "我做了用户调研。", "segments": [], "engine": "fake", "status": "ok"},
            "features": {"text": {}, "speech": {}, "vision": {}},
            "scores": {"overall": overall if overall is not None else (sum(dims.values()) / len(dims) if dims else 0),
                       "dimensions": scores, "modalities": {"text": overall, "speech": speech, "vision": None}},
            "attention_points": [], "feedback": {"language": "zh", "strengths": [], "improvements": []},
            "flags": list(flags), "timings": {}}


class FakeEngine:
    """Records calls; returns `results` in turn (dicts, or exceptions to raise)."""

    def __init__(self, *results):
        self.results, self.calls, self.warmups = list(results), [], []

    def warm_up(self, asr=True):
        self.warmups.append(asr)

    def score_answer(self, **kwargs):
        self.calls.append(kwargs)
        res = self.results.pop(0) if len(self.results) > 1 else self.results[0]
        if isinstance(res, Exception):
            raise res
        return res


class InterviewCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True,
                                       mail_notrack=True))
        cls.company = cls.env.company
        cls.job = cls.env["hr.job"].create({
            "name": "Backend Test PM", "ai_language": "zh_CN", "ai_deadline_days": 5,
            "ai_dimension_ids": [Command.create({"name": "需求分析", "weight": 60, "sequence": 1,
                                                 "keywords": "用户调研, 需求文档"}),
                                 Command.create({"name": "项目管理", "weight": 40, "sequence": 2,
                                                 "keywords": "里程碑, 风险"})],
            "ai_question_ids": [Command.create({"name": "Q1 请介绍一次用户调研。", "sequence": 1}),
                                Command.create({"name": "Q2 如何管理项目风险？", "sequence": 2})],
        })
        cls.job.ai_interview_enabled = True
        cls.applicant = cls.make_applicant("王小明", "wang.test@example.com")

    @classmethod
    def make_applicant(cls, name, email, job=None, phone=None):
        candidate = cls.env["hr.candidate"].create({"partner_name": name, "email_from": email,
                                                    "partner_phone": phone})
        return cls.env["hr.applicant"].create({"candidate_id": candidate.id, "job_id": (job or cls.job).id})

    def make_interview(self, applicant=None, ready=True, **vals):
        interview = self.env["hr.ai.interview"].create(dict({"applicant_id": (applicant or self.applicant).id},
                                                            **vals))
        if ready:
            interview.action_send_invitation()
            interview._portal_give_consent("127.0.0.1", "test-agent", "v1")
            interview.sudo().write({"identity_verified": True, "identity_method": "manual"})
            interview._portal_record_device_check({"camera": True, "microphone": True})
            interview._portal_skip_practice()
        return interview

    def real_lines(self, interview):
        return interview.question_line_ids.filtered(lambda q: not q.is_practice).sorted("sequence")

    def upload(self, answer, data, chunk=64 * 1024, order=None, assemble=True):
        """Drive the contract: init, chunks (in `order`), complete, then (`assemble`) the assembly job.
        Returns (upload, the completion's result: once stored, with `assemble`)."""
        init = answer._upload_init(len(data), "video/webm", chunk, hashlib.sha256(data).hexdigest())
        upload = self.env["hr.ai.upload"].browse(init["upload_id"])
        n = init["total_chunks"]
        for i in order if order is not None else range(n):
            piece = data[i * chunk:(i + 1) * chunk]
            upload._receive_chunk(i, io.BytesIO(piece), hashlib.sha256(piece).hexdigest())
        result = upload._complete()
        if assemble and result["state"] == "assembling":
            perform_assembly(self.env, upload)
            result = upload._complete()
        return upload, result

    def answer_text(self, interview, line, text):
        answer = interview._portal_answer_for(line, "text")
        answer._submit_text(text)
        return answer

    @contextmanager
    def engine(self, *results):
        fake = FakeEngine(*results)
        with patch(ENGINE, return_value=fake):
            yield fake

    def run_job(self, answer):
        """Run the answer's job synchronously, as the job runner would (same key)."""
        return answer._job_score_answer(answer.input_key)

    @classmethod
    def future(cls, **kw):
        return fields.Datetime.now() + timedelta(**kw)


__all__ = ["InterviewCase", "FakeEngine", "fake_result", "tiny_webm", "job_mod", "trap_jobs", "perform_assembly"]
