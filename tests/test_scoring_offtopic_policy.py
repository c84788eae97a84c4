"""Issue #10 (2.4.0): the off-topic label and its hard cap only when independent signals agree — low semantic
relevance, no rubric evidence and no work story; when they disagree, a graded discount without the label."""
import json
import os

import pytest

from scoring.engine import score_answer
from scoring.text import meaning, semantic

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench", "data", "validity")
needs_model = pytest.mark.skipif(semantic.model() is None, reason="sentence encoder not installed")


def _set(name):
    with open(os.path.join(DATA, name + ".json"), encoding="utf-8") as f:
        s = json.load(f)
    return s, {a["id"]: a["text"] for a in s["answers"]}


def _score(s, text, **kw):
    return score_answer(text=text, rubric=s["rubric"], question=s["question"], lang=s["lang"], policy="text-only",
                        **kw)


def test_work_terms_count_distinct_roles_and_places_in_both_languages():
    assert meaning.work_terms("At my last job I split the tasks among three colleagues.", "en") == [
        "colleague", "job", "task"]
    assert meaning.work_terms("我在车间当班组长，跟同事一起整理工具。", "zh") == ["同事", "班组", "组长", "车间"]
    assert meaning.work_terms("Last summer I learned to sail on a lake.", "en") == []


def test_the_label_needs_every_signal_to_agree():
    work = ["colleague", "job", "task"]
    t, lt = meaning.OFF_TOPIC, meaning.OFF_TOPIC_LEXICAL
    assert meaning.relevance_policy(0.1, 0.0, work[:2], t, lt) == (0.1, True)  # two work words are not a story
    rel, off = meaning.relevance_policy(0.1, 0.0, work, t, lt)
    assert not off and t < rel < 0.45  # disagreement: no label, a graded discount
    assert meaning.relevance_policy(0.1, lt, [], t, lt)[1] is False  # rubric evidence vetoes the label too
    assert meaning.relevance_policy(0.6, 0.0, [], t, lt) == (0.6, False)


def test_the_graded_discount_rises_continuously_into_the_plain_relevance():
    t, lt, work = meaning.OFF_TOPIC, meaning.OFF_TOPIC_LEXICAL, ["a", "b", "c"]
    vals = [meaning.relevance_policy(r / 100.0, 0.0, work, t, lt)[0] for r in range(0, 101)]
    assert all(b >= a for a, b in zip(vals, vals[1:]))
    assert max(abs(b - a) for a, b in zip(vals, vals[1:])) <= 0.011  # no step where noise could flip it
    assert vals[45] == pytest.approx(0.45) and vals[80] == pytest.approx(0.8)


@needs_model
def test_a_modest_work_story_sharing_no_words_with_the_question_is_not_labelled_off_topic():
    """en_deadline a2 ("a release with only ten days to go"): the encoder does not link it with "tight deadline"
    and its relevance equals a true off-topic answer's, but it is told at work with colleagues and tasks."""
    s, a = _set("en_deadline")
    modest, story = _score(s, a["a2"]), _score(s, a["w3"])
    assert "off_topic" not in modest["flags"] and not modest["semantic"]["off_topic"]
    assert modest["semantic"]["semantic_relevance"] < meaning.OFF_TOPIC < modest["semantic"]["relevance"]
    assert "off_topic" in story["flags"] and story["scores"]["overall"] <= 35.0
    assert modest["scores"]["overall"] >= 45.0 > story["scores"]["overall"] + 5


@needs_model
def test_a_company_party_keeps_its_label_and_the_lexical_fallback_follows_the_same_policy():
    s, a = _set("zh_product")
    party = _score(s, a["w3"])  # 公司年会 … 同事: two work words, not a work story about the question
    assert "off_topic" in party["flags"] and party["scores"]["overall"] <= 35.0
    s, a = _set("en_deadline")
    assert "off_topic" not in _score(s, a["a2"], semantic=False)["flags"]
    assert "off_topic" in _score(s, a["w3"], semantic=False)["flags"]
