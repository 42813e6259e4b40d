-- The plan made together, the citizen's profile, consent, and the municipality's catalogues.

-- Lists the municipality can change (`sammen catalogue`): target groups, step types, and the
-- options a citizen can ask about. Inactive entries still name what old plans used.
CREATE TABLE catalogue_entries (
    catalogue TEXT NOT NULL CHECK (catalogue IN ('target_group', 'step_type', 'option')),
    code      TEXT NOT NULL,
    label_da  TEXT NOT NULL,
    label_en  TEXT NOT NULL,
    active    BOOLEAN NOT NULL DEFAULT TRUE,
    position  INTEGER NOT NULL,
    PRIMARY KEY (catalogue, code)
);

INSERT INTO catalogue_entries (catalogue, code, label_da, label_en, position) VALUES
    ('target_group', 'dagpenge', 'Dagpenge', 'Unemployment benefit (dagpenge)', 1),
    ('target_group', 'kontanthjaelp', 'Kontanthjælp', 'Social assistance (kontanthjælp)', 2),
    ('target_group', 'uddannelseshjaelp', 'Uddannelseshjælp', 'Education assistance (uddannelseshjælp)', 3),
    ('target_group', 'sygedagpenge', 'Sygedagpenge', 'Sickness benefit (sygedagpenge)', 4),
    ('target_group', 'jobafklaring', 'Jobafklaringsforløb', 'Job clarification (jobafklaringsforløb)', 5),
    ('target_group', 'ressourceforloeb', 'Ressourceforløb', 'Resource programme (ressourceforløb)', 6),
    ('target_group', 'revalidering', 'Revalidering', 'Vocational rehabilitation (revalidering)', 7),
    ('target_group', 'fleksjob', 'Fleksjob', 'Flexjob (fleksjob)', 8),
    ('target_group', 'ledighedsydelse', 'Ledighedsydelse', 'Flexjob unemployment benefit (ledighedsydelse)', 9),
    ('target_group', 'other', 'Andet', 'Other', 10),
    ('step_type', 'education', 'Uddannelse eller opkvalificering', 'Education or upskilling', 1),
    ('step_type', 'internship', 'Virksomhedspraktik', 'Work placement (virksomhedspraktik)', 2),
    ('step_type', 'wage_subsidy', 'Løntilskud', 'Wage subsidy job (løntilskud)', 3),
    ('step_type', 'mentor', 'Mentor', 'Mentor', 4),
    ('step_type', 'health', 'Sundhed eller behandling', 'Health or treatment', 5),
    ('step_type', 'retraining', 'Omskoling eller revalidering', 'Retraining or rehabilitation', 6),
    ('step_type', 'job_search', 'Jobsøgning', 'Job search', 7),
    ('step_type', 'youth_guidance', 'Uddannelsesvejledning for unge', 'Education guidance for young people', 8),
    ('step_type', 'other', 'Andet', 'Other', 9),
    ('option', 'education_support', 'Uddannelse med støtte', 'Education with support', 1),
    ('option', 'retraining', 'Omskoling eller revalidering', 'Retraining or rehabilitation', 2),
    ('option', 'flexjob_assessment', 'En vurdering til fleksjob', 'An assessment for a flexjob', 3),
    ('option', 'mentor', 'En mentor', 'A mentor', 4),
    ('option', 'aids', 'Hjælpemidler', 'Aids and equipment', 5);

CREATE TABLE plans (
    citizen_id   BLOB PRIMARY KEY NOT NULL REFERENCES citizens (id),
    own_goal     TEXT NOT NULL DEFAULT '',
    agreed_goal  TEXT NOT NULL DEFAULT '',
    target_group TEXT,
    updated_at   BIGINT NOT NULL
);

CREATE TABLE plan_steps (
    id                        BLOB PRIMARY KEY NOT NULL,
    citizen_id                BLOB NOT NULL REFERENCES citizens (id),
    title                     TEXT NOT NULL,
    description               TEXT NOT NULL,
    step_type                 TEXT NOT NULL,
    starts_on                 TEXT,
    ends_on                   TEXT,
    responsible               TEXT NOT NULL CHECK (responsible IN ('citizen', 'jobcentre', 'other')),
    status                    TEXT NOT NULL CHECK (status IN ('proposed', 'planned', 'in_progress', 'done', 'stopped')),
    proposed_by               TEXT NOT NULL CHECK (proposed_by IN ('citizen', 'caseworker')),
    -- Goes up with every change of the wording; an agreement names the version it agrees to.
    version                   BIGINT NOT NULL,
    citizen_agreed_version    BIGINT,
    caseworker_agreed_version BIGINT,
    -- The wording (JSON) as both last agreed to it, kept while the step is changed and not
    -- yet agreed again, so both can see what changed.
    agreed_wording            TEXT,
    helped_citizen            TEXT,
    helped_caseworker         TEXT,
    created_at                BIGINT NOT NULL,
    updated_at                BIGINT NOT NULL
);
CREATE INDEX plan_steps_by_citizen ON plan_steps (citizen_id, created_at);

