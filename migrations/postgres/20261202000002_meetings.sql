-- Meetings between a citizen and a caseworker: the times a caseworker offers, the meetings
-- booked in them, and the 15-minute blocks each meeting (with its buffer) holds. Times are
-- UTC milliseconds; dates are YYYY-MM-DD and clock times HH:MM in Copenhagen.

-- What a caseworker offers: formats, lengths and the pause after each meeting.
CREATE TABLE meeting_settings (
    caseworker_id  UUID PRIMARY KEY REFERENCES caseworkers (id),
    in_person      BOOLEAN NOT NULL,
    phone          BOOLEAN NOT NULL,
    video          BOOLEAN NOT NULL,
    length_30      BOOLEAN NOT NULL,
    length_45      BOOLEAN NOT NULL,
    length_60      BOOLEAN NOT NULL,
    buffer_minutes INTEGER NOT NULL CHECK (buffer_minutes IN (0, 15, 30)),
    -- Where in-person meetings are, and the link for video meetings.
    address        TEXT NOT NULL,
    video_link     TEXT NOT NULL,
    updated_at     BIGINT NOT NULL
);

-- Weekly hours for meetings: weekday 1 (Monday) to 7, from and until a clock time.
CREATE TABLE availability_hours (
    caseworker_id UUID NOT NULL REFERENCES caseworkers (id),
    weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts        TEXT NOT NULL,
    ends          TEXT NOT NULL,
    PRIMARY KEY (caseworker_id, weekday, starts)
);

-- Days without meetings (both days included).
CREATE TABLE availability_exceptions (
    id            UUID PRIMARY KEY,
    caseworker_id UUID NOT NULL REFERENCES caseworkers (id),
    from_date     TEXT NOT NULL,
    until_date    TEXT NOT NULL,
    reason        TEXT NOT NULL CHECK (reason IN ('holiday', 'course', 'sick', 'other'))
);
CREATE INDEX availability_exceptions_by_caseworker ON availability_exceptions (caseworker_id);

CREATE TABLE meetings (
    id              UUID PRIMARY KEY,
    citizen_id      UUID NOT NULL REFERENCES citizens (id),
    caseworker_id   UUID NOT NULL REFERENCES caseworkers (id),
    format          TEXT NOT NULL CHECK (format IN ('in_person', 'phone', 'video')),
    starts_at       BIGINT NOT NULL,
    ends_at         BIGINT NOT NULL,
    -- 'proposed' when a caseworker summoned the citizen and the citizen has not confirmed.
    status          TEXT NOT NULL CHECK (status IN ('booked', 'proposed', 'cancelled')),
    booked_by       TEXT NOT NULL CHECK (booked_by IN ('citizen', 'caseworker')),
    -- Whose key and the key: a retried booking answers as the first one.
    booker_id       UUID NOT NULL,
    booking_key     TEXT NOT NULL,
    purpose         TEXT NOT NULL,
    -- The accommodations that applied when it was booked, so the caseworker can prepare.
    companion       BOOLEAN NOT NULL,
    interpreter_language TEXT,
    step_free_access BOOLEAN NOT NULL,
    longer_meeting  BOOLEAN NOT NULL,
    -- Raised at every move and cancellation; the calendar file's SEQUENCE.
    sequence        INTEGER NOT NULL DEFAULT 0,
    -- "Det aftalte vi", the citizen's answer to it, and the caseworker's reply.
    summary         TEXT,
    summary_at      BIGINT,
    citizen_response TEXT CHECK (citizen_response IN ('agreed', 'disagreed')),
    citizen_comment TEXT,
    responded_at    BIGINT,
    caseworker_reply TEXT,
    cancelled_at    BIGINT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE UNIQUE INDEX meetings_once_per_key ON meetings (booker_id, booking_key);
CREATE INDEX meetings_by_citizen ON meetings (citizen_id, starts_at);
CREATE INDEX meetings_by_caseworker ON meetings (caseworker_id, starts_at);

-- The quarter hours a meeting and its buffer hold. The primary key is what keeps a time from
-- being booked twice, whichever instance books it: the second insert fails.
CREATE TABLE meeting_blocks (
    caseworker_id UUID NOT NULL REFERENCES caseworkers (id),
    block_start   BIGINT NOT NULL,
    meeting_id    UUID NOT NULL REFERENCES meetings (id),
    PRIMARY KEY (caseworker_id, block_start)
);
CREATE INDEX meeting_blocks_by_meeting ON meeting_blocks (meeting_id);

-- Emails about a meeting (confirmations, reminders) name it and the version they describe.
ALTER TABLE outbox ADD COLUMN meeting_id UUID REFERENCES meetings (id);
ALTER TABLE outbox ADD COLUMN meeting_sequence INTEGER;
CREATE INDEX outbox_by_meeting ON outbox (meeting_id);
