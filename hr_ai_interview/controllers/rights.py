# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Candidate rights after submission (self-identification, explanation, human review), the separate
face/voice consent box, and the model card page. Token (bound to the session) only, like every candidate page."""
from odoo.exceptions import UserError, ValidationError
from odoo.http import request, route

from . import common
from .portal import PAGE, AiInterviewPortal

SELFID_PREFIX = "selfid_"


class AiInterviewRights(AiInterviewPortal):

    @route()
    def ai_interview_consent(self, interview_id, access_token=None, decision=None, note=None, **kw):
        if request.httprequest.method == "POST" and decision == "accept":
            # the separate face/voice box (shown under the Full policy) travels with the consent
            request.update_context(ai_biometric=bool(kw.get("biometric")))
        return super().ai_interview_consent(interview_id, access_token=access_token, decision=decision,
                                            note=note, **kw)

    def _ai_rights_page(self, interview_id):
        interview = common.get_interview(interview_id, common.session_token(interview_id))
        common.apply_candidate_lang(interview)
        return interview

    @route(["/ai-interview/<int:interview_id>/self-id"], **PAGE, methods=["POST"])
    def ai_interview_self_id(self, interview_id, **kw):
        interview = self._ai_rights_page(interview_id)
        if not interview:
            return self._ai_not_found()
        answers = {k[len(SELFID_PREFIX):]: v for k, v in kw.items() if k.startswith(SELFID_PREFIX)}
        try:
            interview._portal_save_self_id(answers)
        except (UserError, ValidationError) as exc:
            return self._ai_render("hr_ai_interview.portal_ai_done", interview, "done", status=400,
                                   error=common.user_error_message(exc))
        return request.redirect(self._ai_url(interview, "/done"))

    @route(["/ai-interview/<int:interview_id>/request/<string:kind>"], **PAGE, methods=["POST"])
    def ai_interview_request(self, interview_id, kind, **kw):
        interview = self._ai_rights_page(interview_id)
        if not interview:
            return self._ai_not_found()
        try:
            interview._portal_request_right(kind)
        except (UserError, ValidationError) as exc:
            return self._ai_render("hr_ai_interview.portal_ai_done", interview, "done", status=400,
                                   error=common.user_error_message(exc))
        return request.redirect(self._ai_url(interview, "/done"))

    @route(["/ai-interview/model-card"], **PAGE)
    def ai_interview_model_card(self, interview=None, **kw):
        """Public: what the engine measures and never does. With the candidate's session, the policy and
        consent version of their interview."""
        record = None
        if interview and str(interview).isdigit():
            record = self._ai_rights_page(int(interview))
        common.apply_candidate_lang(record)
        card = (record or request.env["hr.ai.interview"].sudo()).with_context(lang=request.env.lang)._ai_model_card()
        return request.render("hr_ai_interview.portal_ai_model_card",
                              {"card": card, "interview": record, "no_breadcrumbs": True})
