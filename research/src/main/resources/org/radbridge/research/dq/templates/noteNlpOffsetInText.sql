-- NOTE_NLP rows whose offset and lexical variant are not the text of their NOTE at that offset
SELECT count(*) FILTER (WHERE n.note_id IS NULL OR CASE WHEN x."offset" ~ '^[0-9]{1,9}$'
           THEN substr(n.note_text, CAST(x."offset" AS integer) + 1, length(x.lexical_variant)) END IS DISTINCT FROM x.lexical_variant),
       count(*)
FROM omop.note_nlp x LEFT JOIN omop.note n ON n.note_id = x.note_id
