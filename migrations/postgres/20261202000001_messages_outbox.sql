-- Messages between citizens and the jobcentre, drafts, email addresses for notifications and
-- the outbox every email goes through. Times are UTC milliseconds; dates are YYYY-MM-DD.

ALTER TABLE caseworkers ADD COLUMN email TEXT;
-- Away from and until (both days included): the backup caseworker covers meanwhile.
ALTER TABLE caseworkers ADD COLUMN away_from TEXT;
ALTER TABLE caseworkers ADD COLUMN away_until TEXT;

CREATE TABLE conversations (
    id            UUID PRIMARY KEY,
    citizen_id    UUID NOT NULL REFERENCES citizens (id),
    -- Who answers: the primary caseworker when it started, or whom it was handed to.
    caseworker_id UUID NOT NULL REFERENCES caseworkers (id),
    subject       TEXT NOT NULL,
    topic         TEXT CHECK (topic IN ('plan', 'meeting', 'health', 'money', 'other')),
    started_by    TEXT NOT NULL CHECK (started_by IN ('citizen', 'caseworker')),
    -- When the citizen's oldest unanswered message came, and the answer promised for it;
    -- both NULL when nobody waits.
    waiting_since BIGINT,
    answer_by     TEXT,
    no_reply_needed BOOLEAN NOT NULL DEFAULT FALSE,
    closed_at     BIGINT,
    last_message_at BIGINT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX conversations_by_citizen ON conversations (citizen_id, last_message_at);
CREATE INDEX conversations_by_caseworker ON conversations (caseworker_id, waiting_since);

CREATE TABLE messages (
    id              UUID PRIMARY KEY,
    conversation_id UUID NOT NULL REFERENCES conversations (id),
    citizen_id      UUID NOT NULL REFERENCES citizens (id),
    author          TEXT NOT NULL CHECK (author IN ('citizen', 'caseworker', 'system')),
    -- The citizen's id or the caseworker's: whose idempotency keys these are.
    author_id       UUID NOT NULL,
    caseworker_id   UUID REFERENCES caseworkers (id),
    body            TEXT NOT NULL,
    sent_at         BIGINT NOT NULL,
    -- For a citizen's message: the promised answer date, fixed when it was sent.
    answer_by       TEXT,
    -- When the other side first opened it.
    read_at         BIGINT,
    idempotency_key TEXT NOT NULL
);
CREATE UNIQUE INDEX messages_once_per_key ON messages (author_id, idempotency_key);
CREATE INDEX messages_by_conversation ON messages (conversation_id, sent_at);
CREATE INDEX messages_by_citizen ON messages (citizen_id, sent_at);

-- Files sent with messages, kept in files_dir under their id. Uploaded first (message_id
-- NULL), then sent with a message; only the conversation's participants may download them.
CREATE TABLE message_attachments (
    id              UUID PRIMARY KEY,
    citizen_id      UUID NOT NULL REFERENCES citizens (id),
    uploaded_by     UUID NOT NULL,
    message_id      UUID REFERENCES messages (id),
    file_name       TEXT NOT NULL,
    content_type    TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size            BIGINT NOT NULL,
    sha256          TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX message_attachments_by_message ON message_attachments (message_id);
CREATE INDEX message_attachments_by_citizen ON message_attachments (citizen_id);

CREATE TABLE message_drafts (
    author_id  UUID NOT NULL,
    -- 'new' for a conversation not yet started, else the conversation's id.
    slot       TEXT NOT NULL,
    citizen_id UUID NOT NULL REFERENCES citizens (id),
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    topic      TEXT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (author_id, slot)
);
CREATE INDEX message_drafts_by_citizen ON message_drafts (citizen_id);

CREATE TABLE email_settings (
    citizen_id      UUID PRIMARY KEY REFERENCES citizens (id),
    address         TEXT NOT NULL,
    confirmed_at    BIGINT,
    -- SHA-256 of the 6-digit code sent to the address, until it is typed in.
    code_hash       TEXT,
    code_expires_at BIGINT,
    code_tries      INTEGER NOT NULL DEFAULT 0,
    notify_messages BOOLEAN NOT NULL DEFAULT TRUE,
    notify_meetings BOOLEAN NOT NULL DEFAULT TRUE,
    notify_plan     BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at      BIGINT NOT NULL
);

-- Every email, written in the transaction of the event that causes it and sent by a worker.
CREATE TABLE outbox (
    id              UUID PRIMARY KEY,
    kind            TEXT NOT NULL,
    citizen_id      UUID REFERENCES citizens (id),
    caseworker_id   UUID REFERENCES caseworkers (id),
    -- What it is about, for throttling and for not sending what is no longer true.
    conversation_id UUID REFERENCES conversations (id),
    -- Only for confirmation codes: the address and the code, cleared once sent.
    to_address      TEXT,
    code            TEXT,
    -- Keeps one email from being queued twice by two instances (e.g. a morning summary).
    dedupe_key      TEXT UNIQUE,
    -- The Message-ID header, the same on every try.
    message_id      TEXT NOT NULL UNIQUE,
    due_at          BIGINT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    lease_until     BIGINT,
    leased_by       TEXT,
    last_error      TEXT,
    sent_at         BIGINT,
    cancelled_at    BIGINT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX outbox_due ON outbox (due_at) WHERE sent_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX outbox_by_conversation ON outbox (conversation_id, kind);
-- At most one notification waiting per conversation, even when two instances queue at once.
CREATE UNIQUE INDEX outbox_one_waiting_per_conversation ON outbox (conversation_id, kind)
    WHERE sent_at IS NULL AND cancelled_at IS NULL AND conversation_id IS NOT NULL;
