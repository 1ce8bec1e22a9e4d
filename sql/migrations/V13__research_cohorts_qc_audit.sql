-- V13: the research toolkit (issue 14): cohort runs, QC results, the audit of research exports, and what the
-- omop_reader role may do with them.
--
-- * radbridge.research_audit: one row per cohort run, manifest export, aggregate output and recipe run: who (API
--   token name or OS user), when, the definition's SHA-256, row counts. Append-only for readers (INSERT only).
-- * radbridge.qc_result: one row per QC rule and item (study, series or report) from `radbridge qc`; keyed by the
--   OMOP ids so that cohorts can exclude studies failing a rule. staging_ref (the staging key of an item that has no
--   OMOP row, e.g. a report without its study) is identified data. The view research.qc_result shows every other
--   column, so the research side (cohorts, recipes, omop_reader) reads QC without touching staging. It lives in its
--   own schema "research" because omop holds exactly the CDM 5.4 + imaging-extension tables (OmopSchemaTest).
-- * omop_reader runs cohorts: it writes omop.cohort / omop.cohort_definition (OHDSI tools read them there) and inserts
--   audit rows; it still cannot read any radbridge table.

CREATE TABLE radbridge.research_audit (
    audit_id          bigserial    PRIMARY KEY,
    action            varchar(32)  NOT NULL,            -- cohort-run | manifest-export | aggregate | recipe | qc | bench
    actor             varchar(128) NOT NULL,            -- token:NAME or os:USER (database user appended)
    at                timestamptz  NOT NULL DEFAULT now(),
    name              varchar(255),
    definition_sha256 char(64),
    persons           bigint,
    studies           bigint,
    series            bigint,
    rows_written      bigint,
    output            text,                             -- where the result went (directory or file), or stdout
    details           jsonb        NOT NULL DEFAULT '{}'
);
CREATE INDEX research_audit_at_idx ON radbridge.research_audit (at);

CREATE TABLE radbridge.qc_result (
    qc_result_id             bigserial    PRIMARY KEY,
    rule_id                  varchar(64)  NOT NULL,
    status                   varchar(8)   NOT NULL,     -- fail | warn | pass
    person_id                integer,
    procedure_occurrence_id  integer,
    image_occurrence_id      integer,
    value_as_number          numeric,
    threshold                numeric,
    message                  text         NOT NULL,     -- no identifiers: ids above, numbers, protocol names
    staging_ref              text,                      -- identified: staging key where there is no OMOP row
    run_at                   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX qc_result_procedure_idx ON radbridge.qc_result (procedure_occurrence_id, rule_id) WHERE status = 'fail';
CREATE INDEX qc_result_rule_idx ON radbridge.qc_result (rule_id, status);

-- Cohort queries select series by modality and body site, studies by date, persons by age and sex. OHDSI's indexes
-- (V4) key these tables by person and concept only, so a cohort read every heap row of image_occurrence (wide: UIDs,
-- URLs). Covering indexes let PostgreSQL answer the cohort's base join from the indexes alone (index-only scans,
-- once autovacuum has set the visibility map), which is what `radbridge bench sql` measures. Named rb_* so that
-- OHDSI's idx_* set stays exactly the published one (OmopSchemaTest counts it).
CREATE INDEX rb_image_occurrence_cohort_idx ON omop.image_occurrence (modality_concept_id, anatomic_site_concept_id)
    INCLUDE (procedure_occurrence_id, person_id, image_occurrence_id);
CREATE INDEX rb_procedure_date_idx ON omop.procedure_occurrence (procedure_date)
    INCLUDE (procedure_occurrence_id, person_id, procedure_concept_id);
CREATE INDEX rb_person_cohort_idx ON omop.person (person_id) INCLUDE (year_of_birth, month_of_birth, gender_concept_id);
CREATE INDEX rb_note_event_idx ON omop.note (note_event_id) WHERE note_event_id IS NOT NULL;
CREATE INDEX rb_cohort_subject_idx ON omop.cohort (cohort_definition_id, subject_id);

-- RadBridge's QC outcome per OMOP study / series, without the staging key
CREATE SCHEMA IF NOT EXISTS research;
CREATE VIEW research.qc_result AS
    SELECT qc_result_id, rule_id, status, person_id, procedure_occurrence_id, image_occurrence_id, value_as_number, threshold,
           message, run_at
    FROM radbridge.qc_result;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'omop_reader') THEN
        EXECUTE 'GRANT INSERT, DELETE ON omop.cohort, omop.cohort_definition TO omop_reader';
        EXECUTE 'GRANT USAGE ON SCHEMA radbridge TO omop_reader';
        EXECUTE 'GRANT INSERT ON radbridge.research_audit TO omop_reader';
        EXECUTE 'GRANT USAGE ON SEQUENCE radbridge.research_audit_audit_id_seq TO omop_reader';
        EXECUTE 'GRANT USAGE ON SCHEMA research TO omop_reader';
        EXECUTE 'GRANT SELECT ON research.qc_result TO omop_reader';
    ELSE
        RAISE NOTICE 'RadBridge V13: role omop_reader missing (see V5); grants for cohort runs not given';
    END IF;
END
$$;
