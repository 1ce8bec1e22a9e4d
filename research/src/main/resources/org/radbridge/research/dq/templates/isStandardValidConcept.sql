-- rows whose concept (other than 0) is not a valid standard concept
SELECT count(*) FILTER (WHERE c.concept_id <> 0 AND (c.standard_concept IS DISTINCT FROM 'S' OR c.invalid_reason IS NOT NULL)),
       count(*) FILTER (WHERE t.${field} IS NOT NULL)
FROM omop.${table} t LEFT JOIN omop.concept c ON c.concept_id = t.${field}
