# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Report downloads: the candidate's feedback PDF (portal token) and the HR hiring report PDF (logged-in HR)."""
from urllib.parse import quote

from odoo.exceptions import AccessError
from odoo.http import request, route
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import CustomerPortal

from . import common

MODEL = "hr.ai.interview"
HR_GROUP = "hr_recruitment.group_hr_recruitment_user"


def _pdf_response(pdf, filename):
    return request.make_response(pdf, headers=[
        ("Content-Type", "application/pdf"), ("Content-Length", str(len(pdf))),
        ("Content-Disposition", "attachment; filename*=UTF-8''%s" % quote(filename)),
        ("Cache-Control", "no-store"), ("X-Robots-Tag", "noindex")])


class AiInterviewReportDownload(CustomerPortal):

    @route(["/ai-interview/<int:interview_id>/report.pdf"], type="http", auth="public", sitemap=False)
    def ai_interview_feedback_pdf(self, interview_id, access_token=None, **kw):
        """Only the report link's own token gets the report (not the interview's), and only once HR approved
        it and while the link is valid; everything else is a plain 404 (no hint that the interview exists)."""
        common.secure_headers()
        interview = request.env[MODEL].sudo().browse(interview_id).exists()
        token = interview.feedback_access_token if interview else None
        if not (token and isinstance(access_token, str) and consteq(token, access_token)):
            return request.not_found()
        if not interview._ai_feedback_available():
            return request.not_found()
        att = interview.feedback_attachment_id.sudo()
        return _pdf_response(att.raw, att.name or "report.pdf")

    @route(["/ai-interview/hr/<int:interview_id>/hiring-report.pdf"], type="http", auth="user", sitemap=False)
    def ai_interview_hiring_pdf(self, interview_id, **kw):
        if not request.env.user.has_group(HR_GROUP):
            return request.not_found()
        interview = request.env[MODEL].browse(interview_id).exists()
        try:
            interview.check_access("read")
        except AccessError:
            return request.not_found()
        if not interview:
            return request.not_found()
        pdf = interview._render_hiring_pdf()
        return _pdf_response(pdf, "hiring-report-%s.pdf" % interview.id)
