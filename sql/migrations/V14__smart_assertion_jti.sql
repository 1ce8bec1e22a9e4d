-- SMART Backend Services: the jti of every client assertion exchanged at /auth/token, kept until it expires, so that
-- an assertion is accepted once only, also across restarts and by several servers on one database.
CREATE TABLE radbridge.smart_assertion_jti (
    client_id   varchar(64)  NOT NULL,
    jti         varchar(256) NOT NULL,
    expires_at  timestamptz  NOT NULL,
    PRIMARY KEY (client_id, jti)
);
CREATE INDEX smart_assertion_jti_expiry_idx ON radbridge.smart_assertion_jti (expires_at);
