-- Issue 12: the HL7 PV1-2 patient class of an ORU report (HL7 table 0004: E emergency, I inpatient, O outpatient ...),
-- kept with the staged report so that the OMOP visit of its study gets the visit concept mappings/visit.csv gives it.
-- NULL for sources without one (text files, DICOM SR, an ORU without PV1).
ALTER TABLE radbridge.report ADD COLUMN patient_class varchar(20);

-- Issue 12: IMAGE_FEATURE's event field concepts for MEASUREMENT and OBSERVATION rows were 1147330 and 1147304,
-- which are the CDM *Table* concepts 'measurement' and 'observation'; the CDM Field concepts measurement.measurement_id
-- and observation.observation_id are 1147138 and 1147165 (terminology/codesystems/omop-cdm-metadata.csv gives the
-- evidence). Existing rows are corrected here; the wrongly named concept rows the shipped subset had written are
-- removed (class Field only: an Athena import's own Table concepts with these ids stay), and the vocabulary loader
-- writes the right ones at the next start.
UPDATE omop.image_feature SET image_feature_event_field_concept_id = 1147138 WHERE image_feature_event_field_concept_id = 1147330;
UPDATE omop.image_feature SET image_feature_event_field_concept_id = 1147165 WHERE image_feature_event_field_concept_id = 1147304;
DELETE FROM omop.concept WHERE concept_id IN (1147330, 1147304) AND vocabulary_id = 'CDM' AND concept_class_id = 'Field';
