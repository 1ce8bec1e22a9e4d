-- image rows whose visit is not the visit of their procedure
SELECT count(*) FILTER (WHERE i.visit_occurrence_id IS DISTINCT FROM p.visit_occurrence_id), count(*)
FROM omop.image_occurrence i JOIN omop.procedure_occurrence p ON p.procedure_occurrence_id = i.procedure_occurrence_id
