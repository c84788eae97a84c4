"""Interviews for the benchmarks that need a live database (fault_bench, queue_bench): one Odoo shell script
that brings candidates to the question step (consent, identity, device check, practice skipped) through the
model's candidate methods, and submits text answers, uploads recorded ones or leaves a recorded question open for
the browser."""
import inspect
import subprocess

from common import REPO, odoo_cmd

ANSWER = ("我先说结论：我用用户调研数据重新做了功能优先级排序。第一，访谈了 30 位用户，找到三个用户痛点；"
          "第二，用甘特图排期并写了风险应对方案；最后，次月留存率从 30% 提升到 45%。总之，要靠用户反馈迭代。")

# The job (not a format string): the demo 产品经理 when the database has demo data, else a small one made here.
_JOB = """
from odoo.fields import Command
job = env.ref('hr_ai_interview.demo_job_product_manager', raise_if_not_found=False) \\
    or env['hr.job'].search([('name', '=', 'Bench PM')], limit=1)
if not job:
    job = env['hr.job'].create({
        'name': 'Bench PM', 'ai_language': 'zh_CN', 'ai_deadline_days': 5,
        'ai_dimension_ids': [Command.create({'name': '需求分析', 'weight': 60, 'keywords': '用户调研, 需求文档'}),
                             Command.create({'name': '项目管理', 'weight': 40, 'keywords': '甘特图, 风险'})],
        'ai_question_ids': [Command.create({'name': 'Q1 请介绍一次用户调研。', 'sequence': 1}),
                            Command.create({'name': 'Q2 如何管理项目风险？', 'sequence': 2})]})
    job.ai_interview_enabled = True

def ready(i, prefix, wecom):
    cand = env['hr.candidate'].create({'partner_name': '%s %d' % (prefix, i),
                                       'email_from': '%s%d@example.com' % (prefix.lower(), i)})
    app = env['hr.applicant'].create({'candidate_id': cand.id, 'job_id': job.id})
    itv = env['hr.ai.interview'].create({'applicant_id': app.id})
    if wecom:
        itv.partner_id.wecom_userid = 'u%d' % i
        # WeCom app messages reach company members only: the bench's candidates are internal applicants
        env['hr.employee'].create({'name': '%s %d' % (prefix, i), 'work_contact_id': itv.partner_id.id})
    itv.action_send_invitation()
    itv._portal_give_consent('127.0.0.1', prefix, 'v1')
    itv.sudo().write({'identity_verified': True, 'identity_method': 'manual'})
    itv._portal_record_device_check({'camera': True, 'microphone': True})
    itv._portal_skip_practice()
    return itv
"""

_TEXT_ANSWERS = """
import time
made = i = 0
start = env['hr.candidate'].search_count([])
while made < {n}:
    itv = ready(start + i, {prefix!r}, {wecom!r})
    for line in itv.question_line_ids.filtered(lambda q: not q.is_practice):
        if made < {n}:
            itv._portal_answer_for(line, 'text')._submit_text({text!r})
            made += 1
    i += 1
env.cr.commit()
print('QUEUED', made, 'AT', time.time())
"""

_RECORDED_ANSWERS = """
import hashlib, io, time
blobs = [open(p, 'rb').read() for p in {paths!r}]
chunk = 1024 * 1024
made = i = 0
start = env['hr.candidate'].search_count([])
while made < {n}:
    itv = ready(start + i, {prefix!r}, False)
    for line in itv.question_line_ids.filtered(lambda q: not q.is_practice):
        if made < {n}:
            data = blobs[made % len(blobs)]
            answer = itv._portal_answer_for(line, 'video')
            upload = env['hr.ai.upload'].browse(answer._upload_init(
                len(data), 'video/webm', chunk, hashlib.sha256(data).hexdigest())['upload_id'])
            for k in range(upload.total_chunks):
                piece = data[k * chunk:(k + 1) * chunk]
                upload._receive_chunk(k, io.BytesIO(piece), hashlib.sha256(piece).hexdigest())
            assert upload._complete()['state'] == 'assembling', upload.state
            upload._job_assemble()  # what the upload's job does, here: every answer queued in one commit
            assert upload.state == 'complete' and answer.state == 'queued', (upload.state, answer.state)
            made += 1
    i += 1
env.cr.commit()
print('QUEUED', made, 'AT', time.time())
"""