CREATE TABLE step_comments (
    id            BLOB PRIMARY KEY NOT NULL,
    step_id       BLOB NOT NULL REFERENCES plan_steps (id),
    citizen_id    BLOB NOT NULL REFERENCES citizens (id),
    author_role   TEXT NOT NULL CHECK (author_role IN ('citizen', 'caseworker')),
    caseworker_id BLOB REFERENCES caseworkers (id),
    body          TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX step_comments_by_citizen ON step_comments (citizen_id, created_at);

-- Everything that happened in a plan, in plain events with what changed (JSON).
CREATE TABLE plan_history (
    id            BLOB PRIMARY KEY NOT NULL,
    citizen_id    BLOB NOT NULL REFERENCES citizens (id),
    at            BIGINT NOT NULL,
    actor_role    TEXT NOT NULL CHECK (actor_role IN ('citizen', 'caseworker', 'system')),
    caseworker_id BLOB REFERENCES caseworkers (id),
    event         TEXT NOT NULL,
    step_id       BLOB,
    step_title    TEXT,
    changes       TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX plan_history_by_citizen ON plan_history (citizen_id, at);

-- "Jeg vil gerne høre om…" and the caseworker's reasoned answer.
CREATE TABLE option_requests (
    id          BLOB PRIMARY KEY NOT NULL,
    citizen_id  BLOB NOT NULL REFERENCES citizens (id),
    option_code TEXT NOT NULL,
    message     TEXT NOT NULL,
    asked_at    BIGINT NOT NULL,
    answer      TEXT,
    answered_at BIGINT,
    answered_by BLOB REFERENCES caseworkers (id)
);
CREATE INDEX option_requests_by_citizen ON option_requests (citizen_id, asked_at);

-- "Det kan jeg": the kind decides the fields, kept as JSON of shared::api::CompetenceData.
CREATE TABLE competences (
    id         BLOB PRIMARY KEY NOT NULL,
    citizen_id BLOB NOT NULL REFERENCES citizens (id),
    kind       TEXT NOT NULL,
    data       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX competences_by_citizen ON competences (citizen_id, created_at);

-- "Det er svært": health information, shown to caseworkers only with consent.
CREATE TABLE limitations (
    id                BLOB PRIMARY KEY NOT NULL,
    citizen_id        BLOB NOT NULL REFERENCES citizens (id),
    category          TEXT NOT NULL CHECK (category IN ('physical', 'cognitive', 'psychological', 'other')),
    description       TEXT NOT NULL,
    work_impact       TEXT NOT NULL,
    meeting_impact    TEXT NOT NULL,
    professional_kind TEXT CHECK (professional_kind IN ('doctor', 'psychologist', 'physiotherapist', 'other')),
    professional_date TEXT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX limitations_by_citizen ON limitations (citizen_id, created_at);

-- Documentation files live outside the database (files_dir/<id>); this is what we know of them.
CREATE TABLE limitation_documents (
    id            BLOB PRIMARY KEY NOT NULL,
    limitation_id BLOB NOT NULL REFERENCES limitations (id),
    citizen_id    BLOB NOT NULL REFERENCES citizens (id),
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size          BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    uploaded_at   BIGINT NOT NULL
);
CREATE INDEX limitation_documents_by_limitation ON limitation_documents (limitation_id);
CREATE INDEX limitation_documents_by_citizen ON limitation_documents (citizen_id);

-- "Det hjælper mig": one column per choice, so meetings, messages and reminders can act on them.
CREATE TABLE accommodations (
    citizen_id           BLOB PRIMARY KEY NOT NULL REFERENCES citizens (id),
    meeting_in_person    BOOLEAN NOT NULL,
    meeting_phone        BOOLEAN NOT NULL,
    meeting_video        BOOLEAN NOT NULL,
    time_of_day          TEXT NOT NULL CHECK (time_of_day IN ('any', 'morning', 'midday', 'afternoon')),
    longer_meetings      BOOLEAN NOT NULL,
    companion            BOOLEAN NOT NULL,
    interpreter_language TEXT,
    written_summary      BOOLEAN NOT NULL,
    easy_read            BOOLEAN NOT NULL,
    step_free_access     BOOLEAN NOT NULL,
    remind_by_email      BOOLEAN NOT NULL,
    remind_by_sms        BOOLEAN NOT NULL,
    reminder_timing      TEXT NOT NULL CHECK (reminder_timing IN ('none', 'day_before', 'same_morning', 'both')),
    updated_at           BIGINT NOT NULL
);

-- Consent to show limitations to caseworkers: every giving and withdrawing, newest decides.
CREATE TABLE consent_events (
    id         BLOB PRIMARY KEY NOT NULL,
    citizen_id BLOB NOT NULL REFERENCES citizens (id),
    given      BOOLEAN NOT NULL,
    at         BIGINT NOT NULL
);
CREATE INDEX consent_events_by_citizen ON consent_events (citizen_id, at);
