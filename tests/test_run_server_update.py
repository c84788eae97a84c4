"""`make run` on an existing database updates the addon when what Odoo loads from it changed (a pulled fix to a view
or a translation otherwise shows the old page); a test or a byte-code file is not a reason to update. The .pot is:
Odoo merges each .po into it when it loads translations, so a .po entry missing from it is dropped."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
import run_server  # noqa: E402


def _addon(tmp_path):
    root = tmp_path / run_server.ADDON
    (root / "views").mkdir(parents=True)
    (root / "i18n").mkdir()
    (root / "tests").mkdir()
    (root / "views" / "card.xml").write_text("<odoo><li>Known limits</li></odoo>")
    (root / "i18n" / "zh_CN.po").write_text('msgid "Known limits"\nmsgstr "已知局限"\n')
    return root


def test_fingerprint_follows_loaded_files_only(tmp_path, monkeypatch):
    root = _addon(tmp_path)
    monkeypatch.setattr(run_server, "REPO", str(tmp_path))
    first = run_server.addon_fingerprint()
    assert run_server.addon_fingerprint() == first  # content, not mtimes or walk order
    (root / "tests" / "test_x.py").write_text("x = 1\n")
    assert run_server.addon_fingerprint() == first
    (root / "i18n" / "hr_ai_interview.pot").write_text('msgid "Known limits"\nmsgstr ""\n')
    assert run_server.addon_fingerprint() != first
    first = run_server.addon_fingerprint()
    (root / "i18n" / "zh_CN.po").write_text('msgid "Known limits"\nmsgstr "已知限制"\n')
    second = run_server.addon_fingerprint()
    assert second != first
    (root / "views" / "card.xml").rename(root / "views" / "card2.xml")  # a renamed file is a change too
    assert run_server.addon_fingerprint() != second
