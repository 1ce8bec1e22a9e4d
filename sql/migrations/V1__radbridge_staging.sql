-- RadBridge staging: the source of truth from which the FHIR and OMOP views are projected.
-- Identified data lives here (and in FHIR) only; the omop schema receives pseudonymised rows.
CREATE SCHEMA IF NOT EXISTS radbridge;

-- One row per study. Patient attributes are kept per study because a PACS sends them per instance
-- and they can differ between studies of the same patient (name changes, merged MRNs).
CREATE TABLE radbridge.study (
    study_instance_uid   varchar(64)  PRIMARY KEY,
    patient_id           varchar(64)  NOT NULL,
    issuer_of_patient_id varchar(64)  NOT NULL DEFAULT '',
    patient_name         varchar(324),
    patient_birth_date   date,
    patient_sex          varchar(16),
    accession_number     varchar(64),
    study_id             varchar(16),
    study_date           date,
    study_time           time,
    study_description    varchar(256),
    referring_physician  varchar(324),
    institution_name     varchar(256),
    source               varchar(32)  NOT NULL,
    endpoint_url         text,
    first_received_at    timestamptz  NOT NULL DEFAULT now(),
    last_received_at     timestamptz  NOT NULL DEFAULT now(),
    -- set when instances arrive, cleared when both views have been rebuilt from staging
    dirty                boolean      NOT NULL DEFAULT true,
    projected_at         timestamptz
);
CREATE INDEX study_accession_idx ON radbridge.study (accession_number);
CREATE INDEX study_patient_idx ON radbridge.study (issuer_of_patient_id, patient_id);
CREATE INDEX study_dirty_idx ON radbridge.study (dirty) WHERE dirty;

-- One row per SOP instance; series attributes are repeated per instance (as in DICOM) and
-- aggregated when a study is projected.
CREATE TABLE radbridge.instance (
    sop_instance_uid     varchar(64)  PRIMARY KEY,
    study_instance_uid   varchar(64)  NOT NULL,
    series_instance_uid  varchar(64)  NOT NULL,
    sop_class_uid        varchar(64),
    transfer_syntax_uid  varchar(64),
    instance_number      integer,
    series_number        integer,
    modality             varchar(16),
    series_description   varchar(256),
    body_part_examined   varchar(64),
    laterality           varchar(16),
    series_date          date,
    manufacturer         varchar(128),
    model_name           varchar(128),
    source               varchar(32)  NOT NULL,
    file_path            text,
    file_size            bigint,
    attributes           jsonb        NOT NULL,
    received_at          timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX instance_study_idx ON radbridge.instance (study_instance_uid);
CREATE INDEX instance_series_idx ON radbridge.instance (series_instance_uid);

-- Reports are staged as received; NLP and projection come later in the pipeline.
CREATE TABLE radbridge.report (
    report_id            varchar(128) PRIMARY KEY,
    accession_number     varchar(64),
    patient_id           varchar(64),
    issuer_of_patient_id varchar(64)  NOT NULL DEFAULT '',
    study_instance_uid   varchar(64),
    status               varchar(32),
    report_date          date,
    text                 text         NOT NULL,
    text_sha256          char(64)     NOT NULL,
    source               varchar(32)  NOT NULL,
    source_path          text,
    received_at          timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX report_accession_idx ON radbridge.report (accession_number);

-- Every item that could not be taken in, with the reason. The content hash keys the entry so
-- that feeding the same bad file twice records it once.
CREATE TABLE radbridge.quarantine (
    quarantine_id        bigserial    PRIMARY KEY,
    content_sha256       char(64)     NOT NULL,
    original_path        text         NOT NULL,
    kind                 varchar(32)  NOT NULL,
    reason               text         NOT NULL,
    stored_path          text,
    quarantined_at       timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (content_sha256, original_path)
);

-- Stable OMOP integer keys for natural keys (person pseudonym, study UID, series UID ...), so
-- that re-projection updates rows in place instead of adding new ones.
-- OMOP 5.4 keys are integer columns, so the sequence is too
CREATE SEQUENCE radbridge.omop_id_seq AS integer;
CREATE TABLE radbridge.omop_id_map (
    kind                 varchar(32)  NOT NULL,
    natural_key          varchar(256) NOT NULL,
    omop_id              integer      NOT NULL DEFAULT nextval('radbridge.omop_id_seq'),
    PRIMARY KEY (kind, natural_key)
);

-- Site concept ids (>= 2,000,000,000) for terms the OHDSI vocabularies lack, kept stable across reloads.
CREATE SEQUENCE radbridge.site_concept_seq START 2000000001;
CREATE TABLE radbridge.site_concept (
    vocabulary_id        varchar(20)  NOT NULL,
    concept_code         varchar(50)  NOT NULL,
    concept_id           integer      NOT NULL DEFAULT nextval('radbridge.site_concept_seq'),
    PRIMARY KEY (vocabulary_id, concept_code)
);
