"""Adverse-impact figures on a constructed cohort whose rates are worked out by hand."""
import pytest

from reporting.impact import all_intersections, impact_table, median_score


def cohort():
    rows = []

    def add(n, sex, age, selected, score):
        rows.extend({"groups": {"sex": sex, "age": age}, "selected": selected, "score": score} for _ in range(n))

    # women: 20, 12 selected (0.60); men: 20, 8 selected (0.40) -> men's ratio 0.40/0.60 = 0.667 (flagged)
    add(12, "F", "<40", True, 80.0)
    add(8, "F", "40+", False, 40.0)
    add(8, "M", "<40", True, 70.0)
    add(12, "M", "40+", False, 50.0)
    # one "other" candidate: 1 of 51 = 1.96 % < 2 %, counted but outside the ratios
    add(1, "X", "<40", True, 90.0)
    # unknowns (prefer not to say): counted apart
    add(10, None, "40+", False, 30.0)
    return rows


def by(table, category, group):
    return next(ln for ln in table if ln["category"] == category and ln["group"] == group)


def test_selection_rates_and_ratios():
    table = impact_table(cohort(), ["sex", "age"])
    f, m = by(table, "sex", "F"), by(table, "sex", "M")
    assert (f["count"], f["selected"], f["selection_rate"]) == (20, 12, 0.6)
    assert m["selection_rate"] == pytest.approx(0.4)
    assert f["selection_ratio"] == 1.0
    assert m["selection_ratio"] == pytest.approx(0.4 / 0.6)
    assert m["flag"] and not f["flag"]


def test_scoring_rate_is_above_the_median_of_everyone():
    rows = cohort()
    # 51 scores: 10x30, 8x40, 12x50, 8x70, 12x80, 1x90 -> median (26th) is 50
    assert median_score(rows) == 50.0
    table = impact_table(rows, ["sex"])
    f, m = by(table, "sex", "F"), by(table, "sex", "M")
    assert f["above_median"] == 12 and f["scoring_rate"] == pytest.approx(0.6)
    assert m["above_median"] == 8 and m["scoring_rate"] == pytest.approx(0.4)
    assert m["scoring_ratio"] == pytest.approx(2 / 3)


def test_small_groups_and_unknowns_are_counted_but_not_compared():
    table = impact_table(cohort(), ["sex"])
    x, unknown = by(table, "sex", "X"), by(table, "sex", None)
    assert x["small"] and x["count"] == 1 and x["selection_ratio"] is None
    # X selected 1/1 = 1.0 would otherwise be the best rate and make F's ratio 0.6
    assert by(table, "sex", "F")["selection_ratio"] == 1.0
    assert unknown["unknown"] and unknown["count"] == 10 and unknown["selection_ratio"] is None
    assert [ln["group"] for ln in table][-1] is None  # unknowns listed last


def test_intersections():
    rows = cohort()
    table = impact_table(rows, ["sex", "age"], all_intersections(["sex", "age"]))
    young_f, old_m = by(table, "sex × age", "F × <40"), by(table, "sex × age", "M × 40+")
    assert young_f["selection_rate"] == 1.0 and old_m["selection_rate"] == 0.0
    assert old_m["selection_ratio"] == 0.0 and old_m["flag"]
    # a row with an unknown part is unknown in the intersection
    assert by(table, "sex × age", None)["count"] == 10


def test_age_category():
    table = impact_table(cohort(), ["age"])
    young, old = by(table, "age", "<40"), by(table, "age", "40+")
    assert young["count"] == 21 and young["selection_rate"] == 1.0
    assert old["count"] == 30 and old["selection_rate"] == 0.0 and old["selection_ratio"] == 0.0


def test_no_scores_and_empty_input():
    assert impact_table([], ["sex"]) == []
    table = impact_table([{"groups": {"sex": "F"}, "selected": False, "score": None}], ["sex"])
    assert table[0]["scoring_rate"] is None and table[0]["selection_ratio"] is None and not table[0]["flag"]


def test_pdf_summary_renders_the_table():
    from reporting.impact_pdf import render_impact_report
    rows = cohort()
    pdf = render_impact_report({"company": "ACME", "scope": "All jobs", "period": "", "total": len(rows),
                                "median": median_score(rows), "lines": impact_table(rows, ["sex", "age"])})
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
