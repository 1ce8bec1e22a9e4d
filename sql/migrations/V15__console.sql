-- V15 (issue 17): what the web console needs.
--
-- Quarantined items can be retried (re-ingested once the cause is fixed) or dismissed from the console; the row
-- keeps the outcome, so the list can show open items only and nothing is ever deleted.
ALTER TABLE radbridge.quarantine
    ADD COLUMN resolution          varchar(16),      -- NULL = open | ingested | dismissed
    ADD COLUMN resolved_at         timestamptz,
    ADD COLUMN resolved_by         varchar(64),      -- the token name that acted
    ADD COLUMN last_retry_at       timestamptz,
    ADD COLUMN last_retry_outcome  text;

-- Every action taken in the console (retry, dismiss, mapping row added), with who and the outcome.
CREATE TABLE radbridge.console_action (
    action_id    bigserial    PRIMARY KEY,
    acted_at     timestamptz  NOT NULL DEFAULT now(),
    actor        varchar(64)  NOT NULL,
    action       varchar(32)  NOT NULL,
    target       text         NOT NULL,
    outcome      text         NOT NULL
);
CREATE INDEX console_action_acted_at_idx ON radbridge.console_action (acted_at DESC);

-- The console's pages read newest first and page through; these keep each page an index range scan
-- on 100,000 studies and millions of instances.
CREATE INDEX quarantine_open_idx ON radbridge.quarantine (quarantined_at DESC, quarantine_id DESC) WHERE resolution IS NULL;
CREATE INDEX quarantine_at_idx ON radbridge.quarantine (quarantined_at DESC, quarantine_id DESC);
-- studies per day of arrival and the last study each receiver brought (overview). Both columns are written once per
-- study (first_received_at never changes), so neither index costs the per-instance ingest path anything; an index on
-- radbridge.instance would (V9 dropped one for that reason).
CREATE INDEX study_first_received_idx ON radbridge.study (first_received_at);
CREATE INDEX study_source_first_received_idx ON radbridge.study (source, first_received_at);
CREATE INDEX report_source_received_idx ON radbridge.report (source, received_at);
-- (the population charts aggregate whole OMOP tables, which no index shortens: the console caches them instead)
-- the newest report of all: part of the cheap fingerprint that tells the console its cached figures are out of date
CREATE INDEX report_received_idx ON radbridge.report (received_at);
