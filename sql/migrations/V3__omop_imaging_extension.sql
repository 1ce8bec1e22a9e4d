-- V3: OHDSI Medical Imaging CDM extension (MI-CDM): IMAGE_OCCURRENCE and IMAGE_FEATURE, schema "omop".
--
-- Reference: Park WY et al. "Development of Medical Imaging Data Standardization
-- for Imaging-Based Observational Research: OMOP Common Data Model Extension",
-- J Imaging Inform Med 2024.
--
-- Column list, order, required-ness and types were checked against two published sources:
--   OHDSI/ImageWG @ 754b1218b3cb6e43205ce6a6aebeb7a9f35b5452
--     inst/csv/new_csv/OMOP_CDM_Medical_Imaging_Ex_Field_Level.csv   (field-level spec: isRequired,
--     cdmDatatype; wadors_uri/local_path/alg_system varchar(max), image_study_uid/image_series_uid
--     varchar(250), alg_datetime datetime, primary keys image_occurrence_id / image_feature_id)
--   dr-you-group/ImageWG @ f5fab84560d041fd8a70a3365d3a69159958da5c (the MI-CDM authors' DDL)
--     inst/ddl/5.4/postgresql/MICDM_postgresql_5.4_ddl.sql           (column order, NULL/NOT NULL)
--     inst/ddl/5.4/postgresql/MICDM_postgresql_5.4_primary_keys.sql  (xpk_image_occurrence, xpk_image_feature)
-- The two agree on names and nullability. They differ on the UID column type (field-level CSV:
-- varchar(250); PostgreSQL DDL: text; the OHDSI wiki's SQL Server DDL: varchar(10000)). We follow
-- the field-level spec, varchar(250), which is ample: a DICOM UID is at most 64 characters.
-- varchar(max) is text in PostgreSQL, datetime is timestamp, as in the core CDM DDL (V2).
--
-- RadBridge use: one IMAGE_OCCURRENCE row per DICOM series, linked to the PROCEDURE_OCCURRENCE of
-- its study; IMAGE_FEATURE links an image row to a MEASUREMENT / OBSERVATION row through
-- image_feature_event_field_concept_id (the table's CDM concept) + image_feature_event_id.
-- As in V2, no foreign-key constraints (see the comment at the top of V2).

CREATE TABLE omop.image_occurrence (
    image_occurrence_id       integer       NOT NULL,
    person_id                 integer       NOT NULL,
    procedure_occurrence_id   integer       NOT NULL,
    visit_occurrence_id       integer       NULL,
    anatomic_site_concept_id  integer       NULL,
    wadors_uri                text          NULL,
    local_path                text          NULL,
    image_occurrence_date     date          NOT NULL,
    image_study_uid           varchar(250)  NOT NULL,
    image_series_uid          varchar(250)  NOT NULL,
    modality_concept_id       integer       NOT NULL,
    CONSTRAINT xpk_image_occurrence PRIMARY KEY (image_occurrence_id)
);

CREATE TABLE omop.image_feature (
    image_feature_id                      integer    NOT NULL,
    person_id                             integer    NOT NULL,
    image_occurrence_id                   integer    NOT NULL,
    image_feature_event_field_concept_id  integer    NULL,
    image_feature_event_id                integer    NULL,
    image_feature_concept_id              integer    NOT NULL,
    image_feature_type_concept_id         integer    NOT NULL,
    image_finding_concept_id              integer    NULL,
    image_finding_id                      integer    NULL,
    anatomic_site_concept_id              integer    NULL,
    alg_system                            text       NULL,
    alg_datetime                          timestamp  NULL,
    CONSTRAINT xpk_image_feature PRIMARY KEY (image_feature_id)
);
