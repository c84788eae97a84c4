# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: results stored once, as jsonb (fields.Json) instead of Text holding JSON.

Before the ORM sees the new field types: text columns holding JSON become jsonb (unparsable or empty text
becomes NULL instead of failing the upgrade), the rubric snapshot becomes the scoring snapshot (rubric and the
company's modality weights), the answer's copy of the engine flags goes (they are read from the result), and
the competency lexicon's name_zh/name_en (description_zh/_en) pairs become translated fields."""
import logging

_logger = logging.getLogger(__name__)

JSON_COLUMNS = [
    ("hr_ai_interview_answer", "result_json"),
    ("hr_ai_interview", "dimension_scores"),
    ("hr_ai_interview", "score_flags"),
    ("hr_ai_interview", "device_check"),
    ("hr_ai_interview_question", "dimension_names"),
]


def _column_type(cr, table, column):
    cr.execute("SELECT data_type FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
               [table, column])
    row = cr.fetchone()
    return row and row[0]


def migrate(cr, version):
    # "submitted" was left for "scoring" in the same transaction: nobody ever saw it
    cr.execute("UPDATE hr_ai_interview SET state = 'scoring' WHERE state = 'submitted'")
    cr.execute("""
        CREATE FUNCTION pg_temp.hrai_jsonb(value text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
            IF value IS NULL OR btrim(value) = '' THEN RETURN NULL; END IF;
            RETURN value::jsonb;
        EXCEPTION WHEN others THEN RETURN NULL;
        END $$""")
    for table, column in JSON_COLUMNS:
        if _column_type(cr, table, column) == "text":
            cr.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE jsonb '
                       f'USING pg_temp.hrai_jsonb("{column}")')
            _logger.info("%s.%s converted to jsonb", table, column)
    # a corrected transcript made the engine echo the correction: keep what speech recognition heard
    if _column_type(cr, "hr_ai_interview_answer", "transcript"):
        cr.execute("""
            UPDATE hr_ai_interview_answer
               SET result_json = result_json || jsonb_build_object('asr_transcript', transcript)
             WHERE transcript_corrected IS NOT NULL AND transcript IS NOT NULL
               AND jsonb_typeof(result_json) = 'object' AND NOT result_json ? 'asr_transcript'""")
    if _column_type(cr, "hr_ai_interview_answer", "flags"):
        cr.execute("ALTER TABLE hr_ai_interview_answer DROP COLUMN flags")
    if _column_type(cr, "hr_ai_interview", "rubric_json") == "text":
        cr.execute("ALTER TABLE hr_ai_interview ADD COLUMN IF NOT EXISTS scoring_snapshot jsonb")
        cr.execute("""
            UPDATE hr_ai_interview i
               SET scoring_snapshot = jsonb_build_object(
                       'rubric', pg_temp.hrai_jsonb(i.rubric_json),
                       'weights', jsonb_build_object('text', c.ai_weight_content, 'speech', c.ai_weight_speech,
                                                     'vision', c.ai_weight_vision))
              FROM res_company c
             WHERE c.id = i.company_id AND pg_temp.hrai_jsonb(i.rubric_json) IS NOT NULL""")
        cr.execute("ALTER TABLE hr_ai_interview DROP COLUMN rubric_json")

    for field in ("name", "description"):
        if _column_type(cr, "hr_ai_competency", f"{field}_en") and not _column_type(cr, "hr_ai_competency", field):
            cr.execute(f"""
                ALTER TABLE hr_ai_competency ADD COLUMN "{field}" jsonb;
                UPDATE hr_ai_competency
                   SET "{field}" = jsonb_strip_nulls(jsonb_build_object(
                           'en_US', COALESCE({field}_en, {field}_zh), 'zh_CN', {field}_zh))
                 WHERE COALESCE({field}_en, {field}_zh) IS NOT NULL;
                ALTER TABLE hr_ai_competency DROP COLUMN {field}_en, DROP COLUMN {field}_zh""")
