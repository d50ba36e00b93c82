"""Opening a PostgreSQL store (issue #17's bad input): each refusal says why, exits 2 from
the CLI, never prints the URL's password, and changes nothing on the server."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldsurvey.cli import main
from fieldsurvey.paths import default_db_location
from fieldsurvey.questionnaire.rounds import normalise_legacy
from fieldsurvey.store.errors import CaptureOnDevice, NewerSchema, NotPermitted, Unreachable
from fieldsurvey.store.location import shown
from fieldsurvey.store.opening import open_store, open_supervisor_store
from fieldsurvey.store.postgres.schema import SCHEMA_VERSION, _round_key
from fieldsurvey.store.postgres.scoring import _INTEGER
from pgserver import PASSWORD, Server


def cli(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def tables(url: str) -> list[str]:
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
    return [row[0] for row in rows]


def refused(result: Result, words: str) -> None:
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert PASSWORD not in result.output + result.stderr
    assert "***" in result.stderr  # the location is named, its password hidden


def test_a_new_database_is_migrated_and_shown_without_its_password(pg_url: str) -> None:
    store = open_supervisor_store(pg_url)
    assert store.execute("SELECT version FROM fieldsurvey_schema").fetchall() == [  # type: ignore[attr-defined]
        (SCHEMA_VERSION,)
    ]
    assert store.location == shown(pg_url) and PASSWORD not in store.location  # type: ignore[attr-defined]
    store.close()
    assert shown("postgresql://hq:pw@db.example/x?password=pw&sslmode=require") == (
        "postgresql://hq:***@db.example/x?password=***&sslmode=require"
    )


def test_an_unreachable_server(postgres_server: Server, tmp_path: Path) -> None:
    url = postgres_server.url("nowhere").replace(str(postgres_server.folder), str(tmp_path))
    with pytest.raises(Unreachable):
        open_supervisor_store(url)
    refused(cli("scores", "--db", url), "cannot reach the database server")


def test_a_wrong_password(postgres_server: Server, pg_url: str) -> None:
    before = tables(pg_url)
    wrong = pg_url.replace(PASSWORD, "not-the-password")
    with pytest.raises(NotPermitted):
        open_supervisor_store(wrong)
    result = cli("conflicts", "--db", wrong)
    refused(result, "refused the user name or password")
    assert "not-the-password" not in result.stderr
    assert tables(pg_url) == before


def test_a_database_of_a_newer_schema_is_refused_untouched(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE fieldsurvey_schema SET version = %s", [SCHEMA_VERSION + 1])
    before = tables(pg_url)
    with pytest.raises(NewerSchema):
        open_supervisor_store(pg_url)
    refused(cli("rounds", "--db", pg_url), "made by a newer fieldsurvey")
    assert tables(pg_url) == before


def test_a_user_without_the_privileges_needed(postgres_server: Server) -> None:
    """PostgreSQL 15 lets only the owner create tables in `public`: a user who may connect
    but not create is told so, and nothing is created."""
    admin = psycopg.connect(postgres_server.url(), autocommit=True)
    admin.execute("CREATE ROLE clerk LOGIN PASSWORD 'clerk-pw'")
    admin.execute("CREATE DATABASE bare")
    try:
        url = postgres_server.url("bare", user="clerk", password="clerk-pw")
        with pytest.raises(NotPermitted):
            open_supervisor_store(url)
        result = cli("devices", "--db", url)
        assert result.exit_code == 2 and "lacks a privilege" in result.stderr
        assert "clerk-pw" not in result.output + result.stderr
        assert tables(postgres_server.url("bare")) == []
    finally:
        admin.execute("DROP DATABASE bare WITH (FORCE)")
        admin.execute("DROP ROLE clerk")
        admin.close()


@pytest.mark.parametrize(
    "args",
    [("ask",), ("demo", "--responses", "1"), ("export", "--out", "x.fsx")],
    ids=["ask", "demo", "export"],
)
def test_a_url_for_a_command_that_captures_interviews(pg_url: str, args: tuple[str, ...]) -> None:
    before = tables(pg_url)
    refused(cli(args[0], "--db", pg_url, *args[1:]), "captured and exported on a device")
    with pytest.raises(CaptureOnDevice):
        open_store(pg_url)
    assert tables(pg_url) == before


def test_the_app_refuses_a_url_in_the_environment(pg_url: str) -> None:
    from fieldsurvey.ui.launch import launch_app

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FIELDSURVEY_DB", pg_url)
        errors: list[str] = []
        patch.setattr("fieldsurvey.ui.launch._error", errors.append)
        assert launch_app(None, None) == 2
    assert "captured and exported on a device" in errors[0] and PASSWORD not in errors[0]


def test_the_environment_names_a_server_for_the_other_commands(pg_url: str) -> None:
    from_env = cli("devices", "--json", env={"FIELDSURVEY_DB": pg_url})
    given = cli("devices", "--json", "--db", pg_url)
    before = cli("--db", pg_url, "devices", "--json")  # the root option, before the command
    assert from_env.exit_code == 0 and from_env.stdout == given.stdout, from_env.stderr
    assert before.exit_code == 0 and before.stdout == given.stdout, before.stderr
    helped = CliRunner().invoke(main, ["scores", "--help"], env={"FIELDSURVEY_DB": pg_url})
    assert PASSWORD not in helped.stdout
    with pytest.MonkeyPatch.context() as patch:  # what --db's help names as its default
        patch.setenv("FIELDSURVEY_DB", pg_url)
        assert shown(default_db_location()) == shown(pg_url) != pg_url


@settings(max_examples=60)
@given(value=st.none() | st.text(alphabet="Qq0123456789 -/_.", max_size=9))
def test_the_round_key_normalises_as_python_does(
    postgres_server: Server, value: str | None
) -> None:
    with psycopg.connect(postgres_server.url(), autocommit=True) as conn:
        found = conn.execute(f"SELECT {_round_key('%(v)s::text')}", {"v": value}).fetchone()
    assert found is not None and found[0] == normalise_legacy(value)


@settings(max_examples=80)
@given(
    value=st.one_of(
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=6),
        st.lists(st.integers(0, 9), max_size=2),
    ).map(lambda v: json.dumps(v))
    | st.text(alphabet="0123456789-+. e", max_size=8)
)
def test_answers_are_coded_as_sqlite_codes_them(postgres_server: Server, value: str) -> None:
    """Scoring's integer codes (store/postgres/scoring.py `_INTEGER`) are SQLite's
    CAST(value AS INTEGER), clamped as scoring clamps them."""
    expected = (
        sqlite3.connect(":memory:")
        .execute("SELECT min(max(CAST(? AS INTEGER), 0), 50000)", [value])
        .fetchone()[0]
    )
    with psycopg.connect(postgres_server.url(), autocommit=True) as conn:
        found = conn.execute(
            f"SELECT LEAST(GREATEST({_INTEGER}, 0), 50000) FROM (SELECT %s::text AS value) a",
            [value],
        ).fetchone()
    assert found is not None and found[0] == expected
