"""Rounds in one form: checking, legacy normalisation (Python and the migration's SQL agree),
the `rounds` command, and Scores choosing and naming a round."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from supervision_helpers import run, snapshot

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.rounds import (
    RoundError,
    check_round,
    normalise_legacy,
    round_start,
)
from fieldsurvey.scoring import score
from fieldsurvey.store.counts import home_counts
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.store.sqlite.schema import MIGRATIONS, _round_key


@pytest.mark.parametrize("value", ["2026-Q3", "2026-11", " 2027-Q1 ", "baseline"])
def test_fixed_forms_and_listed_names_are_rounds(value: str) -> None:
    assert check_round(value, ["baseline"]) == value.strip()


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("Q3 2026", "did you mean 2026-Q3?"),
        ("2026/11", "did you mean 2026-11?"),
        ("2026-Q5", "e.g. 2026-Q3 or 2026-11"),
        ("2026-13", "e.g. 2026-Q3 or 2026-11"),
        ("endline", "or one of: baseline"),
        ("2026-Q3\x1b[2J", "'2026-Q3\\x1b[2J'"),  # shown escaped, never sent to the terminal
    ],
)
def test_a_round_in_a_wrong_form_is_refused_with_an_example(value: str, hint: str) -> None:
    with pytest.raises(RoundError, match="is not in the form YEAR-Qn or YEAR-MM") as caught:
        check_round(value, ["baseline"])
    assert hint in str(caught.value)


def test_quarters_and_months_start_on_their_first_day() -> None:
    assert (round_start("2026-Q3"), round_start("2026-11"), round_start("pilot")) == (
        "2026-07-01",
        "2026-11-01",
        None,
    )


LEGACY = st.one_of(
    st.text(max_size=12),
    st.builds(
        lambda q, sep, year, flip, case: (
            (f"{year}{sep}Q{q}" if flip else f"Q{q}{sep}{year}")
            if case
            else (f"{year}{sep}q{q}" if flip else f"q{q}{sep}{year}")
        ),
        st.integers(0, 6),
        st.sampled_from([" ", "-", "/", "_", "", ".", "  "]),
        st.integers(990, 3100),
        st.booleans(),
        st.booleans(),
    ),
    st.builds(
        lambda year, sep, month, pad: f"{pad}{year}{sep}{month:02d}{pad}",
        st.integers(1999, 2101),
        st.sampled_from(["-", "/", "_", " "]),
        st.integers(0, 14),
        st.sampled_from(["", " ", "\t"]),
    ),
)


@given(value=st.none() | LEGACY)
def test_the_migration_sql_normalises_as_python_does(value: str | None) -> None:
    conn = sqlite3.connect(":memory:")
    found = conn.execute(f"SELECT {_round_key('?1')}", [value]).fetchone()[0]
    assert found == normalise_legacy(value)


def legacy_database(path: Path, rounds: list[str | None]) -> None:
    """A database at schema 2 (before rounds were checked) with free-text rounds."""
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:2]:
        conn.executescript(script)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO settings VALUES ('round', ' q4-2025 ')")
    for number, value in enumerate(rounds):
        conn.execute(
            "INSERT INTO responses (uuid, content_hash, questionnaire_id, questionnaire_version, "
            "questionnaire_hash, device_id, round, language, status, started_at, updated_at, "
            "completed_at) VALUES (?, ?, 'q', '1', 'h', 'dev', ?, 'en', 'complete', 't', 't', "
            "'2026-08-01')",
            [f"u{number}", f"hash{number}", value],
        )
    conn.close()


def test_the_migration_normalises_old_rounds_and_keeps_what_was_signed(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    legacy_database(path, ["Q3 2026", "2026/11", "pilot phase", None, ""])
    db = open_store(path)
    rows = db.execute("SELECT round, round_key FROM responses ORDER BY id").fetchall()
    assert rows == [
        ("Q3 2026", "2026-Q3"),
        ("2026/11", "2026-11"),
        ("pilot phase", "pilot phase"),
        (None, None),
        ("", None),
    ]
    assert db.execute("SELECT value FROM settings WHERE key = 'round'").fetchone() == ("2025-Q4",)


def test_rounds_lists_counts_per_office(db_path: Path) -> None:
    result = run("rounds", "--db", str(db_path), "--json")
    assert result.exit_code == 0, result.stderr
    [entry] = json.loads(result.stdout)["rounds"]
    assert (entry["round"], entry["responses"]) == ("2026-Q3", 120)
    assert entry["offices"] == {"Battambang": 40, "Phnom Penh": 80}
    table = run("rounds", "--db", str(db_path)).stdout
    assert table.startswith("2026-Q3: 120 responses") and "  Phnom Penh: 80" in table


def move_to_legacy_round(db: SQLiteStore, count: int, value: str | None) -> None:
    db.execute(
        "UPDATE responses SET round = ? WHERE id IN (SELECT id FROM responses ORDER BY id LIMIT ?)",
        [value, count],
    )
    db.conn.commit()


def test_scores_default_to_the_latest_round_and_name_the_others(
    db: SQLiteStore, db_path: Path, questionnaire: Questionnaire
) -> None:
    move_to_legacy_round(db, 50, None)
    report = score(db, questionnaire)
    assert (report.round, report.responses, report.rounds) == ("2026-Q3", 70, [None, "2026-Q3"])
    table = run("scores", "--db", str(db_path)).stdout
    assert "70 responses, round 2026-Q3" in table.splitlines()[0]
    assert "(no round), 2026-Q3" in table and "None" not in table
    assert score(db, questionnaire, round="").responses == 50


def test_scores_choose_an_older_free_text_round_by_its_normal_form(
    db: SQLiteStore, db_path: Path
) -> None:
    move_to_legacy_round(db, 60, "Q2 2026")
    result = run("scores", "--db", str(db_path), "--round", "2026-Q2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["round"], document["responses"]) == ("2026-Q2", 60)


def test_scores_refuse_a_round_in_a_wrong_form(db: SQLiteStore, db_path: Path) -> None:
    result = run("scores", "--db", str(db_path), "--round", "Q3 2026")
    assert result.exit_code == 2 and result.stdout == ""
    assert "did you mean 2026-Q3?" in result.stderr
    assert "rounds with data: 2026-Q3" in result.stderr
    missing = run("scores", "--db", str(db_path), "--round", "2025-Q1")
    assert missing.exit_code == 2
    assert "no responses in round '2025-Q1'; rounds with data: 2026-Q3" in missing.stderr


def test_demo_refuses_a_round_in_a_wrong_form(db: SQLiteStore, db_path: Path) -> None:
    before = snapshot(db)
    result = run("demo", "--db", str(db_path), "--responses", "3", "--round", "autumn")
    assert result.exit_code == 2
    assert "--round: round 'autumn' is not in the form" in result.stderr
    assert snapshot(db) == before


def test_not_yet_exported_counts_only_this_devices_interviews(db: SQLiteStore) -> None:
    assert home_counts(db).not_exported == 120
    db.execute("UPDATE responses SET device_id = 'another-device' WHERE id % 2 = 0")
    db.conn.commit()
    assert home_counts(db).not_exported == 60


def test_data_exports_pick_an_older_free_text_round_by_its_normal_form(
    db: SQLiteStore, db_path: Path, tmp_path: Path
) -> None:
    move_to_legacy_round(db, 30, "Q2 2026")
    out = tmp_path / "q2.csv"
    result = run("data", "--db", str(db_path), "--format", "csv", "--out", str(out),
                 "--round", "2026-Q2")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1 + 30  # header + interviews
