"""Job-description parsing and rubric suggestion (zh and en, HTML, empty, custom lexicon)."""
import copy

import pytest

from scoring.jd import extract_terms, html_to_text, integer_weights, suggest_rubric
from scoring.lexicon import BUILTIN_LEXICON

PM_ZH = ("<h2>产品经理</h2><p>岗位职责：</p><ul><li>负责产品需求分析与需求文档（PRD）撰写，进行竞品分析；</li>"
         "<li>推动项目进度，管理里程碑，协调研发、设计等跨部门资源，确保按时交付；</li>"
         "<li>关注用户体验，深入理解用户需求，通过数据分析驱动产品迭代。</li></ul>"
         "<p>任职要求：3年以上产品经验，熟悉SQL，良好的沟通能力&amp;逻辑思维。</p>")
SALES_ZH = ("销售顾问：负责大客户开发与维护，提升客户满意度和续费率；能承受较大压力，适应快节奏，"
            "有较强的沟通能力和执行力，结果导向。")
DATA_EN = ("<p>We are looking for a <b>Senior Data Analyst</b>. You will build dashboards, define KPIs and metrics, "
           "run A/B tests and communicate insights to stakeholders.</p><ul><li>SQL and Python</li>"
           "<li>Statistics</li><li>Fast-paced environment with tight deadlines</li></ul>")
LEAD_EN = ("Engineering Manager. Lead a team of 8 engineers, mentor people, drive agile delivery with scrum "
           "and clear milestones, collaborate cross-functional with product and design. Strong leadership and "
           "project management experience required.")


def codes(r):
    return [d["code"] for d in r]


def test_html_to_text_keeps_lines_and_entities():
    t = html_to_text(PM_ZH)
    assert "<" not in t and "&amp;" not in t and "沟通能力&逻辑思维" in t
    assert t.splitlines()[0] == "产品经理"
    assert html_to_text("<script>x()</script><p>a&nbsp;b</p>") == "a b"
    assert html_to_text(None) == "" and html_to_text("") == ""


@pytest.mark.parametrize("desc,lang,expect", [
    (PM_ZH, "zh", {"requirement_analysis", "project_management"}),
    (SALES_ZH, "zh", {"customer_orientation", "stress_resilience"}),
    (DATA_EN, "en", {"data_analysis", "communication"}),
    (LEAD_EN, "en", {"leadership", "project_management"}),
])
def test_suggestions_match_the_description(desc, lang, expect):
    r = suggest_rubric(desc)
    assert expect <= set(codes(r)), codes(r)
    assert sum(d["weight"] for d in r) == 100 and all(isinstance(d["weight"], int) for d in r)
    assert len(r) <= 5
    for d in r:
        assert d["keywords"] and d["name"] and d["description"]
        if lang == "zh":
            assert any("\u4e00" <= ch <= "\u9fff" for ch in d["name"])
        else:
            assert d["name"].isascii()
            assert all(k.isascii() for k in d["keywords"])
    matched = [d for d in r if d["matched_terms"]]
    assert matched and all(t.lower() in html_to_text(desc).lower() for d in matched for t in d["matched_terms"])
    # weights follow the evidence: the best-supported competency gets at least the smallest weight
    assert r[0]["weight"] >= r[-1]["weight"]


def test_empty_descriptions_give_no_suggestion():
    for empty in ("", None, "   ", "<p> </p>", "<div><br/></div>"):
        assert suggest_rubric(empty) == []


def test_description_without_known_competency_gets_generic_start():
    r = suggest_rubric("我们需要一位厨师，负责后厨。")
    assert len(r) >= 3 and sum(d["weight"] for d in r) == 100


def test_custom_lexicon_from_hr_is_used():
    lex = copy.deepcopy(BUILTIN_LEXICON)
    lex.append({"code": "cooking", "name_zh": "烹饪技能", "name_en": "Cooking", "description_zh": "会做菜",
                "description_en": "Cooks", "triggers": ["厨师", "后厨", "chef"], "keywords": ["刀工", "火候"],
                "synonyms": {}})
    r = suggest_rubric("我们需要一位厨师，负责后厨。", lexicon=lex)
    assert r[0]["code"] == "cooking" and r[0]["name"] == "烹饪技能" and r[0]["keywords"] == ["刀工", "火候"]
    assert "cooking" not in codes(suggest_rubric("我们需要一位厨师，负责后厨。"))


def test_max_dimensions_and_language_override():
    assert len(suggest_rubric(PM_ZH, max_dimensions=2)) == 2
    r = suggest_rubric(LEAD_EN, lang="zh")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in r[0]["name"])


def test_extract_terms_zh_and_en():
    zh = [t for t, _ in extract_terms(PM_ZH, top_k=15)]
    assert len(zh) == 15 and "<" not in "".join(zh)
    assert {"需求", "竞品", "数据分析"} & set(zh)
    en = extract_terms(DATA_EN, top_k=10)
    terms = [t for t, _ in en]
    assert any("data analyst" in t for t in terms)
    assert all(0 < w <= 1 for _, w in en) and [w for _, w in en] == sorted((w for _, w in en), reverse=True)
    assert extract_terms("") == []


@pytest.mark.parametrize("raw", [[1, 1, 1], [10, 1, 1, 1, 1], [0.3, 0.3, 0.4], [5], [0, 0]])
def test_integer_weights_sum_to_100(raw):
    w = integer_weights(raw)
    assert sum(w) == 100 and min(w) >= min(10, 100 // len(raw))


def test_lexicon_shape():
    assert 12 <= len(BUILTIN_LEXICON) <= 16
    names = {c["name_zh"] for c in BUILTIN_LEXICON}
    assert {"需求分析能力", "项目管理能力", "用户思维", "沟通能力", "领导力", "执行力"} <= names
    for c in BUILTIN_LEXICON:
        assert set(c) == {"code", "name_zh", "name_en", "description_zh", "description_en", "triggers", "keywords",
                          "synonyms"}
        assert any("\u4e00" <= ch <= "\u9fff" for t in c["triggers"] for ch in t)
        assert any(t.isascii() for t in c["triggers"])
        assert all(k in c["keywords"] for k in c["synonyms"])
