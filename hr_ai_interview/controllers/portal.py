# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Candidate pages of an AI interview: public routes authenticated by the interview's token only. The link
(`/ai-interview/<id>?access_token=...`) binds the token to the browser's session and redirects to clean URLs,
so no later URL, Referer or log line carries it. Plus `/my/ai-interviews` for logged-in portal users."""
from urllib.parse import urlencode

from odoo import _
from odoo.exceptions import UserError, ValidationError
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal

from . import common, wechat

DEFAULT_CONSENT_VERSION = "2025-01"
# Candidate pages: token (bound to the session) only; no URL language prefix, the page picks the candidate's
# language itself (common.candidate_lang), with or without a website.
PAGE = dict(type="http", auth="public", website=True, multilang=False, sitemap=False)


class AiInterviewPortal(CustomerPortal):

    # ------------------------------------------------------------------ /my
    def _my_ai_interviews(self):
        # Explicit partner domain on sudo: the list must show the user's own interviews whatever
        # record rules other groups of the user bring.
        partner = request.env.user.partner_id
        return request.env[common.MODEL].sudo().search(
            [("partner_id", "=", partner.id), ("state", "!=", "draft")], order="create_date desc")

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "ai_interview_count" in counters:
            values["ai_interview_count"] = len(self._my_ai_interviews())
        return values

    @route(["/my/ai-interviews"], type="http", auth="user", website=True)
    def portal_my_ai_interviews(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(interviews=self._my_ai_interviews(), page_name="ai_interviews")
        return request.render("hr_ai_interview.portal_my_ai_interviews", values)

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _ai_url(interview, suffix="", **params):
        params = {k: v for k, v in params.items() if v}
        return f"/ai-interview/{interview.id}{suffix}" + (f"?{urlencode(params)}" if params else "")

    def _ai_clean_redirect(self, interview):
        """After the token of the link was bound to the session: the same page without the token."""
        args = [(k, v) for k, v in request.httprequest.args.items(multi=True) if k != "access_token"]
        return request.redirect(request.httprequest.path + (f"?{urlencode(args)}" if args else ""))

    def _ai_render(self, template, interview, step, status=200, with_guide=False, **values):
        # the guide (rubric, localized deadline) costs ~25 ms: only the pages that show it compute it
        guide = interview._portal_guide() if interview and with_guide else {}
        device = (interview.device_check or {}) if interview else {}
        path = request.httprequest.path
        lang_links = [{"code": code, "name": name, "active": code == request.env.lang,
                       "url": f"{path}?{urlencode({'lang': code})}"}
                      for code, name in request.env["res.lang"].get_installed()]
        values.update(interview=interview, guide=guide, step=step, steps=common.STEPS[:-1],
                      step_index=common.step_index(step), device=device, lang_links=lang_links,
                      ai_url=lambda suffix="", **p: self._ai_url(interview, suffix, **p),
                      consent_version=self._ai_consent_version(interview), no_breadcrumbs=True)
        return request.render(template, values, status=status)

    @staticmethod
    def _ai_consent_version(interview):
        return (interview and interview._portal_brand().consent_version) or DEFAULT_CONSENT_VERSION

    def _ai_not_found(self):
        return request.render("hr_ai_interview.portal_ai_not_found", {"no_breadcrumbs": True}, status=404)

    def _ai_page(self, interview_id, access_token, step):
        """(interview, response): response is set when the page must not be rendered as asked
        (wrong token, closed interview, step not reached yet)."""
        interview = common.get_interview(interview_id, access_token or common.session_token(interview_id),
                                         with_questions=True)
        common.apply_candidate_lang(interview)
        if not interview:
            return None, self._ai_not_found()
        # records read through the interview (self-identification questions, …) in the page's language too
        interview = interview.with_context(lang=request.env.lang)
        if access_token:
            common.bind_session(interview)
            if request.httprequest.method == "GET":
                return interview, self._ai_clean_redirect(interview)
        nxt = interview._portal_next_step()
        if nxt == "closed":
            return interview, self._ai_render("hr_ai_interview.portal_ai_closed", interview, "closed")
        if step is None:
            return interview, None
        if nxt == "done" and step != "done":
            return interview, request.redirect(self._ai_url(interview, "/done"))
        # Practice is optional, so the questions open as soon as the device check is done.
        reached = common.step_index(nxt) >= common.step_index("practice" if step == "question" else step)
        if not reached:
            return interview, request.redirect(self._ai_url(interview, f"/{nxt}"))
        return interview, None

    # ------------------------------------------------------------------ pages
    @route(["/ai-interview/<int:interview_id>"], **PAGE)
    def ai_interview_landing(self, interview_id, access_token=None, **kw):
        interview, response = self._ai_page(interview_id, access_token, None)
        if response:
            return response
        response = wechat.oauth_redirect(interview)  # inside WeChat: learn the openid first (once)
        if response:
            return response
        return self._ai_render("hr_ai_interview.portal_ai_landing", interview, "landing", with_guide=True,
                               next_step=interview._portal_next_step())

    @route(["/ai-interview/<int:interview_id>/next"], **PAGE)
    def ai_interview_next(self, interview_id, access_token=None, tz=None, **kw):
        interview, response = self._ai_page(interview_id, access_token, None)
        if response:
            return response
        interview._portal_report_browser_tz(tz)  # from the guide's start link (hrai_landing.js)
        return request.redirect(self._ai_url(interview, f"/{interview._portal_next_step()}"))

    @route(["/ai-interview/<int:interview_id>/consent"], **PAGE, methods=["GET", "POST"])
    def ai_interview_consent(self, interview_id, access_token=None, decision=None, note=None, **kw):
        interview, response = self._ai_page(interview_id, access_token, "consent")
        if response:
            return response
        if request.httprequest.method == "POST":
            try:
                if decision == "accept":
                    interview._portal_give_consent(request.httprequest.remote_addr,
                                                   request.httprequest.user_agent.string[:500],
                                                   self._ai_consent_version(interview))
                    return request.redirect(self._ai_url(interview, "/next"))
                if decision == "decline":
                    interview._portal_decline_consent((note or "").strip()[:2000])
                    return self._ai_render("hr_ai_interview.portal_ai_declined", interview, "consent")
            except (UserError, ValidationError) as exc:
                return self._ai_render("hr_ai_interview.portal_ai_consent", interview, "consent", with_guide=True,
                                       error=common.user_error_message(exc))
        if interview.consent_state == "declined":
            return self._ai_render("hr_ai_interview.portal_ai_declined", interview, "consent")
        return self._ai_render("hr_ai_interview.portal_ai_consent", interview, "consent", with_guide=True)

    @route(["/ai-interview/<int:interview_id>/identity"], **PAGE, methods=["GET", "POST"])
    def ai_interview_identity(self, interview_id, access_token=None, action=None, name=None, code=None, **kw):
        interview, response = self._ai_page(interview_id, access_token, "identity")
        if response:
            return response
        values = {"name": name or ""}
        if request.httprequest.method == "POST":
            try:
                if action == "send":
                    interview._portal_send_identity_code()
                    values["info"] = _("We sent a 6-digit code to your email address. It is valid for a few "
                                       "minutes; check your spam folder if it does not arrive.")
                    values["code_sent"] = True
                else:
                    interview._portal_verify_identity((name or "").strip(), (code or "").strip())
                    return request.redirect(self._ai_url(interview, "/next"))
            except (UserError, ValidationError) as exc:
                values.update(error=common.user_error_message(exc), code_sent=action != "send")
        return self._ai_render("hr_ai_interview.portal_ai_identity", interview, "identity", **values)

    @route(["/ai-interview/<int:interview_id>/device"], **PAGE)
    def ai_interview_device(self, interview_id, access_token=None, **kw):
        interview, response = self._ai_page(interview_id, access_token, "device")
        return response or self._ai_render("hr_ai_interview.portal_ai_device", interview, "device")

    @route(["/ai-interview/<int:interview_id>/practice"], **PAGE)
    def ai_interview_practice(self, interview_id, access_token=None, **kw):
        interview, response = self._ai_page(interview_id, access_token, "practice")
        if response:
            return response
        line = common.practice_question(interview)
        if not line:
            return request.redirect(self._ai_url(interview, "/question"))
        return self._ai_render("hr_ai_interview.portal_ai_question", interview, "practice", line=line,
                               mode=self._ai_mode(interview, line, kw.get("mode")), practice=True,
                               number=0, total=len(common.real_questions(interview)),
                               current=line._current_answer(), attempts_left=common.attempts_left(line))

    @route(["/ai-interview/<int:interview_id>/practice/skip"], **PAGE, methods=["POST"])
    def ai_interview_practice_skip(self, interview_id, access_token=None, **kw):
        interview, response = self._ai_page(interview_id, access_token, "practice")
        if response:
            return response
        interview._portal_skip_practice()
        return request.redirect(self._ai_url(interview, "/next"))

    def _ai_mode(self, interview, line, wanted=None):
        """video / audio / text for this question: the question's mode, downgraded to text when the
        device check found no camera/microphone, or when the candidate chose text (accessibility)."""
        device = interview.device_check or {}
        # policy "text-only" limits what is analysed (the transcript), not how the candidate answers
        if wanted == "text" or line.answer_mode == "text" or interview.text_mode or device.get("text_mode"):
            return "text"
        if line.answer_mode == "audio" or device.get("camera") is False:
            return "audio"
        return "video"

    @route(["/ai-interview/<int:interview_id>/question"], **PAGE)
    def ai_interview_question(self, interview_id, access_token=None, line=None, mode=None, **kw):
        interview, response = self._ai_page(interview_id, access_token, "question")
        if response:
            return response
        lines = list(common.real_questions(interview))
        pending = [q for q in lines if not common.line_done(interview, q)]
        current = pending[0] if pending else None
        if line:  # revisit an answered question (retake) — only real questions of this interview
            current = next((q for q in lines if str(q.id) == str(line)), current)
        if not current:
            return request.redirect(self._ai_url(interview, "/submit"))
        later = [q for q in pending if q != current]
        return self._ai_render("hr_ai_interview.portal_ai_question", interview, "question", line=current,
                               mode=self._ai_mode(interview, current, mode), practice=False,
                               number=lines.index(current) + 1, total=len(lines),
                               question_label=_("Question %(number)s of %(total)s",
                                                number=lines.index(current) + 1, total=len(lines)),
                               current=current._current_answer(), attempts_left=common.attempts_left(current),
                               next_line=later[0] if later else None)

    @route(["/ai-interview/<int:interview_id>/submit"], **PAGE, methods=["GET", "POST"])
    def ai_interview_submit(self, interview_id, access_token=None, **kw):
        interview, response = self._ai_page(interview_id, access_token, "question")
        if response:
            return response
        error = None
        if request.httprequest.method == "POST":
            try:
                interview._portal_submit()
                return request.redirect(self._ai_url(interview, "/done"))
            except (UserError, ValidationError) as exc:
                error = common.user_error_message(exc)
        rows = [{"line": q, "done": common.line_done(interview, q), "attempts_left": common.attempts_left(q)}
                for q in common.real_questions(interview)]
        return self._ai_render("hr_ai_interview.portal_ai_submit", interview, "submit", rows=rows, error=error,
                               all_done=all(r["done"] for r in rows))

    @route(["/ai-interview/<int:interview_id>/erase"], **PAGE, methods=["POST"])
    def ai_interview_erase(self, interview_id, access_token=None, **kw):
        """The candidate's "delete my data" request; allowed in every state (closed interviews too)."""
        interview = common.get_interview(interview_id, access_token or common.session_token(interview_id))
        if not interview:
            return self._ai_not_found()
        interview._portal_request_erasure()
        return self._ai_render("hr_ai_interview.portal_ai_closed", interview, "closed")

    @route(["/ai-interview/<int:interview_id>/done"], **PAGE)
    def ai_interview_done(self, interview_id, access_token=None, **kw):
        interview, response = self._ai_page(interview_id, access_token, "done")
        if response:
            return response
        due, days = interview._portal_review_due()
        who = [_("The recruiting team of %(company)s for the position %(job)s reviews them.",
                 company=interview._portal_brand().name, job=interview._portal_job_title())]
        if interview.user_id:
            who.append(_("Your contact: %s.", interview.user_id.name))
        when = _("Within %(days)s days, by %(date)s, you receive an email with the decision on the next step and "
                 "your personal feedback report (what went well and what to improve, per question).",
                 days=days, date=due)
        review = interview._portal_requests().get("human_review")  # the candidate's request, with its status
        requested = review and _("Your request for a human review: %s",
                                 interview._portal_request_status(review))
        return self._ai_render("hr_ai_interview.portal_ai_done", interview, "done", who=who, when=when,
                               human_requested=requested)

    @route(["/ai-interview/<int:interview_id>/human-review"], **PAGE, methods=["POST"])
    def ai_interview_human_review(self, interview_id, access_token=None, note=None, **kw):
        interview, response = self._ai_page(interview_id, access_token, "done")
        if response:
            return response
        interview._portal_request_human_review(note if isinstance(note, str) else None)  # truncated there
        return request.redirect(self._ai_url(interview, "/done"))
