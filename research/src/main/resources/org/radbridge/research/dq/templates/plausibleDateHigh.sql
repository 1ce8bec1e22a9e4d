-- dates after tomorrow
SELECT count(*) FILTER (WHERE CAST(t.${field} AS date) > current_date + 1), count(*) FILTER (WHERE t.${field} IS NOT NULL) FROM omop.${table} t
