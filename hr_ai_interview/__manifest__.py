# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "AI Interview (Recruitment)",
    "summary": "Remote asynchronous AI interviews in Odoo Recruitment: rubrics, "
    "portal interviews, explainable multimodal scoring, hiring and feedback reports",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Recruitment",
    "license": "LGPL-3",
    "author": "hr_ai_interview contributors",
    "website": "https://example.invalid/hr_ai_interview",
    "depends": ["hr_recruitment", "portal", "mail", "queue_job"],
    "external_dependencies": {
        "python": [
            "cv2",
            "librosa",
            "jieba",
            "sklearn",
            "wechatpy",
            "reportlab",
            "av",
        ],
    },
    "data": [
        "security/hr_ai_interview_security.xml",
        "security/ir.model.access.csv",
        "data/hr_ai_competency_data.xml",
        "views/hr_ai_rubric_dimension_views.xml",
        "views/hr_ai_question_views.xml",
        "views/hr_ai_competency_views.xml",
        "views/hr_job_views.xml",
        "wizard/hr_ai_rubric_suggest_views.xml",
        "views/portal_ai_layout_templates.xml",
        "views/portal_ai_templates.xml",
        "views/portal_ai_question_templates.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "hr_ai_interview/static/src/css/hrai_portal.css",
            "hr_ai_interview/static/src/js/**/*",
        ],
    },
    "demo": [
        "demo/hr_ai_interview_demo.xml",
    ],
    "installable": True,
    "application": False,
}
