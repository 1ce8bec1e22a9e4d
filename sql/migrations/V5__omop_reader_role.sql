-- V5: read-only role omop_reader for the research view (ARCHITECTURE.md: "A read-only role
-- omop_reader sees only omop").
--
-- * NOLOGIN: a group role. Grant it to real login users: GRANT omop_reader TO alice;
-- * Created only if missing (roles are cluster-wide, another database may already have it).
-- * On an external database the migrating user may lack CREATEROLE: then the role is not
--   created, a NOTICE says so, and the migration still succeeds; a DBA can run
--   CREATE ROLE omop_reader NOLOGIN; and re-run the grants below by hand.
-- * USAGE on schema omop + SELECT on every omop table, and default privileges so tables the
--   migrating user creates in omop later are readable too.
-- * Nothing on schema radbridge (staging holds identifiers and unscrubbed text).

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'omop_reader') THEN
        BEGIN
            CREATE ROLE omop_reader NOLOGIN;
        EXCEPTION
            WHEN insufficient_privilege THEN
                RAISE NOTICE 'RadBridge V5: no CREATEROLE privilege, role omop_reader not created; '
                             'ask a DBA to run: CREATE ROLE omop_reader NOLOGIN; then grant USAGE on '
                             'schema omop and SELECT on its tables';
            WHEN duplicate_object THEN
                NULL; -- created concurrently by another database's migration
        END;
    END IF;

    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'omop_reader') THEN
        EXECUTE 'GRANT USAGE ON SCHEMA omop TO omop_reader';
        EXECUTE 'GRANT SELECT ON ALL TABLES IN SCHEMA omop TO omop_reader';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA omop GRANT SELECT ON TABLES TO omop_reader';
    END IF;
END
$$;
