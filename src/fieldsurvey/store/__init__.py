"""Local SQLite storage: schema, migrations, settings and the queries the rest of the app uses.

The UI and the CLI never write SQL: every query lives in this package. The API is plain
functions over a `sqlite_utils.Database` from `db.open_database(path)`; functions that write
several rows expect the caller's `db.write_transaction(db)` (they check), so one commit holds
an answer with everything it changed.

- `db`: opening (refusals, pragmas, migrations), `write_transaction`, settings, device id,
  `describe_write_error` (disk full, read-only, busy... in words).
- `schema`: the migrations.
- `questionnaires`: installed questionnaire versions by hash, with their source.
- `responses`: response revisions and their answers (JSON), closing, revisions.
- `content`: the canonical content and hash of a closed revision (sync verifies with it).
- `paradata`: the interview audit log.
- `counts`: Home-screen counts and the drafts list.
"""
