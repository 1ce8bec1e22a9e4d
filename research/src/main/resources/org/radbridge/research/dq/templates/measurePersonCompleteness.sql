-- persons without a row in the table
SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM omop.${table} t WHERE t.person_id = p.person_id)), count(*) FROM omop.person p
