-- rows whose concept field holds 0 ("no matching concept")
SELECT count(*) FILTER (WHERE t.${field} = 0), count(*) FILTER (WHERE t.${field} IS NOT NULL) FROM omop.${table} t
