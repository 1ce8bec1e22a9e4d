-- events outside every observation period of their person
SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM omop.observation_period o WHERE o.person_id = t.person_id
           AND CAST(t.${field} AS date) BETWEEN o.observation_period_start_date AND o.observation_period_end_date)),
       count(*) FILTER (WHERE t.${field} IS NOT NULL)
FROM omop.${table} t
