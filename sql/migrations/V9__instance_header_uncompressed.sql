-- The header of an instance (attributes, about 2 KB of jsonb) pushed most rows just past PostgreSQL's 2 KB TOAST
-- threshold, so every staged instance paid a pglz compression of its header (to about 1.5 KB). Rows up to a page
-- are now stored as they are: a little more disk per instance, no compression on the ingest path. Larger headers
-- are still compressed and moved out of line as before. (PostgreSQL 17 docs, CREATE TABLE, toast_tuple_target.)
ALTER TABLE radbridge.instance SET (toast_tuple_target = 8160);
