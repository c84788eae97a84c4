# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""AI Interview Analytics: read-only SQL views for pivot, graph and list views (Recruitment → Reporting).

- interview: one row per interview with its funnel flags, completion and review times, AI vs human scores;
- funnel: one row per interview and step reached (a bar graph by step is the funnel, drop-off included);
- dimension: AI and mean human score per interview and rubric dimension (score distributions);
- question: difficulty (mean score) and discrimination (correlation of the answer score with the interview's
  overall score) per bank question;
- agreement: AI-vs-human agreement per job (Pearson correlation, mean absolute difference).
Scores are the AI's only when AI scoring ran (state scored); human scores come from completed reviews.
dimension_scores is read through ::text so the view works whether the column is text or jsonb."""
from odoo import fields, models, tools

from .hr_ai_interview import BANDS
from .hr_ai_interview_report import DECISIONS

FUNNEL_STEPS = [("1_invited", "Invited"), ("2_started", "Started"), ("3_consented", "Consented"),
                ("4_submitted", "Submitted"), ("5_scored", "Scored"), ("6_reviewed", "Reviewed"),
                ("7_decided", "Decided")]

INTERVIEW_SQL = """
    SELECT i.id AS id, i.id AS interview_id, i.company_id, i.job_id, i.user_id,
           COALESCE(i.invited_at, i.create_date) AS invited_at, i.submitted_at, i.state, i.final_decision,
           (i.invited_at IS NOT NULL)::int AS is_invited,
           (i.consent_state <> 'none' OR i.device_check IS NOT NULL OR i.submitted_at IS NOT NULL)::int
               AS is_started,
           (i.consent_state = 'given')::int AS is_consented,
           (i.submitted_at IS NOT NULL)::int AS is_submitted,
           (i.state = 'scored')::int AS is_scored,
           (r.first_done IS NOT NULL)::int AS is_reviewed,
           (i.final_decision IS NOT NULL)::int AS is_decided,
           CASE WHEN i.submitted_at IS NOT NULL AND i.consent_at IS NOT NULL
                THEN EXTRACT(EPOCH FROM i.submitted_at - i.consent_at) / 60.0 END AS completion_minutes,
           CASE WHEN r.first_done IS NOT NULL AND i.submitted_at IS NOT NULL
                THEN EXTRACT(EPOCH FROM r.first_done - i.submitted_at) / 3600.0 END AS review_hours,
           CASE WHEN i.state = 'scored' THEN i.overall_score END AS ai_score,
           CASE WHEN r.first_done IS NOT NULL THEN i.human_score END AS human_score,
           CASE WHEN r.first_done IS NOT NULL THEN i.merged_score END AS merged_score,
           CASE WHEN i.state = 'scored' AND r.first_done IS NOT NULL
                THEN ABS(i.overall_score - i.human_score) END AS abs_difference,
           CASE WHEN i.state = 'scored' THEN i.ai_band END AS ai_band
      FROM hr_ai_interview i
      LEFT JOIN (SELECT interview_id, MIN(write_date) AS first_done FROM hr_ai_review
                  WHERE state = 'done' GROUP BY interview_id) r ON r.interview_id = i.id
     WHERE i.state <> 'draft'
