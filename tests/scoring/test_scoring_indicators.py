"""Office indicators: counts are checked in full before anything is written; ratios with a
zero or missing denominator say "n/a" and why."""

from __future__ import annotations

import pytest

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.scoring.indicators import IndicatorError, Problem, parse_entries, set_counts
from fieldsurvey.scoring.ratios import office_table, ratios
from fieldsurvey.store.sqlite import SQLiteStore


def stored(db: SQLiteStore) -> int:
    return db.execute("SELECT COUNT(*) FROM indicator_values").fetchone()[0]


def test_ratio_per_period_with_its_change(db: SQLiteStore, questionnaire: Questionnaire) -> None:
    set_counts(
        db, questionnaire, "North", "2026-Q1", {"clients_received": 2000, "complaints_received": 10}
    )
    set_counts(
        db,
        questionnaire,
        "North",
        "2026-Q2",
        {"clients_received": "2500", "complaints_received": 5},
    )
    (series,) = ratios(db, questionnaire)
    assert (series.office, series.label) == ("North", "Complaints per 1,000 clients")
    first, second = series.points
    assert (first.value, first.display, first.change) == (5.0, "5.00", None)
    assert (second.value, second.change, second.direction) == (2.0, -3.0, "down")
    assert second.verdict == "better"  # fewer complaints is better
    table = office_table(db, questionnaire, "North")
    assert table.periods == ["2026-Q1", "2026-Q2"]
    complaints = next(r for r in table.rows if r.id == "complaints_received")
    assert (complaints.label, complaints.values, complaints.better) == (
        "Complaints received",
        [10, 5],
        "down",
    )


def test_zero_or_missing_denominator_is_na_with_the_reason(
    db: SQLiteStore, questionnaire: Questionnaire
) -> None:
    set_counts(
        db,
        questionnaire,
        "New office",
        "2026-Q1",
        {"clients_received": 0, "complaints_received": 0},
    )
    set_counts(db, questionnaire, "New office", "2026-Q2", {"complaints_received": 3})
    zero, missing = ratios(db, questionnaire, office="New office")[0].points
    assert (zero.value, zero.display) == (None, "n/a")
    assert zero.reason == "clients_received is 0 in 2026-Q1: the ratio is undefined"
    assert (missing.display, missing.reason) == ("n/a", "no count of clients_received for 2026-Q2")
    assert missing.change is None


def test_a_negative_count_refuses_the_whole_entry(
    db: SQLiteStore, questionnaire: Questionnaire
) -> None:
    with pytest.raises(IndicatorError) as caught:
        set_counts(
            db,
            questionnaire,
            "North",
            "2026-Q1",
            {"clients_received": 5, "complaints_received": -1},
        )
    assert caught.value.problems == [
        Problem.NEGATIVE.text(indicator="complaints_received", value=-1)
    ]
    assert stored(db) == 0


KNOWN = "clients_received, complaints_received"
C = "clients_received"


@pytest.mark.parametrize(
    ("office", "counts", "message"),
    [
        ("North", {"visitors": 3}, Problem.UNKNOWN.text(indicator="visitors", known=KNOWN)),
        ("North", {C: "12.5"}, Problem.NOT_COUNT.text(indicator=C, value="12.5")),
        ("North", {C: True}, Problem.NOT_COUNT.text(indicator=C, value=True)),
        ("North", {C: 2**63}, Problem.TOO_LARGE.text(indicator=C, value=2**63)),
        ("../x", {C: 1}, Problem.BAD_NAME.text(field="office", value="../x")),
        ("North", {}, Problem.NOTHING.text()),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_written(
    db: SQLiteStore, questionnaire: Questionnaire, office: str, counts: dict, message: str
) -> None:
    with pytest.raises(IndicatorError) as caught:
        set_counts(db, questionnaire, office, "2026-Q1", counts)
    assert caught.value.problems == [message]
    assert stored(db) == 0


def test_entries_from_the_command_line() -> None:
    assert parse_entries(["clients_received=12", " complaints_received = 3"]) == {
        "clients_received": "12",
        "complaints_received": "3",
    }
    with pytest.raises(IndicatorError, match="expected INDICATOR=COUNT"):
        parse_entries(["clients_received"])


def test_no_offices_yet(db: SQLiteStore, questionnaire: Questionnaire) -> None:
    assert db.offices() == []
    assert ratios(db, questionnaire) == []
