# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""职位解析: propose rubric dimensions from the job description; HR ticks what to keep."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from ..models.hr_ai_rubric_dimension import normalize_keywords, split_keywords


def normalize_weights(weights, total=100):
    """Integer weights proportional to ``weights`` summing exactly to ``total`` (largest remainder);
    all-zero input is split evenly."""
    if not weights:
        return []
    raw = [max(w, 0) for w in weights]
    if not sum(raw):
        raw = [1] * len(raw)
    exact = [w * total / sum(raw) for w in raw]
    result = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (exact[i] - result[i], -i), reverse=True)
    for i in by_remainder[:total - sum(result)]:
        result[i] += 1
    return result


class HrAiRubricSuggest(models.TransientModel):
    _name = "hr.ai.rubric.suggest"
    _description = "Suggest an AI Interview Rubric from the Job Description"

    job_id = fields.Many2one("hr.job", string="Job Position", required=True, ondelete="cascade")
    mode = fields.Selection(
        [("replace", "Replace the current rubric"), ("merge", "Merge into the current rubric")],
        string="Apply Mode", default="replace", required=True,
        help="Replace deletes the current dimensions (and their links to questions). Merge keeps them, "
             "updates dimensions with the same name and adds the others; all weights are then rescaled to 100.")
    key_terms = fields.Char(string="Key Terms", readonly=True,
                            help="The most characteristic terms found in the description (TF-IDF and TextRank).")
    existing_count = fields.Integer(string="Current Dimensions", compute="_compute_existing_count")
    line_ids = fields.One2many("hr.ai.rubric.suggest.line", "wizard_id", string="Proposed Dimensions")

    @api.depends("job_id")
    def _compute_existing_count(self):
        for wiz in self:
            wiz.existing_count = len(wiz.job_id.ai_dimension_ids)

    def _generate_lines(self):
        from ..scoring import jd

        self.ensure_one()
        text = self.job_id._ai_description_text()
        lexicon = self.env["hr.ai.competency"]._to_lexicon() or None
        suggestions = jd.suggest_rubric(text, lexicon=lexicon, max_dimensions=5)
        if not suggestions:
            raise UserError(_(
                "No competency of the lexicon matches the description of “%s”. Add trigger terms in "
                "Recruitment > Configuration > Competency Lexicon, or define the rubric by hand.", self.job_id.name))
        terms = jd.extract_terms(text, top_k=12)
        self.write({
            "key_terms": ", ".join(term for term, _weight in terms),
            "mode": "merge" if self.job_id.ai_dimension_ids else "replace",
            "line_ids": [Command.clear()] + [Command.create({
                "sequence": seq,
                "keep": True,
                "code": sug.get("code") or False,
                "name": sug["name"],
                "description": sug.get("description") or False,
                "weight": int(sug.get("weight") or 0),
                "keywords": ", ".join(sug.get("keywords") or []),
                "matched_terms": ", ".join(sug.get("matched_terms") or []),
                "score": float(sug.get("score") or 0.0),
                **{"anchor_" + lvl: (sug.get("anchors") or {}).get(lvl) or False
                   for lvl in ("weak", "adequate", "strong")},
            }) for seq, sug in enumerate(suggestions, start=1)],
        })

    def action_apply(self):
        self.ensure_one()
        kept = self.line_ids.filtered("keep")
        if not kept:
            raise UserError(_("Tick at least one proposed dimension to keep."))
        job = self.job_id
        commands = []
        if self.mode == "replace":
            commands += [Command.delete(dim.id) for dim in job.ai_dimension_ids]
            entries = [(False, line) for line in kept]
        else:
            by_name = {dim.name.strip().casefold(): dim for dim in job.ai_dimension_ids}
            matched = {by_name[line.name.strip().casefold()]: line for line in kept
                       if line.name.strip().casefold() in by_name}
            # existing dimensions keep their place (updated when a kept line has the same name), new ones follow
            entries = [(dim, matched.get(dim)) for dim in job.ai_dimension_ids]
            entries += [(False, line) for line in kept if line.name.strip().casefold() not in by_name]
        base_seq = max(job.ai_dimension_ids.mapped("sequence"), default=0) if self.mode == "merge" else 0
        weights = normalize_weights([line.weight if line else dim.weight for dim, line in entries])
        for (dim, line), weight in zip(entries, weights):
            if not dim:
                commands.append(Command.create({
                    "name": line.name, "description": line.description, "weight": weight,
                    "keywords": line.keywords, "sequence": base_seq + line.sequence, **line._anchor_vals()}))
                continue
            vals = {"weight": weight}
            if line:
                vals["keywords"] = normalize_keywords(
                    "\n".join(split_keywords(dim.keywords) + split_keywords(line.keywords)))
                vals["description"] = dim.description or line.description
                vals.update({k: v for k, v in line._anchor_vals().items() if not dim[k]})  # HR's own anchors stay
            commands.append(Command.update(dim.id, vals))
        job.write({"ai_dimension_ids": commands})
        return {"type": "ir.actions.act_window_close"}


class HrAiRubricSuggestLine(models.TransientModel):
    _name = "hr.ai.rubric.suggest.line"
    _description = "Proposed AI Interview Rubric Dimension"
    _order = "sequence, id"

    wizard_id = fields.Many2one("hr.ai.rubric.suggest", string="Suggestion", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    keep = fields.Boolean(default=True)
    code = fields.Char(string="Competency Code", readonly=True)
    name = fields.Char(string="Dimension", required=True)
    description = fields.Text()
    weight = fields.Integer(string="Weight (%)")
    keywords = fields.Text(string="Indicator Keywords")
    matched_terms = fields.Char(string="Found in Description", readonly=True,
                                help="Description terms that triggered this competency: why it is proposed.")
    score = fields.Float(string="Relevance", readonly=True, digits=(16, 3))
    anchor_weak = fields.Text(string="Weak Answer Shows")
    anchor_adequate = fields.Text(string="Adequate Answer Shows")
    anchor_strong = fields.Text(string="Strong Answer Shows")

    def _anchor_vals(self):
        self.ensure_one()
        return {f: self[f] for f in ("anchor_weak", "anchor_adequate", "anchor_strong") if self[f]}
