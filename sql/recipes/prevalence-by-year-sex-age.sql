-- recipe: prevalence-by-year-sex-age
-- question: prevalence of a finding in reported studies by year, sex and 10-year age band at the study
-- count-columns: reported_studies, positive_studies
-- derived-columns: prevalence_pct
-- output: year, sex (M / F / unknown), age band (e.g. 50-59), studies with a report, studies whose report says the
--         finding is present (a NOTE_NLP mention about the patient, current, assertion present), prevalence in percent
-- edit: the finding in params (SNOMED CT code; default 36118008 Pneumothorax, descendants through CONCEPT_ANCESTOR)
WITH params AS (SELECT '36118008'::varchar AS finding_code),
finding AS (
  SELECT c.concept_id FROM params JOIN omop.concept c ON c.vocabulary_id = 'SNOMED' AND c.concept_code = params.finding_code
  UNION SELECT ca.descendant_concept_id FROM params JOIN omop.concept c ON c.vocabulary_id = 'SNOMED' AND c.concept_code = params.finding_code
        JOIN omop.concept_ancestor ca ON ca.ancestor_concept_id = c.concept_id),
reported AS (
  SELECT DISTINCT po.procedure_occurrence_id, po.procedure_date, po.person_id, n.note_id
  FROM omop.note n JOIN omop.procedure_occurrence po ON po.procedure_occurrence_id = n.note_event_id
  WHERE n.note_event_field_concept_id = 1147082),
positive AS (
  SELECT DISTINCT r.procedure_occurrence_id FROM reported r JOIN omop.note_nlp nlp ON nlp.note_id = r.note_id
  WHERE nlp.note_nlp_concept_id IN (SELECT concept_id FROM finding)
    AND nlp.term_modifiers LIKE 'assertion=present,%' AND nlp.term_modifiers LIKE '%subject=patient%'
    AND nlp.term_temporal IS DISTINCT FROM 'past'),
per_study AS (
  SELECT extract(year FROM r.procedure_date)::int AS year,
         CASE p.gender_concept_id WHEN 8507 THEN 'M' WHEN 8532 THEN 'F' ELSE 'unknown' END AS sex,
         (extract(year FROM r.procedure_date)::int - p.year_of_birth
           - CASE WHEN p.month_of_birth IS NOT NULL AND extract(month FROM r.procedure_date)::int < p.month_of_birth THEN 1 ELSE 0 END) / 10 * 10 AS band,
         r.procedure_occurrence_id IN (SELECT procedure_occurrence_id FROM positive) AS positive
  FROM reported r JOIN omop.person p ON p.person_id = r.person_id)
SELECT year, sex, band || '-' || (band + 9) AS age_band, count(*) AS reported_studies, count(*) FILTER (WHERE positive) AS positive_studies,
       round(100.0 * count(*) FILTER (WHERE positive) / count(*), 1) AS prevalence_pct
FROM per_study GROUP BY year, sex, band ORDER BY year, sex, band
