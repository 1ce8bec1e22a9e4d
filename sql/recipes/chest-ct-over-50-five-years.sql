-- recipe: chest-ct-over-50-five-years
-- question: all chest CT series of patients aged 50 or more at the study, studies in a five-year window
--           (the starting point of lung-nodule growth studies)
-- count-columns:
-- output: one row per series: person, study and series research UIDs, study date, age at study
-- edit: the window and the age in the params CTE; the body site is SNOMED CT 816094009 Chest
WITH params AS (SELECT DATE '2012-01-01' AS date_from, DATE '2016-12-31' AS date_to, 50 AS min_age)
SELECT p.person_source_value AS person_key, io.image_study_uid AS study_uid, io.image_series_uid AS series_uid,
       po.procedure_date AS study_date,
       extract(year FROM po.procedure_date)::int - p.year_of_birth
         - CASE WHEN p.month_of_birth IS NOT NULL AND extract(month FROM po.procedure_date)::int < p.month_of_birth THEN 1 ELSE 0 END AS age_at_study
FROM params, omop.image_occurrence io
JOIN omop.procedure_occurrence po ON po.procedure_occurrence_id = io.procedure_occurrence_id
JOIN omop.person p ON p.person_id = io.person_id
JOIN omop.concept m ON m.concept_id = io.modality_concept_id AND m.vocabulary_id = 'DICOM' AND m.concept_code = 'CT'
JOIN omop.concept s ON s.concept_id = io.anatomic_site_concept_id AND s.vocabulary_id = 'SNOMED' AND s.concept_code = '816094009'
WHERE po.procedure_date BETWEEN params.date_from AND params.date_to
  AND extract(year FROM po.procedure_date)::int - p.year_of_birth
      - CASE WHEN p.month_of_birth IS NOT NULL AND extract(month FROM po.procedure_date)::int < p.month_of_birth THEN 1 ELSE 0 END >= params.min_age
ORDER BY person_key, study_date, series_uid
