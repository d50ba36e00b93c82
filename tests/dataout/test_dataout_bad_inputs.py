"""Each bad input of issue #13 gets a clear message, exit code 2, and writes nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pyreadstat
import pytest
from click.testing import CliRunner, Result
from dataout_helpers import out_files

from fieldsurvey.cli import main
from fieldsurvey.store.sqlite import open_store


def data(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["data", "--db", str(db), *args], catch_exceptions=False)


def test_unknown_format(tmp_path: Path, survey_db_path: Path) -> None:
    result = data(survey_db_path, "--format", "sas", "--out", str(tmp_path / "x.sas"))
    assert result.exit_code == 2
    assert "'sas' is not one of 'csv', 'xlsx', 'sav', 'dta', 'parquet'" in result.stderr
    assert out_files(tmp_path) == []


def test_missing_folder(tmp_path: Path, survey_db_path: Path) -> None:
    out = tmp_path / "nowhere" / "x.csv"
    result = data(survey_db_path, "--format", "csv", "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"error: {out}: the folder {out.parent} does not exist\n"
    assert out_files(tmp_path) == []


def test_read_only_folder(survey_db_path: Path) -> None:
    """/proc takes no new files, even from root (chmod would not stop root)."""
    out = Path("/proc/fieldsurvey-export.csv")
    result = data(survey_db_path, "--format", "csv", "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {out}: the folder /proc cannot be written")
    assert not out.exists()


def test_existing_file_needs_force(tmp_path: Path, survey_db_path: Path) -> None:
    out = tmp_path / "x.csv"
    out.write_text("keep me", encoding="utf-8")
    result = data(survey_db_path, "--format", "csv", "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"error: {out}: already exists; use --force to replace it\n"
    assert out.read_text(encoding="utf-8") == "keep me"
    assert out_files(tmp_path) == ["x.csv"]
    forced = data(survey_db_path, "--format", "csv", "--out", str(out), "--force")
    assert forced.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("response_uuid,")


def test_existing_paradata_file_needs_force_too(tmp_path: Path, survey_db_path: Path) -> None:
    (tmp_path / "x.paradata.csv").write_text("keep me", encoding="utf-8")
    result = data(survey_db_path, "--format", "csv", "--out", str(tmp_path / "x.csv"))
    assert result.exit_code == 2
    assert "x.paradata.csv: already exists" in result.stderr
    assert out_files(tmp_path) == ["x.paradata.csv"]


def test_round_with_no_data(tmp_path: Path, survey_db_path: Path) -> None:
    result = data(survey_db_path, "--format", "csv", "--out", str(tmp_path / "x.csv"),
                  "--round", "2025-Q1")  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == "error: --round 2025-Q1: no responses (with data: 2026-Q3, 2026-Q4)\n"
    assert out_files(tmp_path) == []


def test_office_with_no_data(tmp_path: Path, survey_db_path: Path) -> None:
    result = data(survey_db_path, "--format", "csv", "--out", str(tmp_path / "x.csv"),
                  "--office", "Kampot")  # fmt: skip
    assert result.exit_code == 2
    assert (
        result.stderr == "error: --office Kampot: no responses (with data: Phnom Penh, Siem Reap)\n"
    )


def test_unknown_language_and_codebook_suffix(tmp_path: Path, survey_db_path: Path) -> None:
    out = str(tmp_path / "x.csv")
    result = data(survey_db_path, "--format", "csv", "--out", out, "--lang", "fr")
    assert result.exit_code == 2
    assert result.stderr == "error: --lang fr: the questionnaire speaks en, zh, km\n"
    book = tmp_path / "book.txt"
    result = data(survey_db_path, "--format", "csv", "--out", out, "--codebook", str(book))
    assert result.exit_code == 2
    assert result.stderr == f"error: {book}: a codebook is .csv or .md\n"
    assert out_files(tmp_path) == []


def test_label_too_long_for_stata_is_shortened_and_said(
    tmp_path: Path, survey_db_path: Path
) -> None:
    out = tmp_path / "x.dta"
    result = data(survey_db_path, "--format", "dta", "--out", str(out), "--lang", "km",
                  "--codebook", str(tmp_path / "book.csv"))  # fmt: skip
    assert result.exit_code == 0
    assert "warning: dta: labels of " in result.stderr
    assert "the codebook has them in full" in result.stderr
    _, meta = pyreadstat.read_dta(str(out), metadataonly=True)
    shortened = [label for label in meta.column_labels if label.endswith("…")]
    assert shortened and all(len(label) <= 80 for label in meta.column_labels)
    with (tmp_path / "book.csv").open(encoding="utf-8") as handle:
        full = [row["label_km"] for row in csv.DictReader(handle)]
    assert all(any(f.startswith(s[:-1]) and len(f) > 80 for f in full) for s in shortened)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet", "sav", "dta"])
def test_database_without_responses(tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "empty.db"
    open_store(db).close()
    out = tmp_path / f"x.{fmt}"
    result = data(db, "--format", fmt, "--out", str(out))
    assert result.exit_code == 0
    assert "no responses to export: the files have headers only" in result.stderr
    columns = _columns(out, fmt)
    assert columns[:3] == ["response_uuid", "revision", "device_id"]
    assert "score_accessibility" in columns


def _columns(out: Path, fmt: str) -> list[str]:
    """The header of an empty export, read with the format's own reader (and no rows)."""
    if fmt == "csv":
        with out.open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert len(rows) == 1
        return rows[0]
    if fmt == "xlsx":
        rows = list(
            openpyxl.load_workbook(out, read_only=True)["responses"].iter_rows(values_only=True)
        )
        assert len(rows) == 1
        return list(rows[0])  # type: ignore[arg-type]
    if fmt == "parquet":
        table = pq.read_table(out)
        assert table.num_rows == 0
        return table.column_names
    reader = pyreadstat.read_sav if fmt == "sav" else pyreadstat.read_dta
    frame, _ = reader(str(out))
    assert len(frame) == 0
    return list(frame.columns)
