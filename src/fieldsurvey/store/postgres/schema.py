"""The PostgreSQL schema as an ordered list of migrations, versioned like SQLite's.

`fieldsurvey_schema.version` holds the number of migrations applied (SQLite keeps it in
`PRAGMA user_version`). A database whose version is higher than `len(MIGRATIONS)` comes from a
newer fieldsurvey and is refused untouched. Append new migrations; never edit a shipped one.

Migration 1 is SQLite's six migrations as they stand (schema 6 there: trust, conflict
resolutions, rounds, the review log, export coverage, forwarded review logs with the
settled review states and held decisions) in PostgreSQL's types: the tables, columns and their
meanings are the same (see store/sqlite/schema.py for the comments on each), so a merge gives
the same rows on either backend. Differences on purpose:
- `is_head` and `in_conflict` are booleans; ids are `bigint` from a sequence (merge reserves a
  file's ids in one call and COPYs its rows);
- times stay ISO 8601 text, as they are signed and compared as text;
- `round_key` is a stored generated column (the same normalisation, written with regular
  expressions where SQLite uses GLOB);
- the review log's append-only rule is a trigger function.
"""

from __future__ import annotations

from fieldsurvey.store.schema import round_key_sql


def _round_key(column: str) -> str:
    """The round rule (store/schema.py) with a regular expression where SQLite uses GLOB."""
    return round_key_sql(column, lambda text, pattern: f"{text} ~ '^{pattern}$'")


MIGRATION_1 = f"""
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE questionnaires (
    hash TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    version TEXT NOT NULL,
    source TEXT NOT NULL,
    installed_at TEXT NOT NULL
);

CREATE TABLE responses (
    id BIGSERIAL PRIMARY KEY,
    uuid TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    parent_hash TEXT,
    content_hash TEXT,
    questionnaire_id TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    questionnaire_hash TEXT NOT NULL,
    device_id TEXT NOT NULL,
    interviewer TEXT,
    office TEXT,
    round TEXT,
    language TEXT NOT NULL,
    persona TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'complete', 'voided', 'refused')),
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    completed_at TEXT,
    current_question TEXT,
    is_head BOOLEAN NOT NULL DEFAULT TRUE,
    in_conflict BOOLEAN NOT NULL DEFAULT FALSE,
    exported_seq INTEGER,
    authority SMALLINT NOT NULL DEFAULT 2 CHECK (authority IN (0, 1, 2)),
    round_key TEXT GENERATED ALWAYS AS ({_round_key("round")}) STORED,
    UNIQUE (uuid, content_hash)
);
CREATE INDEX responses_scored ON responses (questionnaire_id, status, is_head);

CREATE TABLE answers (
    response BIGINT NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    value TEXT NOT NULL,               -- JSON text, as the export file carries it
    answered_at TEXT NOT NULL,
    PRIMARY KEY (response, question)
);

CREATE TABLE paradata (
    response BIGINT NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    question TEXT,
    event TEXT NOT NULL,
    at TEXT NOT NULL,
    duration_ms BIGINT,
    detail TEXT,
    PRIMARY KEY (response, seq)
);

CREATE TABLE devices (
    device_id TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    label TEXT,
    trust TEXT NOT NULL DEFAULT 'seen' CHECK (trust IN ('seen', 'enrolled', 'trusted', 'blocked'))
);

CREATE TABLE imports (
    file_sha256 TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    export_seq INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    path TEXT,
    added INTEGER NOT NULL DEFAULT 0,
    present INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0,
    public_key TEXT,
    covers_from INTEGER
);
CREATE INDEX imports_device ON imports (device_id, export_seq);

CREATE TABLE indicator_values (
    office TEXT NOT NULL,
    period TEXT NOT NULL,
    indicator TEXT NOT NULL,
    value INTEGER NOT NULL CHECK (value >= 0),
    entered_at TEXT NOT NULL,
    PRIMARY KEY (office, period, indicator)
);

CREATE TABLE conflict_resolutions (
    id BIGSERIAL PRIMARY KEY,
    uuid TEXT NOT NULL,
    kept_hash TEXT NOT NULL,
    set_aside TEXT NOT NULL,
    resolved_at TEXT NOT NULL,
    resolved_by TEXT,
    device_id TEXT NOT NULL
);
CREATE INDEX conflict_resolutions_uuid ON conflict_resolutions (uuid);

CREATE TABLE trust_log (
    id BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    public_key TEXT,
    action TEXT NOT NULL,
    by TEXT NOT NULL,
    detail TEXT
);

CREATE TABLE reviews (
    id BIGSERIAL PRIMARY KEY,
    uuid TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('approved', 'has_issues', 'rejected')),
    comment TEXT NOT NULL,
    reviewer TEXT,
    device_id TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    content_hash TEXT,
    supersedes TEXT
);
CREATE INDEX reviews_uuid ON reviews (uuid, decided_at);

CREATE TABLE review_states (
    uuid TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('approved', 'has_issues', 'rejected')),
    in_conflict BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (uuid, content_hash)
);

CREATE TABLE held_reviews (
    id BIGSERIAL PRIMARY KEY,
    entry TEXT NOT NULL,
    signer TEXT NOT NULL,
    uuid TEXT NOT NULL,
    state TEXT NOT NULL,
    comment TEXT NOT NULL,
    reviewer TEXT,
    device_id TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    content_hash TEXT,
    supersedes TEXT NOT NULL,
    reason TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (entry, signer)
);
CREATE FUNCTION fieldsurvey_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the review log is append-only'
        USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER reviews_append_only BEFORE UPDATE OR DELETE ON reviews
    FOR EACH ROW EXECUTE FUNCTION fieldsurvey_append_only();
"""

MIGRATIONS: list[str] = [MIGRATION_1]
"""Migration n (1-based) brings a database from version n-1 to n."""

SCHEMA_VERSION = len(MIGRATIONS)
