# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..models.hr_ai_competency import parse_synonyms
from ..models.hr_ai_rubric_dimension import split_keywords
from ..scoring import lexicon
from .common import AiInterviewCase


@tagged("post_install", "-at_install")
class TestCompetencyLexicon(AiInterviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Competency = cls.env["hr.ai.competency"]
        cls.builtin = {e["code"]: e for e in lexicon.BUILTIN_LEXICON}

    def test_builtin_lexicon_loaded_on_install(self):
        records = self.Competency.search([("code", "in", list(self.builtin))])
        self.assertTrue(self.builtin)
        self.assertEqual(sorted(records.mapped("code")), sorted(self.builtin))
        self.assertTrue(all(records.mapped("is_builtin")))

    def test_to_lexicon_round_trips_builtin_entries(self):
        exported = {e["code"]: e for e in self.Competency._to_lexicon()}
        for code, entry in self.builtin.items():
            got = exported[code]
            self.assertEqual((got["name_zh"], got["name_en"]), (entry["name_zh"], entry["name_en"]))
            for key in ("triggers", "keywords"):  # same terms, in order, duplicates dropped
                self.assertEqual(got[key], split_keywords("\n".join(entry[key])), f"{code}.{key}")
            self.assertEqual(got["synonyms"], {k: split_keywords("\n".join(v))
                                               for k, v in (entry.get("synonyms") or {}).items()})

    def test_reload_keeps_hr_edits_until_restored(self):
        code = next(iter(self.builtin))
        rec = self.Competency.search([("code", "=", code)])
        zh = rec.with_context(lang="zh_CN")
        zh.write({"name": "改过的名字", "triggers": "自定义触发词"})
        self.Competency._load_builtin_lexicon()  # what a module upgrade runs
        self.assertEqual(zh.name, "改过的名字")
        self.assertEqual(self.Competency.search_count([("code", "=", code)]), 1)
        rec.action_restore_builtin()
        self.assertEqual((zh.name, rec.with_context(lang="en_US").name),
                         (self.builtin[code]["name_zh"], self.builtin[code]["name_en"]))
        rec.unlink()
        self.assertEqual(self.Competency._load_builtin_lexicon().code, code)  # missing entries come back

    def test_names_are_translated_fields_filled_for_a_language_loaded_later(self):
        code = next(iter(self.builtin))
        rec = self.Competency.search([("code", "=", code)])
        self.assertEqual(rec.with_context(lang="en_US").name, self.builtin[code]["name_en"])
        self.assertEqual(rec.with_context(lang="zh_CN").display_name, self.builtin[code]["name_zh"])
        self.env["res.lang"]._activate_lang("zh_TW")  # a Chinese language installed after the module
        self.assertEqual(rec.with_context(lang="zh_TW").name, self.builtin[code]["name_en"])
        self.env["ir.module.module"]._load_module_terms(["hr_ai_interview"], ["zh_TW"])
        self.assertEqual(rec.with_context(lang="zh_TW").name, self.builtin[code]["name_zh"])

    def test_archived_and_custom_entries(self):
        code = next(iter(self.builtin))
        self.Competency.search([("code", "=", code)]).action_archive()
        self.Competency.create({"code": "x_custom", "name": "区块链",
                                "triggers": "区块链，智能合约", "keywords": "共识算法\n智能合约"})
        exported = {e["code"]: e for e in self.Competency._to_lexicon()}
        self.assertNotIn(code, exported)
        self.assertEqual(exported["x_custom"]["triggers"], ["区块链", "智能合约"])
        self.assertEqual(exported["x_custom"]["keywords"], ["共识算法", "智能合约"])

    def test_synonyms_formats(self):
        self.assertEqual(parse_synonyms('{"用户调研": ["用户研究", "用户访谈"]}'), {"用户调研": ["用户研究", "用户访谈"]})
        self.assertEqual(parse_synonyms("用户调研: 用户研究，用户访谈\nPRD：需求文档"),
                         {"用户调研": ["用户研究", "用户访谈"], "PRD": ["需求文档"]})
        with self.assertRaisesRegex(ValidationError, "keyword: variant"):
            self.Competency.create({"code": "x_bad", "name": "Bad", "synonyms": "no separator"})
        with self.assertRaisesRegex(ValidationError, "not valid JSON"):
            self.Competency.create({"code": "x_bad2", "name": "Bad", "synonyms": "{oops"})
