-- rows whose value is absent from the referenced table (rows with the field empty are not counted: NA when none is filled)
SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM omop.${fk_table} f WHERE f.${fk_field} = t.${field})), count(*)
FROM omop.${table} t WHERE t.${field} IS NOT NULL
