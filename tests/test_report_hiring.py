"""Hiring report PDF (HR-internal)."""
import subprocess

from test_report_feedback import _png, pdf_fonts, pdf_text

from reporting.hiring_pdf import render_hiring_report
from reporting.followups import build_hiring_summary


def sample(**over):
    data = {
        "candidate_name": "张伟", "job_name": "区域销售经理", "company_name": "示例科技有限公司", "date": "2025-05-12",
        "dimensions": [{"name": "沟通能力", "score": 82, "weight": 0.3}, {"name": "领导力", "score": 58, "weight": 0.25},
                       {"name": "问题解决", "score": 71, "weight": 0.25}, {"name": "客户导向", "score": 90, "weight": 0.2}],
        "reviews": [{"reviewer": "李娜", "scores": {"沟通能力": 80, "领导力": 30, "问题解决": 75, "客户导向": 85},
                     "recommendation": "advance", "comment": "沟通好，领导力需下一轮重点考察。"},
                    {"reviewer": "王强", "scores": {"沟通能力": 75, "领导力": 45, "问题解决": 70},
                     "recommendation": "hold", "comment": "团队管理经验不足。"}],
        "attention_points": ["回答中缺少具体的团队管理案例"],
    }
    data.update(over)
    return data


def test_hiring_report_content(tmp_path):
    pdf = render_hiring_report(sample())
    text = pdf_text(pdf, tmp_path)
    for needle in ("综合招聘报告", "内部资料", "张伟", "区域销售经理", "沟通能力", "领导力", "李娜", "王强",
                   "团队管理经验不足", "综合得分", "待定", "你如何倾听下属的意见", "回答中缺少具体的团队管理案例",
                   "下一轮重点考察", "AI 与人工评分差异较大"):
        assert needle in text, needle
    # the flagged gap (领导力: AI 58 vs human 37.5) is listed with its size
    assert "领导力：AI 58 / 人工 38" in text
    assert all(row[-5] == "yes" for row in pdf_fonts(pdf, tmp_path))
    _png(pdf, "hiring_zh_CN")


def test_no_reviews_means_needs_human_review_never_reject(tmp_path):
    data = sample(reviews=[], dimensions=[{"name": "沟通能力", "score": 12, "weight": 1}])
    text = pdf_text(render_hiring_report(data), tmp_path)
    assert "需人工评审" in text and "AI 不会单独" in text
    assert "不予推进" not in text


def test_human_reject_is_shown_as_human_decision(tmp_path):
    reviews = [{"reviewer": "李娜", "scores": {}, "recommendation": "reject", "comment": ""}] * 2
    text = pdf_text(render_hiring_report(sample(reviews=reviews)), tmp_path)
    assert "不予推进（人工决定）" in text


def test_precomputed_summary_is_printed_as_given(tmp_path):
    data = sample()
    summary = build_hiring_summary(dict(data, weights={"ai": 1.0, "human": 0.0}))
    text = pdf_text(render_hiring_report(dict(data, summary=summary)), tmp_path)
    assert "AI 100% / 人工 0%" in text


def test_english_hiring_report(tmp_path):
    pdf = render_hiring_report(sample(), lang="en_US")
    text = pdf_text(pdf, tmp_path)
    for needle in ("Hiring Report", "Recommendation", "Hold", "Merged score", "Suggested follow-up questions",
                   "How do you listen to the people who report to you", "Large AI–human gaps"):
        assert needle in text, needle
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Hiring Report" in info  # document title metadata
    _png(pdf, "hiring_en_US")
