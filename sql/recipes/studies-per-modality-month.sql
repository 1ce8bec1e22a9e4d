-- recipe: studies-per-modality-month
-- question: studies (and series) per modality per month
-- count-columns: studies, series
-- output: month (first day), modality code, number of studies with at least one series of the modality, series
SELECT date_trunc('month', io.image_occurrence_date)::date AS month, coalesce(m.concept_code, 'unknown') AS modality,
       count(DISTINCT io.procedure_occurrence_id) AS studies, count(*) AS series
FROM omop.image_occurrence io
LEFT JOIN omop.concept m ON m.concept_id = io.modality_concept_id AND io.modality_concept_id <> 0
GROUP BY 1, 2 ORDER BY 1, 2
