"""Storage behind an interface: the engine, sync, scoring and the UI never write SQL.

- `interface`: the protocols callers depend on (`DraftSink` for the engine, `Imports` for
  merge, `ScoringSource`, ... and `Store`, all of them), with the threading rule.
- `records`: the plain rows that cross the interface; `status`: the response status enum;
  `errors`: our storage errors (disk full, busy, read-only, newer schema, corrupt).
- `sqlite/`: the SQLite adapter, the only place with SQL (`open_store(path)`).
- Backend-neutral logic over the interface: `content` (the hash of a closed revision),
  `lineage` (heads and conflicts), `questionnaires` (installing versions), `counts`, `ids`.
See docs/architecture.md.
"""
