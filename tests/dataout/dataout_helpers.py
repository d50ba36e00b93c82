"""An oracle for the exports: what each cell should hold, worked out from the database.

Written apart from `fieldsurvey.dataout` on purpose (its own walk of the questionnaire, its own
area-score arithmetic from DESIGN.md §5), so a test compares two independent computations.
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

from fieldsurvey.quality import KINDS, assess
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.questionnaire.model import (
    LikertItem,
    Note,
    Rank,
    SelectMultiple,
)
from fieldsurvey.questionnaire.rounds import NO_ROUND
from fieldsurvey.store.records import Event
from fieldsurvey.store.sqlite import SQLiteStore

FORMULA = '=HYPERLINK("http://x","click")'
KHMER_TEXT = "សូមបើកការិយាល័យនៅថ្ងៃសៅរ៍"
CHINESE_TEXT = "请在周六开放办事处"

Row = dict[str, object]


def response_ids(
    db: SQLiteStore, statuses: tuple[str, ...] = ("complete",), *, rejected: bool = True
) -> list[int]:
    """Head revisions with these statuses; without those a reviewer rejected last unless
    `rejected`."""
    marks = ", ".join("?" for _ in statuses)
    rows = db.execute(
        f"SELECT id, uuid FROM responses WHERE is_head = 1 AND status IN ({marks}) ORDER BY id",
        list(statuses),
    ).fetchall()
    return [row[0] for row in rows if rejected or review_state(db, row[1]) != "rejected"]


def review_state(db: SQLiteStore, uuid: str) -> str:
    """The newest decision of the review log (as `fieldsurvey review UUID` prints it)."""
    log = db.decisions(uuid)
    return log[-1].state if log else "pending"


def quality_flags(db: SQLiteStore, questionnaire: Questionnaire) -> dict[int, set[str]]:
    """Response id -> flag kinds, as `fieldsurvey quality --round R` reports each round."""
    rounds = assess(db, questionnaire).rounds
    return {
        item.response_id: {flag.kind for flag in item.flags}
        for round_ in rounds
        for item in assess(db, questionnaire, round_ or NO_ROUND).interviews
    }


def set_answer(
    db: SQLiteStore, response_id: int, question: str, value: str, events: tuple[Event, ...] = ()
) -> None:
    """An answer (and paradata) added to a stored response, as a merged file could bring."""
    db.save_draft(response_id, {question: value}, events, {}, "2026-01-01T00:00:00.000+00:00")


def expected_rows(db: SQLiteStore, questionnaire: Questionnaire, ids: list[int]) -> list[Row]:
    flags = quality_flags(db, questionnaire)
    return [expected_row(db, questionnaire, i, flags) for i in ids]


def expected_row(
    db: SQLiteStore, questionnaire: Questionnaire, rid: int, flags: dict[int, set[str]]
) -> Row:
    record = db.get_response(rid)
    assert record is not None
    answers = db.load_answers(rid)
    row: Row = {
        "response_uuid": record.uuid,
        "revision": record.revision,
        "device_id": record.device_id,
        "interviewer": record.interviewer,
        "office": record.office,
        "round": record.round,
        "persona": record.persona,
        "language": record.language,
        "status": record.status,
        "started_at": record.started_at,
        "completed_at": record.completed_at,
        "duration_s": None
        if record.completed_at is None
        else (
            datetime.fromisoformat(record.completed_at) - datetime.fromisoformat(record.started_at)
        ).total_seconds(),
        "questionnaire_version": record.questionnaire_version,
        "review_state": review_state(db, record.uuid),
    }
    kinds = flags.get(rid, set()) if record.status == "complete" else None
    row["quality_flags"] = " ".join(k for k in KINDS if k in kinds) if kinds else None
    for kind in KINDS:
        row[f"flag_{kind}"] = None if kinds is None else int(kind in kinds)
    for question, _ in questionnaire.walk():
        if isinstance(question, Note):
            continue
        name = f"q_{question.id}" if question.id in row else question.id
        value = answers.get(question.id)
        if isinstance(question, LikertItem):
            dk = questionnaire.scale_by_id[question.scale].dk.value
            row[name] = 99 if value == dk else value
        elif isinstance(question, SelectMultiple | Rank):
            row[name] = None if value is None else " ".join(value)  # type: ignore[arg-type]
            choices = questionnaire.choice_list_by_id[question.choices].choices
            for choice in choices:
                column = f"{question.id}_{choice.value.replace('-', '_')}"
                if isinstance(question, Rank):
                    row[column] = (
                        value.index(choice.value) + 1  # type: ignore[union-attr]
                        if isinstance(value, list) and choice.value in value
                        else None
                    )
                else:
                    row[column] = None if value is None else int(choice.value in value)  # type: ignore[operator]
        else:
            row[name] = value
    for area in questionnaire.areas:
        row[f"score_{area.id}"] = _area_score(questionnaire, area.items, answers)
    return row


def _area_score(
    questionnaire: Questionnaire, items: list[LikertItem], answers: dict
) -> float | None:
    """DESIGN.md §5: (x-1)/(k-1)*100 after reverse coding; DK leaves the denominator; the
    weighted mean if at least half the area's items were answered."""
    total = weight = 0.0
    answered = 0
    for item in items:
        value = answers.get(item.id)
        if not isinstance(value, int):
            continue
        k = questionnaire.scale_by_id[item.scale].size
        x = k + 1 - value if item.reverse else value
        total += (x - 1) / (k - 1) * 100 * item.weight
        weight += item.weight
        answered += 1
    if answered * 2 < len(items) or weight == 0:
        return None
    return total / weight


def same(expected: object, actual: object) -> bool:
    """Equal values, numbers compared as numbers (1 == 1.0) with float tolerance."""
    if expected is None or actual is None:
        return expected is None and _blank(actual)
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return isinstance(actual, int | float) and math.isclose(expected, actual, rel_tol=1e-9)
    return expected == actual


def _blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def mismatches(expected: list[Row], actual: list[Row]) -> list[str]:
    """Every cell that differs, as 'row i, column: expected != actual' (empty when equal)."""
    found = (
        [f"rows: {len(expected)} expected, {len(actual)} found"]
        if len(expected) != len(actual)
        else []
    )
    for i, (want, got) in enumerate(zip(expected, actual, strict=False)):
        for name, value in want.items():
            if name not in got:
                found.append(f"row {i}: no column {name}")
            elif not same(value, got[name]):
                found.append(f"row {i}, {name}: {value!r} != {got[name]!r}")
    return found[:20]


def out_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())
