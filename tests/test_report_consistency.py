"""Both PDFs read as one story: the candidate report per question with a summary derived from the questions (no
contradictory pair anywhere), the hiring report with awaiting-review figures, every dimension merged, a
per-question breakdown and follow-up questions written wholly in the report's language."""
import re

import pytest

from test_report_feedback import FIGURES_NO, _png, pdf_text, sample
from test_report_hiring import sample as hiring_sample

from reporting.feedback_pdf import render_candidate_feedback
from reporting.findings import OPPOSITES, summarize
from reporting.followups import build_hiring_summary
from reporting.hiring_pdf import render_hiring_report
from reporting.i18n import identity, po_translator

# Opposite findings as the engine words them (zh, en): both halves of a pair must never be said of one answer,
# and the summary repeats neither half as a blanket claim.
CONTRADICTIONS = [
    ("用数据说明了结果", "没有具体数据"), ("结构清晰", "结构不够清晰"), ("讲清了自己采取的具体行动", "没有说明你具体采取了哪些措施"),
    ("语速适中", "高于建议"), ("语速适中", "低于建议"), ("始终面对镜头", "不在镜头内"),
    ("backed your answer with figures", "no figures"), ("Clear structure", "lacks a clear structure"),
]


def sections(text, lang="zh"):
    """{"summary": text, 1: text of question 1, …} split on the question headings of the PDF text."""
    heading = r"第 (\d+) 题 · " if lang == "zh" else r"Question (\d+) · "
    parts = re.split(heading, text)
    out = {"summary": parts[0]}
    for number, body in zip(parts[1::2], parts[2::2]):
        out[int(number)] = body
    return out


def contradictions(text):
    return [(a, b) for a, b in CONTRADICTIONS if a in text and b in text]


def test_feedback_is_per_question_with_question_text_and_suggestions(tmp_path):
    pdf = render_candidate_feedback(sample())
    parts = sections(pdf_text(pdf, tmp_path))
    assert set(parts) == {"summary", 1, 2, 3}
    assert "请介绍一次你推动项目落地的经历" in parts[1] and "用数据说明了结果" in parts[1]
    assert "你如何处理团队冲突" in parts[2] and "回答中没有具体数据" in parts[2]
    assert "建议：补充可衡量的结果" in parts[2].replace("\n", "")  # a concrete suggestion with the improvement
    assert "本题水平：较强" in parts[1] and "本题水平：待提升" in parts[2]
    _png(pdf, "feedback_per_question_zh_CN")


def test_no_contradictory_pair_in_any_question_or_in_the_summary(tmp_path):
    parts = sections(pdf_text(render_candidate_feedback(sample()), tmp_path))
    for key, text in parts.items():
        assert contradictions(text) == [], key
    summary = parts["summary"]
    for a, b in CONTRADICTIONS:  # the summary speaks in topics, never as a blanket finding
        assert a not in summary and b not in summary


def test_summary_is_derived_from_the_questions():
    qs = sample()["questions"]
    s = summarize(qs)
    assert ("actions", [2, 3]) in s["went_well"]  # only ever a strength
    assert ("figures", [1], [2]) in s["varied"] and ("structure", [1, 3], [2]) in s["varied"]
    topics = [t for t, *_ in s["went_well"] + s["to_improve"] + s["varied"]]
    assert len(topics) == len(set(topics))  # a topic is stated once, on one side or as varying
    # every summary claim holds for each question it names
    for topic, numbers in s["went_well"]:
        assert all(not any(i.get("code") in OPPOSITES[topic][0] for i in qs[n - 1]["improvements"]) for n in numbers)
    only_weak = summarize([dict(qs[1], strengths=[])])
    assert [t for t, _n in only_weak["to_improve"]] == ["figures", "structure"]


def test_summary_text_names_the_questions(tmp_path):
    summary = sections(pdf_text(render_candidate_feedback(sample()), tmp_path))["summary"].replace("\n", " ")
    assert "说明自己采取的具体行动（第 2、3 题）" in summary
    assert re.search(r"用具体数据说明结果：第 1 题做得好，\s*第 2 题还需加强", summary)


def test_pace_verdict_follows_the_questions_when_they_differ(tmp_path):
    fast = {"code": "rate_fast", "message": "语速约 230 字/分，高于建议的 150–200 字/分", "suggestion": "放慢一些。"}
    qs = [{"number": 1, "text": "Q1", "strengths": ["语速适中（约 170 字/分）"]},
          {"number": 2, "text": "Q2", "improvements": [fast]}]
    text = pdf_text(render_candidate_feedback(sample(questions=qs, speech={"rate_cpm": 190})), tmp_path)
    assert "有快有慢" in text and "您的语速适中" not in text


