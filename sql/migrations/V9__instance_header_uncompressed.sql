-- Staging an instance is the ingest's per-instance write; two things made it dearer than it needs to be.
--
-- The header (attributes, about 2 KB of jsonb) pushed most rows just past PostgreSQL's 2 KB TOAST threshold, so every
-- staged instance paid a pglz compression of its header (to about 1.5 KB). Rows up to a page are now stored as they
-- are: a little more disk per instance, no compression on the ingest path; larger headers are still compressed and
-- moved out of line as before (PostgreSQL 17 documentation, CREATE TABLE, storage parameter toast_tuple_target).
ALTER TABLE radbridge.instance SET (toast_tuple_target = 8160);

-- No query looks instances up by series (projection reads a study's instances by study_instance_uid, the index kept),
-- while the index cost a random B-tree insert per instance.
DROP INDEX radbridge.instance_series_idx;
