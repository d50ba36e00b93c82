"""The database schema as an ordered list of migrations.

`PRAGMA user_version` holds the number of migrations applied. A database whose version is
higher than `len(MIGRATIONS)` comes from a newer fieldsurvey and is refused untouched.
Append new migrations; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from fieldsurvey.questionnaire import QuestionnaireError, questionnaire_hash
from fieldsurvey.store.schema import round_key_sql

MIGRATION_1 = """
-- Device identity and user settings: device_id, device_secret_key, interviewer, office,
-- round, language, theme, export_seq (last export file number written by this device).
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every questionnaire version a response refers to, with its YAML source, so responses made
-- with an older version stay readable after the bundled file changes.
CREATE TABLE questionnaires (
    hash TEXT PRIMARY KEY,             -- sha256 of the questionnaire's canonical JSON
    id TEXT NOT NULL,
    version TEXT NOT NULL,
    source TEXT NOT NULL,
    installed_at TEXT NOT NULL
);

-- One row per revision of an interview. `uuid` names the interview across revisions and
-- devices; editing a completed response adds a revision naming its parent's content hash.
CREATE TABLE responses (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    parent_hash TEXT,                  -- content_hash of the revision this one edits
    content_hash TEXT,                 -- set when the revision is closed (not a draft)
    questionnaire_id TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    questionnaire_hash TEXT NOT NULL,
    device_id TEXT NOT NULL,           -- the device that made this revision
    interviewer TEXT,
    office TEXT,
    round TEXT,
    language TEXT NOT NULL,
    persona TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'complete', 'voided', 'refused')),
    started_at TEXT NOT NULL,          -- UTC ISO 8601
    updated_at TEXT NOT NULL,
    completed_at TEXT,
    current_question TEXT,             -- where a draft resumes
    is_head INTEGER NOT NULL DEFAULT 1,  -- 1 for the newest revision of its uuid
    in_conflict INTEGER NOT NULL DEFAULT 0,  -- 1 when another diverging version of uuid exists
    exported_seq INTEGER,              -- export file number it left this device in; NULL = not yet
    UNIQUE (uuid, content_hash)
);
CREATE INDEX responses_uuid ON responses (uuid);
CREATE INDEX responses_status ON responses (status, is_head);

-- One row per answered question; value is JSON (int, float, str, list of str).
CREATE TABLE answers (
    response INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    value TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (response, question)
) WITHOUT ROWID;

-- Paradata after ODK's audit log: enter/leave events with monotonic durations.
CREATE TABLE paradata (
    response INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    question TEXT,
    event TEXT NOT NULL,               -- start, resume, enter, leave, language, complete, void...
    at TEXT NOT NULL,                  -- wall clock, UTC ISO 8601
    duration_ms INTEGER,               -- on leave: monotonic milliseconds since the enter
    detail TEXT,
    PRIMARY KEY (response, seq)
) WITHOUT ROWID;

-- Devices known to this database: the key is remembered at first sight (sync).
CREATE TABLE devices (
    device_id TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,          -- Ed25519, base64
    first_seen TEXT NOT NULL,
    label TEXT
);

