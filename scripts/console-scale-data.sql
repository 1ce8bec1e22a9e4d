-- Scale data for the console's timings (issue 17): 100,000 studies / 1,000,000 instances / 300,000 series, 100,000
-- reports with 500,000 NLP mentions, and the matching OMOP rows, written by SQL straight into a RadBridge database
-- and 20,000 quarantined items. Nothing goes through the pipeline (a minute instead of hours); synthetic values only.
--
--   psql "postgresql://radbridge:radbridge@127.0.0.1:$PORT/radbridge" -v ON_ERROR_STOP=1 -f scripts/console-scale-data.sql
--
-- Run it against a server's (embedded) database that the server created (Flyway migrations applied), on a throw-away
-- data directory. Rows are keyed 'scale.'; running it twice adds nothing (it stops if scale rows are there already).
-- Studies are written as projected (dirty = false) so the server does not start re-projecting 100,000 studies.
\set ON_ERROR_STOP on
SELECT NOT EXISTS (SELECT 1 FROM radbridge.study WHERE study_instance_uid = 'scale.1') AS fresh \gset
\if :fresh
\else
  \echo 'scale rows are there already: nothing to do'
  \quit
\endif

SET synchronous_commit = off;

-- 100,000 studies of 40,000 patients over the last 3 years, first received over the last 60 days
INSERT INTO radbridge.study (study_instance_uid, patient_id, patient_name, patient_birth_date, patient_sex, accession_number,
                             study_date, study_description, source, first_received_at, last_received_at, dirty, projected_at)
SELECT 'scale.' || i, 'SP' || (i % 40000), 'SCALE^PATIENT' || (i % 40000), date '1940-01-01' + (i % 40000) * 13 % 25000,
       (ARRAY['M', 'F', 'F', 'M', 'O', NULL, 'U'])[1 + i % 7], 'SA' || i, current_date - (i % 1095),
       CASE WHEN i % 10 = 0 THEN 'SCALE UNMAPPED PROCEDURE ' || (i % 997)
            ELSE (ARRAY['CT CHEST WO', 'CT HEAD WO', 'MR BRAIN W WO', 'XR CHEST 2 VIEWS', 'US ABDOMEN COMPLETE',
                        'CT ABDOMEN PELVIS W', 'MG SCREENING BILATERAL', 'CT CHEST W/O CONTRAST'])[1 + i % 8] END,
       (ARRAY['cstore', 'inbox', 'folder', 'dimse-pull'])[1 + i % 4],
       now() - make_interval(secs => (i % 5184000)), now() - make_interval(secs => (i % 5184000)), false, now()
FROM generate_series(1, 100000) i;

-- 10 instances per study in 3 series (scanners, body parts and lateralities partly unmapped); each with a header of
-- about 2 KB of jsonb like a real one (V9: stored inline), which is what makes a scan of radbridge.instance costly
WITH header AS (SELECT jsonb_object_agg(lpad(to_hex(x * 65537), 8, '0'), jsonb_build_object('vr', 'LO', 'Value',
                       jsonb_build_array(repeat(chr(65 + x % 26), 20 + x % 15)))) AS a FROM generate_series(1, 26) x)
INSERT INTO radbridge.instance (sop_instance_uid, study_instance_uid, series_instance_uid, sop_class_uid, instance_number,
                                series_number, modality, body_part_examined, laterality, manufacturer, model_name, source, attributes)
SELECT 'scale.' || s || '.' || k, 'scale.' || s, 'scale.' || s || '.s' || (k % 3), '1.2.840.10008.5.1.4.1.1.2', k, k % 3,
       (ARRAY['CT', 'CT', 'MR', 'CR', 'DX', 'US', 'MG', 'SR', 'PR', 'OT', 'XX'])[1 + (s + k % 3) % 11],
       (ARRAY['CHEST', 'HEAD', 'ABDOMEN', 'PELVIS', 'BREAST', 'KNEE', 'SPINE', 'THORAX', 'SCALE PART ' || (s % 50), NULL, ''])[1 + (s * 3 + k % 3) % 11],
       (ARRAY['L', 'R', NULL, NULL, 'B', ''])[1 + (s + k % 3) % 6],
       (ARRAY['GE MEDICAL SYSTEMS', 'SIEMENS', 'Philips', 'SCALE VENDOR ' || (s % 20), NULL])[1 + s % 5],
       (ARRAY['Revolution CT', 'SOMATOM Force', 'Ingenia', 'SCALE MODEL', NULL])[1 + s % 5],
       'cstore', header.a || jsonb_build_object('00080018', 'scale.' || s || '.' || k)
FROM header, generate_series(1, 100000) s, generate_series(0, 9) k;