"""  # ai_band: the interview's stored band, computed by scoring/bands.py (the one place), not a copy in SQL


class HrAiAnalyticsInterview(models.Model):
    _name = "hr.ai.analytics.interview"
    _description = "AI Interview Analytics"
    _auto = False
    _order = "invited_at desc"
    _rec_name = "interview_id"

    interview_id = fields.Many2one("hr.ai.interview", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True)
    user_id = fields.Many2one("res.users", string="Recruiter", readonly=True)
    invited_at = fields.Datetime(string="Invited On", readonly=True)
    submitted_at = fields.Datetime(string="Submitted On", readonly=True)
    state = fields.Selection(lambda self: self.env["hr.ai.interview"]._fields["state"].selection, readonly=True)
    final_decision = fields.Selection(DECISIONS, string="Decision", readonly=True)
    ai_band = fields.Selection(BANDS, string="AI Band", readonly=True)
    is_invited = fields.Integer(string="Invited", readonly=True)
    is_started = fields.Integer(string="Started", readonly=True)
    is_consented = fields.Integer(string="Consented", readonly=True)
    is_submitted = fields.Integer(string="Submitted", readonly=True)
    is_scored = fields.Integer(string="Scored", readonly=True)
    is_reviewed = fields.Integer(string="Reviewed", readonly=True)
    is_decided = fields.Integer(string="Decided", readonly=True)
    completion_minutes = fields.Float(string="Completion Time (min)", readonly=True, aggregator="avg")
    review_hours = fields.Float(string="Time to Review (h)", readonly=True, aggregator="avg")
    ai_score = fields.Float(string="AI Score", readonly=True, aggregator="avg")
    human_score = fields.Float(string="Human Score", readonly=True, aggregator="avg")
    # empty (NULL) until a human review is done, so averages count reviewed interviews only
    merged_score = fields.Float(string="Hiring Score", readonly=True, aggregator="avg")
    abs_difference = fields.Float(string="AI–Human Difference", readonly=True, aggregator="avg",
                                  help="Mean absolute difference between the AI and the human overall score.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("CREATE OR REPLACE VIEW %s AS (%s)" % (self._table, INTERVIEW_SQL))


class HrAiAnalyticsFunnel(models.Model):
    _name = "hr.ai.analytics.funnel"
    _description = "AI Interview Funnel"
    _auto = False
    _order = "step"

    interview_id = fields.Many2one("hr.ai.interview", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True)
    user_id = fields.Many2one("res.users", string="Recruiter", readonly=True)
    invited_at = fields.Datetime(string="Invited On", readonly=True)
    step = fields.Selection(FUNNEL_STEPS, readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        steps = " UNION ALL ".join(
            "SELECT a.id * 10 + %d AS id, a.interview_id, a.company_id, a.job_id, a.user_id, a.invited_at, "
            "'%s' AS step FROM hr_ai_analytics_interview a WHERE a.is_%s = 1" % (n, code, code.split("_", 1)[1])
            for n, (code, _label) in enumerate(FUNNEL_STEPS, start=1))
        self.env.cr.execute("CREATE OR REPLACE VIEW %s AS (%s)" % (self._table, steps))


class HrAiAnalyticsDimension(models.Model):
    _name = "hr.ai.analytics.dimension"
    _description = "AI Interview Analytics by Dimension"
    _auto = False
    _order = "interview_id, dimension"

    interview_id = fields.Many2one("hr.ai.interview", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True)
    user_id = fields.Many2one("res.users", string="Recruiter", readonly=True)
    invited_at = fields.Datetime(string="Invited On", readonly=True)
    dimension = fields.Char(readonly=True)
    ai_score = fields.Float(string="AI Score", readonly=True, aggregator="avg")
    human_score = fields.Float(string="Human Score", readonly=True, aggregator="avg")
    score_bucket = fields.Char(string="AI Score Range", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""CREATE OR REPLACE VIEW %s AS (
            SELECT ROW_NUMBER() OVER (ORDER BY i.id, d.ord) AS id, i.id AS interview_id, i.company_id, i.job_id,
                   i.user_id, COALESCE(i.invited_at, i.create_date) AS invited_at, d.value->>'name' AS dimension,
                   (d.value->>'score')::float AS ai_score, h.human_score,
                   LPAD((LEAST(FLOOR((d.value->>'score')::float / 10), 9) * 10)::int::text, 2, '0') || '–' ||
                   (LEAST(FLOOR((d.value->>'score')::float / 10), 9) * 10 + 10)::int::text AS score_bucket
              FROM hr_ai_interview i
              CROSS JOIN LATERAL jsonb_array_elements(
                   CASE WHEN i.dimension_scores::text ~ '^\\s*\\[' THEN i.dimension_scores::text::jsonb
                        ELSE '[]'::jsonb END)
                   WITH ORDINALITY AS d(value, ord)
              LEFT JOIN (SELECT r.interview_id, l.dimension, AVG(l.score_value) AS human_score
                           FROM hr_ai_review_line l JOIN hr_ai_review r ON r.id = l.review_id
                          WHERE r.state = 'done' AND l.is_scored GROUP BY r.interview_id, l.dimension) h
                     ON h.interview_id = i.id AND h.dimension = d.value->>'name'
             WHERE i.state = 'scored' AND jsonb_typeof(d.value->'score') = 'number')""" % self._table)


