-- recipe: nodule-growth-serial
-- question: a nodule's size across serial studies per person (growth)
-- count-columns:
-- output: one row per person and study with a measured nodule: the largest reported dimension (mm), the previous
--         study's value, the change in mm and the days between the two studies
-- source: MEASUREMENT rows (mm) linked to the nodule finding through IMAGE_FEATURE (event field 1147138 =
--         measurement.measurement_id, the CDM Field concept of MI-CDM)
-- edit: the finding in params (SNOMED CT 786838002 Nodule of lung, which the NLP gives nodules on chest exams)
WITH params AS (SELECT '786838002'::varchar AS finding_code),
finding AS (
  SELECT c.concept_id FROM params JOIN omop.concept c ON c.vocabulary_id = 'SNOMED' AND c.concept_code = params.finding_code
  UNION SELECT ca.descendant_concept_id FROM params JOIN omop.concept c ON c.vocabulary_id = 'SNOMED' AND c.concept_code = params.finding_code
        JOIN omop.concept_ancestor ca ON ca.ancestor_concept_id = c.concept_id),
sizes AS (
  SELECT io.person_id, io.procedure_occurrence_id, po.procedure_date, max(m.value_as_number) AS size_mm
  FROM omop.image_feature f
  JOIN omop.measurement m ON m.measurement_id = f.image_feature_event_id AND m.unit_source_value = 'mm'
  JOIN omop.image_occurrence io ON io.image_occurrence_id = f.image_occurrence_id
  JOIN omop.procedure_occurrence po ON po.procedure_occurrence_id = io.procedure_occurrence_id
  WHERE f.image_feature_event_field_concept_id = 1147138 AND f.image_finding_concept_id IN (SELECT concept_id FROM finding)
  GROUP BY 1, 2, 3)
SELECT p.person_source_value AS person_key, s.procedure_date AS study_date, s.size_mm,
       lag(s.size_mm) OVER w AS previous_size_mm, s.size_mm - lag(s.size_mm) OVER w AS change_mm,
       s.procedure_date - lag(s.procedure_date) OVER w AS days_since_previous
FROM sizes s JOIN omop.person p ON p.person_id = s.person_id
WINDOW w AS (PARTITION BY s.person_id ORDER BY s.procedure_date, s.procedure_occurrence_id)
ORDER BY person_key, study_date, s.procedure_occurrence_id
