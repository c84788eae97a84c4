"""Candidate feedback PDF: content, privacy rules, font embedding, rendering to PNG."""
import os
import re
import subprocess

import pytest
from PIL import Image

from reporting import FontNotFoundError, find_cjk_font
from reporting.feedback_pdf import pace_verdict, render_candidate_feedback

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTIFACTS = os.path.join(ROOT, "artifacts")


FIGURES_OK = "用数据说明了结果（如“提升了30%”）"
FIGURES_NO = {"code": "add_figures", "message": "回答中没有具体数据或量化结果",
              "suggestion": "补充可衡量的结果，例如：“通过用户调研把次月留存率从 30% 提升到 45%，用了 3 个月。”"}
STRUCT_OK = "结构清晰，有条理地展开并给出了结论"
STRUCT_NO = {"code": "structure", "message": "回答的结构不够清晰",
             "suggestion": "试试“总—分—总”：先一句话概括，再用“首先、其次、最后”展开，最后总结结果和收获。"}
ACTIONS_OK = "讲清了自己采取的具体行动"


def sample(**over):
    data = {
        "candidate_name": "张伟", "job_name": "区域销售经理", "company_name": "示例科技有限公司", "date": "2025-05-12",
        "dimensions": [{"name": "沟通能力", "score": 82, "weight": 0.3}, {"name": "领导力", "score": 57, "weight": 0.25},
                       {"name": "问题解决", "score": 71, "weight": 0.25}, {"name": "客户导向", "score": 38, "weight": 0.2}],
        "overall": 63.4,
        "questions": [
            {"number": 1, "text": "请介绍一次你推动项目落地的经历。", "mode": "video", "score": 74,
             "strengths": [FIGURES_OK, STRUCT_OK],
             "improvements": [{"message": "谈到团队管理时，较少提到如何听取下属意见。",
                               "suggestion": "准备一个你采纳团队成员建议并取得成果的案例。",
                               "quote": "我一般直接安排任务，大家按计划执行就行。"},
                              {"message": "面部表情显得焦虑不安", "kind": "emotion"}]},
            {"number": 2, "text": "你如何处理团队冲突？", "mode": "text", "score": 31,
             "strengths": [ACTIONS_OK], "improvements": [FIGURES_NO, STRUCT_NO]},
            {"number": 3, "text": "你为什么想加入我们？", "mode": "text", "score": 52,
             "strengths": [STRUCT_OK, ACTIONS_OK], "improvements": []},
        ],
        "speech": {"rate_cpm": 212, "band": [150, 200]},
        "affect": [{"label": "情绪紧张", "note": "眼神回避"}],
        "next_steps": ["招聘团队将在五个工作日内联系你。"],
        "contact": "hr@example.com",
        # internal fields a careless caller might leave in the dict: must never be rendered
        "reviewers": ["评审人李娜"], "reviews": [{"reviewer": "评审人王强", "comment": "内部评语不可外泄"}],
        "other_candidates": ["候选人赵六"], "internal_notes": "内部备注不可见", "recommendation": "reject",
    }
    data.update(over)
    return data


def pdf_text(pdf, tmp_path, name="r.pdf"):
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout


def pdf_fonts(pdf, tmp_path):
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def test_text_contains_candidate_job_dimensions_in_chinese(tmp_path):
    text = pdf_text(render_candidate_feedback(sample()), tmp_path)
    for needle in ("面试反馈报告", "张伟", "区域销售经理", "沟通能力", "领导力", "问题解决", "客户导向", "2025-05-12",
                   "采纳团队成员建议", "我一般直接安排任务", "五个工作日", "请介绍一次你推动项目落地的经历",
                   "你如何处理团队冲突", "第 1 题", "第 2 题", "第 3 题", "视频回答", "书面回答"):
        assert needle in text, needle
    assert "语速偏快" in text  # 212 字/分 is above the 150–200 band


def test_font_is_embedded_and_nothing_else_is_referenced(tmp_path):
    fonts = pdf_fonts(render_candidate_feedback(sample()), tmp_path)
    assert fonts, "no fonts listed"
    assert any("WenQuanYi" in row[0] for row in fonts)
    for row in fonts:  # columns: name type [type2] encoding emb sub uni id gen
        emb = row[-5]
        assert emb == "yes", row


def test_nothing_internal_reaches_the_candidate(tmp_path):
    text = pdf_text(render_candidate_feedback(sample()), tmp_path)
    for secret in ("李娜", "王强", "内部评语", "赵六", "内部备注", "reject", "拒绝"):
        assert secret not in text, secret


def test_affect_labels_hidden_unless_policy_allows(tmp_path):
    off = pdf_text(render_candidate_feedback(sample()), tmp_path, "off.pdf")
    assert "情绪紧张" not in off and "焦虑" not in off and "表达状态" not in off
    on = pdf_text(render_candidate_feedback(sample(policy={"affect_analysis": True})), tmp_path, "on.pdf")
    assert "情绪紧张" in on and "焦虑" in on


