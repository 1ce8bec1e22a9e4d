-- rows that end before they start
SELECT count(*) FILTER (WHERE CAST(t.${field} AS date) > CAST(t.${other_field} AS date)), count(*) FILTER (WHERE t.${field} IS NOT NULL)
FROM omop.${table} t
