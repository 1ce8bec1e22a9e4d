-- events dated before the person's birth (year, month, day of birth, first of month/year when unknown)
SELECT count(*) FILTER (WHERE CAST(t.${field} AS date) < coalesce(CAST(p.birth_datetime AS date),
           make_date(p.year_of_birth, coalesce(p.month_of_birth, 1), coalesce(p.day_of_birth, 1)))),
       count(*) FILTER (WHERE t.${field} IS NOT NULL)
FROM omop.${table} t JOIN omop.person p ON p.person_id = t.person_id
