# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Voluntary self-identification and the adverse-impact report (NYC LL144-style bias audit).

Answers live in their own models, readable only by the Adverse Impact Auditor group (not interviewers, not
reviewers, not recruiters); the interview has no field pointing to them and scoring never reads them. The
candidate gives them after submitting, each question optional with "prefer not to say"."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..reporting.impact import all_intersections, impact_table, median_score
from ..reporting.impact_pdf import render_impact_report
from .hr_ai_interview_report import report_translator

MAX_OPTIONS = 30


class HrAiSelfIdCategory(models.Model):
    _name = "hr.ai.selfid.category"
    _description = "Self-Identification Category"
    _order = "company_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    options = fields.Text(required=True, translate=True, help="One answer per line; “Prefer not to say” is "
                                                               "always offered in addition.")
    active = fields.Boolean(default=True)

    def _option_list(self):
        self.ensure_one()
        return [o.strip() for o in (self.options or "").splitlines() if o.strip()][:MAX_OPTIONS]


class HrAiSelfId(models.Model):
    _name = "hr.ai.selfid"
    _description = "Voluntary Self-Identification"
    _order = "id desc"

    interview_id = fields.Many2one("hr.ai.interview", required=True, ondelete="cascade", index=True)
    job_id = fields.Many2one(related="interview_id.job_id", store=True, index=True)
    company_id = fields.Many2one(related="interview_id.company_id", store=True, index=True)
    line_ids = fields.One2many("hr.ai.selfid.line", "selfid_id", string="Answers")

    _sql_constraints = [("one_per_interview", "UNIQUE(interview_id)", "One self-identification per interview.")]


class HrAiSelfIdLine(models.Model):
    _name = "hr.ai.selfid.line"
    _description = "Self-Identification Answer"

    selfid_id = fields.Many2one("hr.ai.selfid", string="Self-Identification", required=True, ondelete="cascade",
                                index=True)
    company_id = fields.Many2one(related="selfid_id.company_id", store=True)
    category_id = fields.Many2one("hr.ai.selfid.category", required=True, ondelete="cascade")
    # the position, not the label: options are translated, and candidates answer in their own language
    option_index = fields.Integer(string="Answer Number", help="Position in the category's options; 0: prefer "
                                                                "not to say.")
    value = fields.Char(compute="_compute_value", help="Empty: prefer not to say.")

    @api.depends("category_id.options", "option_index")
    @api.depends_context("lang")
    def _compute_value(self):
        for line in self:
            options = line.category_id._option_list()
            line.value = options[line.option_index - 1] if 0 < line.option_index <= len(options) else False


class HrAiInterview(models.Model):
    _inherit = "hr.ai.interview"

    def _portal_self_id_categories(self):
        self.ensure_one()
        return self.env["hr.ai.selfid.category"].sudo().search([("company_id", "=", self.company_id.id)])

    def _portal_self_id_given(self):
        self.ensure_one()
        return bool(self.env["hr.ai.selfid"].sudo().search_count([("interview_id", "=", self.id)]))

    def _portal_save_self_id(self, answers):
        """answers: {category id: option number (1-based, as the form sends it), "" or 0 = prefer not to say}.
        After submission only; an unknown category or option is refused."""
        self.ensure_one()
        if self.state not in ("human_review", "scoring", "scored"):
            raise UserError(_("Self-identification is asked after you submit your interview."))
        if self._portal_self_id_given():
            raise UserError(_("You already answered these optional questions."))
        categories = {c.id: c for c in self._portal_self_id_categories()}
        lines = []
        for key, value in (answers or {}).items():
            try:
                category = categories[int(key)]
            except (KeyError, TypeError, ValueError):
                raise UserError(_("Unknown self-identification question.")) from None
            value = str(value or "").strip() or "0"
            if not value.isdigit() or int(value) > len(category._option_list()):
                raise UserError(_("Please choose one of the listed answers."))
            lines.append(fields.Command.create({"category_id": category.id, "option_index": int(value)}))
        self.env["hr.ai.selfid"].sudo().create({"interview_id": self.id, "line_ids": lines})
        return True


