-- distinct source values whose rows got concept 0
SELECT count(*) FILTER (WHERE mapped_to_zero), count(*)
FROM (SELECT t.${field}, bool_or(t.${other_field} = 0) AS mapped_to_zero FROM omop.${table} t WHERE t.${field} IS NOT NULL GROUP BY t.${field}) d
