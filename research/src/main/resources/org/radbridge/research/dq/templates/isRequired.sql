-- rows whose required field is NULL
SELECT count(*) FILTER (WHERE t.${field} IS NULL), count(*) FROM omop.${table} t
