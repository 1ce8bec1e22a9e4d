-- image rows sharing their series UID with another row
SELECT coalesce(sum(n) FILTER (WHERE n > 1), 0), coalesce(sum(n), 0)
FROM (SELECT count(*) AS n FROM omop.image_occurrence GROUP BY image_series_uid) d
