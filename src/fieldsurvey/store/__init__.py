"""Local SQLite storage: schema, migrations, settings and the queries the rest of the app uses.

The UI and the CLI never write SQL: every query lives in this package.
"""
