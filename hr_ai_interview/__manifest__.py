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
    "depends": ["hr_recruitment", "portal", "mail"],
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
    ],
    "demo": [],
    "installable": True,
    "application": False,
}
