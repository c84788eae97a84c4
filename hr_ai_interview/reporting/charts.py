"""Vector charts (reportlab.graphics) for the reports: grouped horizontal bars per dimension and a speech-pace gauge.

Horizontal bars rather than a radar: Chinese dimension names stay horizontal and readable, it works for 1–12
dimensions, and bar length compares honestly (radar areas exaggerate differences).
"""
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

GRID = colors.HexColor("#DDDDDD")
TRACK = colors.HexColor("#F1F1F1")
SERIES_COLORS = (colors.HexColor("#1F5AA6"), colors.HexColor("#E08E0B"), colors.HexColor("#2E8B57"))
BAND_GREEN = colors.HexColor("#BFE3C8")


def _fit(text, font, size, width):
    """Truncate with an ellipsis so a long dimension name cannot run into the bars."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def bar_chart(names, series, font, width, max_value=100.0, bar_h=11, label_size=9, value_fmt="%.0f",
              ticks=(0, 25, 50, 75, 100), legend=True):
    """Grouped horizontal bars.

    names: dimension names (top to bottom). series: [(legend_label, [value|None per name], color|None)].
    A None value draws no bar and an em dash, so a dimension without human scores is visibly missing, not zero.
    """
    n_series = max(1, len(series))
    group_h = n_series * bar_h + 8
    legend_h = 16 if legend and n_series > 1 else 0
    top_pad, bottom_pad = 4 + legend_h, 14
    height = top_pad + bottom_pad + group_h * len(names)
    label_w = min(width * 0.38, max([stringWidth(n, font, label_size) for n in names] + [20]) + 8)
    value_w = 26
    x0, plot_w = label_w, width - label_w - value_w
    d = Drawing(width, height, initialFontName=font)  # else Times-Roman (never embedded) is referenced
    plot_top = height - top_pad
    for t in ticks:  # vertical grid + axis labels
        x = x0 + plot_w * t / max_value
        d.add(Line(x, bottom_pad, x, plot_top, strokeColor=GRID, strokeWidth=0.5))
        d.add(String(x, 3, "%g" % t, fontName=font, fontSize=7, fillColor=colors.grey, textAnchor="middle"))
    for i, name in enumerate(names):
        g_top = plot_top - i * group_h - 4
        mid = g_top - n_series * bar_h / 2.0
        d.add(String(0, mid - label_size * 0.35, _fit(name, font, label_size, label_w - 6), fontName=font,
                     fontSize=label_size))
        for j, (_label, values, color) in enumerate(series):
            value = values[i] if i < len(values) else None
            y = g_top - (j + 1) * bar_h + 1
            color = color or SERIES_COLORS[j % len(SERIES_COLORS)]
            d.add(Rect(x0, y, plot_w, bar_h - 2, fillColor=TRACK, strokeColor=None))
            if value is None:
                d.add(String(x0 + 3, y + 1.5, "—", fontName=font, fontSize=8, fillColor=colors.grey))
                continue
            v = max(0.0, min(float(value), max_value))
            d.add(Rect(x0, y, plot_w * v / max_value, bar_h - 2, fillColor=color, strokeColor=None))
            if value_fmt:  # None hides numbers (candidate reports may show levels only)
                d.add(String(x0 + plot_w + 4, y + 1, value_fmt % value, fontName=font, fontSize=min(8, bar_h - 1)))
    if legend_h:
        x = x0
        for j, (lab, _values, color) in enumerate(series):
            color = color or SERIES_COLORS[j % len(SERIES_COLORS)]
            d.add(Rect(x, height - 12, 9, 9, fillColor=color, strokeColor=None))
            d.add(String(x + 12, height - 11, lab, fontName=font, fontSize=8))
            x += 24 + stringWidth(lab, font, 8)
    return d


def pace_gauge(rate, font, width, band=(150, 200), lo=60, hi=300, unit="字/分", height=46):
    """Linear gauge: grey track lo..hi, green recommended band, a marker + value at the candidate's pace.

    The rate is clamped to the track so an outlier (e.g. 20 or 400) still draws at the edge instead of off-page.
    """
    d = Drawing(width, height, initialFontName=font)
    pad = 14
    track_w = width - 2 * pad
    y = 14

    def xpos(v):
        return pad + track_w * (max(lo, min(hi, v)) - lo) / float(hi - lo)

    d.add(Rect(pad, y, track_w, 8, fillColor=TRACK, strokeColor=GRID, strokeWidth=0.5))
    d.add(Rect(xpos(band[0]), y, xpos(band[1]) - xpos(band[0]), 8, fillColor=BAND_GREEN, strokeColor=None))
    for v in (lo, band[0], band[1], hi):
        d.add(String(xpos(v), 3, "%g" % v, fontName=font, fontSize=7, fillColor=colors.grey, textAnchor="middle"))
    if rate is not None:
        x = xpos(rate)
        d.add(Polygon([x - 5, y + 16, x + 5, y + 16, x, y + 9], fillColor=SERIES_COLORS[0], strokeColor=None))
        d.add(String(x, y + 20, "%.0f %s" % (rate, unit), fontName=font, fontSize=9, textAnchor="middle",
                     fillColor=SERIES_COLORS[0]))
    return d
