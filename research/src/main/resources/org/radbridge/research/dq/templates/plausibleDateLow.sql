-- dates before the plausible start
SELECT count(*) FILTER (WHERE CAST(t.${field} AS date) < DATE '${value}'), count(*) FILTER (WHERE t.${field} IS NOT NULL) FROM omop.${table} t
