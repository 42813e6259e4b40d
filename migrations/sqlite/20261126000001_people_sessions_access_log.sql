-- People, caseload, sessions, pending logins and the access log.
-- Times are UTC milliseconds since 1970 (BIGINT); ids are UUIDs.

CREATE TABLE caseworkers (
    id             BLOB PRIMARY KEY NOT NULL,
    -- The name the municipality's employee login gives this person.
    employee_login TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    team           TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);

CREATE TABLE citizens (
    id         BLOB PRIMARY KEY NOT NULL,
    -- Keyed hash (HMAC-SHA256) of the CPR number: enough to match a MitID login, useless
    -- without the key. The CPR number itself is not stored.
    cpr_hmac   TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    language   TEXT NOT NULL DEFAULT 'da' CHECK (language IN ('da', 'en')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE caseload (
    citizen_id            BLOB PRIMARY KEY NOT NULL REFERENCES citizens (id),
    primary_caseworker_id BLOB NOT NULL REFERENCES caseworkers (id),
    backup_caseworker_id  BLOB REFERENCES caseworkers (id),
    updated_at            BIGINT NOT NULL,
    CHECK (backup_caseworker_id IS NULL OR backup_caseworker_id <> primary_caseworker_id)
);
CREATE INDEX caseload_by_primary ON caseload (primary_caseworker_id);
CREATE INDEX caseload_by_backup ON caseload (backup_caseworker_id);

CREATE TABLE sessions (
    -- SHA-256 of the cookie value; the value itself is only ever in the browser.
    id_hash       TEXT PRIMARY KEY NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('citizen', 'caseworker')),
    citizen_id    BLOB REFERENCES citizens (id),
    caseworker_id BLOB REFERENCES caseworkers (id),
    csrf_token    TEXT NOT NULL,
    provider      TEXT NOT NULL,
    -- Kept for id_token_hint when logging out at the provider.
    id_token      TEXT NOT NULL,
    loa           TEXT,
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    CHECK ((role = 'citizen' AND citizen_id IS NOT NULL AND caseworker_id IS NULL)
        OR (role = 'caseworker' AND caseworker_id IS NOT NULL AND citizen_id IS NULL))
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_citizen ON sessions (citizen_id);
CREATE INDEX sessions_by_caseworker ON sessions (caseworker_id);

CREATE TABLE pending_logins (
    -- The OAuth `state`: random, single use.
    state         TEXT PRIMARY KEY NOT NULL,
    -- SHA-256 of the login cookie, so the answer is only accepted in the browser that asked.
    browser_hash  TEXT NOT NULL,
    provider      TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    -- Set when the answer arrives; kept until expiry so a replayed answer is recognised.
    used_at       BIGINT
);
CREATE INDEX pending_logins_by_expiry ON pending_logins (expires_at);

-- Every caseworker read of a citizen's data. Append-only: the triggers refuse changes.
CREATE TABLE access_log (
    id            BLOB PRIMARY KEY NOT NULL,
    citizen_id    BLOB NOT NULL REFERENCES citizens (id),
    caseworker_id BLOB NOT NULL REFERENCES caseworkers (id),
    at            BIGINT NOT NULL,
    what          TEXT NOT NULL,
    purpose       TEXT NOT NULL,
    -- Set only for list views, which are logged once per caseworker, citizen and day.
    day           BIGINT
);
CREATE INDEX access_log_by_citizen ON access_log (citizen_id, at);
CREATE UNIQUE INDEX access_log_once_a_day ON access_log (citizen_id, caseworker_id, what, day)
    WHERE day IS NOT NULL;

CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'access_log is append-only');
END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'access_log is append-only');
END;