def test_english_candidate_report_sections(tmp_path):
    qs = [{"number": 1, "text": "Tell us about a launch.", "mode": "video", "score": 80,
           "strengths": ["You backed your answer with figures (e.g. “40%”)"], "improvements": []},
          {"number": 2, "text": "How do you handle conflict?", "mode": "text", "score": 30, "strengths": [],
           "improvements": [{"code": "add_figures", "message": "Your answer contains no figures or measurable results",
                             "suggestion": "Add numbers that show the outcome."}]}]
    pdf = render_candidate_feedback(sample(questions=qs), lang="en_US")
    text = pdf_text(pdf, tmp_path)
    parts = sections(text, "en")
    assert set(parts) == {"summary", 1, 2}
    assert "Figures and measurable results: went well in question 1; to work on in question 2" in \
        parts["summary"].replace("\n", " ")
    assert "Level of this answer: Strong" in parts[1] and "Level of this answer: Needs work" in parts[2]
    _png(pdf, "feedback_per_question_en_US")


# ---------- hiring report ----------

def test_merged_only_after_a_human_review(tmp_path):
    data = hiring_sample(reviews=[])
    s = build_hiring_summary(data)
    assert s["human_overall"] is None and s["merged_overall"] is None and not s["reviewed"]
    assert all(d["merged"] is None for d in s["dimensions"])
    text = pdf_text(render_hiring_report(data), tmp_path)
    assert "待评审" in text and "综合得分" in text
    assert "差异较大" not in text  # no gaps without a human side
    reviewed = build_hiring_summary(hiring_sample())
    assert reviewed["merged_overall"] is not None


def test_merged_covers_every_dimension_the_ai_overall_covers():
    fluency = {"name": "口语流利度", "score": 90.0, "weight": 20.0}
    data = hiring_sample(modalities=[fluency], text_weight=80.0, weights={"ai": 1.0, "human": 0.0})
    s = build_hiring_summary(data)
    # with all weight on the AI the merged figure is the AI overall: speaking fluency included in both
    assert s["merged_overall"] == pytest.approx(s["ai_overall"])
    content = sum(d["score"] * d["weight"] for d in data["dimensions"]) / sum(d["weight"] for d in data["dimensions"])
    assert s["ai_overall"] == pytest.approx((80 * content + 20 * 90) / 100)
    (row,) = s["modalities"]
    assert row["kind"] == "modality" and row["merged"] == 90.0 and row["human"] is None


def test_per_question_breakdown_in_hiring_report(tmp_path):
    questions = [{"number": 1, "text": "请介绍一次你推动项目落地的经历。", "mode": "video", "score": 74,
                  "dimensions": [{"name": "沟通能力", "score": 80}, {"name": "领导力", "score": 66}]},
                 {"number": 2, "text": "你如何处理团队冲突？", "mode": "text", "score": 3,
                  "dimensions": [{"name": "沟通能力", "score": 5}]}]
    pdf = render_hiring_report(hiring_sample(questions=questions))
    text = pdf_text(pdf, tmp_path)
    assert "逐题结果" in text and "1. 请介绍一次你推动项目落地的经历" in text and "2. 你如何处理团队冲突" in text
    assert re.search(r"视频\s+74\s+较强", text) and re.search(r"书面\s+3\s+待提升", text)
    _png(pdf, "hiring_per_question_zh_CN")


def test_followups_are_whole_sentences_in_the_report_language(tmp_path):
    data = hiring_sample(dimensions=[{"name": "项目管理能力", "score": 30, "weight": 1}], reviews=[])
    zh = pdf_text(render_hiring_report(data), tmp_path)
    assert "请举一个能体现你「项目管理能力」的具体例子" in zh.replace("\n", "")
    assert "Give a concrete example" not in zh
    en = build_hiring_summary(data, _=identity)["followups"]
    assert en[0]["question"].startswith("Give a concrete example that shows your 项目管理能力")
    # the stored template + args re-render in another language
    q = en[0]
    assert po_translator("zh_CN")(q["template"], q["args"]).startswith("请举一个能体现你「项目管理能力」")


def test_next_round_focus_sentence():
    reviews = [{"reviewer": "李娜", "scores": {"沟通能力": 85, "倾听能力": 40}, "recommendation": "advance"}]
    data = hiring_sample(dimensions=[{"name": "沟通能力", "score": 80, "weight": 1},
                                     {"name": "倾听能力", "score": 50, "weight": 1}], reviews=reviews)
    s = build_hiring_summary(data)
    assert s["recommendation"]["decision"] == "advance"
    assert s["next_round"].startswith("建议进入下一轮面试，重点考察其“倾听能力")
    en = build_hiring_summary(data, lang="en_US")
    assert en["next_round"].startswith("Invite to the next round and probe “倾听能力")


def test_one_weight_per_row_shares_of_the_overall_sum_to_100():
    data = hiring_sample(modalities=[{"name": "口语流利度", "score": 60.0, "weight": 20.0}], text_weight=70.0)
    s = build_hiring_summary(data)
    shares = [r["share"] for r in s["dimensions"] + s["modalities"]]
    assert sum(shares) == pytest.approx(100.0)
    assert s["modalities"][0]["share"] == pytest.approx(100 * 20 / 90)


def test_strength_codes_take_precedence_over_wording():
    qs = [{"number": 1, "strengths": [{"text": "数据很扎实", "code": "figures"}], "improvements": []},
          {"number": 2, "strengths": [], "improvements": [FIGURES_NO]}]
    assert summarize(qs)["varied"] == [("figures", [1], [2])]
