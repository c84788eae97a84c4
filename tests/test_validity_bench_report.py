"""The validity bench's pooled held-out line (bench/validity_bench.py HELD_OUT): the engine's held-out figure pools
only the splits it was never tuned on, four questions each being too few alone."""
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench"))
import validity_bench as vb  # noqa: E402


def _set(qid, split, overall_by_level):
    answers, scores = [], {}
    for rank, (level, overall) in enumerate(overall_by_level, 1):
        aid = "%s%d" % (level[0], rank)
        answers.append({"id": aid, "level": level, "rank": rank, "tags": []})
        scores["%s/%s" % (qid, aid)] = {"overall": overall, "flags": []}
    return {"id": qid, "split": split, "lang": "en", "answers": answers}, scores


def test_held_out_line_pools_only_the_held_out_splits():
    tuned, s1 = _set("q_dev", "dev", [("strong", 90.0), ("adequate", 55.0), ("weak", 20.0)])
    good, s2 = _set("q_a", vb.HELD_OUT[0], [("strong", 80.0), ("adequate", 50.0), ("weak", 30.0)])
    # one inverted pair of three: adequate below weak
    bad, s3 = _set("q_b", vb.HELD_OUT[-1], [("strong", 80.0), ("adequate", 30.0), ("weak", 50.0)])
    scores = {**s1, **s2, **s3}
    lines = vb.report("semantic", [tuned, good, bad], scores, noisy=False)
    held = [line for line in lines if line.split()[1] == "held-out"]
    assert len(held) == 2  # the figures and the gaming line
    assert "pairwise(cross-level) %.3f" % (5 / 6) in held[0]  # q_dev's three agreeing pairs are not pooled
    assert "adequate 40.0 [30.0–50.0]  50%" in held[0]


def test_no_held_out_line_without_held_out_splits():
    tuned, scores = _set("q_dev", "dev", [("strong", 90.0), ("adequate", 55.0), ("weak", 20.0)])
    assert not [line for line in vb.report("semantic", [tuned], scores, noisy=False) if "held-out" in line]


def test_model_card_counts_the_bench_held_out_questions():
    from reporting.model_card import VALIDATION
    sets = vb.load_sets()
    assert VALIDATION["questions"] == len(sets)
    assert VALIDATION["answers"] == sum(len(s["answers"]) for s in sets)
    assert VALIDATION["held_out"] == sum(1 for s in sets if s["split"] in vb.HELD_OUT)


def test_second_labeller_agreement_counts_inverted_pairs_and_levels(tmp_path, monkeypatch):
    s, _ = _set("q_a", "fresh4", [("strong", 0), ("adequate", 0), ("weak", 0)])
    s["answers"][2]["tags"] = ["offtopic"]
    path = tmp_path / "l2.json"
    # the second labeller puts the weak answer above the adequate one and calls it adequate
    path.write_text('{"labels": {"q_a": {"s1": {"level": "strong", "rank": 1}, "a2": {"level": "adequate", '
                    '"rank": 3}, "w3": {"level": "adequate", "rank": 2}}}}', encoding="utf-8")
    monkeypatch.setattr(vb, "LABELLER2", str(path))
    got = vb.second_labeller([s])
    assert got["pairs"] == 3 and abs(got["pairwise"] - 2 / 3) < 1e-9
    assert abs(got["levels"] - 2 / 3) < 1e-9 and got["offtopic_levels"] == {"adequate": 1}


def test_second_labeller_file_covers_whole_questions():
    import json
    with open(vb.LABELLER2, encoding="utf-8") as f:
        labels = json.load(f)["labels"]
    by_id = {s["id"]: s for s in vb.load_sets(include_blind=True)}  # labelling a blind split does not spend it
    for qid, lab in labels.items():
        assert set(lab) == {a["id"] for a in by_id[qid]["answers"]}
        assert sorted(v["rank"] for v in lab.values()) == list(range(1, len(lab) + 1))


def test_blind_splits_are_left_out_unless_asked(monkeypatch):
    split = vb.load_sets()[0]["split"]
    monkeypatch.setattr(vb, "BLIND", (split,))
    assert [s for s in vb.load_sets(include_blind=True) if s["split"] == split]
    assert not [s for s in vb.load_sets() if s["split"] == split]


def test_a_named_blind_split_is_spent_alone(monkeypatch):
    splits = sorted({s["split"] for s in vb.load_sets()})[:2]
    monkeypatch.setattr(vb, "BLIND", tuple(splits))
    got = {s["split"] for s in vb.load_sets(include_blind=[splits[0]])}
    assert splits[0] in got and splits[1] not in got
    with pytest.raises(SystemExit):
        vb.main(["--include-blind", "no-such-split"])


def test_platitude_probe_counts_answers_pushed_out_of_their_band():
    s = {"id": "q", "lang": "en", "split": "dev", "answers": [
        {"id": "s1", "level": "strong", "rank": 1, "tags": [], "text": "x"},
        {"id": "a1", "level": "adequate", "rank": 2, "tags": [], "text": "y"},
        {"id": "w1", "level": "weak", "rank": 3, "tags": [], "text": "z"}]}
    scores = {"q/s1": {"overall": 80.0}, "q/s1~plat": {"overall": 78.0},
              "q/a1": {"overall": 50.0}, "q/a1~plat": {"overall": 40.0}, "q/w1": {"overall": 20.0}}
    got = vb.platitude_probe([s], scores)
    assert got["kept"] == 0.5 and got["max"] == 10.0
    text = vb.with_platitudes("I rang the desk.", "en", "q/a1")
    assert text.startswith("I rang the desk. ") and text == vb.with_platitudes("I rang the desk.", "en", "q/a1")
    assert sum(p in text for p in vb._PLATITUDES["en"]) == 2
    keys = {j["key"] for j in vb._jobs([dict(s, rubric={}, question="")], noisy=True)}
    assert "q/a1~plat" in keys and "q/w1~plat" not in keys


def test_disfluent_speech_adds_fillers_and_restarts_and_keeps_numbers():
    text = "We cut 1,200 calls to 0.5 per day, then I rang the desk. It worked, and we kept it."
    takes = [vb.disfluent(text, "en", str(i)) for i in range(20)]
    assert takes[3] == vb.disfluent(text, "en", "3")  # deterministic per answer
    assert any(t != text for t in takes)
    for t in takes:
        assert "1,200" in t and "0.5" in t
        words = [w for w in t.replace(",", " ").split() if w not in ("um", "uh", "you", "know", "like")]
        assert [w for i, w in enumerate(words) if i == 0 or w != words[i - 1]] == text.replace(",", " ").split()
    zh = [vb.disfluent("我先打了电话，然后改了流程。", "zh", str(i)) for i in range(20)]
    assert all("打了电话，" in t and "改了流程。" in t for t in zh) and len(set(zh)) > 1
    scores = {"q/a": {"overall": 50.0}, "q/a~disfl": {"overall": 47.0}}
    s = {"id": "q", "answers": [{"id": "a"}]}
    assert vb.stability([s], scores, "~disfl")["max"] == 3.0 and vb.stability([s], scores, "~none") is None
