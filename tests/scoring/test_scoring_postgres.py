"""Scores, quality flags, rounds, reviews and data exports from PostgreSQL equal SQLite's on
the same merged files (issue #17: to 1e-9), through the same commands.

Two demo devices (different offices and rounds) export everything; one supervisor database
on each backend merges the files in the same order, and the same review decisions are
recorded on both. Every command's JSON (or file) is then compared.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import psycopg
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from fieldsurvey.cli import main
from fieldsurvey.demo import make_demo_responses
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire.loader import load_questionnaire
from fieldsurvey.store.sqlite import open_store
from fieldsurvey.sync import export_to_folder

TOLERANCE = 1e-9
WHEN_MERGED = {"first_seen"}
"""Times each database learned something itself (not the data): left out of comparisons."""


def cli(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory, postgres_server: Any) -> Any:
    """(SQLite file, PostgreSQL URL) holding the same merged files and review decisions."""
    root = tmp_path_factory.mktemp("pgscores")
    questionnaire = load_questionnaire(bundled_questionnaire_path())
    files = []
    for n, (office, round_) in enumerate([("north", "2026-Q3"), ("south", "2026-Q3"),
                                          ("north", "2026-Q2")]):  # fmt: skip
        device = open_store(root / f"device{n}.db")
        device.set_setting("office", office)
        make_demo_responses(device, questionnaire, 150, seed=n, round=round_, workers=1)
        result = export_to_folder(device, root, everything=True)
        assert result.path is not None
        files.append(str(result.path))
        device.close()
    admin = psycopg.connect(postgres_server.url(), autocommit=True)
    admin.execute("CREATE DATABASE scores TEMPLATE fs_template")
    locations = (str(root / "hq.db"), postgres_server.url("scores"))
    for location in locations:
        cli("merge", "--db", location, *files)
    uuids = json.loads(cli("quality", "--db", locations[0], "--json").stdout)
    first = [item["uuid"] for item in uuids["interviews"]][:3] or _some_uuids(locations[0])
    for location in locations:
        cli("review", first[0], "--reject", "--comment", "made up", "--db", location)
        cli("review", first[1], "--approve", "--db", location)
    yield locations
    admin.execute("DROP DATABASE scores WITH (FORCE)")
    admin.close()


def _some_uuids(location: str) -> list[str]:
    db = open_store(location)
    rows = db.execute("SELECT uuid FROM responses ORDER BY id LIMIT 3").fetchall()
    db.close()
    return [row[0] for row in rows]


def close(a: Any, b: Any, where: str = "") -> None:
    """Equal, floats to TOLERANCE (relative to their size)."""
    if isinstance(a, float) or isinstance(b, float):
        assert isinstance(a, int | float) and isinstance(b, int | float), where
        assert math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=TOLERANCE), (where, a, b)
    elif isinstance(a, dict):
        assert isinstance(b, dict) and a.keys() == b.keys(), where
        for key in a.keys() - WHEN_MERGED:
            close(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), where
        for n, (x, y) in enumerate(zip(a, b, strict=True)):
            close(x, y, f"{where}[{n}]")
    else:
        assert a == b, (where, a, b)


@pytest.mark.parametrize(
    "args",
    [
        ("scores", "--format", "json"),
        ("scores", "--format", "json", "--by", "persona", "--lang", "zh"),
        ("scores", "--format", "json", "--round", "2026-Q2", "--include-rejected"),
        ("quality", "--json"),
        ("quality", "--json", "--by", "interviewer"),
        ("rounds", "--json"),
        ("conflicts", "--json"),
        ("devices", "--json"),
    ],
    ids=lambda args: " ".join(args),
)
def test_the_same_results_on_both_backends(both: tuple[str, str], args: tuple[str, ...]) -> None:
    lite, pg = (json.loads(cli(*args, "--db", location).stdout) for location in both)
    close(lite, pg)


@pytest.mark.parametrize(
    "options",
    [(), ("--office", "north", "--lang", "km"), ("--round", "2026-Q2", "--include-rejected")],
    ids=["all", "north km", "2026-Q2 with rejected"],
)
def test_the_same_data_export_on_both_backends(
    both: tuple[str, str], tmp_path: Path, options: tuple[str, ...]
) -> None:
    written = []
    for n, location in enumerate(both):
        out = tmp_path / f"data{n}.csv"
        cli("data", "--format", "csv", "--out", str(out), "--db", location, *options)
        written.append((out.read_bytes(), out.with_suffix(".paradata.csv").read_bytes()))
    assert written[0] == written[1]
    tables = []  # Parquet reads paradata grouped by response (DataSource.event_lists)
    for n, location in enumerate(both):
        out = tmp_path / f"data{n}.parquet"
        cli("data", "--format", "parquet", "--out", str(out), "--db", location, *options)
        tables.append([pq.read_table(out), pq.read_table(out.with_suffix(".paradata.parquet"))])
    assert tables[0][0].equals(tables[1][0], check_metadata=True)
    assert tables[0][1].equals(tables[1][1], check_metadata=True)
    events = list(csv.reader(io.StringIO(written[0][1].decode("utf-8"))))[1:]
    assert tables[0][1].num_rows == len(events) > 0
