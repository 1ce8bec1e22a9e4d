-- image rows whose procedure is missing or belongs to another person
SELECT count(*) FILTER (WHERE p.procedure_occurrence_id IS NULL OR p.person_id <> i.person_id), count(*)
FROM omop.image_occurrence i LEFT JOIN omop.procedure_occurrence p ON p.procedure_occurrence_id = i.procedure_occurrence_id