def test_overall_hidden_by_default_and_levels_always_shown(tmp_path):
    text = pdf_text(render_candidate_feedback(sample()), tmp_path, "a.pdf")
    assert "总分" not in text and "63" not in text
    # calibrated bands (levels.band): 82 → strong, 57 → adequate, 38 → needs work
    assert "较强" in text and "合格" in text and "待提升" in text
    shown = pdf_text(render_candidate_feedback(sample(policy={"show_overall": True})), tmp_path, "b.pdf")
    assert re.search(r"总分：\s*63", shown)


def test_dimension_numbers_can_be_hidden(tmp_path):
    text = pdf_text(render_candidate_feedback(sample(policy={"show_dimension_scores": False})), tmp_path)
    assert "82" not in text and "57" not in text
    assert "领导力" in text and "合格" in text


@pytest.mark.parametrize("rate,verdict", [(120, "slow"), (149.9, "slow"), (150, "ok"), (200, "ok"), (201, "fast")])
def test_pace_verdict_band_edges(rate, verdict):
    assert pace_verdict(rate) == verdict


def test_english_report(tmp_path):
    pdf = render_candidate_feedback(sample(), lang="en_US")
    text = pdf_text(pdf, tmp_path)
    for needle in ("Interview Feedback Report", "Results by competency", "What to improve", "Speaking pace",
                   "张伟", "沟通能力", "Question 2", "Written answer", "Summary across your answers"):
        assert needle in text, needle
    assert "面试反馈报告" not in text
    _png(pdf, "feedback_en_US")


def test_markup_in_user_text_is_escaped(tmp_path):
    pdf = render_candidate_feedback(sample(candidate_name="A<b>&amp;\"Z", job_name="R&D <Lead>"))
    text = pdf_text(pdf, tmp_path)
    assert 'A<b>&amp;"Z' in text and "R&D <Lead>" in text


def test_same_data_same_bytes_and_long_reports_paginate(tmp_path):
    assert render_candidate_feedback(sample()) == render_candidate_feedback(sample())
    many = [{"message": "改进点 %d：回答可以更具体。" % i, "suggestion": "使用 STAR 结构。"} for i in range(40)]
    path = tmp_path / "long.pdf"
    path.write_bytes(render_candidate_feedback(sample(questions=[{"text": "Q", "improvements": many}])))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 2
    assert "改进点 39" in pdf_text(path.read_bytes(), tmp_path, "long2.pdf")


def test_minimal_data_renders(tmp_path):
    text = pdf_text(render_candidate_feedback({"candidate_name": "李雷", "job_name": "测试工程师"}), tmp_path)
    assert "李雷" in text and "各维度表现" not in text


def _png(pdf, stem):
    """Render page 1 at 60 dpi into artifacts/ (git-ignored) for a human look; check it is not blank."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    pdf_path = os.path.join(ARTIFACTS, stem + ".pdf")
    with open(pdf_path, "wb") as fh:
        fh.write(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf_path, os.path.join(ARTIFACTS, stem)],
                   check=True)
    png = [f for f in os.listdir(ARTIFACTS) if f.startswith(stem + "-") and f.endswith(".png")]
    img = Image.open(os.path.join(ARTIFACTS, sorted(png)[0])).convert("L")
    assert img.size[0] > 400 and img.size[1] > 600  # A4 at 60 dpi ≈ 496 x 702
    dark = sum(1 for p in img.getdata() if p < 128)
    assert dark > 2000, "page looks blank"
    return img


def test_png_render_of_chinese_report():
    img = _png(render_candidate_feedback(sample()), "feedback_zh_CN")
    # the blue title sits in the top band: there must be ink there (missing glyphs would render as nothing/boxes)
    top = img.crop((0, 0, img.size[0], 80))
    assert sum(1 for p in top.getdata() if p < 160) > 200


def test_missing_font_error_names_the_debian_package(tmp_path, monkeypatch):
    monkeypatch.delenv("HR_AI_INTERVIEW_CJK_FONT", raising=False)
    with pytest.raises(FontNotFoundError, match="fonts-wqy-microhei"):
        find_cjk_font(dirs=[str(tmp_path)])
    monkeypatch.setenv("HR_AI_INTERVIEW_CJK_FONT", str(tmp_path / "nope.ttc"))
    with pytest.raises(FontNotFoundError, match="nope.ttc"):
        find_cjk_font()


def test_font_found_in_given_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("HR_AI_INTERVIEW_CJK_FONT", raising=False)
    (tmp_path / "sub").mkdir()
    fake = tmp_path / "sub" / "wqy-zenhei.ttc"
    fake.write_bytes(b"x")
    assert find_cjk_font(dirs=[str(tmp_path)]) == str(fake)
