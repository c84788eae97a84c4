"""Translation for the pure report code: every function that shows text receives a translation function `_`
(`_(source, *args)` → translated source, %-formatted with args), and writes each string as a literal `_("…")`
(or `_lt("…")` for module-level tables) so Odoo's .pot extraction (keywords `_` and `_lt`) finds it.

Inside Odoo the addon passes `odoo.tools.translate.get_translation` bound to its module and the reader's
language. Outside Odoo (pure tests, CLI) `po_translator(lang)` reads the same `i18n/<lang>.po`, so there is one
set of translations either way."""
import os

I18N_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "i18n")
_PO_CACHE = {}


def _lt(source):
    """Marks a module-level string for extraction; it is translated where it is shown (`_(TABLE[key])`)."""
    return source


def _format(text, args):
    if not args:
        return text
    if len(args) == 1 and isinstance(args[0], dict):
        return text % args[0]
    return text % args


def identity(source, *args):
    """English (the source language)."""
    return _format(source, args)


def _read_po(path):
    from babel.messages.pofile import read_po  # babel ships with Odoo; only needed outside Odoo

    with open(path, "rb") as fh:
        catalog = read_po(fh)
    return {m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and m.string}


def po_translator(lang):
    """Translator reading the addon's i18n/<lang>.po (identity for en_US or a language without a .po)."""
    lang = lang or "en_US"
    if lang.startswith("en"):
        return identity
    if lang not in _PO_CACHE:
        path = os.path.join(I18N_DIR, "%s.po" % lang)
        _PO_CACHE[lang] = _read_po(path) if os.path.isfile(path) else {}
    table = _PO_CACHE[lang]

    def translate(source, *args):
        return _format(table.get(source) or source, args)

    return translate


def translator(lang=None, _=None):
    """The given translation function, else the .po one for `lang`."""
    return _ or po_translator(lang or "zh_CN")
