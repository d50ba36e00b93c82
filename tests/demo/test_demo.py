"""`fieldsurvey demo`: realistic, reproducible interviews made through the engine."""

from __future__ import annotations

import json
from pathlib import Path
from statistics import mean

import pytest
from click.testing import CliRunner

from fieldsurvey.cli import main
from fieldsurvey.demo import make_demo_responses
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.store.sqlite import SQLiteStore, open_store

COUNT = 300


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return load_questionnaire(bundled_questionnaire_path())


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, questionnaire: Questionnaire) -> SQLiteStore:
    db = open_store(tmp_path_factory.mktemp("demo") / "demo.db")
    make_demo_responses(db, questionnaire, COUNT, seed=7)
    return db


def answer_table(db: SQLiteStore) -> list[tuple[int, str, str]]:
    """Answers keyed by interview order, independent of uuids and clocks."""
    return db.execute(
        "SELECT r.id, a.question, a.value FROM answers a JOIN responses r ON r.id = a.response "
        "ORDER BY r.id, a.question"
    ).fetchall()


def area_means(
    db: SQLiteStore, questionnaire: Questionnaire, area: str, by: str
) -> dict[str, float]:
    """Mean raw Likert point (after reverse coding) of an area's items per answer of `by`."""
    items = {i.id: i.reverse for a in questionnaire.areas if a.id == area for i in a.items}
    rows = db.execute(
        "SELECT g.value, a.question, a.value FROM answers a "
        "JOIN answers g ON g.response = a.response AND g.question = ? "
        f"WHERE a.question IN ({','.join('?' * len(items))})",
        [by, *items],
    ).fetchall()
    groups: dict[str, list[int]] = {}
    for group, question, value in rows:
        point = json.loads(value)
        if isinstance(point, int):
            groups.setdefault(json.loads(group), []).append(6 - point if items[question] else point)
    return {group: mean(points) for group, points in groups.items()}


def test_all_complete_with_every_persona(demo_db: SQLiteStore) -> None:
    rows = dict(
        demo_db.execute(
            "SELECT persona, COUNT(*) FROM responses WHERE status = 'complete' GROUP BY 1"
        ).fetchall()
    )
    assert set(rows) == {"worker", "employer", "beneficiary"}
    assert sum(rows.values()) == COUNT
    assert rows["worker"] > rows["employer"]


def test_same_seed_same_answers(tmp_path: Path, questionnaire: Questionnaire) -> None:
    first = open_store(tmp_path / "a.db")
    second = open_store(tmp_path / "b.db")
    make_demo_responses(first, questionnaire, 25, seed=11)
    make_demo_responses(second, questionnaire, 25, seed=11)
    assert answer_table(first) == answer_table(second)
    third = open_store(tmp_path / "c.db")
    make_demo_responses(third, questionnaire, 25, seed=12)
    assert answer_table(third) != answer_table(first)


def test_accessibility_weaker_in_rural_and_remote(
    demo_db: SQLiteStore, questionnaire: Questionnaire
) -> None:
    means = area_means(demo_db, questionnaire, "accessibility", "geography")
    assert means["remote"] < means["metropolitan"] - 0.4
    assert means["rural"] < means["metropolitan"]


def test_employers_less_aware_of_benefits(demo_db: SQLiteStore) -> None:
    rows = demo_db.execute(
        "SELECT r.persona, AVG(a.value = '\"yes\"') FROM answers a "
        "JOIN responses r ON r.id = a.response WHERE a.question LIKE 'aware_%' GROUP BY 1"
    ).fetchall()
    rate = dict(rows)
    assert rate["employer"] < rate["worker"]


def test_some_dont_know_answers_and_paradata(demo_db: SQLiteStore) -> None:
    dk = demo_db.execute("SELECT COUNT(*) FROM answers WHERE value = '\"dk\"'").fetchone()[0]
    assert dk > 0
    leaves = demo_db.execute("SELECT COUNT(*) FROM paradata WHERE event = 'leave'").fetchone()[0]
    assert leaves >= COUNT * 20


def test_demo_command(tmp_path: Path) -> None:
    db_path = tmp_path / "cli.db"
    result = CliRunner().invoke(
        main, ["demo", "--db", str(db_path), "--responses", "5", "--seed", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "Added 5 interviews" in result.stdout
    db = open_store(db_path)
    assert db.execute("SELECT COUNT(*) FROM responses WHERE status = 'complete'").fetchone()[0] == 5
