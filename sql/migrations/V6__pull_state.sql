-- Pull state: which studies of a pull (C-FIND + C-MOVE/C-GET, or QIDO-RS + WADO-RS) are done, so that a pull
-- that was stopped or crashed resumes where it stopped when the same command runs again. A job is keyed by
-- its source, peer and filters; a study by job and Study Instance UID.
CREATE TABLE radbridge.pull_job (
    job_key              varchar(64)  PRIMARY KEY,
    kind                 varchar(16)  NOT NULL,            -- dimse-move | dimse-get | dicomweb
    peer                 text         NOT NULL,            -- AE@host:port or the DICOMweb base URL
    filters              text         NOT NULL,
    created_at           timestamptz  NOT NULL DEFAULT now(),
    updated_at           timestamptz  NOT NULL DEFAULT now(),
    finished_at          timestamptz
);

CREATE TABLE radbridge.pull_study (
    job_key              varchar(64)  NOT NULL REFERENCES radbridge.pull_job (job_key) ON DELETE CASCADE,
    study_instance_uid   varchar(64)  NOT NULL,
    status               varchar(16)  NOT NULL DEFAULT 'pending',   -- pending | done | failed
    expected_instances   integer,
    completed            integer,
    failed               integer,
    warning              integer,
    staged               integer,
    attempts             integer      NOT NULL DEFAULT 0,
    last_error           text,
    updated_at           timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (job_key, study_instance_uid)
);
CREATE INDEX pull_study_status_idx ON radbridge.pull_study (job_key, status);
