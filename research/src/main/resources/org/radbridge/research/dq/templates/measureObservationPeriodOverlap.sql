-- persons with overlapping or back-to-back observation periods
SELECT count(DISTINCT a.person_id), (SELECT count(DISTINCT person_id) FROM omop.observation_period)
FROM omop.observation_period a JOIN omop.observation_period b ON a.person_id = b.person_id
 AND a.observation_period_id <> b.observation_period_id
 AND a.observation_period_start_date <= b.observation_period_end_date + 1
 AND b.observation_period_start_date <= a.observation_period_end_date + 1
