-- V18 (issue 17): the series-level figures of the mappings report (Mappings page, `radbridge mappings report`) and of the
-- console's overview, kept up to date as instances are staged instead of grouped from radbridge.instance each time.
--
-- An instance row carries its ~2 KB header inline (V9), so any GROUP BY over radbridge.instance reads the whole table:
-- 8-9 s per field at 1,000,000 instances, 20-37 s for the report. The report needs, per field and source value, the
-- number of distinct series and the first three studies; both are kept here, written once per new series and value.

-- One row per field, source value, series and study (a series normally has one value per field and one study).
-- field: modality | body_part_examined | laterality | manufacturer^model (value1 manufacturer, value2 model) | series
-- (no value: every series once, for the overview's series count).
CREATE TABLE radbridge.series_source_value (
    field                varchar(32)  NOT NULL,
    value1               text,
    value2               text,
    series_instance_uid  varchar(64)  NOT NULL,
    study_instance_uid   varchar(64)  NOT NULL
);
-- NULL and '' are different source values (the report lists both); expressions keep them apart in a unique key
-- (NULLS NOT DISTINCT would need PostgreSQL 15 on external databases)
CREATE UNIQUE INDEX series_source_value_key ON radbridge.series_source_value
    (field, series_instance_uid, (value1 IS NULL), coalesce(value1, ''), (value2 IS NULL), coalesce(value2, ''), study_instance_uid);
-- the report's example studies of a value: an index range read in study order, stopped after three
CREATE INDEX series_source_value_examples_idx ON radbridge.series_source_value
    (field, (value1 IS NULL), coalesce(value1, ''), (value2 IS NULL), coalesce(value2, ''), study_instance_uid);

-- How many series (records) carry each value, as increments: a staging transaction only ever appends a row here, so
-- concurrent ingests never wait for each other on a hot counter (every CT series would update the same row) and
-- cannot deadlock; readers sum, and the report folds the rows into one per value now and then.
-- field 'instances' counts staged instances (records = instances), for the overview.
CREATE TABLE radbridge.series_source_count (
    field    varchar(32)  NOT NULL,
    value1   text,
    value2   text,
    records  bigint       NOT NULL
);
CREATE INDEX series_source_count_field_idx ON radbridge.series_source_count (field);

-- After each statement that stages instances (StagingRepository inserts a batch with ON CONFLICT DO NOTHING: the
-- transition table holds only the rows really inserted). A value of a series counts once: the unique key decides,
-- and a concurrent transaction staging the same series waits on it, so two batches of one series count it once.
-- Instances are never updated or deleted by RadBridge; a hand-made DELETE leaves these figures as they were.
CREATE FUNCTION radbridge.count_series_source_values() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH s AS (
        -- the batch's instances are mostly of a few series: their distinct values first, then one row per field
        SELECT DISTINCT series_instance_uid, study_instance_uid, modality, body_part_examined, laterality, manufacturer, model_name
        FROM new_instances
    ), v AS (
        SELECT DISTINCT f.field, f.value1, f.value2, n.series_instance_uid, n.study_instance_uid
        FROM s n
        CROSS JOIN LATERAL (VALUES ('series', NULL, NULL), ('modality', n.modality, NULL),
                                   ('body_part_examined', n.body_part_examined, NULL), ('laterality', n.laterality, NULL),
                                   ('manufacturer^model', n.manufacturer, n.model_name)) AS f (field, value1, value2)
    ), added AS (
        INSERT INTO radbridge.series_source_value (field, value1, value2, series_instance_uid, study_instance_uid)
        SELECT field, value1, value2, series_instance_uid, study_instance_uid FROM v
        -- one order for every transaction: two batches that wait on each other's new keys cannot wait in a circle
        ORDER BY field, series_instance_uid, value1, value2, study_instance_uid
        ON CONFLICT DO NOTHING
        RETURNING field, value1, value2, series_instance_uid
    ), counted AS (
        -- a series already known with this value under another study is not counted again (the statement's snapshot
        -- does not see the rows it adds itself)
        SELECT DISTINCT a.field, a.value1, a.value2, a.series_instance_uid FROM added a
        WHERE NOT EXISTS (SELECT 1 FROM radbridge.series_source_value o
                          WHERE o.field = a.field AND o.series_instance_uid = a.series_instance_uid
                            AND (o.value1 IS NULL) = (a.value1 IS NULL) AND coalesce(o.value1, '') = coalesce(a.value1, '')
                            AND (o.value2 IS NULL) = (a.value2 IS NULL) AND coalesce(o.value2, '') = coalesce(a.value2, ''))
    )
    INSERT INTO radbridge.series_source_count (field, value1, value2, records)
    SELECT field, value1, value2, count(*) FROM counted GROUP BY 1, 2, 3
    UNION ALL
    SELECT 'instances', NULL, NULL, count(*) FROM new_instances HAVING count(*) > 0;
    RETURN NULL;
END
$$;

CREATE TRIGGER instance_series_source_values AFTER INSERT ON radbridge.instance
    REFERENCING NEW TABLE AS new_instances FOR EACH STATEMENT EXECUTE FUNCTION radbridge.count_series_source_values();

-- what is staged already (one pass over radbridge.instance; at 1,000,000 instances this migration takes a while once)
INSERT INTO radbridge.series_source_value (field, value1, value2, series_instance_uid, study_instance_uid)
SELECT DISTINCT f.field, f.value1, f.value2, i.series_instance_uid, i.study_instance_uid
FROM radbridge.instance i
CROSS JOIN LATERAL (VALUES ('series', NULL, NULL), ('modality', i.modality, NULL), ('body_part_examined', i.body_part_examined, NULL),
                           ('laterality', i.laterality, NULL), ('manufacturer^model', i.manufacturer, i.model_name)) AS f (field, value1, value2);

INSERT INTO radbridge.series_source_count (field, value1, value2, records)
SELECT field, value1, value2, count(DISTINCT series_instance_uid) FROM radbridge.series_source_value GROUP BY 1, 2, 3
UNION ALL
SELECT 'instances', NULL, NULL, count(*) FROM radbridge.instance;

-- the report's study-level and report-level fields: counts from one pass over the (narrow) table, the example
-- studies of each value an index range read
CREATE INDEX study_description_examples_idx ON radbridge.study (study_description, study_instance_uid);
CREATE INDEX study_patient_sex_examples_idx ON radbridge.study (patient_sex, study_instance_uid);
CREATE INDEX report_status_examples_idx ON radbridge.report (status, report_id);
