-- Issue 15: commands that open only the database (omop rebuild, vocab import with no server running) re-project the
-- OMOP view without HAPI FHIR. A study they project whose FHIR resources are then behind staging or the mappings
-- (it was dirty, had a dirty report, or had failed) is marked here; the next start of the whole pipeline (serve,
-- demo, ingest, fhir rebuild) makes such studies dirty again, so that both views are written from the same data.
ALTER TABLE radbridge.study ADD COLUMN fhir_pending boolean NOT NULL DEFAULT false;
CREATE INDEX study_fhir_pending_idx ON radbridge.study (study_instance_uid) WHERE fhir_pending;
