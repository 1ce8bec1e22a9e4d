-- events more than a week before the start or after the end of their visit
SELECT count(*) FILTER (WHERE t.${field} < v.visit_start_date - 7 OR t.${field} > v.visit_end_date + 7), count(*)
FROM omop.${table} t JOIN omop.visit_occurrence v ON v.visit_occurrence_id = t.visit_occurrence_id
