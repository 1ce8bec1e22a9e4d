-- staged series of studies that reached OMOP without exactly one image_occurrence row (matched by the
-- pseudonymised-UID-free id map, so no identifier leaves the database)
SELECT count(*) FILTER (WHERE n <> 1), count(*)
FROM (SELECT s.series_instance_uid, count(io.image_occurrence_id) AS n
      FROM (SELECT DISTINCT study_instance_uid, series_instance_uid FROM radbridge.instance) s
      JOIN radbridge.omop_id_map pm ON pm.kind = 'procedure_occurrence' AND pm.natural_key = s.study_instance_uid
      JOIN omop.procedure_occurrence p ON p.procedure_occurrence_id = pm.omop_id
      LEFT JOIN radbridge.omop_id_map m ON m.kind = 'image_occurrence' AND m.natural_key = s.series_instance_uid
      LEFT JOIN omop.image_occurrence io ON io.image_occurrence_id = m.omop_id
      GROUP BY s.series_instance_uid) d