class HrAiImpactReport(models.Model):
    _name = "hr.ai.impact.report"
    _description = "Adverse Impact Report"
    _order = "id desc"

    name = fields.Char(required=True, default=lambda self: _("Adverse impact %s", fields.Date.today()))
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    job_id = fields.Many2one("hr.job", string="Job Position", help="Empty: every job of the company.")
    date_from = fields.Date(string="Submitted From")
    date_to = fields.Date(string="Submitted To")
    computed_at = fields.Datetime(readonly=True)
    total = fields.Integer(string="Candidates Assessed", readonly=True)
    median_score = fields.Float(string="Median AI Score", readonly=True)
    flag_count = fields.Integer(string="Four-Fifths Flags", readonly=True)
    line_ids = fields.One2many("hr.ai.impact.line", "report_id", string="Figures", readonly=True)

    def _population(self):
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id), ("state", "=", "scored")]
        if self.job_id:
            domain.append(("job_id", "=", self.job_id.id))
        if self.date_from:
            domain.append(("submitted_at", ">=", fields.Datetime.to_datetime(self.date_from)))
        if self.date_to:
            domain.append(("submitted_at", "<", fields.Datetime.add(fields.Datetime.to_datetime(self.date_to),
                                                                    days=1)))
        interviews = self.env["hr.ai.interview"].sudo().search(domain)
        answers = self.env["hr.ai.selfid"].sudo().search([("interview_id", "in", interviews.ids)])
        by_interview = {s.interview_id.id: {ln.category_id.name: ln.value or None for ln in s.line_ids}
                        for s in answers}
        return [{"groups": by_interview.get(i.id, {}), "selected": i.final_decision == "advance",
                 "score": i.overall_score} for i in interviews]

    def action_compute(self):
        for report in self:
            rows = report._population()
            categories = self.env["hr.ai.selfid.category"].with_context(active_test=False).search(
                [("company_id", "=", report.company_id.id)]).mapped("name")
            table = impact_table(rows, categories, all_intersections(categories))
            report.line_ids.unlink()
            report.write({
                "computed_at": fields.Datetime.now(), "total": len(rows),
                "median_score": median_score(rows) or 0.0, "flag_count": sum(1 for ln in table if ln["flag"]),
                "line_ids": [fields.Command.create({
                    "category": ln["category"], "group_name": ln["group"] or False, "count": ln["count"],
                    "share": 100 * ln["share"], "unknown": ln["unknown"], "small": ln["small"],
                    "selected": ln["selected"], "selection_rate": 100 * (ln["selection_rate"] or 0),
                    "selection_ratio": ln["selection_ratio"] or 0.0, "above_median": ln["above_median"],
                    "scoring_rate": 100 * (ln["scoring_rate"] or 0), "scoring_ratio": ln["scoring_ratio"] or 0.0,
                    "compared": ln["selection_ratio"] is not None, "flag": ln["flag"]}) for ln in table]})
        return True

    def action_print_pdf(self):
        self.ensure_one()
        if not self.computed_at:
            self.action_compute()
        lines = [{"category": ln.category, "group": ln.group_name or None, "count": ln.count,
                  "share": ln.share / 100, "unknown": ln.unknown, "small": ln.small,
                  "selection_rate": ln.selection_rate / 100,
                  "selection_ratio": ln.selection_ratio if ln.compared else None,
                  "scoring_rate": ln.scoring_rate / 100,
                  "scoring_ratio": ln.scoring_ratio if ln.compared else None, "flag": ln.flag}
                 for ln in self.line_ids]
        period = " – ".join(str(d) for d in (self.date_from, self.date_to) if d)
        lang = self.env.user.lang or "en_US"
        pdf = render_impact_report({"company": self.company_id.name, "scope": self.job_id.name or _("All jobs"),
                                    "period": period, "total": self.total, "median": self.median_score,
                                    "lines": lines}, _=report_translator(lang))
        att = self.env["ir.attachment"].create({
            "name": "adverse-impact-%s.pdf" % self.id, "raw": pdf, "mimetype": "application/pdf",
            "res_model": self._name, "res_id": self.id})
        return {"type": "ir.actions.act_url", "target": "new",
                "url": "/web/content/%s?download=true" % att.id}


class HrAiImpactLine(models.Model):
    _name = "hr.ai.impact.line"
    _description = "Adverse Impact Figure"
    _order = "report_id, id"

    report_id = fields.Many2one("hr.ai.impact.report", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    category = fields.Char(required=True)
    group_name = fields.Char(string="Group", help="Empty: unknown or prefer not to say.")
    count = fields.Integer()
    share = fields.Float(string="Share (%)", digits=(5, 1))
    unknown = fields.Boolean()
    small = fields.Boolean(string="Under 2 %")
    compared = fields.Boolean(help="Counted in the impact ratios (known group of at least 2 %).")
    selected = fields.Integer(string="Selected")
    selection_rate = fields.Float(string="Selection Rate (%)", digits=(5, 1))
    selection_ratio = fields.Float(string="Selection Impact Ratio", digits=(5, 3))
    above_median = fields.Integer(string="Above Median")
    scoring_rate = fields.Float(string="Scoring Rate (%)", digits=(5, 1))
    scoring_ratio = fields.Float(string="Scoring Impact Ratio", digits=(5, 3))
    flag = fields.Boolean(string="Below Four-Fifths")

    @api.depends("category", "group_name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = "%s: %s" % (line.category, line.group_name or _("Unknown"))
