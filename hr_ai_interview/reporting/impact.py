"""Adverse-impact figures (NYC Local Law 144 bias-audit style), pure: rows in, table out.

A row is one assessed candidate: {"groups": {category: value or None}, "selected": bool, "score": float|None}.
- selection rate: share of the group moved to the next stage; scoring rate: share of the group scoring above
  the median AI score of everyone scored (rate of being "above median").
- impact ratio: a group's rate divided by the rate of the group with the highest rate (in the same category).
- four-fifths flag: impact ratio < 0.8 (the EEOC rule of thumb).
- groups under 2 % of the candidates are reported with their counts but left out of the impact ratios (the
  law allows it: their rates are too noisy), as are unknowns ("prefer not to say" or no answer)."""
from statistics import median

UNKNOWN = None
SMALL_SHARE = 0.02
FOUR_FIFTHS = 0.8


def _rate(members, test):
    return (sum(1 for r in members if test(r)) / len(members)) if members else None


def impact_table(rows, categories, intersections=()):
    """[{category, group, count, share, small, unknown, selected, selection_rate, selection_ratio,
    above_median, scoring_rate, scoring_ratio, flag}] for each category (in `categories` order) and each pair
    of `intersections` (category "a × b", group "x × y"). Groups are sorted by name, unknowns last."""
    scores = [r["score"] for r in rows if r.get("score") is not None]
    med = median(scores) if scores else None
    total = len(rows)

    def above(r):
        return med is not None and r.get("score") is not None and r["score"] > med

    def key_of(r, cats):
        values = [r["groups"].get(c) for c in cats]
        return UNKNOWN if any(v in (None, "") for v in values) else " × ".join(str(v) for v in values)

    out = []
    for cats in [(c,) for c in categories] + [tuple(p) for p in intersections]:
        buckets = {}
        for r in rows:
            buckets.setdefault(key_of(r, cats), []).append(r)
        lines = []
        for group in sorted(buckets, key=lambda g: (g is UNKNOWN, str(g))):
            members = buckets[group]
            share = len(members) / total if total else 0.0
            scored = [r for r in members if r.get("score") is not None]
            lines.append({
                "category": " × ".join(cats), "group": group, "count": len(members), "share": share,
                "unknown": group is UNKNOWN, "small": group is not UNKNOWN and share < SMALL_SHARE,
                "selected": sum(1 for r in members if r.get("selected")),
                "selection_rate": _rate(members, lambda r: r.get("selected")),
                "above_median": sum(1 for r in scored if above(r)),
                "scoring_rate": _rate(scored, above),
            })
        for rate, ratio in (("selection_rate", "selection_ratio"), ("scoring_rate", "scoring_ratio")):
            counted = [ln for ln in lines if not ln["unknown"] and not ln["small"] and ln[rate] is not None]
            best = max((ln[rate] for ln in counted), default=0.0)
            for ln in lines:
                ln[ratio] = (ln[rate] / best) if ln in counted and best else None
        for ln in lines:
            ln["flag"] = any(ln[k] is not None and ln[k] < FOUR_FIFTHS for k in ("selection_ratio", "scoring_ratio"))
        out.extend(lines)
    return out


def all_intersections(categories):
    """Every pair of categories, in order (sex × age band, ...)."""
    return [(a, b) for i, a in enumerate(categories) for b in categories[i + 1:]]


def median_score(rows):
    scores = [r["score"] for r in rows if r.get("score") is not None]
    return median(scores) if scores else None

