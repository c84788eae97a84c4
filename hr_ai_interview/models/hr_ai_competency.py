# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The competency lexicon HR can edit. Its seed is scoring.lexicon.BUILTIN_LEXICON (the single source of
truth, also used by the pure engine without Odoo); records are converted back to the same dict shape.
Names and descriptions are ordinary translated fields: the seed writes its English text as the source and its
Chinese text as the zh_* translations (also when a Chinese language is loaded later)."""
import json

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .hr_ai_rubric_dimension import split_keywords


class SynonymFormatError(ValueError):
    """Raised by parse_synonyms; the model turns it into a translated ValidationError."""

    def __init__(self, line=None, json_error=None):
        super().__init__(line or json_error)
        self.line, self.json_error = line, json_error


def parse_synonyms(text):
    """Synonyms as JSON ({"kw": ["a", "b"]}) or as "kw: a, b" lines -> {kw: [variants]}."""
    text = (text or "").strip()
    if not text:
        return {}
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise SynonymFormatError(json_error=str(exc)) from exc
        if not isinstance(data, dict):
            raise SynonymFormatError(json_error="not an object")
        return {str(k).strip(): split_keywords(", ".join(map(str, v)) if isinstance(v, list) else str(v))
                for k, v in data.items() if str(k).strip()}
    result = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        sep = ":" if ":" in line else "：" if "：" in line else None
        if not sep:
            raise SynonymFormatError(line=line.strip())
        key, variants = (part.strip() for part in line.split(sep, 1))
        if key:
            known = result.setdefault(key, [])
            known += [v for v in split_keywords(variants) if v not in known]
    return result


def format_synonyms(synonyms):
    return "\n".join(f"{k}: {', '.join(v)}" for k, v in (synonyms or {}).items()) or False


class HrAiCompetency(models.Model):
    _name = "hr.ai.competency"
    _description = "AI Interview Competency (lexicon entry)"
    _order = "sequence, code"

    code = fields.Char(required=True, index=True,
                       help="Stable identifier; built-in entries are matched on it when the module is upgraded.")
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True, help="Proposed as the rubric dimension's description.")
    triggers = fields.Text(string="Trigger Terms",
                           help="Job-description terms that suggest this competency, one per line or comma separated.")
    keywords = fields.Text(string="Indicator Keywords",
                           help="Keywords proposed for the rubric dimension, one per line or comma separated.")
    synonyms = fields.Text(string="Synonyms",
                           help="One line per keyword, “keyword: variant, variant”, or a JSON object.")
    # one short line per list row (the Text fields hold one term per line and made rows ~350 px tall)
    triggers_preview = fields.Char(string="Trigger Terms (first)", compute="_compute_previews")
    keywords_preview = fields.Char(string="Indicator Keywords (first)", compute="_compute_previews")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_builtin = fields.Boolean(string="Built-in", readonly=True,
                                help="Seeded from the built-in lexicon shipped with the module.")
    company_id = fields.Many2one("res.company", string="Company",
                                 help="Leave empty to share the entry between all companies.")

    _sql_constraints = [("code_unique", "unique(code)", "The competency code must be unique.")]

    @api.depends("triggers", "keywords")
    def _compute_previews(self):
        for rec in self:
            rec.triggers_preview = self._preview(rec.triggers)
            rec.keywords_preview = self._preview(rec.keywords)

    @staticmethod
    def _preview(text, first=4):
        terms = split_keywords(text)
        more = len(terms) - first
        return ", ".join(terms[:first]) + (" … (+%d)" % more if more > 0 else "") if terms else False

    @api.constrains("synonyms")
    def _check_synonyms(self):
        for rec in self:
            try:
                parse_synonyms(rec.synonyms)
            except SynonymFormatError as exc:
                if exc.line:
                    raise ValidationError(_(
                        "Competency “%(code)s”: the synonym line “%(line)s” needs the form "
                        "“keyword: variant, variant”.", code=rec.code, line=exc.line)) from exc
                raise ValidationError(_(
                    "Competency “%(code)s”: the synonyms are not valid JSON (%(error)s); use an object "
                    "mapping each keyword to a list of variants.", code=rec.code, error=exc.json_error)) from exc

    @api.model
    def _builtin_vals(self, entry):
        """Values of a seed entry, in its source language (English)."""
        return {
            "code": entry["code"],
            "name": entry.get("name_en") or entry.get("name_zh") or entry["code"],
            "description": entry.get("description_en") or entry.get("description_zh") or False,
            "triggers": "\n".join(entry.get("triggers") or []) or False,
            "keywords": "\n".join(entry.get("keywords") or []) or False,
            "synonyms": format_synonyms(entry.get("synonyms")),
            "is_builtin": True,
        }

    def _write_builtin(self, entry, langs=None):
        """The seed's text: English source, Chinese translations for the installed (or given) zh languages."""
        self.ensure_one()
        self.with_context(lang="en_US").write(self._builtin_vals(entry))
        self._translate_builtin(entry, langs)

    def _translate_builtin(self, entry, langs=None):
        self.ensure_one()
        langs = langs or [code for code, _name in self.env["res.lang"].get_installed()]
        for field, key in (("name", "name_zh"), ("description", "description_zh")):
            translations = {lang: entry[key] for lang in langs if lang.startswith("zh")}
            if entry.get(key) and translations and self.with_context(lang="en_US")[field]:
                self.update_field_translations(field, translations)

    @api.model
    def _translate_builtin_lexicon(self, langs):
        """A Chinese language was loaded after the seed: give the built-in entries their Chinese text
        (called by ir.module.module._load_module_terms; HR's own translations are kept)."""
        from ..scoring import lexicon

        langs = [lang for lang in langs if lang.startswith("zh")]
        if not langs:
            return
        by_code = {e["code"]: e for e in lexicon.BUILTIN_LEXICON}
        for rec in self.with_context(active_test=False).search([("is_builtin", "=", True)]):
            entry = by_code.get(rec.code)
            untranslated = [lang for lang in langs if rec.with_context(lang=lang).name ==
                            rec.with_context(lang="en_US").name]
            if entry and untranslated:
                rec._translate_builtin(entry, untranslated)

    @api.model
    def _load_builtin_lexicon(self, overwrite=False):
        """Create the built-in entries that are missing. Existing entries are HR's to edit, so a module
        upgrade only adds new codes; ``overwrite=True`` (the "Restore" button) resets them."""
        from ..scoring import lexicon

        existing = {rec.code: rec for rec in self.with_context(active_test=False).search([])}
        created = self.browse()
        for seq, entry in enumerate(lexicon.BUILTIN_LEXICON, start=1):
            if entry["code"] not in existing:
                rec = self.with_context(lang="en_US").create(dict(self._builtin_vals(entry), sequence=seq))
                rec._translate_builtin(entry)
                created |= rec
            elif overwrite:
                existing[entry["code"]]._write_builtin(entry)
        return created

    def action_restore_builtin(self):
        from ..scoring import lexicon

        by_code = {e["code"]: e for e in lexicon.BUILTIN_LEXICON}
        for rec in self:
            if rec.code in by_code:
                rec._write_builtin(by_code[rec.code])
        return True

    @api.model
    def _to_lexicon(self):
        """Active entries (of the user's companies, by record rules) in BUILTIN_LEXICON's dict shape: the
        engine matches both languages, so both texts are read (Chinese from the first installed zh language)."""
        from ..scoring import lexicon

        zh = next((code for code, _name in self.env["res.lang"].get_installed() if code.startswith("zh")), None)
        seed = {e["code"]: e for e in lexicon.BUILTIN_LEXICON}
        out = []
        for rec in self.search([]):
            en, local = rec.with_context(lang="en_US"), rec.with_context(lang=zh) if zh else None
            fallback = seed.get(rec.code, {}) if rec.is_builtin and not zh else {}  # no Chinese loaded yet
            out.append({
                "code": rec.code,
                "name_zh": local.name if local else fallback.get("name_zh") or en.name,
                "name_en": en.name,
                "description_zh": (local.description if local else fallback.get("description_zh")) or "",
                "description_en": en.description or "",
                "triggers": split_keywords(rec.triggers),
                "keywords": split_keywords(rec.keywords),
                "synonyms": parse_synonyms(rec.synonyms),
            })
        return out


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False, imported_module=False):
        res = super()._load_module_terms(modules, langs, overwrite=overwrite, imported_module=imported_module)
        if "hr_ai_interview" in modules and "hr.ai.competency" in self.env:
            self.env["hr.ai.competency"].sudo()._translate_builtin_lexicon(langs)
        return res
