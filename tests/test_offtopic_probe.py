"""The off-topic probe of the validity bench (bench/offtopic_probe.py): its answers belong to questions of the
validity set, and its line counts labels and score sides per kind."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench"))
import offtopic_probe  # noqa: E402
import validity_bench as vb  # noqa: E402


def test_every_probe_answer_belongs_to_a_tuning_question_and_has_a_kind():
    sets = vb.load_sets()
    items = offtopic_probe.load(sets)
    assert len(items) == 288  # sets A, B and C: 24 questions x 4 answers each
    assert {a["kind"] for _, _, a in items} == {"life", "work"}
    assert not {s["split"] for _, s, _ in items} & set(vb.BLIND)
    assert len({offtopic_probe.key(n, s, a) for n, s, a in items}) == len(items)


def test_a_blind_probe_set_is_scored_only_when_named():
    sets = vb.load_sets()
    assert not {n for n, _, _ in offtopic_probe.load(sets)} & set(offtopic_probe.BLIND)
    named = offtopic_probe.load(sets, offtopic_probe.BLIND)
    blind = [(n, s, a) for n, s, a in named if n in offtopic_probe.BLIND]
    assert len(blind) == 96 and {a["kind"] for _, _, a in blind} == {"life", "work"}
    assert not {s["split"] for _, s, _ in blind} & set(vb.BLIND)


def test_the_line_counts_labels_and_the_wrong_side_of_each_band():
    s = {"id": "q", "lang": "en", "rubric": {}, "question": "?"}
    items = [("set_x", s, {"id": i, "kind": k, "text": ""}) for i, k in
             (("l1", "life"), ("l2", "life"), ("w1", "work"), ("w2", "work"))]
    scores = {offtopic_probe.key("set_x", s, {"id": "l1"}): {"overall": 35.0, "flags": ["off_topic"]},
              offtopic_probe.key("set_x", s, {"id": "l2"}): {"overall": 60.0, "flags": []},
              offtopic_probe.key("set_x", s, {"id": "w1"}): {"overall": 35.0, "flags": ["off_topic"]},
              offtopic_probe.key("set_x", s, {"id": "w2"}): {"overall": 62.0, "flags": []}}
    (line,) = offtopic_probe.report("semantic", items, scores)
    assert "private-life stories 2: labelled 1, above 40 1, mean 47.5" in line
    assert "modest work answers 2: labelled 1, below 45 1, mean 48.5" in line
