-- rows sharing their primary key value with another row
SELECT coalesce(sum(n) FILTER (WHERE n > 1), 0), coalesce(sum(n), 0)
FROM (SELECT count(*) AS n FROM omop.${table} GROUP BY ${field}) d
