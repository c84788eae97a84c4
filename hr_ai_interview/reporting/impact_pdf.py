"""One-page adverse-impact summary (PDF) from reporting.impact's table; pure (reportlab)."""
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from .i18n import translator
from .styles import CONTENT_WIDTH, LIGHT, WARN, Styles, build_pdf, esc


def _pct(value):
    return "—" if value is None else "%.0f %%" % (100 * value)


def _ratio(value):
    return "—" if value is None else "%.2f" % value


def render_impact_report(data, lang="en_US", _=None):
    """data: {"title", "company", "scope", "period", "total", "median", "lines": impact_table(...)}."""
    _ = translator(lang, _)
    st = Styles()
    story = [st.heading(_("Adverse Impact Report"), st.title),
             Paragraph(esc("%s · %s · %s" % (data.get("company") or "", data.get("scope") or "",
                                             data.get("period") or "")), st.small),
             Paragraph(esc(_("%(n)s candidates assessed; median AI score %(m)s. Selection: moved to the next "
                             "stage. Scoring rate: share above the median AI score.",
                             {"n": data.get("total", 0), "m": "—" if data.get("median") is None
                              else "%.1f" % data["median"]})), st.body),
             Spacer(1, 6)]
    head = [_("Category"), _("Group"), _("Count"), _("Share"), _("Selection rate"), _("Impact ratio"),
            _("Scoring rate"), _("Impact ratio"), _("Four-fifths")]
    rows, extra = [[Paragraph(esc(h), st.cell) for h in head]], []
    for i, ln in enumerate(data.get("lines") or [], start=1):
        group = ln["group"] if not ln["unknown"] else _("Unknown / prefer not to say")
        if ln["small"]:
            group = "%s (%s)" % (group, _("under 2 %"))
        rows.append([Paragraph(esc(ln["category"]), st.cell), Paragraph(esc(group), st.cell), str(ln["count"]),
                     _pct(ln["share"]), _pct(ln["selection_rate"]), _ratio(ln["selection_ratio"]),
                     _pct(ln["scoring_rate"]), _ratio(ln["scoring_ratio"]), _("below 0.8") if ln["flag"] else ""])
        if ln["flag"]:
            extra.append(("TEXTCOLOR", (8, i), (8, i), WARN))
    widths = [0.13, 0.2, 0.07, 0.08, 0.11, 0.1, 0.11, 0.1, 0.1]
    table = Table(rows, colWidths=[CONTENT_WIDTH * w for w in widths], repeatRows=1)
    table.setStyle(TableStyle(st.table_base + [("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                                               ("GRID", (0, 0), (-1, -1), 0.25, LIGHT),
                                               ("VALIGN", (0, 0), (-1, -1), "TOP")] + extra))
    story += [table, Spacer(1, 8), Paragraph(esc(_(
        "Impact ratio: the group's rate divided by the highest rate of its category. Groups under 2 % of the "
        "candidates and unknowns are shown with their counts but not compared. Self-identification is "
        "voluntary and never used for scoring.")), st.small)]
    return build_pdf(story, _("Adverse Impact Report"), _("Internal · bias audit"),
                     lambda n: _("Page %d", n), st, author=str(data.get("company") or ""))
