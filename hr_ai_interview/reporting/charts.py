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


# ---------- answer timeline (inline SVG for the HR answer form) ----------

def _nice_step(span, target=4):
    raw = span / float(target)
    for step in (1, 2, 5, 10, 15, 20, 25, 30, 50, 60, 100, 120, 150, 200, 300, 600):
        if step >= raw:
            return step
    return 600


def _num(value, default=None):
    return float(value) if isinstance(value, (int, float)) else default


def timeline_svg(result, _, band=(150, 200)):
    """Speaking rate over time (line, on labelled time and rate axes, recommended band shaded) and, when the
    camera was analysed, a face-in-view row. The legend lists exactly what is drawn. Returns SVG text ('' when
    there is nothing to draw); every string from the result is escaped."""
    from xml.sax.saxutils import escape, quoteattr

    speech = (result.get("features") or {}).get("speech") or {}
    vision = (result.get("features") or {}).get("vision") or {}
    series = [w for w in speech.get("rate_series") or [] if _num(w.get("rate")) is not None]
    duration = _num((result.get("media") or {}).get("duration")) or _num(speech.get("duration")) or max(
        [_num(w.get("end"), 0) for w in series] + [0.0])
    face = bool(vision.get("frames_analysed"))
    if not duration or not (series or face):
        return ""
    unit = speech.get("rate_unit") or _("per minute")
    W, left, right, top = 640, 58, 16, 30
    plot_h = 120 if series else 0
    face_y = top + plot_h + (34 if series else 4)
    axis_y = (face_y + 18) if face else top + plot_h
    H = axis_y + 40
    plot_w = W - left - right
    x = lambda t: left + plot_w * max(0.0, min(1.0, (t or 0) / duration))  # noqa: E731
    out = ['<text x="%d" y="14" font-size="12" font-weight="bold">%s</text>' % (
        left, escape(_("Answer timeline")))]
    legend = []
    if series:
        peak = max([_num(w["rate"], 0) for w in series] + [float(band[1])])
        step = _nice_step(peak * 1.15)
        ymax = step * (int(peak * 1.15 // step) + 1)  # headroom: the line never runs along the top edge
        y = lambda v: top + plot_h * (1 - max(0.0, min(ymax, v)) / ymax)  # noqa: E731
        out.append('<rect x="%d" y="%.1f" width="%d" height="%.1f" fill="#d4edda"/>' % (
            left, y(band[1]), plot_w, y(band[0]) - y(band[1])))
        v = 0
        while v <= ymax:
            out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#e3e3e3"/>'
                       '<text x="%d" y="%.1f" font-size="10" fill="#555" text-anchor="end">%g</text>'
                       % (left, W - right, y(v), y(v), left - 4, y(v) + 3, v))
            v += step
        out.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="#888"/>' % (left, left, top, top + plot_h))
        out.append('<text transform="translate(12 %d) rotate(-90)" font-size="10" fill="#555" '
                   'text-anchor="middle">%s</text>' % (top + plot_h // 2, escape(_("Rate (%s)", unit))))
        pts = " ".join("%.1f,%.1f" % (x((_num(w.get("start"), 0) + _num(w.get("end"), 0)) / 2), y(w["rate"]))
                       for w in series)
        out.append('<polyline points="%s" fill="none" stroke="#2c7be5" stroke-width="2"/>' % pts)
        out += ['<circle cx="%s" cy="%s" r="3" fill="#2c7be5"/>' % tuple(p.split(",")) for p in pts.split()]
        legend += [("#2c7be5", _("Speaking rate (%s)", unit)),
                   ("#d4edda", _("Recommended range %(lo)g–%(hi)g", {"lo": band[0], "hi": band[1]}))]
    if face:
        out.append('<text x="%d" y="%d" font-size="10" fill="#555" text-anchor="end">%s</text>' % (
            left - 4, face_y + 10, escape(_("Face"))))
        out.append('<rect x="%d" y="%d" width="%d" height="14" fill="#5cb85c"/>' % (left, face_y, plot_w))
        legend.append(("#5cb85c", _("Face in view")))
        for key, color, label in (("face_absent_intervals", "#d9534f", _("No face")),
                                  ("multiple_faces_intervals", "#f0ad4e", _("Several faces"))):
            spans = vision.get(key) or []
            for a, b in spans:
                out.append('<rect x="%.1f" y="%d" width="%.1f" height="14" fill="%s"/>' % (
                    x(a), face_y, max(1.0, x(b) - x(a)), color))
            if spans:
                legend.append((color, label))
    step = _nice_step(duration, 6)
    t = 0
    out.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="#888"/>' % (left, W - right, axis_y, axis_y))
    while t <= duration + 1e-6:
        out.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#888"/><text x="%.1f" y="%d" '
                   'font-size="10" fill="#555" text-anchor="middle">%g</text>' % (x(t), x(t), axis_y, axis_y + 4,
                                                                                 x(t), axis_y + 15, t))
        t += step
    out.append('<text x="%d" y="%d" font-size="10" fill="#555" text-anchor="middle">%s</text>' % (
        left + plot_w // 2, axis_y + 28, escape(_("Time (seconds)"))))
    lx = left
    for color, label in legend:  # the caption is the legend: one entry per thing drawn
        out.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d" font-size="10">%s'
                   '</text>' % (lx, H - 10, color, lx + 13, H - 1, escape(label)))
        lx += 26 + int(6.2 * len(label)) + (6 * sum(1 for c in label if ord(c) > 0x2e80))
    caption = "; ".join(label for _c, label in legend)
    return ('<svg class="o_ai_timeline" viewBox="0 0 %d %d" width="100%%" role="img" aria-label=%s '
            'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">%s</svg>') % (
        W, H + 4, quoteattr(caption), "".join(out))