_RECORDING = """
itv = ready(env['hr.candidate'].search_count([]), {prefix!r}, False)
lines = itv.question_line_ids.filtered(lambda q: not q.is_practice).sorted('sequence')
lines[:1].write({{'prep_time': 30, 'time_limit': 60}})
lines[1:].unlink()
env.cr.commit()
print('QUEUED', itv.id, itv.access_url, itv.access_token)
"""

def packets_sha256(src):
    """Hash of a media file's packets, per stream: what the candidate recorded, whatever container holds it (the
    upload completion remuxes a browser WebM to give it a duration and cues: the stored bytes differ, the
    packets do not)."""
    import hashlib
    import av
    per = {}
    with av.open(src) as media:
        for packet in media.demux():
            if packet.dts is not None and packet.stream.type in ("video", "audio"):
                per.setdefault(packet.stream.type, hashlib.sha256()).update(bytes(packet))
    return hashlib.sha256("".join(k + per[k].hexdigest() for k in sorted(per)).encode()).hexdigest()


_RECORDING_SHA256 = inspect.getsource(packets_sha256) + """
import hashlib, io, time
deadline = time.time() + 120  # received recordings are stored by their job: wait for it
while env['hr.ai.upload'].search_count([('answer_id.interview_id', '=', {iid}), ('state', '=', 'assembling')]) \\
        and time.time() < deadline:
    env.cr.rollback()
    time.sleep(0.5)
env.invalidate_all()
answers = env['hr.ai.interview'].browse({iid}).answer_ids.filtered(lambda a: not a.is_practice and a.attachment_id)
print('QUEUED', len(answers), *('%s:%s' % (a.sha256, packets_sha256(io.BytesIO(a.attachment_id.raw))) for a in answers))
"""


def odoo_shell(conf, db, script, timeout=900):
    """Run `script` in `odoo shell`; the words printed after its closing QUEUED marker."""
    out = subprocess.run(odoo_cmd(conf, "-d", db, "--no-http", sub="shell"), cwd=REPO, text=True, input=script,
                         capture_output=True, timeout=timeout)
    if "QUEUED" not in out.stdout:
        raise SystemExit("interview setup failed:\n" + out.stdout[-2000:] + out.stderr[-3000:])
    return out.stdout.split("QUEUED")[-1].split()


def queue_text_answers(conf, db, n, prefix="Bench", wecom=False, text=ANSWER):
    """n text answers submitted (and so queued for scoring) in one committed transaction.
    Returns (n, time of the commit)."""
    words = odoo_shell(conf, db, _JOB + _TEXT_ANSWERS.format(n=n, prefix=prefix, wecom=wecom, text=text))
    return int(words[0]), float(words[2])


def queue_recorded_answers(conf, db, n, paths, prefix="Rec"):
    """n recorded answers (the files `paths`, in turn) uploaded through the chunked upload contract and so
    queued for scoring, in one committed transaction. Returns (n, time of the commit)."""
    words = odoo_shell(conf, db, _JOB + _RECORDED_ANSWERS.format(n=n, prefix=prefix, paths=list(paths)))
    return int(words[0]), float(words[2])


def recording_interview(conf, db, prefix="Upload"):
    """One candidate at a single recorded question (30 s to prepare, 60 s to answer).
    Returns (interview id, access url, access token)."""
    iid, url, token = odoo_shell(conf, db, _JOB + _RECORDING.format(prefix=prefix))[:3]
    return int(iid), url, token


def recording_sha256(conf, db, iid):
    """For each stored recording of the interview: 'upload sha256:packets sha256' — the checksum the server
    verified when it assembled the chunks, and the hash of the media packets of the stored ir.attachment."""
    words = odoo_shell(conf, db, _RECORDING_SHA256.replace("{iid}", str(int(iid))))
    return words[1:1 + int(words[0])]
