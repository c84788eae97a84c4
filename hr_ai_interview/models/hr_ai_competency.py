# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The competency lexicon HR can edit. Its seed is scoring.lexicon.BUILTIN_LEXICON (the single source of
truth, also used by the pure engine without Odoo); records are converted back to the same dict shape."""
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
    name_zh = fields.Char(string="Name (Chinese)", required=True)
    name_en = fields.Char(string="Name (English)", required=True)
    description_zh = fields.Text(string="Description (Chinese)")
    description_en = fields.Text(string="Description (English)")
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

    @api.depends("code", "name_zh", "name_en")
    @api.depends_context("lang")
    def _compute_display_name(self):
        lang_zh = (self.env.lang or "").startswith("zh")
        for rec in self:
            rec.display_name = (rec.name_zh if lang_zh else rec.name_en) or rec.code

    @api.model
    def _builtin_vals(self, entry):
        return {
            "code": entry["code"],
            "name_zh": entry.get("name_zh") or entry.get("name_en") or entry["code"],
            "name_en": entry.get("name_en") or entry.get("name_zh") or entry["code"],
            "description_zh": entry.get("description_zh") or False,
            "description_en": entry.get("description_en") or False,
            "triggers": "\n".join(entry.get("triggers") or []) or False,
            "keywords": "\n".join(entry.get("keywords") or []) or False,
            "synonyms": format_synonyms(entry.get("synonyms")),
            "is_builtin": True,
        }

    @api.model
    def _load_builtin_lexicon(self, overwrite=False):
        """Create the built-in entries that are missing. Existing entries are HR's to edit, so a module
        upgrade only adds new codes; ``overwrite=True`` (the "Restore" button) resets them."""
        from ..scoring import lexicon

        existing = {rec.code: rec for rec in self.with_context(active_test=False).search([])}
        to_create = []
        for seq, entry in enumerate(lexicon.BUILTIN_LEXICON, start=1):
            vals = dict(self._builtin_vals(entry), sequence=seq)
            if entry["code"] not in existing:
                to_create.append(vals)
            elif overwrite:
                existing[entry["code"]].write(vals)
        return self.create(to_create)

    def action_restore_builtin(self):
        from ..scoring import lexicon

        by_code = {e["code"]: e for e in lexicon.BUILTIN_LEXICON}
        for rec in self:
            if rec.code in by_code:
                rec.write(self._builtin_vals(by_code[rec.code]))
        return True

    @api.model
    def _to_lexicon(self):
        """Active entries (of the user's companies, by record rules) in BUILTIN_LEXICON's dict shape."""
        return [{
            "code": rec.code,
            "name_zh": rec.name_zh,
            "name_en": rec.name_en,
            "description_zh": rec.description_zh or "",
            "description_en": rec.description_en or "",
            "triggers": split_keywords(rec.triggers),
            "keywords": split_keywords(rec.keywords),
            "synonyms": parse_synonyms(rec.synonyms),
        } for rec in self.search([])]
