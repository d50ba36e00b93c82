"""Every format read back with its own reader and compared, cell by cell, with the database;
labels in Khmer and Chinese checked where the format carries them."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pyreadstat
import pytest
from click.testing import CliRunner
from dataout_helpers import (
    CHINESE_TEXT,
    FORMULA,
    KHMER_TEXT,
    Row,
    expected_rows,
    mismatches,
    response_ids,
)

from fieldsurvey.cli import main
from fieldsurvey.dataout.limits import STATA, fit
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.safetext import csv_cell
from fieldsurvey.store.sqlite import SQLiteStore

PERSONA_LABEL_KM = "ប្រភេទអតិថិជន"


def run_export(db_path: Path, out: Path, *extra: str) -> tuple[str, str]:
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["data", "--db", str(db_path), "--out", str(out), "--codebook",
         str(out.with_suffix(".codebook.csv")), *extra],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def codebook(out: Path) -> list[dict[str, str]]:
    with out.with_suffix(".codebook.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def expected(survey_db: SQLiteStore, questionnaire: Questionnaire) -> list[Row]:
    return expected_rows(survey_db, questionnaire, response_ids(survey_db, rejected=False))


def csv_text(value: object) -> str:
    """A cell as the CSV holds it: formula-looking text neutralised by the project's rule."""
    return "" if value is None else str(csv_cell(value))


def test_csv_every_cell_and_paradata(
    tmp_path: Path, survey_db_path: Path, survey_db: SQLiteStore,
    questionnaire: Questionnaire,
) -> None:  # fmt: skip
    out = tmp_path / "data.csv"
    stdout, _ = run_export(survey_db_path, out, "--format", "csv")
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # a BOM only with --excel
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    want = [{k: csv_text(v) for k, v in row.items()} for row in expected(survey_db, questionnaire)]
    assert mismatches(want, rows) == []  # type: ignore[arg-type]
    assert [r["variable"] for r in codebook(out)] == list(rows[0])
    texts = {r["suggestion"] for r in rows}
    assert {"'" + FORMULA, KHMER_TEXT, CHINESE_TEXT} <= texts
    kept = response_ids(survey_db, rejected=False)  # rejected ones are left out
    events = sum(len(survey_db.paradata(rid)) for rid in kept)
    with (tmp_path / "data.paradata.csv").open(encoding="utf-8") as handle:
        paradata = list(csv.DictReader(handle))
    assert len(paradata) == events
    assert "'" + FORMULA in {row["detail"] for row in paradata}
    assert f"{len(rows)} responses, {events} paradata events" in stdout


def test_csv_bom_with_excel(tmp_path: Path, survey_db_path: Path) -> None:
    out = tmp_path / "data.csv"
    run_export(survey_db_path, out, "--format", "csv", "--excel")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_xlsx_two_sheets_every_cell(
    tmp_path: Path, survey_db_path: Path, survey_db: SQLiteStore,
    questionnaire: Questionnaire,
) -> None:  # fmt: skip
    out = tmp_path / "data.xlsx"
    run_export(survey_db_path, out, "--format", "xlsx")
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["responses", "paradata"]
    table = list(book["responses"].iter_rows(values_only=True))
    header = table[0]
    rows = [dict(zip(header, values, strict=True)) for values in table[1:]]
    assert mismatches(expected(survey_db, questionnaire), rows) == []  # type: ignore[arg-type]
    assert FORMULA in {r["suggestion"] for r in rows}  # stored as text, not a formula
    paradata = list(book["paradata"].iter_rows(values_only=True))
    first = survey_db.execute(
        "SELECT r.uuid, p.seq, p.question, p.event FROM paradata p JOIN responses r "
        "ON r.id = p.response WHERE r.is_head = 1 AND r.status = 'complete' ORDER BY r.id, p.seq"
    ).fetchone()
    assert paradata[0][:5] == ("response_uuid", "revision", "seq", "question", "event")
    assert (paradata[1][0], paradata[1][2], paradata[1][3], paradata[1][4]) == tuple(first)


def test_parquet_every_cell_typed_with_labels(
    tmp_path: Path, survey_db_path: Path, survey_db: SQLiteStore,
    questionnaire: Questionnaire,
) -> None:  # fmt: skip
    out = tmp_path / "data.parquet"
    run_export(survey_db_path, out, "--format", "parquet", "--lang", "km")
    table = pq.read_table(out)
    rows = [_iso(row) for row in table.to_pylist()]
    assert mismatches(expected(survey_db, questionnaire), rows) == []
    label = table.schema.field("persona").metadata[b"label"].decode()
    assert label == PERSONA_LABEL_KM
    gender = table.schema.field("gender").metadata
    assert "ភេទ" in gender[b"label"].decode()
    events = pq.read_table(tmp_path / "data.paradata.parquet")
    assert [_iso(event) for event in events.to_pylist()] == expected_events(survey_db)


def expected_events(survey_db: SQLiteStore) -> list[Row]:
    """Every paradata event of the exported responses, as the database holds it."""
    out: list[Row] = []
    for rid in response_ids(survey_db, rejected=False):
        record = survey_db.get_response(rid)
        assert record is not None
        out += [
            {"response_uuid": record.uuid, "revision": record.revision, "seq": e.seq,
             "question": e.question, "event": e.event, "at": e.at,
             "duration_ms": e.duration_ms, "detail": e.detail}
            for e in survey_db.paradata(rid)
        ]  # fmt: skip
    return out


