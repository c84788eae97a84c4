"""bench/spoken_bench.py's summary: how far spoken scores move from typed ones, bands and pairwise order per source."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench"))
import spoken_bench as sb  # noqa: E402


def _row(q, aid, level, typed, spoken):
    rank = {"strong": 1, "adequate": 2, "weak": 3}[level]  # the expert's order within a question
    return {"q": q, "id": aid, "level": level, "rank": rank, "typed": typed, "spoken": spoken, "cer": 0.1}


def test_summary_counts_changes_bands_and_inverted_pairs():
    rows = [_row("q1", "s1", "strong", 80.0, 72.0), _row("q1", "a1", "adequate", 55.0, 75.0),
            _row("q1", "w1", "weak", 30.0, 33.0), _row("q2", "s1", "strong", 60.0, 61.0)]
    s = sb.summary(rows)
    assert s["answers"] == 4 and s["max_abs"] == 20.0 and s["mean_abs"] == (8 + 20 + 3 + 1) / 4
    assert s["within5"] == 0.5
    assert s["in_band_typed"] == {"strong": "1/2", "adequate": "1/1", "weak": "1/1"}
    assert s["in_band_spoken"] == {"strong": "1/2", "adequate": "0/1", "weak": "1/1"}
    # pairs only within a question: q1 has 3 cross-level pairs; spoken puts the adequate answer above the strong one
    assert s["pairwise_typed"] == 1.0
    assert abs(s["pairwise_spoken"] - 2 / 3) < 1e-9


def test_only_written_answers_are_spoken():
    assert "s3" not in sb.ANSWERS and "w3" not in sb.ANSWERS  # transcript-like text and keyword lists
    assert {"s1", "a1", "w1", "w2"} <= set(sb.ANSWERS)
