"""Every literal string the addon's Python code passes to Odoo's `_()` / `_lt()` has a zh_CN translation.

Chinese-first (issue #11): a string added without its .po entry shows English on a zh_CN page or PDF. The test reads
the code with `ast` (no Odoo needed) and the catalogue with polib; strings of punctuation only need no translation."""
import ast
import os
import unicodedata

import polib

ADDON = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "hr_ai_interview")


def translatable_literals():
    for folder, dirs, files in os.walk(ADDON):
        dirs[:] = [d for d in dirs if d != "tests"]
        for name in files:
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as fh:
                tree = ast.parse(fh.read(), path)
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                func = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
                arg = node.args[0]
                if func in ("_", "_lt") and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield os.path.relpath(path, ADDON), node.lineno, arg.value


def needs_words(text):
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


def test_every_code_string_has_a_zh_cn_translation():
    catalogue = polib.pofile(os.path.join(ADDON, "i18n", "zh_CN.po"))
    translated = {e.msgid for e in catalogue if e.msgstr and not e.obsolete and "fuzzy" not in e.flags}
    literals = list(translatable_literals())
    assert len(literals) > 100, "the scan found too few strings: the walk is broken"
    missing = ["%s:%d %r" % (path, line, text[:60]) for path, line, text in literals
               if needs_words(text) and text not in translated]
    assert not missing, "no zh_CN translation for:\n" + "\n".join(missing)


def test_every_code_string_keeps_its_translation_once_odoo_merges_the_template():
    """Odoo reads a module's .po merged into its .pot (tools.translate.PoFileReader: `pofile.merge(pot)`), and the
    merge makes every entry missing from the .pot obsolete: its translation is silently dropped and the page or PDF
    shows English. So each code string needs its .pot entry too, as Python code (#. odoo-python)."""
    catalogue = polib.pofile(os.path.join(ADDON, "i18n", "zh_CN.po"))
    catalogue.merge(polib.pofile(os.path.join(ADDON, "i18n", "hr_ai_interview.pot")))
    kept = {e.msgid for e in catalogue if e.msgstr and not e.obsolete and "fuzzy" not in e.flags
            and "odoo-python" in (e.comment or "")}
    missing = sorted({"%s:%d %r" % (path, line, text[:60]) for path, line, text in translatable_literals()
                      if needs_words(text) and text not in kept})
    assert not missing, "translation dropped at run time (no .pot entry) for:\n" + "\n".join(missing)


def test_no_translation_of_the_catalogue_is_dropped_by_the_template_merge():
    """The same merge for every entry (field labels, selection values, view text): a zh_CN translation whose msgid
    is not in the .pot never reaches the database on install or update."""
    catalogue = polib.pofile(os.path.join(ADDON, "i18n", "zh_CN.po"))
    translated = {e.msgid for e in catalogue if e.msgstr and not e.obsolete}
    catalogue.merge(polib.pofile(os.path.join(ADDON, "i18n", "hr_ai_interview.pot")))
    kept = {e.msgid for e in catalogue if e.msgstr and not e.obsolete}
    dropped = sorted(m[:60] for m in translated - kept)
    assert not dropped, "zh_CN translations with no .pot entry:\n" + "\n".join(dropped)
