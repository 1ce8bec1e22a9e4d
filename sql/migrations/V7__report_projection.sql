-- V7: reports are linked to their study and projected with it (DiagnosticReport + Observations + Provenance in
-- FHIR; NOTE, NOTE_NLP, OBSERVATION / CONDITION_OCCURRENCE, MEASUREMENT, IMAGE_FEATURE in OMOP).
--
-- A report links to its study by accession number, whichever of the two arrives first. Until the study is staged
-- the report is 'pending'; a report whose patient differs from the study's is 'mismatch' and is not linked
-- (link_problem says why). Like studies, a report stays dirty until both views hold it.

ALTER TABLE radbridge.report
    ADD COLUMN link_status        varchar(16)  NOT NULL DEFAULT 'pending',   -- pending | linked | mismatch
    ADD COLUMN study_link_uid     varchar(64),                               -- the study it is linked to
    ADD COLUMN link_problem       text,
    ADD COLUMN linked_at          timestamptz,
    ADD COLUMN dirty              boolean      NOT NULL DEFAULT true,
    ADD COLUMN projected_at       timestamptz;
CREATE INDEX report_link_status_idx ON radbridge.report (link_status) WHERE link_status <> 'linked';
CREATE INDEX report_dirty_idx ON radbridge.report (dirty) WHERE dirty;
CREATE INDEX report_study_link_idx ON radbridge.report (study_link_uid);

-- What the last successful projection of an accession's current report wrote, so that the next one (after an
-- amendment, a mapping edit or a rebuild) removes what the new version no longer says: FHIR Observation
-- identifiers, and the OMOP row ids of each table.
CREATE TABLE radbridge.report_projection (
    accession_number         varchar(64)  PRIMARY KEY,
    study_instance_uid       varchar(64)  NOT NULL,
    report_id                varchar(128) NOT NULL,
    fhir_observation_keys    text[]       NOT NULL DEFAULT '{}',
    fhir_projected_at        timestamptz,
    omop_note_nlp_ids        integer[]    NOT NULL DEFAULT '{}',
    omop_observation_ids     integer[]    NOT NULL DEFAULT '{}',
    omop_condition_ids       integer[]    NOT NULL DEFAULT '{}',
    omop_measurement_ids     integer[]    NOT NULL DEFAULT '{}',
    omop_image_feature_ids   integer[]    NOT NULL DEFAULT '{}',
    omop_projected_at        timestamptz
);

-- The NLP mentions of the current report of each accession, as the last projection found them (identified
-- staging data: offsets refer to the unscrubbed text). Rebuilt on every projection of the report.
CREATE TABLE radbridge.report_mention (
    report_id            varchar(128) NOT NULL,
    ordinal              integer      NOT NULL,
    start_offset         integer      NOT NULL,
    end_offset           integer      NOT NULL,
    text                 text         NOT NULL,
    concept_system       text,
    concept_code         varchar(64),
    radlex_id            varchar(32),
    assertion            varchar(16)  NOT NULL,
    temporality          varchar(16)  NOT NULL,
    subject              varchar(16)  NOT NULL,
    section              varchar(32),
    laterality           varchar(16),
    dimensions_mm        numeric[]    NOT NULL DEFAULT '{}',
    body_site_snomed     varchar(32),
    nlp_system           varchar(250) NOT NULL,
    analysed_at          timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (report_id, ordinal)
);
