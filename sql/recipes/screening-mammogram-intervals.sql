-- recipe: screening-mammogram-intervals
-- question: interval between consecutive screening mammograms per woman
-- count-columns:
-- output: one row per screening mammogram after a person's first: the previous one's date and the interval in days
-- source: PROCEDURE_OCCURRENCE with LOINC 24606-6 (MG Breast Screening) that has at least one MG series
-- edit: the procedure code in params
WITH params AS (SELECT '24606-6'::varchar AS procedure_code),
screens AS (
  SELECT DISTINCT po.person_id, po.procedure_occurrence_id, po.procedure_date
  FROM params JOIN omop.concept c ON c.vocabulary_id = 'LOINC' AND c.concept_code = params.procedure_code
  JOIN omop.procedure_occurrence po ON po.procedure_concept_id = c.concept_id
  JOIN omop.image_occurrence io ON io.procedure_occurrence_id = po.procedure_occurrence_id
  JOIN omop.concept m ON m.concept_id = io.modality_concept_id AND m.vocabulary_id = 'DICOM' AND m.concept_code = 'MG'),
ordered AS (
  SELECT person_id, procedure_occurrence_id, procedure_date,
         lag(procedure_date) OVER (PARTITION BY person_id ORDER BY procedure_date, procedure_occurrence_id) AS previous_date
  FROM screens)
SELECT p.person_source_value AS person_key, o.previous_date, o.procedure_date AS study_date, o.procedure_date - o.previous_date AS interval_days
FROM ordered o JOIN omop.person p ON p.person_id = o.person_id
WHERE o.previous_date IS NOT NULL
ORDER BY person_key, study_date, o.procedure_occurrence_id
