"""Pure hiring logic: review averaging, merge weights, gap flags, the human-decision rule, follow-up questions."""
import itertools

import pytest

from reporting.followups import (average_reviews, build_hiring_summary, flag_gaps, focus_areas, generate_followups,
                                 merge_scores, recommend, stars_to_score, weighted_overall)


def test_stars_map_linearly_onto_0_100():
    assert [stars_to_score(s) for s in (1, 2, 3, 4, 5)] == [0, 25, 50, 75, 100]
    with pytest.raises(ValueError):
        stars_to_score(0)
    with pytest.raises(ValueError):
        stars_to_score(6)


def test_average_skips_unscored_dimensions():
    avg = average_reviews([{"scores": {"沟通": 80, "领导力": None}}, {"scores": {"沟通": 60, "领导力": 40}},
                           {"scores": {}}])
    assert avg == {"沟通": 70.0, "领导力": 40.0}
    assert average_reviews([]) == {}


def test_merge_weights_are_configurable_and_one_sided_dims_keep_their_score():
    ai, human = {"a": 80.0, "b": 50.0, "c": 90.0}, {"a": 60.0, "b": 70.0, "d": 40.0}
    m = merge_scores(ai, human, {"ai": 0.4, "human": 0.6})
    assert m["a"] == pytest.approx(68.0) and m["b"] == pytest.approx(62.0)
    assert m["c"] == 90.0 and m["d"] == 40.0  # only one side scored
    assert merge_scores(ai, human, {"ai": 1, "human": 0})["a"] == 80.0
    assert merge_scores(ai, human, {"ai": 2, "human": 2})["a"] == pytest.approx(70.0)  # renormalised
    with pytest.raises(ValueError):
        merge_scores(ai, human, {"ai": 0, "human": 0})


def test_weighted_overall():
    assert weighted_overall({"a": 80, "b": 40}, {"a": 3, "b": 1}) == pytest.approx(70.0)
    assert weighted_overall({"a": 80, "b": None}, {"a": 1, "b": 5}) == 80  # unscored dims don't count
    assert weighted_overall({}) is None


def test_gap_flags_respect_threshold_and_sort_by_size():
    ai, human = {"a": 80, "b": 50, "c": 70, "d": 60}, {"a": 60, "b": 85, "c": 69}
    gaps = flag_gaps(ai, human, threshold=20)
    assert [g["dimension"] for g in gaps] == ["b", "a"]
    assert gaps[0]["gap"] == 35 and gaps[1]["gap"] == -20
    assert flag_gaps(ai, human, threshold=36) == []


def test_ai_alone_never_rejects():
    # whatever the AI scores, without a human recommendation the decision is 'needs_human_review'
    for score in (0, 10, 39.9, 59.9, 60, 100, None):
        rec = recommend([], score, score)
        assert rec["decision"] == "needs_human_review" and rec["ai_hint"] in ("advance", "hold")
        assert not rec["human_decided"]
    assert recommend([], 10, 10)["ai_hint"] == "hold"
    assert recommend([], 90, 90)["ai_hint"] == "advance"
    # reviews that carry scores but no recommendation are not a human decision either
    assert recommend([{"scores": {"a": 0}}], 0, 0)["decision"] == "needs_human_review"


def test_reject_only_from_a_human_majority():
    for votes in itertools.product(("advance", "hold", "reject"), repeat=3):
        reviews = [{"recommendation": v} for v in votes]
        decision = recommend(reviews, merged_overall=5, ai_overall=5)["decision"]
        if votes.count("reject") >= 2:
            assert decision == "reject"
        else:
            assert decision != "reject", votes
    # a low merged score does not turn human 'advance' votes into a reject
    rec = recommend([{"recommendation": "advance"}] * 2, merged_overall=30, ai_overall=20)
    assert rec["decision"] == "advance" and any("30" in r for r in rec["reasons"])


def test_split_reviews_hold():
    rec = recommend([{"recommendation": "advance"}, {"recommendation": "reject"}], 70, 70, lang="en_US")
    assert rec["decision"] == "hold" and "disagree" in rec["reasons"][0]


def test_leadership_followup_uses_competency_template():
    qs = generate_followups({"领导力": 40, "沟通能力": 85, "问题解决": 70}, lang="zh_CN", n_weakest=1)
    assert qs[0]["dimension"] == "领导力" and "你如何倾听下属的意见" in qs[0]["question"]
    assert not qs[0]["generic"]
    en = generate_followups({"Leadership": 40}, lang="en_US")
    assert "listen" in en[0]["question"]


def test_unknown_dimension_gets_generic_question_naming_it():
    qs = generate_followups({"时间观念": 30, "沟通能力": 90}, lang="zh_CN", n_weakest=1)
    assert qs and all("时间观念" in q["question"] and q["generic"] for q in qs)
    en = generate_followups({"Punctuality": 30}, lang="en_US")
    assert "Punctuality" in en[0]["question"]


def test_weakest_first_attention_points_included_no_repeats_and_capped():
    scores = {"团队领导力": 30, "领导力": 35, "沟通能力": 90}
    qs = generate_followups(scores, ["回答缺少具体数据。", {"message": "离职原因含糊", "dimension": "沟通能力"}],
                            lang="zh_CN", n_weakest=2, per_dimension=2)
    weak = [q for q in qs if q["source"] == "weak_dimension"]
    assert [q["dimension"] for q in weak] == ["团队领导力", "团队领导力", "领导力", "领导力"]
    assert len({q["question"] for q in qs}) == len(qs)  # two leadership dims, no repeated question
    att = [q for q in qs if q["source"] == "attention_point"]
    assert "回答缺少具体数据" in att[0]["question"] and att[1]["dimension"] == "沟通能力"
    assert len(generate_followups(scores, ["x"] * 10, max_questions=5)) == 5


def test_focus_areas_include_gap_dimensions():
    areas = focus_areas({"a": 90, "b": 40, "c": 95, "d": 85}, [{"dimension": "c"}], n_weakest=2)
    assert [(a["dimension"], a["reason"]) for a in areas] == [("b", "weak"), ("d", "weak"), ("c", "gap")]


def test_build_summary_end_to_end():
    s = build_hiring_summary({
        "dimensions": [{"name": "沟通能力", "score": 80, "weight": 1}, {"name": "领导力", "score": 70, "weight": 1}],
        "reviews": [{"reviewer": "x", "scores": {"沟通能力": 70, "领导力": 30}, "recommendation": "hold"}],
        "weights": {"ai": 0.5, "human": 0.5}, "gap_threshold": 25})
    assert s["ai_overall"] == 75 and s["human_overall"] == 50 and s["merged_overall"] == pytest.approx(62.5)
    assert [g["dimension"] for g in s["gaps"]] == ["领导力"]
    assert [d["gap_flag"] for d in s["dimensions"]] == [False, True]
    assert s["recommendation"]["decision"] == "hold" and s["recommendation"]["human_decided"]
    assert s["followups"][0]["dimension"] == "领导力"
