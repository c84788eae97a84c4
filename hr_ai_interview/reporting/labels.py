"""Bilingual (zh_CN / en_US) labels for the PDF reports. Unknown languages fall back to zh_CN's sibling en_US
only when they start with 'en', otherwise zh_CN: the product's default audience is Chinese-speaking."""

LANGS = ("zh_CN", "en_US")

LABELS = {
    # candidate feedback
    "fb_title": ("面试反馈报告", "Interview Feedback Report"),
    "candidate": ("候选人", "Candidate"),
    "job": ("应聘职位", "Position"),
    "date": ("面试日期", "Interview date"),
    "company": ("公司", "Company"),
    "fb_intro": ("感谢你参加本次视频面试。以下是根据你的回答整理的个人反馈，希望对你有所帮助。",
                 "Thank you for taking part in this video interview. Below is personal feedback based on your "
                 "answers; we hope you find it useful."),
    "results": ("各维度表现", "Results by competency"),
    "overall": ("综合得分", "Overall score"),
    "dimension": ("维度", "Competency"),
    "score": ("得分", "Score"),
    "level": ("水平", "Level"),
    "strengths": ("你的优势", "Your strengths"),
    "improvements": ("可以提升的方面", "Areas to develop"),
    "suggestion": ("建议", "Suggestion"),
    "your_words": ("你的回答", "You said"),
    "speech": ("语速", "Speaking pace"),
    "speech_unit": ("字/分", "chars/min"),
    "speech_band": ("建议区间", "Recommended range"),
    "speech_slow": ("你的语速偏慢，可以更紧凑地组织语言，让回答更有节奏感。",
                    "Your pace was on the slow side; tighter phrasing would give your answers more momentum."),
    "speech_ok": ("你的语速适中，听起来清晰从容。", "Your pace was comfortable, clear and easy to follow."),
    "speech_fast": ("你的语速偏快，可以适当停顿，让重点更突出。",
                    "Your pace was on the fast side; short pauses would make key points stand out."),
    "next_steps": ("下一步建议", "Next steps"),
    "about": ("关于本报告", "About this report"),
    "about_text": ("本报告由 AI 辅助分析生成，并经招聘团队审核后发送。AI 分析仅作为参考，录用决定均由人工作出。"
                   "如需了解评估方式、对结果提出异议或要求人工复核，请联系招聘团队。",
                   "This report was prepared with AI-assisted analysis and reviewed by the hiring team before it "
                   "was sent. The AI analysis is advisory only; every hiring decision is made by people. To ask "
                   "how you were assessed, contest a result or request a human re-review, contact the hiring team."),
    "contact": ("联系方式", "Contact"),
    "affect": ("表达状态", "Delivery"),
    "page": ("第 %d 页", "Page %d"),
    "band_excellent": ("优秀", "Excellent"),
    "band_good": ("良好", "Good"),
    "band_developing": ("发展中", "Developing"),
    "band_focus": ("待提升", "Needs focus"),
    # hiring report
    "hr_title": ("综合招聘报告", "Hiring Report"),
    "confidential": ("内部资料 · 仅限招聘团队", "Internal · hiring team only"),
    "summary": ("结论", "Summary"),
    "recommendation": ("建议", "Recommendation"),
    "ai_overall": ("AI 综合分", "AI overall"),
    "human_overall": ("人工评审均分", "Human review average"),
    "merged_overall": ("合并得分", "Merged score"),
    "weights": ("权重", "Weights"),
    "ai": ("AI", "AI"),
    "human": ("人工", "Human"),
    "merged": ("合并", "Merged"),
    "gap": ("差异", "Gap"),
    "scores_by_dim": ("各维度评分", "Scores by competency"),
    "gaps": ("AI 与人工评分差异较大", "Large AI–human gaps"),
    "no_gaps": ("各维度 AI 与人工评分无显著差异。", "No large AI–human gaps on any competency."),
    "reviews": ("人工评审", "Human reviews"),
    "reviewer": ("评审人", "Reviewer"),
    "comment": ("评语", "Comment"),
    "no_reviews": ("尚无人工评审：AI 不会单独作出拒绝决定，需人工评审后再定。",
                   "No human review yet: the AI never rejects on its own; a person must review first."),
    "focus_areas": ("下一轮重点考察", "Focus areas for the next round"),
    "followups": ("建议追问问题", "Suggested follow-up questions"),
    "attention": ("需关注事项", "Attention points"),
    "reasons": ("依据", "Rationale"),
    "rec_advance": ("推进下一轮", "Advance"),
    "rec_hold": ("待定", "Hold"),
    "rec_reject": ("不予推进（人工决定）", "Reject (human decision)"),
    "rec_needs_human_review": ("需人工评审", "Needs human review"),
    "ai_hint": ("AI 参考意见", "AI indication"),
    "hr_footer": ("AI 评分仅供参考，最终决定须由人工作出。", "AI scores are advisory; the final decision is made by people."),
    "none": ("无", "None"),
    "sep": ("：", ": "),
}


def norm_lang(lang):
    return "en_US" if (lang or "").lower().startswith("en") else "zh_CN"


def label(key, lang):
    zh, en = LABELS[key]
    return en if norm_lang(lang) == "en_US" else zh


class Labels:
    """`L = Labels(lang); L.title` — attribute access keeps render code short."""

    def __init__(self, lang):
        self.lang = norm_lang(lang)

    def __getattr__(self, key):
        if key.startswith("_"):
            raise AttributeError(key)
        return label(key, self.lang)


def score_band(score, lang):
    """Banded level for a 0–100 score: candidates always see a level even when numbers are hidden."""
    if score is None:
        return "—"
    key = ("band_excellent" if score >= 85 else "band_good" if score >= 70
           else "band_developing" if score >= 55 else "band_focus")
    return label(key, lang)