-- a report for most studies, linked; the others pending or mismatched under accession numbers no study has (so the
-- server's linker finds nothing to link and re-project); 5 NLP mentions each
INSERT INTO radbridge.report (report_id, accession_number, patient_id, study_instance_uid, status, report_date, text, text_sha256,
                              source, received_at, link_status, study_link_uid, dirty, projected_at)
SELECT 'scale.r' || i, CASE WHEN i % 10 < 8 THEN 'SA' ELSE 'SN' END || i, 'SP' || (i % 40000), CASE WHEN i % 10 < 8 THEN 'scale.' || i END,
       (ARRAY['final', 'final', 'preliminary', 'amended', 'SCALE STATUS'])[1 + i % 5],
       current_date - (i % 1095), 'FINDINGS: no acute abnormality. IMPRESSION: normal.', md5(i::text) || md5(i::text), 'hl7',
       now() - make_interval(secs => (i % 5184000)), (ARRAY['linked', 'linked', 'linked', 'linked', 'linked', 'linked', 'linked', 'linked', 'pending', 'mismatch'])[1 + i % 10],
       CASE WHEN i % 10 < 8 THEN 'scale.' || i END, false, now()
FROM generate_series(1, 100000) i;

INSERT INTO radbridge.report_mention (report_id, ordinal, start_offset, end_offset, text, concept_system, concept_code, assertion,
                                      temporality, subject, section, nlp_system)
SELECT 'scale.r' || i, m, m * 10, m * 10 + 5, 'term' || m, 'http://snomed.info/sct', (ARRAY['36118008', '233604007', '60046008', '14669001', '4147007'])[m],
       (ARRAY['present', 'absent', 'possible'])[1 + (i + m) % 3], 'current', 'patient', 'findings', 'scale'
FROM generate_series(1, 100000) i, generate_series(1, 5) m;

-- 20,000 quarantined items (a quarter dismissed), for the Quarantine page's filters and paging
INSERT INTO radbridge.quarantine (content_sha256, original_path, kind, reason, quarantined_at, resolution, resolved_at, resolved_by)
SELECT md5('q' || i) || md5('q' || i), '/scale/inbox/bad-' || i || '.dcm', (ARRAY['dicom', 'report', 'hl7', 'staging', 'file'])[1 + i % 5],
       'scale: unreadable item, reason ' || (i % 17), now() - make_interval(secs => i * 37),
       CASE WHEN i % 4 = 0 THEN 'dismissed' END, CASE WHEN i % 4 = 0 THEN now() END, CASE WHEN i % 4 = 0 THEN 'scale' END
FROM generate_series(1, 20000) i;

-- OMOP: persons, one procedure per study, an image occurrence per series, a note per report, 5 note_nlp rows each
INSERT INTO omop.person (person_id, gender_concept_id, year_of_birth, race_concept_id, ethnicity_concept_id, person_source_value)
SELECT 900000000 + p, (ARRAY[8507, 8532, 0])[1 + p % 3], 1940 + p % 70, 0, 0, 'scale' || p FROM generate_series(0, 39999) p;

INSERT INTO omop.procedure_occurrence (procedure_occurrence_id, person_id, procedure_concept_id, procedure_date, procedure_type_concept_id)
SELECT 900000000 + i, 900000000 + i % 40000, 0, current_date - (i % 1095), 32817 FROM generate_series(1, 100000) i;

INSERT INTO omop.image_occurrence (image_occurrence_id, person_id, procedure_occurrence_id, image_occurrence_date, image_study_uid,
                                   image_series_uid, modality_concept_id)
SELECT 900000000 + s * 3 + k, 900000000 + s % 40000, 900000000 + s, current_date - (s % 1095), 'scale.' || s, 'scale.' || s || '.s' || k, 0
FROM generate_series(1, 100000) s, generate_series(0, 2) k;

INSERT INTO omop.note (note_id, person_id, note_date, note_type_concept_id, note_class_concept_id, note_text, encoding_concept_id, language_concept_id)
SELECT 900000000 + i, 900000000 + i % 40000, current_date - (i % 1095), 32817, 0, 'FINDINGS: no acute abnormality.', 0, 0
FROM generate_series(1, 100000) i;

INSERT INTO omop.note_nlp (note_nlp_id, note_id, lexical_variant, nlp_date, note_nlp_concept_id, term_exists)
SELECT 900000000 + i * 5 + m, 900000000 + i, 'term' || m, current_date, 4000000 + m, (ARRAY['Y', 'N'])[1 + (i + m) % 2]
FROM generate_series(1, 100000) i, generate_series(0, 4) m;

ANALYZE radbridge.study;
ANALYZE radbridge.instance;
ANALYZE radbridge.report;
ANALYZE radbridge.report_mention;
ANALYZE radbridge.quarantine;
ANALYZE omop.person;
ANALYZE omop.procedure_occurrence;
ANALYZE omop.image_occurrence;
ANALYZE omop.note;
ANALYZE omop.note_nlp;
