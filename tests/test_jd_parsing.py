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
    assert len(BUILTIN_LEXICON) >= 14
    names = {c["name_zh"] for c in BUILTIN_LEXICON}
    assert {"需求分析能力", "项目管理能力", "用户思维", "沟通能力", "领导力", "执行力"} <= names
    for c in BUILTIN_LEXICON:
        assert set(c) == {"code", "name_zh", "name_en", "description_zh", "description_en", "triggers", "keywords",
                          "synonyms"}  # the Odoo model mirrors exactly these
        assert any("\u4e00" <= ch <= "\u9fff" for t in c["triggers"] for ch in t)
        assert any(t.isascii() for t in c["triggers"])
        assert all(k in c["keywords"] for k in c["synonyms"])


SALES_MANAGER = "销售经理：负责大客户开发、商务谈判、异议处理；熟悉产品参数与竞品；完成季度目标，带领销售小组。"


def test_sales_manager_gets_negotiation_and_product_knowledge_not_developer_keywords():
    r = suggest_rubric(SALES_MANAGER)
    assert {"negotiation", "product_knowledge", "sales_achievement", "leadership"} <= set(codes(r)), codes(r)
    every_kw = {k for d in r for k in d["keywords"]}
    assert not every_kw & {"技术方案", "架构设计", "性能优化", "代码质量"}
    nego = next(d for d in r if d["code"] == "negotiation")
    assert "商务谈判" in nego["matched_terms"] and set(nego["anchors"]) == {"weak", "adequate", "strong"}


@pytest.mark.parametrize("desc, code", [
    ("产品经理：负责需求分析和PRD，做竞品分析，规划产品路线。", "requirement_analysis"),
    ("新媒体运营：负责社群运营、活动策划和内容运营，提升日活与转化。", "operations"),
    ("市场经理：负责品牌推广、渠道投放和SEO，按投入产出优化预算。", "marketing"),
    ("销售代表：开拓市场，完成销售目标与回款。", "sales_achievement"),
    ("后端工程师：使用Java和微服务开发系统，参与代码评审。", "software_engineering"),
    ("算法工程师：负责推荐系统的特征工程和模型训练。", "algorithm_modeling"),
    ("车间主任：负责产线排产，推进精益生产，控制良率与交期，落实安全生产。", "production_management"),
    ("客服专员：处理客户投诉与工单，电话回访，提升首次解决率。", "customer_service"),
    ("HRBP：负责招聘、绩效考核和员工关系。", "hr_management"),
    ("会计：负责成本核算、对账和财务报表，配合审计与税务申报。", "finance_management"),
])
def test_every_common_job_family_has_its_competency(desc, code):
    assert code in codes(suggest_rubric(desc))


def test_description_terms_no_competency_covers_become_indicators():
    r = suggest_rubric("注塑车间主管：负责注塑工艺调试、模具维护和产线排产，推动精益生产，控制良率与交期，落实安全生产。")
    own = next(d for d in r if d["code"] == "role_expertise")
    assert {"注塑", "模具"} <= set(own["keywords"]) and own["description"]
