-- Issue 13: every release of research data that leaves the research view's own tables is audited: DICOM exports
-- (`radbridge export`) and re-identification requests (`radbridge reidentify`). Who asked, when, for what purpose,
-- with which de-identification profile and options, and what was released (counts, never identifiers).
CREATE TABLE radbridge.deid_audit (
    audit_id             bigserial    PRIMARY KEY,
    at                   timestamptz  NOT NULL DEFAULT now(),
    action               varchar(32)  NOT NULL CHECK (action IN ('export', 'reidentify')),
    actor                varchar(128) NOT NULL,
    purpose              text         NOT NULL CHECK (length(btrim(purpose)) > 0),
    profile              varchar(128),
    options              text,
    what                 text         NOT NULL,
    outcome              jsonb        NOT NULL DEFAULT '{}'::jsonb,
    radbridge_version    varchar(32)
);
CREATE INDEX deid_audit_at_idx ON radbridge.deid_audit (at);
