-- values below the plausible minimum
SELECT count(*) FILTER (WHERE t.${field} < ${value}), count(*) FILTER (WHERE t.${field} IS NOT NULL) FROM omop.${table} t
