-- V18.1 (issue 16; planned as V17, but databases that have V18 would refuse a V17 - Flyway runs in order): the audit trail (IHE BALP AuditEvents, one per patient whose data a FHIR request returned, and the
-- refusals) in its own append-only table, written in JDBC batches and served read-only as AuditEvent over /fhir.
-- Stored through HAPI's JPA DAO, each event cost about 2 ms of CPU (history row, subscription message, an index row per
-- search parameter, Hibernate flush): a search of 50 patients cost 100 ms of writing against 13 ms of answering, and
-- the writer could not keep up. Here an event is one row: its JSON and the columns its searches need.
CREATE TABLE radbridge.audit_event (
    id              varchar(64)  PRIMARY KEY,   -- the FHIR id
    recorded        timestamptz  NOT NULL,      -- AuditEvent.recorded (search parameter date)
    stored          timestamptz  NOT NULL DEFAULT now(),  -- meta.lastUpdated
    type_tokens     text[]       NOT NULL,      -- type: code, system|code (|code without system), system|
    subtype_tokens  text[]       NOT NULL,      -- subtype, as type
    action          varchar(8),                 -- action code (C R U D E)
    outcome         varchar(8),                 -- outcome code (0 4 8 12)
    agent_refs      text[]       NOT NULL,      -- agent.who references: Type/id and id
    entity_refs     text[]       NOT NULL,      -- entity.what references: Type/id and id
    patient_refs    text[]       NOT NULL,      -- the Patient/id among agent.who and entity.what (search parameter patient)
    resource        text         NOT NULL       -- the AuditEvent as FHIR JSON, with its id and meta
);
-- newest first is the default order; a date range is a range of this index
CREATE INDEX audit_event_recorded_idx ON radbridge.audit_event (recorded DESC, id DESC);
-- who looked at a patient's data: the question an access log answers most
CREATE INDEX audit_event_patient_idx ON radbridge.audit_event USING gin (patient_refs);

-- AuditEvents stored by earlier versions in HAPI's tables (schema fhir, written before this migration) are copied
-- here, so the trail stays readable; HAPI keeps its copies, which are no longer served. HAPI stores a resource's JSON
-- without id and meta.versionId/lastUpdated (they are columns); they are added back. On a new database there is no
-- HAPI schema yet and nothing to copy.
-- A reference as written, as Type/id and as id (BALP writes the server's absolute URL: http://host/fhir/Patient/1),
-- as AuditEventStore.references does for new events. Used by the copy below only.
CREATE FUNCTION radbridge.audit_reference_forms(ref text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $f$
    SELECT DISTINCT t FROM unnest(ARRAY[ref,
            substring(ref FROM '([A-Z][A-Za-z]+/[^/]+)(/_history/[^/]*)?$'),
            regexp_replace(substring(ref FROM '([A-Z][A-Za-z]+/[^/]+)(/_history/[^/]*)?$'), '^.*/', '')]) t
    WHERE t IS NOT NULL
$f$;

DO $$
DECLARE copied bigint;
BEGIN
    IF to_regclass('fhir.hfj_resource') IS NULL OR to_regclass('fhir.hfj_res_ver') IS NULL THEN
        RETURN;
    END IF;
    EXECUTE $copy$
        INSERT INTO radbridge.audit_event (id, recorded, stored, type_tokens, subtype_tokens, action, outcome,
                                           agent_refs, entity_refs, patient_refs, resource)
        SELECT e.id, coalesce((e.j->>'recorded')::timestamptz, e.updated), e.updated,
               ARRAY(SELECT t FROM jsonb_array_elements(CASE WHEN e.j ? 'type' THEN jsonb_build_array(e.j->'type') ELSE '[]'::jsonb END) c,
                     LATERAL unnest(ARRAY[c->>'code', coalesce(c->>'system', '') || '|' || (c->>'code'),
                                          CASE WHEN c ? 'system' THEN (c->>'system') || '|' END]) t WHERE t IS NOT NULL AND c ? 'code'),
               ARRAY(SELECT t FROM jsonb_array_elements(coalesce(e.j->'subtype', '[]'::jsonb)) c,
                     LATERAL unnest(ARRAY[c->>'code', coalesce(c->>'system', '') || '|' || (c->>'code'),
                                          CASE WHEN c ? 'system' THEN (c->>'system') || '|' END]) t WHERE t IS NOT NULL AND c ? 'code'),
               e.j->>'action', e.j->>'outcome',
               ARRAY(SELECT DISTINCT t FROM jsonb_array_elements(coalesce(e.j->'agent', '[]'::jsonb)) a,
                     LATERAL radbridge.audit_reference_forms(a->'who'->>'reference') t),
               ARRAY(SELECT DISTINCT t FROM jsonb_array_elements(coalesce(e.j->'entity', '[]'::jsonb)) n,
                     LATERAL radbridge.audit_reference_forms(n->'what'->>'reference') t),
               ARRAY(SELECT DISTINCT t FROM (
                         SELECT a->'who'->>'reference' AS r FROM jsonb_array_elements(coalesce(e.j->'agent', '[]'::jsonb)) a
                         UNION ALL
                         SELECT n->'what'->>'reference' FROM jsonb_array_elements(coalesce(e.j->'entity', '[]'::jsonb)) n) x,
                     LATERAL radbridge.audit_reference_forms(x.r) t WHERE t LIKE 'Patient/%'),
               (e.j || jsonb_build_object('id', e.id, 'meta', coalesce(e.j->'meta', '{}'::jsonb)
                     || jsonb_build_object('versionId', e.ver::text,
                                           'lastUpdated', to_char(e.updated AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))::text
        FROM (SELECT r.fhir_id AS id, r.res_ver AS ver, v.res_updated AS updated, v.res_text_vc::jsonb AS j
              FROM fhir.hfj_resource r
              JOIN fhir.hfj_res_ver v ON v.res_id = r.res_id AND v.res_ver = r.res_ver
              WHERE r.res_type = 'AuditEvent' AND r.res_deleted_at IS NULL
                AND v.res_encoding = 'JSON' AND v.res_text_vc IS NOT NULL) e
    $copy$;
    GET DIAGNOSTICS copied = ROW_COUNT;
    RAISE NOTICE 'audit trail: % AuditEvents copied from HAPI''s tables', copied;
END
$$;

DROP FUNCTION radbridge.audit_reference_forms(text);
