-- recipe: ct-dose-by-protocol-scanner
-- question: CT dose (CTDIvol, DLP) distribution by protocol and scanner
-- count-columns: studies
-- derived-columns: min, median, p75, max
-- output: protocol (the study's procedure concept), scanner (DEVICE_EXPOSURE manufacturer^model), dose index, number
--         of studies, minimum, median, 75th percentile (the percentile diagnostic reference levels are set at) and maximum
-- source: the dose values `radbridge qc` stores per study in research.qc_result (rules CT_CTDIVOL_DRL*: the study's
--         highest CTDIvol in mGy from the image headers or its dose SR; CT_DLP_DRL*: DLP total in mGy.cm from its dose
--         SR), keyed by OMOP ids so that omop_reader can run it. Run `radbridge qc` first.
SELECT coalesce(pc.concept_name, 'unmapped') AS protocol, coalesce(d.scanner, 'unknown') AS scanner,
       CASE WHEN q.rule_id LIKE 'CT\_CTDIVOL\_DRL%' THEN 'CTDIvol (mGy)' ELSE 'DLP (mGy.cm)' END AS dose_index,
       count(*) AS studies, min(q.value_as_number) AS min,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY q.value_as_number)::numeric, 2) AS median,
       round(percentile_cont(0.75) WITHIN GROUP (ORDER BY q.value_as_number)::numeric, 2) AS p75,
       max(q.value_as_number) AS max
FROM research.qc_result q
JOIN omop.procedure_occurrence po ON po.procedure_occurrence_id = q.procedure_occurrence_id
LEFT JOIN omop.concept pc ON pc.concept_id = po.procedure_concept_id AND po.procedure_concept_id <> 0
LEFT JOIN LATERAL (SELECT string_agg(DISTINCT de.device_source_value, ' + ') AS scanner FROM omop.device_exposure de
                   WHERE de.person_id = po.person_id AND de.device_exposure_start_date = po.procedure_date) d ON true
WHERE (q.rule_id LIKE 'CT\_CTDIVOL\_DRL%' OR q.rule_id LIKE 'CT\_DLP\_DRL%') AND q.value_as_number IS NOT NULL
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
