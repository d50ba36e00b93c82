"""Synthetic field data for the sync benchmarks, generated once and cached under bench/out/.

Devices each interview in batches of `per_file`, about 5% of each batch being edits of
earlier interviews, and export after every batch, as they would between visits to the office.
Every interview has ~50 answers (mostly Likert codes, some text and multi-choice) and ~50
paradata events (enter/leave per page). Rows are written with plain SQL for speed; their
content hashes come from the store's one `content_hash`, and their uuids from its
`time_ordered_uuid` of the interview's start, as the engine's do.
"""

from __future__ import annotations

import functools
import random
from datetime import datetime
from pathlib import Path
from typing import Any

from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, load_questionnaire
from fieldsurvey.questionnaire.model import (
    IntegerQuestion,
    LikertItem,
    QuestionLike,
    SelectMultiple,
    SelectOne,
    TextQuestion,
)
from fieldsurvey.store.content import content_hash
from fieldsurvey.store.ids import time_ordered_uuid
from fieldsurvey.store.questionnaires import install_questionnaire
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.store.sqlite.responses import encode_value
from fieldsurvey.sync import export_to_folder

OUT = Path(__file__).parent / "out"
ANSWERS = 50
EVENTS = 50
EDIT_SHARE = 0.05
AT = "2026-03-{day:02d}T{hour:02d}:{minute:02d}:00.000+00:00"


def install_bundled(db: SQLiteStore) -> dict[str, str]:
    path = bundled_questionnaire_path()
    questionnaire = load_questionnaire(path)
    digest = install_questionnaire(db, questionnaire, path.read_text(encoding="utf-8"))
    return {
        "questionnaire_id": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "questionnaire_hash": digest,
    }


@functools.cache
def _questionnaire() -> Questionnaire:
    return load_questionnaire(bundled_questionnaire_path())


def answer_values(rng: random.Random) -> dict[str, Any]:
    """~50 answers that fit the bundled questionnaire (merge checks every one): every Likert
    item, then choice, number and text questions until there are ANSWERS."""
    questionnaire = _questionnaire()
    values: dict[str, Any] = {}
    for question in questionnaire.questions.values():
        if len(values) == ANSWERS:
            break
        value = _answer(questionnaire, question, rng)
        if value is not None:
            values[question.id] = value
    return values


def _answer(questionnaire: Questionnaire, question: QuestionLike, rng: random.Random) -> Any:
    if isinstance(question, LikertItem):
        scale = questionnaire.scale_by_id[question.scale]
        return rng.choice([*(p.value for p in scale.points), scale.dk.value])
    if isinstance(question, SelectOne | SelectMultiple):
        values = [c.value for c in questionnaire.choice_list_by_id[question.choices].choices]
        if isinstance(question, SelectOne):
            return rng.choice(values)
        return sorted(rng.sample(values, min(2, len(values))), key=values.index)
    if isinstance(question, IntegerQuestion):
        return rng.randint(0, 10)
    if isinstance(question, TextQuestion):
        return rng.choice(["", "Queue too long at the district office.", "Staff were kind."])
    return None


def add_interview(
    db: SQLiteStore, base: dict[str, Any], values: dict[str, Any], stamp: str,
    *, uuid_: str | None = None, parent: str | None = None, revision: int = 1,
) -> None:  # fmt: skip
    row = {
        **base, "uuid": uuid_ or time_ordered_uuid(datetime.fromisoformat(stamp)),
        "revision": revision, "parent_hash": parent,
        "status": "complete", "persona": values["persona"], "started_at": stamp,
        "updated_at": stamp, "completed_at": stamp,
    }  # fmt: skip
    row["content_hash"] = content_hash(row, values)
    cursor = db.execute(
        f"INSERT INTO responses ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    if parent is not None:
        db.execute("UPDATE responses SET is_head = 0 WHERE uuid = ? AND content_hash = ?",
                   [row["uuid"], parent])  # fmt: skip
    rid = cursor.lastrowid
    db.conn.executemany(
        "INSERT INTO answers (response, question, value, answered_at) VALUES (?, ?, ?, ?)",
        [(rid, q, encode_value(v), stamp) for q, v in values.items()],
    )
    db.conn.executemany(
        "INSERT INTO paradata (response, seq, question, event, at, duration_ms) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(rid, n + 1, f"item_{n // 2:02d}", ("enter", "leave")[n % 2], stamp, (n % 2) * 4200)
         for n in range(EVENTS)],
    )  # fmt: skip


def open_device(path: Path, seed: int) -> tuple[SQLiteStore, dict[str, Any]]:
    """A device database with the bundled questionnaire; the columns its interviews share."""
    db = open_store(path)
    base = {**install_bundled(db), "device_id": db.device_id(), "interviewer": f"int-{seed}",
            "office": f"office-{seed % 7}", "round": "2026", "language": "en"}  # fmt: skip
    return db, base


def interview_batch(
    db: SQLiteStore, base: dict[str, Any], count: int, batch: int, rng: random.Random
) -> None:
    """`count` interviews in one transaction, ~5% of them edits of earlier ones."""
    with db.unit_of_work():
        for n in range(count):
            stamp = AT.format(day=1 + batch % 28, hour=n // 60 % 24, minute=n % 60)
            if batch > 0 and rng.random() < EDIT_SHARE:
                uuid_, parent, revision, persona = db.execute(
                    "SELECT uuid, content_hash, revision, persona FROM responses "
                    "WHERE is_head = 1 ORDER BY random() LIMIT 1"
                ).fetchone()
                values = {**answer_values(rng), "persona": persona}
                add_interview(db, base, values, stamp, uuid_=uuid_, parent=parent,
                              revision=revision + 1)  # fmt: skip
            else:
                add_interview(db, base, answer_values(rng), stamp)


def make_device(path: Path, files_dir: Path, n_files: int, per_file: int, seed: int) -> None:
    """A device that interviews `per_file` at a time and exports after each batch."""
    rng = random.Random(seed)
    db, base = open_device(path, seed)
    for batch in range(n_files):
        interview_batch(db, base, per_file, batch, rng)
        export_to_folder(db, files_dir)
    db.close()
