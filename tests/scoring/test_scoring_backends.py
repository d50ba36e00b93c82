"""Scores from PostgreSQL equal SQLite's (issue #17: to 1e-9) on awkward answers.

PostgreSQL packs the answers' codes into integers (store/postgres/scoring.py), SQLite into
characters: both must give the same codes, so the same report. The same rows go into both
databases; the answers mix every case the packing treats apart: reverse-coded items, weights,
groups small enough to be suppressed, missing answers, "don't know" and "not applicable",
values off the scale, a Likert question outside the areas (overall satisfaction) and a
select_multiple segment.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from scoring_helpers import BASE, Survey, make_questionnaire, t
from test_scoring_postgres import close

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.scoring import score
from fieldsurvey.store.postgres import open_store as open_postgres
from fieldsurvey.store.sqlite import SQLiteStore

_RESPONSE_COLUMNS = (
    "id, uuid, questionnaire_id, questionnaire_version, questionnaire_hash, device_id, "
    "language, persona, status, started_at, updated_at, completed_at, round, is_head"
)
_ITEMS = ("a1", "a2", "a3", "t1", "t2")


def _questionnaire() -> Questionnaire:
    """The inline questionnaire with N/A on the items' scale and overall satisfaction asked on
    a Likert scale (as the bundled questionnaire asks it)."""
    scale = {**BASE["scales"][0], "na": {"value": "na", "label": t("Not applicable")}}
    sat = {
        "id": "sat5",
        "points": [{"value": v, "label": t(str(v))} for v in range(1, 6)],
        "dk": {"value": "dk", "label": t("Don't know")},
    }
    survey = [q for q in BASE["survey"] if q.get("id") != "overall"]
    survey.append({"type": "likert", "id": "overall", "scale": "sat5", "label": t("Overall")})
    return make_questionnaire(scales=[scale, sat], survey=survey)


def _item(rng: random.Random) -> Any:
    return rng.choice([1, 2, 3, 4, 5, 5, 4, "dk", "na", None, 7, 0, -1, "x", 2.5])


def _answers(rng: random.Random) -> dict[str, Any]:
    """One respondent's answers; None leaves the question unanswered."""
    found = {item: _item(rng) for item in _ITEMS}
    found |= {
        "place": rng.choice(["urban", "rural", "remote", "elsewhere", None]),
        "channel": rng.sample(["online", "phone", "office"], rng.randint(0, 2)),
        "overall": rng.choice([1, 2, 3, 4, 5, "dk", None, 9]),
        "important": rng.choice(["access", "treat", "dk", None]),
        "knows_pension": rng.choice(["yes", "no", "dk", None]),
        "w": rng.choice([1, 1.5, 2, 0.25, 0, -1, None, "heavy"]),
    }
    return {question: value for question, value in found.items() if value is not None}


@pytest.fixture(scope="module", params=[1, 2])
def both(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, postgres_server: Any
) -> Iterator[tuple[SQLiteStore, Any]]:
    """The same random responses in SQLite and in PostgreSQL (same ids, same order)."""
    from fieldsurvey.store.sqlite import open_store

    rng = random.Random(request.param)
    lite = open_store(tmp_path_factory.mktemp("backends") / "hq.db")
    survey = Survey(lite)
    for n in range(160):
        # employers stay few (suppressed, with a complement); some rounds differ
        persona = "employer" if n % 23 == 0 else rng.choice(["worker", None, "worker"])
        survey.add(_answers(rng), persona=persona, round=rng.choice(["2026-Q1", "2026-Q2"]),
                   version=rng.choice(["2", "2", "3"]),
                   completed_at=f"2026-0{1 + n % 6}-01T10:00:00.000+00:00")  # fmt: skip
    name = f"backends_{request.param}"
    admin = psycopg.connect(postgres_server.url(), autocommit=True)
    admin.execute(f"CREATE DATABASE {name} TEMPLATE fs_template")
    url = postgres_server.url(name)
    with psycopg.connect(url, autocommit=True) as pg, pg.transaction():
        rows = lite.execute(f"SELECT {_RESPONSE_COLUMNS} FROM responses").fetchall()
        marks = ", ".join(["%s"] * len(rows[0]))
        pg.cursor().executemany(
            f"INSERT INTO responses ({_RESPONSE_COLUMNS}) VALUES ({marks})",
            [(*row[:-1], bool(row[-1])) for row in rows],
        )
        pg.cursor().executemany(
            "INSERT INTO answers (response, question, value, answered_at) VALUES (%s, %s, %s, %s)",
            lite.execute("SELECT response, question, value, answered_at FROM answers").fetchall(),
        )
    store = open_postgres(url)
    yield lite, store
    store.close()
    lite.close()
    admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
    admin.close()


@pytest.mark.parametrize(
    "options",
    [
        {"by": "persona"},
        {"by": ["persona", "geography"], "weights": "w", "round": "2026-Q1"},
        {"by": "ict", "importance": "asked"},
        {"by": "geography", "weights": "w", "include_rejected": True},
    ],
    ids=["persona", "geography weighted Q1", "select_multiple asked", "weighted"],
)
def test_the_same_scores_on_awkward_answers(
    both: tuple[SQLiteStore, Any], options: dict[str, Any]
) -> None:
    questionnaire = _questionnaire()
    lite, pg = (score(store, questionnaire, **options).model_dump(mode="json") for store in both)
    close(lite, pg)
    areas = lite["areas"]
    assert any(a["score"] is not None for a in areas)  # something was scored


def test_the_cases_are_there(both: tuple[SQLiteStore, Any]) -> None:
    """The data hold what the comparison is about: suppressed groups, N/A, DK, weights."""
    report = score(both[0], _questionnaire(), by="persona", weights="w").model_dump(mode="json")
    assert report["groups"]["persona"]["employer"]["reason"] == "too_few"
    assert any(a["na_rate"] for a in report["areas"]) and any(a["dk_rate"] for a in report["areas"])
    assert any(w["code"] == "no_weight" for w in report["warnings"])
    values = {json.loads(v) for (v,) in both[0].execute("SELECT value FROM answers WHERE "
                                                        "question = 'a3'").fetchall()}  # fmt: skip
    assert {7, 0, "na", "dk"} <= values


def test_the_packing_keeps_every_code() -> None:
    """Unpacking what PostgreSQL packs gives the codes SQLite's characters give."""
    from fieldsurvey.scoring.data import _decode, _unpack
    from fieldsurvey.store.records import PackedColumn, word_layout

    items = [PackedColumn(f"q{n}", 0, "", -2, 5) for n in range(20)]
    columns = (*items, PackedColumn("c", 1, ',"a","b",', 0, 9), PackedColumn("i", 2, "", 0, 50_000))
    rng = random.Random(7)
    codes = [[rng.choice([-2, -1, 0, 1, 3, 5, 6, 9]) for _ in range(20)]
             + [rng.choice([0, 1, 5, 9]), rng.choice([0, 1, 49_999, 50_000, 50_001])]
             for _ in range(50)]  # fmt: skip
    layout = word_layout(columns)
    words: list[list[int]] = [[0] * len(codes) for _ in range(max(w for w, _ in layout) + 1)]
    for row, found in enumerate(codes):
        for (word, shift), column, code in zip(layout, columns, found, strict=True):
            stored = min(max(code - column.low + 1, 0), column.mask)  # as the SQL does
            words[word][row] |= stored << shift
    strings = ["".join(chr(256 + k) + chr(256 + c) for k, c in enumerate(found) if c != 0)
               for found in codes]  # fmt: skip
    assert (_unpack(words, columns) == _decode(strings, columns)).all()
