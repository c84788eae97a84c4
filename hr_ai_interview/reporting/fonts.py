"""Locate and register the WenQuanYi CJK font for reportlab, once per process.

Why WenQuanYi: it is a TrueType collection reportlab can subset and embed (Noto CJK is CFF and fails; the built-in
STSong-Light CID font is never embedded, so readers without a CJK font show boxes).
"""
import os
import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

ENV_FONT = "HR_AI_INTERVIEW_CJK_FONT"  # path to a .ttf/.ttc to use instead of searching
ENV_FONT_BOLD = "HR_AI_INTERVIEW_CJK_FONT_BOLD"  # optional real bold face
FONT_DIRS = (
    "/usr/share/fonts", "/usr/local/share/fonts",
    os.path.expanduser("~/.local/share/fonts"), os.path.expanduser("~/.fonts"),
)
# Preference order: microhei is the smaller, cleaner sans; zenhei is the other Debian WenQuanYi package.
FONT_FILES = ("wqy-microhei.ttc", "wqy-zenhei.ttc")

REGULAR = "HRAI-CJK"
BOLD = "HRAI-CJK-Bold"

_lock = threading.Lock()
_registered = None  # FontSet once registered


class FontNotFoundError(RuntimeError):
    pass


class FontSet:
    """Registered font names; faux_bold tells renderers to fake bold (stroke the glyph outline)."""

    def __init__(self, regular, bold, path, faux_bold):
        self.regular, self.bold, self.path, self.faux_bold = regular, bold, path, faux_bold

    def __repr__(self):
        return "FontSet(%r, faux_bold=%r)" % (self.path, self.faux_bold)


def find_cjk_font(dirs=FONT_DIRS):
    """Return the path of a WenQuanYi font file; raise FontNotFoundError with the fix when there is none."""
    override = os.environ.get(ENV_FONT)
    if override:
        if os.path.isfile(override):
            return override
        raise FontNotFoundError("%s=%r does not exist" % (ENV_FONT, override))
    found = {}
    for base in dirs:
        for root, _dirs, files in os.walk(base):
            for name in files:
                if name.lower() in FONT_FILES and name.lower() not in found:
                    found[name.lower()] = os.path.join(root, name)
    for name in FONT_FILES:
        if name in found:
            return found[name]
    raise FontNotFoundError(
        "No WenQuanYi CJK font found (searched %s for %s). Install the Debian package 'fonts-wqy-microhei' "
        "(apt-get install fonts-wqy-microhei) or set %s to a TrueType CJK font file."
        % (", ".join(dirs), " / ".join(FONT_FILES), ENV_FONT))


def register_fonts():
    """Register regular + bold (real or aliased to regular for faux bold) once; return the FontSet."""
    global _registered
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is not None:
            return _registered
        path = find_cjk_font()
        # subfontIndex=0: first face of the .ttc (the proportional one, not the Mono / Sharp variant).
        pdfmetrics.registerFont(TTFont(REGULAR, path, subfontIndex=0))
        bold_path = os.environ.get(ENV_FONT_BOLD)
        faux = not (bold_path and os.path.isfile(bold_path))
        # Without a bold face, <b> maps to the regular face so Paragraph markup still resolves (parsing the
        # 5 MB .ttc twice would double the cold start); headings then use faux bold (see styles.FauxBold).
        bold = REGULAR
        if not faux:
            pdfmetrics.registerFont(TTFont(BOLD, bold_path, subfontIndex=0))
            bold = BOLD
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=bold, italic=REGULAR, boldItalic=bold)
        _registered = FontSet(REGULAR, bold, path, faux)
        return _registered
