-- values above the plausible maximum (value may be an SQL expression of the catalogue, e.g. the current year + 1)
SELECT count(*) FILTER (WHERE t.${field} > ${value}), count(*) FILTER (WHERE t.${field} IS NOT NULL) FROM omop.${table} t
