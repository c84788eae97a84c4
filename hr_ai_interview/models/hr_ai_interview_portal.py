# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Candidate-side methods of the interview (docs/interview-flow-contract.md). The portal calls them on sudo
records after the portal.mixin token check; errors for the candidate are UserError with a clear message."""
import hashlib
import hmac
import json
import re
import secrets
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..scoring.fusion import RATE_RANGE
from .hr_ai_interview_answer import DONE_STATES

CODE_TTL = timedelta(minutes=10)
CODE_RESEND_AFTER = timedelta(seconds=60)
CODE_MAX_SENDS = 5
# Failed identity checks (wrong name, no code, expired or wrong code) before the check locks; a new code does
# not reset the count, only HR's unlock does.
IDENTITY_MAX_FAILURES = 5


def _norm_name(value):
    return re.sub(r"\s+", "", value or "").casefold()


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    practice_done = fields.Boolean(copy=False, help="The candidate finished or skipped the practice question.")

    # ---------- landing ----------
    def _portal_words(self):
        """Answers in English are measured in words, in Chinese in characters (the scorer's unit); the answer's
        language is the one the feedback report uses."""
        return self._ai_candidate_lang() == "en_US"

    def _portal_pace(self):
        """The pace the scorer calls comfortable (fusion.RATE_RANGE), in the unit of the answer's language and
        the words of the page's: one source for the landing tip, the question hint and the written answer."""
        lo, hi = (int(v) for v in RATE_RANGE["en" if self._portal_words() else "zh"])
        if self._portal_words():
            return _("%(lo)s–%(hi)s words per minute", lo=lo, hi=hi)
        return _("%(lo)s–%(hi)s characters per minute", lo=lo, hi=hi)

    def _portal_unit(self):
        return _("words") if self._portal_words() else _("characters")

    def _portal_length_hint(self):
        return _("— about %(pace)s of answer time is a good length.", pace=self._portal_pace())

    def _portal_pace_hint(self):
        return _("Aim for %(pace)s: calm and clear.", pace=self._portal_pace())

    def _portal_tips(self):
        """Answering tips in the page's language (this env's), not the interview's: they follow a switch."""
        return [_("Answer with concrete cases and figures (e.g. “conversion went up 12%”)."),
                _("Speak at a steady pace (about %(pace)s) with natural pauses.", pace=self._portal_pace()),
                _("Structure: conclusion first, then the supporting points, then a short summary."),
                _("Choose a quiet, well-lit room and face the camera.")]

    def _portal_guide(self):
        self.ensure_one()
        lang = self.language
        real = self.question_line_ids.filtered(lambda q: not q.is_practice).sorted(lambda q: (q.sequence, q.id))
        rubric = self._rubric()
        return {
            "job": self._portal_job_title(),
            "company": self._portal_brand().name,
            "language": lang,
            "state": self.state,
            "dimensions": [{"name": d["name"], "weight": d.get("weight", 0), "description": d.get("description", "")}
                           for d in rubric.get("dimensions", [])],
            "tips": self._portal_tips(),
            "questions_count": len(real),
            "time_limits": [{"sequence": i, "time_limit": q.time_limit, "prep_time": q.prep_time,
                             "max_retakes": q.max_retakes, "answer_mode": q.answer_mode}
                            for i, q in enumerate(real, start=1)],
            "total_minutes": round(sum(q.time_limit + q.prep_time for q in real) / 60.0),
            "practice": bool(self.question_line_ids.filtered("is_practice")),
            "deadline": fields.Datetime.to_string(self.deadline) if self.deadline else None,
            "deadline_display": self.deadline_display,
            "scheduled_display": self.scheduled_display,
            "steps": ["identity", "practice", "questions", "submit"],
            "retention_days": self.company_id.ai_retention_days,
            "consent_version": self._portal_brand().consent_version,
            "policy": self.policy,
        }

    # ---------- consent ----------
    def _check_open(self):
        """Every candidate write goes through here: the interview must be open and before its deadline (the
        expiry cron may not have run yet)."""
        self.ensure_one()
        if self.state not in ("invited", "in_progress"):
            raise UserError(_("This interview is no longer open."))
        if self.deadline and fields.Datetime.now() > self.deadline:
            raise UserError(_("The deadline of this interview has passed: answers can no longer be sent."))

    def _portal_give_consent(self, ip=None, user_agent=None, text_version=None):
        self.ensure_one()
        self._check_open()
        self.write({"consent_state": "given", "consent_at": fields.Datetime.now(), "consent_ip": (ip or "")[:64],
                    "consent_user_agent": (user_agent or "")[:512],
                    "consent_text_version": text_version or self.company_id.ai_consent_version,
                    "state": "in_progress"})
        self._ai_audit("consent", new="given", detail=text_version)
        return True

    def _portal_decline_consent(self, note=None):
        self.ensure_one()
        self._check_open()
        self.consent_state = "declined"
        self._ai_audit("consent", new="declined")
        summary = _("%s requested a human interview", self.candidate_name or _("The candidate"))
        # the candidate's words are plain text for HR: escaped, never markup or links
        note_html = Markup("<p>%s</p>") % Markup("<br/>").join(note.splitlines()) if note else False
        self.activity_schedule("mail.mail_activity_data_todo", summary=summary, note=note_html,
                               user_id=(self.user_id or self.env.ref("base.user_admin")).id)
        self.message_post(body=_("The candidate declined the AI interview and asked for a human interview.%s",
                                 (" — %s" % note) if note else ""), subtype_xmlid="mail.mt_note")
        return True

    # ---------- identity: name + one-time code sent by email ----------
    # (the last digits of a phone number were dropped as a method: 10,000 values are guessed in minutes)
    def _identity_hash(self, code):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return hmac.new(secret.encode(), ("%s:%s" % (self.id, code)).encode(), hashlib.sha256).hexdigest()

    def _identity_lock_row(self):
        """Serialise identity checks of one interview: parallel guesses each see the previous one's count
        (a concurrent update makes this request retry with fresh data)."""
        self.env.cr.execute("SELECT id FROM hr_ai_interview WHERE id = %s FOR UPDATE", [self.id])
        self.invalidate_recordset()

    def _identity_locked(self):
        return self.sudo().identity_code_attempts >= IDENTITY_MAX_FAILURES

    def _portal_send_identity_code(self):
        self.ensure_one()
        self._check_open()
        rec = self.sudo()
        rec._identity_lock_row()
        now = fields.Datetime.now()
        if rec._identity_locked():
            raise UserError(_("Too many failed attempts: the identity check is locked. Please contact the "
                              "recruiter."))
        if not rec.email:
            raise UserError(_("No email address is on file: please contact the recruiter."))
        if rec.identity_code_sent_at and now - rec.identity_code_sent_at < CODE_RESEND_AFTER:
            raise UserError(_("A code was just sent. Please wait a minute before asking for a new one."))
        if rec.identity_code_sends >= CODE_MAX_SENDS:
            raise UserError(_("Too many codes were requested. Please contact the recruiter."))
        code = "%06d" % secrets.randbelow(10 ** 6)
        rec.write({"identity_code_hash": rec._identity_hash(code), "identity_code_expires": now + CODE_TTL,
                   "identity_code_sent_at": now, "identity_code_sends": rec.identity_code_sends + 1})
        template = self.env.ref("hr_ai_interview.mail_template_ai_interview_identity_code")
        # a user notification never shows in the interview's chatter and only its recipient may read it;
        # the template's auto_delete removes the mail (and its message) once sent
        template.with_context(identity_code=code).sudo().send_mail(
            self.id, force_send=True, email_values={"message_type": "user_notification", "is_notification": False})
        name, _at, domain = (rec.email or "").partition("@")
        return {"sent_to": "%s***@%s" % (name[:2], domain)}

    def _identity_fail(self, message):
        """Count a failed check (the portal catches the UserError and commits the count), lock at the limit."""
        rec = self.sudo()
        rec.identity_code_attempts += 1
        self._ai_audit("identity", new="failed", detail="attempt %s" % rec.identity_code_attempts)
        if rec._identity_locked():
            rec.identity_code_hash = False
            self.message_post(body=_("The identity check was locked after %s failed attempts.",
                                     rec.identity_code_attempts), subtype_xmlid="mail.mt_note")
            raise UserError(_("Too many failed attempts: the identity check is locked. Please contact the "
                              "recruiter."))
        raise UserError(message)

    def _portal_verify_identity(self, name, code):
        self.ensure_one()
        self._check_open()
        rec = self.sudo()
        rec._identity_lock_row()
        if rec._identity_locked():
            raise UserError(_("Too many failed attempts: the identity check is locked. Please contact the "
                              "recruiter."))
        code = re.sub(r"\s+", "", code or "")
        if not name or _norm_name(name) != _norm_name(rec.candidate_name):
            self._identity_fail(_("The name does not match the application. Enter it as on your application."))
        if not rec.identity_code_hash:
            self._identity_fail(_("Please request a code first."))
        if rec.identity_code_expires and fields.Datetime.now() > rec.identity_code_expires:
            self._identity_fail(_("This code has expired. Please request a new one."))
        if not hmac.compare_digest(rec._identity_hash(code), rec.identity_code_hash):
            left = IDENTITY_MAX_FAILURES - rec.identity_code_attempts - 1
            self._identity_fail(_("The code is not correct (%s attempt(s) left).", max(0, left)))
        rec.write({"identity_verified": True, "identity_method": "email_code", "identity_code_attempts": 0,
                   "identity_verified_at": fields.Datetime.now(), "identity_code_hash": False})
        self._ai_audit("identity", new="verified", detail="email_code")
        return True

    def action_identity_unlock(self):
        """HR: allow the candidate to try again after a lockout (logged)."""
        self.check_access("write")
        for interview in self:
            interview.sudo().write({"identity_code_attempts": 0, "identity_code_sends": 0,
                                    "identity_code_hash": False})
            interview.message_post(body=_("Identity check unlocked by %s.", self.env.user.name),
                                   subtype_xmlid="mail.mt_note")
            interview._ai_audit("identity", new="unlocked")
        return True

    # ---------- device check ----------
    def _portal_record_device_check(self, data):
        self.ensure_one()
        self._check_open()
        data = dict(data or {})
        text_mode = bool(data.get("text_mode")) or not (data.get("camera") and data.get("microphone"))
        # the controller keeps known keys only; a long client string is cut, the record stays valid JSON
        data = {k: v[:500] if isinstance(v, str) else v for k, v in data.items()}
        data["checked_at"] = fields.Datetime.to_string(fields.Datetime.now())
        self.write({"device_check": json.loads(json.dumps(data, default=str)), "text_mode": text_mode})
        return {"text_mode": text_mode}

    def _portal_skip_practice(self):
        self.ensure_one()
        self._check_open()
        self.practice_done = True
        return True

    # ---------- what the pages read ----------
    # Reading one field loads every prefetchable column of the row (72 on the interview and 71 on the company:
    # results, JSON snapshots, mail and activity fields; the engine result on each answer), and each one2many
    # costs a query for the ids and another for the rows. The candidate pages read these few fields, loaded
    # up front in one query: three narrow searches (interview, questions, answers) cost 0.86 ms of a 4.5 ms
    # page, a third of it building the SQL.
    @api.model
    def _portal_page_fields(self):
        return ["access_token", "state", "consent_state", "deadline", "identity_verified", "device_check",
                "practice_done", "text_mode", "language", "name", "company_id", "job_id"]

    _PORTAL_LINE_FIELDS = ["interview_id", "sequence", "name", "time_limit", "prep_time", "max_retakes",
                           "answer_mode", "is_practice"]
    _PORTAL_ANSWER_FIELDS = ["question_line_id", "is_current", "attempt", "state", "mode", "text_answer",
                             "draft_notes"]

    @api.model
    def _portal_fetch(self, interview_id):
        """The interview `interview_id` (empty when there is none) with its questions and answers in cache, from
        one query: the questions and the answers come as JSON arrays of their plain columns (integers, texts,
        selections, booleans: JSON keeps them as the ORM reads them), in the models' _order within one
        interview. Only untranslated stored columns: a translated one would need its language picked here."""
        Line, Answer = self.env["hr.ai.interview.question"], self.env["hr.ai.interview.answer"]

        def rows(model, fnames, order):
            def col(fname):  # pending writes of the columns read, ordered or filtered on are flushed first
                return SQL.identifier("t", fname, to_flush=model._fields[fname])
            return SQL("(SELECT COALESCE(json_agg(json_build_array(%s) ORDER BY %s), '[]') FROM %s t"
                       " WHERE %s = %s)", SQL(", ").join(col(f) for f in ["id", *fnames]),
                       SQL(", ").join(col(f) for f in order), SQL.identifier(model._table), col("interview_id"),
                       SQL.identifier(self._table, "id"))
        own = [self._fields[f] for f in self._portal_page_fields()]
        found = self.env.execute_query(SQL(
            "SELECT %s, %s, %s FROM %s WHERE %s = %s",
            SQL(", ").join(SQL.identifier(self._table, f.name, to_flush=f) for f in own),
            rows(Line, self._PORTAL_LINE_FIELDS, ["sequence", "id"]),
            rows(Answer, self._PORTAL_ANSWER_FIELDS, ["question_sequence", "attempt", "id"]),
            SQL.identifier(self._table), SQL.identifier(self._table, "id"), interview_id))
        if not found:
            return self.browse()
        *values, line_rows, answer_rows = found[0]
        interview, cache = self.browse(interview_id), self.env.cache
        for field, value in zip(own, values):
            cache.insert_missing(interview, field, [value])
        lines = self._portal_cache_rows(Line, self._PORTAL_LINE_FIELDS, line_rows)
        answers = self._portal_cache_rows(Answer, self._PORTAL_ANSWER_FIELDS, answer_rows)
        # stored as the one2many values, the way One2many.read stores what it searched
        by_line = defaultdict(list)
        for answer in answers:
            by_line[answer.question_line_id.id].append(answer.id)
        cache.insert_missing(interview, self._fields["question_line_ids"], [lines._ids])
        cache.insert_missing(interview, self._fields["answer_ids"], [answers._ids])
        cache.insert_missing(lines, Line._fields["answer_ids"], [tuple(by_line[i]) for i in lines._ids])
        return interview

    @api.model
    def _portal_cache_rows(self, model, fnames, rows):
        records = model.browse([row[0] for row in rows])
        for index, fname in enumerate(fnames, start=1):
            self.env.cache.insert_missing(records, model._fields[fname], [row[index] for row in rows])
        return records

    def _portal_brand(self):
        """The company as the pages show it (name, logo, consent version): cached per worker."""
        return self.env["res.company"]._ai_portal_brand(self.company_id.id or self.env.company.id)

    def _portal_job_title(self):
        """The heading of the pages: the job's name in the page's language (cached), else the interview's."""
        return (self.job_id and self.env["hr.job"]._ai_portal_name(self.job_id.id)) or self.name

    # ---------- questions ----------
    def _portal_next_step(self):
        self.ensure_one()
        if self.state in ("scoring", "scored"):
            return "done"
        if self.state not in ("invited", "in_progress") or self.consent_state == "declined":
            return "closed"
        if self.env.context.get("hr_ai_candidate") and self._portal_deadline_passed():
            return "closed"  # the candidate's view: the expiry cron may not have run yet
        if self.consent_state != "given":
            return "consent"
        if not self.identity_verified:
            return "identity"
        if not self.device_check:
            return "device"
        practice = self.question_line_ids.filtered("is_practice")
        if practice and not self.practice_done and not practice.answer_ids.filtered(
                lambda a: a.state in DONE_STATES):
            return "practice"
        for line in self.question_line_ids.filtered(lambda q: not q.is_practice):
            if line._current_answer().state not in DONE_STATES:
                return "question"
        return "submit"

    def _portal_answer_for(self, question_line, mode):
        """The current attempt of `question_line`; a new attempt when the current one was sent and a retake
        is left (attempts = 1 + max_retakes)."""
        self.ensure_one()
        self._check_open()
        if question_line.interview_id != self:
            raise UserError(_("This question does not belong to your interview."))
        if self.consent_state != "given":
            raise UserError(_("Please give your consent before answering."))
        mode = mode if mode in ("video", "audio", "text") else question_line.answer_mode
        current = question_line._current_answer()
        if current and current.state not in DONE_STATES:
            if current.mode != mode and current.state == "pending":
                current.mode = mode
            return current
        if current:
            if current.attempt >= question_line.max_retakes + 1:
                raise UserError(_("No retake is left for this question."))
            if current.state in ("queued", "scoring"):
                current.write({"state": "uploaded", "input_key": False})  # its queued job becomes a no-op
            current.is_current = False
        if self.state == "invited":
            self.state = "in_progress"
        return self.env["hr.ai.interview.answer"].sudo().create({
            "interview_id": self.id, "question_line_id": question_line.id, "mode": mode,
            "attempt": (current.attempt + 1) if current else 1})

    def _portal_deadline_passed(self):
        return bool(self.deadline and fields.Datetime.now() > self.deadline)

    def _portal_submit(self, at_deadline=False):
        """The candidate's submit; the expiry cron submits complete interviews at the deadline too."""
        self.ensure_one()
        if self.state in ("scoring", "scored"):
            return {"state": self.state}
        if at_deadline:
            if self.state not in ("invited", "in_progress"):
                raise UserError(_("This interview is no longer open."))
        else:
            self._check_open()
        if self.consent_state != "given" or not self.identity_verified:
            raise UserError(_("Please give your consent and verify your identity first."))
        missing = [line for line in self.question_line_ids.filtered(lambda q: not q.is_practice)
                   if line._current_answer().state not in DONE_STATES]
        if missing:
            raise UserError(_("Please answer every question before submitting (%s missing).", len(missing)))
        if self._ai_scoring_suspended():  # human review only, nothing is queued (hr_ai_oversight.py)
            self.write({"state": "human_review", "submitted_at": fields.Datetime.now()})
            self.message_post(body=_("The candidate submitted the AI interview. AI scoring is suspended: the "
                                     "answers await human review."), subtype_xmlid="mail.mt_note")
            self._notify_wechat("received")
            return {"state": self.state}
        self.write({"state": "scoring", "submitted_at": fields.Datetime.now()})
        self._current_answers().filtered(lambda a: a.state == "uploaded")._enqueue_scoring()
        self.message_post(body=_("The candidate submitted the AI interview."), subtype_xmlid="mail.mt_note")
        self._notify_wechat("received")
        self._finalize_if_complete()
        return {"state": self.state}
