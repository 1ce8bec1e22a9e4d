-- rows whose concept (other than 0) belongs to another domain (NA when no row fills the field)
SELECT count(*) FILTER (WHERE c.concept_id <> 0 AND c.domain_id NOT IN (${domains})), count(*)
FROM omop.${table} t LEFT JOIN omop.concept c ON c.concept_id = t.${field} WHERE t.${field} IS NOT NULL
