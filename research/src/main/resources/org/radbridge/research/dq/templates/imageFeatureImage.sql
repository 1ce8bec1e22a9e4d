-- image features whose image row is missing or belongs to another person
SELECT count(*) FILTER (WHERE i.image_occurrence_id IS NULL OR i.person_id <> f.person_id), count(*)
FROM omop.image_feature f LEFT JOIN omop.image_occurrence i ON i.image_occurrence_id = f.image_occurrence_id
