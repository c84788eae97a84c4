"""Shared layout pieces for both reports: paragraph styles, faux-bold headings, page template and helpers."""
import datetime
import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate

from .fonts import register_fonts

ACCENT = colors.HexColor("#1F5AA6")
MUTED = colors.HexColor("#666666")
LIGHT = colors.HexColor("#EEF3FA")
GOOD = colors.HexColor("#2E8B57")
WARN = colors.HexColor("#C0392B")
MARGIN = 18 * mm
CONTENT_WIDTH = A4[0] - 2 * MARGIN


def esc(value):
    """User-supplied text must be escaped: Paragraph parses markup, so '<' or '&' in a name would break it."""
    return escape("" if value is None else str(value))


def fmt_date(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    return "" if value is None else str(value)


def fmt_score(value):
    return "—" if value is None else "%.0f" % value


class FauxBold(Paragraph):
    """Paragraph drawn with text render mode 2 (fill + stroke): a readable bold when the CJK font has no bold face.

    reportlab's Paragraph has no render-mode option, but Tr is graphics state, so setting it before the text
    objects are emitted (inside a saved state) applies to the whole paragraph.
    """

    def __init__(self, text, style, stroke=None):
        Paragraph.__init__(self, text, style)
        self._stroke = stroke if stroke is not None else style.fontSize * 0.035

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.style.textColor)
        canv.setLineWidth(self._stroke)
        canv._code.append("2 Tr")
        Paragraph.draw(self)
        canv.restoreState()


class Styles:
    def __init__(self):
        fs = self.fonts = register_fonts()
        base = dict(fontName=fs.regular, bulletFontName=fs.regular, wordWrap="CJK", alignment=TA_LEFT)
        self.title = ParagraphStyle("t", fontSize=20, leading=26, textColor=ACCENT, spaceAfter=4, **base)
        # keepWithNext: a heading never ends a page without its content
        self.h2 = ParagraphStyle("h2", fontSize=13, leading=18, textColor=ACCENT, spaceBefore=10, spaceAfter=4,
                                 keepWithNext=1, **base)
        self.h3 = ParagraphStyle("h3", fontSize=10, leading=14, textColor=ACCENT, spaceBefore=4, spaceAfter=1,
                                 keepWithNext=1, **base)
        self.body = ParagraphStyle("b", fontSize=10, leading=15, **base)
        self.question = ParagraphStyle("qt", fontSize=10, leading=15, leftIndent=8, borderPadding=(3, 4, 3, 4),
                                       backColor=LIGHT, spaceAfter=4, **base)
        self.small = ParagraphStyle("s", fontSize=8.5, leading=12, textColor=MUTED, **base)
        self.bullet = ParagraphStyle("bl", fontSize=10, leading=15, leftIndent=12, bulletIndent=2, **base)
        self.quote = ParagraphStyle("q", fontSize=9.5, leading=14, leftIndent=14, textColor=MUTED, **base)
        self.cell = ParagraphStyle("c", fontSize=9, leading=12, **base)
        # Table cells given as plain strings use the table's FONTNAME (Times-Roman by default, not embedded).
        self.table_base = [("FONTNAME", (0, 0), (-1, -1), fs.regular), ("FONTSIZE", (0, 0), (-1, -1), 9)]

    def heading(self, text, style=None):
        style = style or self.h2
        if self.fonts.faux_bold:
            return FauxBold(esc(text), style)
        return Paragraph("<b>%s</b>" % esc(text), style)

    def bullets(self, items, style=None):
        return [Paragraph(esc(item), style or self.bullet, bulletText="•") for item in items if item]


def logo_flowable(logo, max_w=45 * mm, max_h=14 * mm):
    """The company logo (PNG/JPEG bytes) scaled into a box, left-aligned; None when absent or unreadable."""
    if not logo:
        return None
    try:
        reader = ImageReader(io.BytesIO(logo))
        w, h = reader.getSize()
    except Exception:  # an SVG or a broken upload must not stop the report
        return None
    scale = min(max_w / float(w), max_h / float(h), 1.0)
    img = Image(io.BytesIO(logo), width=w * scale, height=h * scale)
    img.hAlign = "LEFT"
    return img


def build_pdf(story, title, footer_left, page_label, styles, author="", subject=""):
    """Lay out the story on A4 with a footer (left text + page_label(page number)) and return the PDF bytes.

    invariant=1 drops the creation timestamp and random document id, so the same data gives the same bytes
    (cacheable, and a re-sent report is verifiably identical).
    """
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=16 * mm,
                            bottomMargin=18 * mm, title=title, author=author, subject=subject,
                            creator="hr_ai_interview", invariant=1,
                            initialFontName=styles.fonts.regular)
    font = styles.fonts.regular

    def footer(canv, _doc):
        canv.saveState()
        canv.setFont(font, 7.5)
        canv.setFillColor(MUTED)
        canv.setStrokeColor(colors.HexColor("#CCCCCC"))
        canv.line(MARGIN, 13 * mm, A4[0] - MARGIN, 13 * mm)
        canv.drawString(MARGIN, 9 * mm, footer_left)
        canv.drawRightString(A4[0] - MARGIN, 9 * mm, page_label(canv.getPageNumber()))
        canv.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()
