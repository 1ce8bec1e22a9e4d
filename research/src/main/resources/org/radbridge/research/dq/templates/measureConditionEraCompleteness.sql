-- persons with a coded condition but no condition era
SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM omop.condition_era e WHERE e.person_id = d.person_id)), count(*)
FROM (SELECT DISTINCT person_id FROM omop.condition_occurrence WHERE condition_concept_id <> 0) d
