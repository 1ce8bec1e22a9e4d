-- events dated before the person's birth, taking June 1st of the year of birth when the birth date is unknown
-- (the convention of OHDSI DQD's plausibleTemporalAfter against PERSON.birth_datetime)
SELECT count(*) FILTER (WHERE CAST(t.${field} AS date) < coalesce(CAST(p.birth_datetime AS date), make_date(p.year_of_birth, 6, 1))),
       count(*) FILTER (WHERE t.${field} IS NOT NULL)
FROM omop.${table} t JOIN omop.person p ON p.person_id = t.person_id