-- Export files merged here, one row each (sync): sequence gaps and re-merges come from here.
CREATE TABLE imports (
    file_sha256 TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    export_seq INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    path TEXT,
    added INTEGER NOT NULL DEFAULT 0,
    present INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX imports_device ON imports (device_id, export_seq);

-- Office indicators of seed 000's Annex, entered per office and period (scoring).
CREATE TABLE indicator_values (
    office TEXT NOT NULL,
    period TEXT NOT NULL,              -- e.g. 2026-Q3
    indicator TEXT NOT NULL,
    value INTEGER NOT NULL CHECK (value >= 0),
    entered_at TEXT NOT NULL,
    PRIMARY KEY (office, period, indicator)
) WITHOUT ROWID;
"""

MIGRATION_2 = """
-- UNIQUE (uuid, content_hash) serves every lookup by uuid (its first column); this second
-- index on random uuids only doubled the pages each merge commit rewrites.
DROP INDEX responses_uuid;

-- Which version a supervisor kept when resolving a conflict, and which were set aside.
CREATE TABLE conflict_resolutions (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL,
    kept_hash TEXT NOT NULL,
    set_aside TEXT NOT NULL,           -- JSON array of the content hashes set aside
    resolved_at TEXT NOT NULL,         -- UTC ISO 8601
    resolved_by TEXT,                  -- the interviewer named in this device's settings
    device_id TEXT NOT NULL
);
CREATE INDEX conflict_resolutions_uuid ON conflict_resolutions (uuid);
"""

MIGRATION_TRUST = """
-- The trust model (docs/trust-model.md). A device key's trust: seen (learned at first sight),
-- enrolled (added in advance), trusted (may revise other devices' interviews), blocked.
ALTER TABLE devices ADD COLUMN trust TEXT NOT NULL DEFAULT 'seen'
    CHECK (trust IN ('seen', 'enrolled', 'trusted', 'blocked'));

-- The best authority a revision arrived with: 2 made here or signed by a trusted key, 1 signed
-- by its own maker device, 0 only relayed by other untrusted devices (store/lineage.py holds
-- a revision that may not be the head). Rows from before this migration keep 2.
ALTER TABLE responses ADD COLUMN authority INTEGER NOT NULL DEFAULT 2
    CHECK (authority IN (0, 1, 2));

-- The key that signed each merged file: an export number seen again under the same key
-- with other content is a replay; under another key (after `devices forget`), a new device.
ALTER TABLE imports ADD COLUMN public_key TEXT;

-- Every change of trust: who, when, what.
CREATE TABLE trust_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,                  -- UTC ISO 8601
    device_id TEXT NOT NULL,
    public_key TEXT,
    action TEXT NOT NULL,              -- learned, enrolled, trusted, blocked, forgotten
    by TEXT NOT NULL,                  -- interviewer in settings and the OS user, or a file
    detail TEXT
);
"""


def _round_key(column: str) -> str:
    """The round rule (store/schema.py) with SQLite's GLOB."""
    return round_key_sql(column, lambda text, pattern: f"{text} GLOB '{pattern}'")


MIGRATION_SUPERVISION = f"""
-- Survey rounds in one form (2026-Q3, 2026-11, or a listed name). `round` is part of a closed
-- revision's signed content hash, so old free text ("Q3 2026") stays as it was written and
-- this derived column holds it normalised where it can be; everything reads rounds from here.
ALTER TABLE responses ADD COLUMN round_key TEXT
    GENERATED ALWAYS AS ({_round_key("round")}) VIRTUAL;
-- The round in Settings is not signed: normalise it in place.
UPDATE settings SET value = COALESCE(({_round_key("value")}), '') WHERE key = 'round';

-- Review decisions on interviews, append-only: the state of an interview is its newest row
-- (none: pending). Each row says who decided, on which device, when, and why.
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('approved', 'has_issues', 'rejected')),
    comment TEXT NOT NULL,
    reviewer TEXT,                     -- the name in this device's settings
    device_id TEXT NOT NULL,           -- the device whose key made the decision
    decided_at TEXT NOT NULL,          -- UTC ISO 8601
    content_hash TEXT                  -- the revision that was reviewed
);
CREATE INDEX reviews_uuid ON reviews (uuid, decided_at);
CREATE TRIGGER reviews_append_only_update BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
CREATE TRIGGER reviews_append_only_delete BEFORE DELETE ON reviews
BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
"""

MIGRATION_COVERAGE = """
-- The first export number a merged file's content covers: 1 for an `--all` export (it holds
-- every closed revision, those of the device's earlier files too), NULL for a file holding
-- only its own. The gap report counts the covered numbers as merged.
ALTER TABLE imports ADD COLUMN covers_from INTEGER;
"""

MIGRATION_FORWARD = """
-- Review logs travel between supervisors (export --forward; docs/supervision.md). Each
-- decision names the decisions it replaces by their entry hashes (review/log.py), JSON; NULL
-- on a decision recorded before this migration: it replaces the one recorded before it.
ALTER TABLE reviews ADD COLUMN supersedes TEXT;

-- The state the decisions on each revision settle to (review/log.py), kept as decisions are
-- added; every reader of review states reads it here. A decision judges the revision it
-- names: a revised interview is pending again. in_conflict = 1 while reviewers disagree.
CREATE TABLE review_states (
    uuid TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('approved', 'has_issues', 'rejected')),
    in_conflict INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (uuid, content_hash)
) WITHOUT ROWID;
INSERT INTO review_states (uuid, content_hash, state)
    SELECT r.uuid, r.content_hash, r.state FROM reviews r
    WHERE r.content_hash IS NOT NULL
      AND r.id = (SELECT v.id FROM reviews v
                  WHERE v.uuid = r.uuid AND v.content_hash = r.content_hash
                  ORDER BY v.decided_at DESC, v.id DESC LIMIT 1);

-- Decisions from files whose signer may not review here: kept, shown, never applied.
CREATE TABLE held_reviews (
    id INTEGER PRIMARY KEY,
    entry TEXT NOT NULL,               -- the decision's entry hash
    signer TEXT NOT NULL,              -- the device that signed the file
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
"""

MIGRATION_RETURNS = """
-- Files back to the field (docs/return-files.md), on a device; append-only like the review
-- log: receiving never deletes anything. Each return file applied here:
CREATE TABLE return_files (
    file_sha256 TEXT PRIMARY KEY,      -- of the (decrypted) zip: the same file twice is a no-op
    supervisor_key TEXT NOT NULL,      -- the Ed25519 key that signed it
    created_at TEXT NOT NULL,          -- when the supervisor made it: an older one is refused
    received_at TEXT NOT NULL,
    path TEXT,
    returned INTEGER NOT NULL,         -- interviews it sent back to this device
    reopened INTEGER NOT NULL,         -- of which reopened as drafts here
    questionnaire_hash TEXT            -- the version it made current
);

-- A reviewer's comment on an interview sent back, shown in the reopened draft.
CREATE TABLE returned_interviews (
    id INTEGER PRIMARY KEY,
    file_sha256 TEXT NOT NULL REFERENCES return_files (file_sha256),
    uuid TEXT NOT NULL,
    content_hash TEXT NOT NULL,        -- the revision judged: the reopened draft's parent
    state TEXT NOT NULL CHECK (state IN ('rejected', 'has_issues')),
    comment TEXT NOT NULL,
    reviewer TEXT,
    decided_at TEXT NOT NULL,
    notes TEXT NOT NULL                -- JSON object: question id -> words about it
);
CREATE INDEX returned_interviews_uuid ON returned_interviews (uuid, decided_at);

-- The office's score report for a round, as the supervisor computed it (min-n kept).
CREATE TABLE office_reports (
    file_sha256 TEXT PRIMARY KEY REFERENCES return_files (file_sha256),
    as_of TEXT NOT NULL,
    questionnaire_hash TEXT NOT NULL,
    round TEXT,
    responses INTEGER NOT NULL,
    document TEXT NOT NULL             -- OfficeReport JSON (fieldsurvey/returns/format.py)
);
"""


def migrate_canonical_hashes(conn: sqlite3.Connection) -> None:
    """Record each installed version's canonical hash (docs/trust-model.md, "Questionnaire
    hashes"). Its row keeps its name, the hash its build gave it, which responses carry in
    their signed content; the canonical hash lets this and later builds recognise it, and
    the files that name it, whatever fields the model gains. A source that no longer loads
    keeps NULL: it was unusable before this migration too."""
    # Imported here: the YAML reader is not loaded at the app's start-up (cache.py).
    from fieldsurvey.questionnaire.loader import questionnaire_from_document
    from fieldsurvey.questionnaire.yaml_source import SourceError, parse_yaml

    conn.execute("ALTER TABLE questionnaires ADD COLUMN canonical TEXT")
    rows = conn.execute("SELECT hash, source FROM questionnaires").fetchall()
    for name, source in rows:
        try:
            document = parse_yaml(source)
            questionnaire = questionnaire_from_document(document, f"<installed {name}>")
        except (QuestionnaireError, SourceError):
            continue
        canonical = questionnaire_hash(questionnaire)
        conn.execute("UPDATE questionnaires SET canonical = ? WHERE hash = ?", [canonical, name])


Migration = str | Callable[[sqlite3.Connection], None]
"""SQL statements, or a step that needs Python (run inside the migration's transaction)."""

MIGRATIONS: list[Migration] = [
    MIGRATION_1,
    MIGRATION_2,
    MIGRATION_TRUST,
    MIGRATION_SUPERVISION,
    MIGRATION_COVERAGE,
    MIGRATION_FORWARD,
    migrate_canonical_hashes,
    MIGRATION_RETURNS,
]
"""Migration n (1-based) brings a database from user_version n-1 to n."""

SCHEMA_VERSION = len(MIGRATIONS)
