-- image features whose event id points at no row of the person in the table its event field concept names
-- (the CDM Field concept of that table's id field, e.g. measurement.measurement_id). Matched on the name: Athena
-- names Field concepts table.field and codes them CDMnnn (OHDSI Vocabulary-v5.0 CDM/load_stage.sql)
SELECT count(*) FILTER (WHERE f.image_feature_event_id IS NOT NULL AND NOT coalesce(CASE lower(c.concept_name)
           WHEN 'measurement.measurement_id' THEN EXISTS (SELECT 1 FROM omop.measurement m WHERE m.measurement_id = f.image_feature_event_id AND m.person_id = f.person_id)
           WHEN 'observation.observation_id' THEN EXISTS (SELECT 1 FROM omop.observation o WHERE o.observation_id = f.image_feature_event_id AND o.person_id = f.person_id)
           WHEN 'condition_occurrence.condition_occurrence_id' THEN EXISTS (SELECT 1 FROM omop.condition_occurrence o WHERE o.condition_occurrence_id = f.image_feature_event_id AND o.person_id = f.person_id)
           WHEN 'procedure_occurrence.procedure_occurrence_id' THEN EXISTS (SELECT 1 FROM omop.procedure_occurrence o WHERE o.procedure_occurrence_id = f.image_feature_event_id AND o.person_id = f.person_id)
           END, false)),
       count(*) FILTER (WHERE f.image_feature_event_id IS NOT NULL)
FROM omop.image_feature f LEFT JOIN omop.concept c ON c.concept_id = f.image_feature_event_field_concept_id AND c.concept_class_id = 'Field'