class HrAiAnalyticsQuestion(models.Model):
    _name = "hr.ai.analytics.question"
    _description = "AI Interview Question Statistics"
    _auto = False
    _order = "job_id, discrimination"

    question_id = fields.Many2one("hr.ai.question", string="Question", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True)
    answer_count = fields.Integer(string="Answers", readonly=True)
    mean_score = fields.Float(string="Difficulty (mean score)", readonly=True, digits=(5, 1),
                              help="Mean AI score of the answers: the lower, the harder the question.")
    stddev_score = fields.Float(string="Spread (std. dev.)", readonly=True, digits=(5, 1))
    discrimination = fields.Float(readonly=True, digits=(4, 2),
                                  help="Correlation of the answer's score with the interview's overall score: "
                                       "near 0 or negative, the question does not separate strong from weak "
                                       "candidates.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""CREATE OR REPLACE VIEW %s AS (
            SELECT q.source_question_id AS id, q.source_question_id AS question_id, i.company_id, i.job_id,
                   COUNT(*) AS answer_count, AVG(a.overall_score) AS mean_score,
                   COALESCE(STDDEV_SAMP(a.overall_score), 0) AS stddev_score,
                   COALESCE(CORR(a.overall_score, i.overall_score), 0) AS discrimination
              FROM hr_ai_interview_answer a
              JOIN hr_ai_interview_question q ON q.id = a.question_line_id
              JOIN hr_ai_interview i ON i.id = a.interview_id
             WHERE a.state = 'scored' AND a.is_current AND NOT COALESCE(q.is_practice, FALSE) AND i.state = 'scored'
               AND q.source_question_id IS NOT NULL
             GROUP BY q.source_question_id, i.company_id, i.job_id)""" % self._table)


class HrAiAnalyticsAgreement(models.Model):
    _name = "hr.ai.analytics.agreement"
    _description = "AI-vs-Human Agreement"
    _auto = False
    _order = "job_id"

    company_id = fields.Many2one("res.company", readonly=True)
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True)
    pair_count = fields.Integer(string="Reviewed Interviews", readonly=True)
    mean_ai = fields.Float(string="Mean AI Score", readonly=True, digits=(5, 1))
    mean_human = fields.Float(string="Mean Human Score", readonly=True, digits=(5, 1))
    correlation = fields.Float(readonly=True, digits=(4, 2), help="Pearson correlation of AI and human scores.")
    mean_abs_difference = fields.Float(string="Mean Absolute Difference", readonly=True, digits=(5, 1))

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""CREATE OR REPLACE VIEW %s AS (
            SELECT MIN(a.interview_id) AS id, a.company_id, a.job_id, COUNT(*) AS pair_count,
                   AVG(a.ai_score) AS mean_ai, AVG(a.human_score) AS mean_human,
                   COALESCE(CORR(a.ai_score, a.human_score), 0) AS correlation,
                   AVG(a.abs_difference) AS mean_abs_difference
              FROM hr_ai_analytics_interview a
             WHERE a.ai_score IS NOT NULL AND a.human_score IS NOT NULL
             GROUP BY a.company_id, a.job_id)""" % self._table)
