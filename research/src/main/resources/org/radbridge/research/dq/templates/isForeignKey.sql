-- rows whose value is absent from the referenced table
SELECT count(*) FILTER (WHERE t.${field} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM omop.${fk_table} f WHERE f.${fk_field} = t.${field})),
       count(*)
FROM omop.${table} t
