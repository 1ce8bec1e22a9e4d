-- Issue 10: no single input stops a run, no study retried for ever, every study that is not in a view says why.

-- Values that are not keys are kept whole: a 72-character SOP Class UID in a 64-character column failed the whole
-- staging batch. (varchar -> text rewrites nothing in PostgreSQL.)
ALTER TABLE radbridge.instance
    ALTER COLUMN sop_class_uid TYPE text,
    ALTER COLUMN transfer_syntax_uid TYPE text;

ALTER TABLE radbridge.study
    -- set when a projection failed for a data problem a retry cannot fix (the FHIR server refused the content, a value
    -- PostgreSQL refuses); the study is not retried until new instances arrive or the mappings change
    ADD COLUMN projection_failed_reason text,
    ADD COLUMN projection_failed_at     timestamptz,
    -- set when FHIR has the study but OMOP's rules exclude it (no date at all, no year of birth)
    ADD COLUMN omop_excluded_reason     text;

CREATE INDEX study_failed_idx ON radbridge.study (projection_failed_at) WHERE projection_failed_reason IS NOT NULL;
CREATE INDEX study_omop_excluded_idx ON radbridge.study (study_instance_uid) WHERE omop_excluded_reason IS NOT NULL;