def _iso(row: Row) -> Row:
    """Dates and times back to the ISO text the database holds."""
    out: Row = {}
    for name, value in row.items():
        if isinstance(value, datetime):
            value = value.astimezone(UTC).isoformat(timespec="milliseconds")
        elif hasattr(value, "isoformat"):
            value = value.isoformat()  # type: ignore[union-attr]
        out[name] = value
    return out


@pytest.mark.parametrize("fmt", ["sav", "dta"])
@pytest.mark.parametrize("lang", ["km", "zh"])
def test_spss_and_stata_every_cell_and_label(
    tmp_path: Path, survey_db_path: Path, survey_db: SQLiteStore,
    questionnaire: Questionnaire, fmt: str, lang: str,
) -> None:  # fmt: skip
    out = tmp_path / f"data.{fmt}"
    _, stderr = run_export(survey_db_path, out, "--format", fmt, "--lang", lang)
    if fmt == "sav":  # DK (99) is user-missing in SPSS: read it as the value it is
        frame, meta = pyreadstat.read_sav(str(out), apply_value_formats=False, user_missing=True)
        assert meta.missing_ranges[book_name_of(out, "acc_office_near")] == [
            {"lo": 99.0, "hi": 99.0}
        ]
    else:
        frame, meta = pyreadstat.read_dta(str(out), apply_value_formats=False)
    book = {row[f"{fmt}_name"]: row for row in codebook(out)}
    assert list(frame.columns) == list(book)
    rows = []
    for record in frame.to_dict("records"):
        rows.append({book[name]["variable"]: _decoded(value, book[name]) for name, value in
                     record.items()})  # fmt: skip
    assert mismatches(expected(survey_db, questionnaire), rows) == []
    limits = STATA if fmt == "dta" else None
    for name, row in book.items():
        full = row[f"label_{lang}"]
        shown = meta.column_names_to_labels[name]
        if limits is not None:
            assert shown == fit(full, limits.variable_label_chars, None)
        assert shown == full or (shown.endswith("…") and full.startswith(shown[:-1]))
    persona = next(n for n, r in book.items() if r["variable"] == "q_persona")
    persona_labels = meta.variable_value_labels[persona]
    assert set(persona_labels.values()) == {
        c.label[lang] for c in questionnaire.choice_list_by_id["personas"].choices
    }
    likert = meta.variable_value_labels[book_name(book, "acc_office_near")]
    assert likert[99] == questionnaire.scale_by_id["agree5"].dk.label[lang]
    assert len(frame.columns) == len(set(frame.columns))
    assert all(len(n) <= (32 if fmt == "dta" else 64) for n in frame.columns)
    if "…" in "".join(meta.column_names_to_labels.values()):
        assert f"{fmt}: labels of" in stderr and "the codebook has them in full" in stderr


def book_name_of(out: Path, variable: str) -> str:
    fmt = out.suffix[1:]
    return book_name({row[f"{fmt}_name"]: row for row in codebook(out)}, variable)


def book_name(book: dict[str, dict[str, str]], variable: str) -> str:
    return next(n for n, r in book.items() if r["variable"] == variable)


def _decoded(value: object, row: dict[str, str]) -> object:
    """A value read from SPSS/Stata back to what the database holds."""
    if isinstance(value, float) and value != value:
        return None
    if row["source"] in ("select_one", "review"):
        codes = dict(item.split(": ", 1)[0].split("=", 1) for item in row["values_en"].split("; "))
        return codes[str(int(value))]  # type: ignore[call-overload]
    if row["type"] == "datetime" and value is not None:
        # SPSS and Stata store seconds as a double: read back, the millisecond may be 1 short
        closest = value + timedelta(microseconds=500)  # type: ignore[operator]
        return closest.replace(tzinfo=UTC).isoformat(timespec="milliseconds")
    if row["type"] == "date" and value is not None:
        return value.isoformat()[:10]  # type: ignore[attr-defined]
    if value == "":
        return None
    return value


def test_drafts_only_when_asked(
    tmp_path: Path, survey_db_path: Path, survey_db: SQLiteStore,
    questionnaire: Questionnaire,
) -> None:  # fmt: skip
    out = tmp_path / "data.csv"
    run_export(survey_db_path, out, "--format", "csv", "--drafts", "--round", "2026-Q4")
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    ids = response_ids(survey_db, ("complete", "draft"), rejected=False)
    want = [r for r in expected_rows(survey_db, questionnaire, ids) if r["round"] == "2026-Q4"]
    assert mismatches([{k: csv_text(v) for k, v in r.items()} for r in want], rows) == []  # type: ignore[arg-type]
    drafts = [r for r in rows if r["status"] == "draft"]
    assert len(drafts) == 1 and drafts[0]["consent"] == "yes"
    assert drafts[0]["score_accessibility"] == "" and drafts[0]["completed_at"] == ""
    assert drafts[0]["review_state"] == "pending"  # not assessed by quality: blank flags
    assert drafts[0]["quality_flags"] == "" and drafts[0]["flag_duplicate"] == ""
    plain = tmp_path / "plain.csv"
    run_export(survey_db_path, plain, "--format", "csv", "--round", "2026-Q4")
    assert plain.read_text(encoding="utf-8").count("\n") == len(rows)  # header + all but the draft


def test_one_office(
    tmp_path: Path, survey_db_path: Path, survey_db: SQLiteStore,
    questionnaire: Questionnaire,
) -> None:  # fmt: skip
    out = tmp_path / "data.csv"
    run_export(survey_db_path, out, "--format", "csv", "--office", "Siem Reap")
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    want = [r for r in expected(survey_db, questionnaire) if r["office"] == "Siem Reap"]
    assert len(rows) == 25
    assert mismatches([{k: csv_text(v) for k, v in r.items()} for r in want], rows) == []  # type: ignore[arg-type]
