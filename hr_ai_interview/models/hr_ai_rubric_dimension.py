# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Newlines plus ASCII and Chinese list separators: HR pastes keywords from both kinds of documents.
KEYWORD_SEPARATORS = re.compile(r"[\n\r,，、;；]+")


def split_keywords(text):
    """Trimmed, de-duplicated (case-insensitive, first spelling wins) keywords in input order."""
    seen, result = set(), []
    for raw in KEYWORD_SEPARATORS.split(text or ""):
        kw = " ".join(raw.split())
        if kw and kw.casefold() not in seen:
            seen.add(kw.casefold())
            result.append(kw)
    return result


def normalize_keywords(text):
    return ", ".join(split_keywords(text)) or False


class HrAiRubricDimension(models.Model):
    _name = "hr.ai.rubric.dimension"
    _description = "AI Interview Rubric Dimension"
    _order = "job_id, sequence, id"

    job_id = fields.Many2one("hr.job", string="Job Position", required=True, ondelete="cascade", index=True)
    name = fields.Char(string="Dimension", required=True, translate=False)
    description = fields.Text(string="Description",
                              help="What a strong answer shows for this dimension; shown to candidates before "
                                   "they answer and to evaluators. Renaming the dimension replaces a description "
                                   "that came from the competency lexicon with the new name's.")
    weight = fields.Integer(string="Weight (%)", default=0,
                            help="Share of this dimension in the overall score. "
                                 "The weights of an enabled job must sum to 100.")
    keywords = fields.Text(string="Indicator Keywords",
                           help="One per line or separated by commas (， 、 ； are accepted too). "
                                "Trimmed and de-duplicated on save.")
    # Behaviourally anchored rating scale: what a weak / adequate / strong answer shows. Empty levels fall back to
    # the competency lexicon, then to a template on the description (scoring/anchors.py).
    anchor_weak = fields.Text(string="Weak Answer Shows",
                              help="Level anchor: what a weak answer shows (e.g. only opinions, no example).")
    anchor_adequate = fields.Text(string="Adequate Answer Shows",
                                  help="Level anchor: what an adequate answer shows (a general approach).")
    anchor_strong = fields.Text(string="Strong Answer Shows",
                                help="Level anchor: what a strong answer shows (own actions, reasons, results).")
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="job_id.company_id", store=True, index=True, string="Company")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "keywords" in vals:
                vals["keywords"] = normalize_keywords(vals["keywords"])
            if vals.get("name"):
                vals["name"] = vals["name"].strip()
        return super().create(vals_list)

    def write(self, vals):
        if "keywords" in vals:
            vals = dict(vals, keywords=normalize_keywords(vals["keywords"]))
        if vals.get("name"):
            vals = dict(vals, name=vals["name"].strip())
            if "description" not in vals:
                # a description that was the lexicon's text for the old name describes another competency now
                for dim in self.filtered(lambda d: d.name != vals["name"]):
                    old_default = dim._lexicon_description(dim.name)
                    if not dim.description or (old_default and dim.description.strip() == old_default):
                        super(HrAiRubricDimension, dim).write(
                            {"description": dim._lexicon_description(vals["name"]) or False})
        return super().write(vals)

    def _lexicon_description(self, name):
        """The competency lexicon's description for a dimension called `name` (in the language of the name
        that matched), or ''."""
        key = (name or "").strip().casefold()
        if not key:
            return ""
        for entry in self.env["hr.ai.competency"].sudo()._to_lexicon():
            if (entry["name_zh"] or "").strip().casefold() == key:
                return (entry["description_zh"] or entry["description_en"] or "").strip()
            if (entry["name_en"] or "").strip().casefold() == key:
                return (entry["description_en"] or entry["description_zh"] or "").strip()
        return ""

    def _anchors_dict(self):
        self.ensure_one()
        return {lvl: (self["anchor_" + lvl] or "").strip() for lvl in ("weak", "adequate", "strong")
                if (self["anchor_" + lvl] or "").strip()}

    def keyword_list(self):
        self.ensure_one()
        return split_keywords(self.keywords)

    @api.constrains("weight")
    def _check_weight(self):
        for dim in self:
            if not 0 <= dim.weight <= 100:
                raise ValidationError(_(
                    "The weight of dimension “%(name)s” must be between 0 and 100 (got %(weight)s).",
                    name=dim.name, weight=dim.weight))

    @api.constrains("name", "job_id")
    def _check_unique_name(self):
        for dim in self:
            key = dim.name.strip().casefold()
            twins = dim.job_id.ai_dimension_ids.filtered(lambda d: d != dim and d.name.strip().casefold() == key)
            if twins:
                raise ValidationError(_(
                    "The job position “%(job)s” already has a rubric dimension named “%(name)s”.",
                    job=dim.job_id.name, name=dim.name))
