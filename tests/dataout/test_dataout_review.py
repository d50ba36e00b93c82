"""Review states and quality flags in the exports: rejected responses left out by default and
counted, brought in by --include-rejected; the columns labelled in every language, in the
codebook and as SPSS/Stata value labels; flags as `fieldsurvey quality` computes them."""

from __future__ import annotations

import csv
from pathlib import Path

import pyreadstat
import pytest
from dataout_helpers import expected_rows, mismatches, response_ids, review_state
from test_dataout_formats import book_name, codebook, csv_text, run_export

from fieldsurvey.i18n import tr
from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.review.words import QUALITY_KINDS, REVIEW_STATES
from fieldsurvey.store.sqlite import SQLiteStore

LEFT_OUT = "2 responses a reviewer rejected are left out (--include-rejected brings them in)"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def rejected_uuids(db: SQLiteStore) -> set[str]:
    rows = db.execute("SELECT uuid FROM responses WHERE is_head = 1").fetchall()
    return {uuid for (uuid,) in rows if review_state(db, uuid) == "rejected"}


def test_rejected_left_out_and_counted(
    tmp_path: Path, survey_db_path: Path, survey_db: SQLiteStore
) -> None:
    out = tmp_path / "data.csv"
    stdout, stderr = run_export(survey_db_path, out, "--format", "csv")
    rows = read_csv(out)
    rejected = rejected_uuids(survey_db)
    assert len(rejected) == 2
    assert not rejected & {row["response_uuid"] for row in rows}
    assert LEFT_OUT in stderr
    assert stdout.startswith(f"{len(response_ids(survey_db, rejected=False))} responses")
    assert {row["review_state"] for row in rows} == {"pending", "approved", "has_issues"}
    paradata = read_csv(tmp_path / "data.paradata.csv")
    assert not rejected & {row["response_uuid"] for row in paradata}


def test_include_rejected_every_cell(
    tmp_path: Path, survey_db_path: Path, survey_db: SQLiteStore, questionnaire: Questionnaire
) -> None:
    out = tmp_path / "data.csv"
    _, stderr = run_export(survey_db_path, out, "--format", "csv", "--include-rejected")
    rows = read_csv(out)
    want = expected_rows(survey_db, questionnaire, response_ids(survey_db))
    assert mismatches([{k: csv_text(v) for k, v in r.items()} for r in want], rows) == []  # type: ignore[arg-type]
    states = [row["review_state"] for row in rows]
    assert states.count("rejected") == 2 and states.count("approved") == 2  # one re-approved
    assert "2 responses a reviewer rejected are included" in stderr
    paradata = read_csv(tmp_path / "data.paradata.csv")
    assert rejected_uuids(survey_db) <= {row["response_uuid"] for row in paradata}


def test_drafts_and_rejected_together(
    tmp_path: Path, survey_db_path: Path, survey_db: SQLiteStore
) -> None:
    out = tmp_path / "data.csv"
    run_export(survey_db_path, out, "--format", "csv", "--drafts", "--include-rejected")
    rows = read_csv(out)
    assert len(rows) == len(response_ids(survey_db, ("complete", "draft")))
    assert [r["status"] for r in rows].count("draft") == 1


def test_flags_are_those_of_quality(
    tmp_path: Path, survey_db_path: Path, survey_db: SQLiteStore
) -> None:
    """Both rounds have straight-lined demo interviews: the columns are not all zero (every
    cell is compared with `assess`, round by round, in the format tests)."""
    out = tmp_path / "data.csv"
    run_export(survey_db_path, out, "--format", "csv", "--include-rejected")
    rows = read_csv(out)
    for round_ in ("2026-Q3", "2026-Q4"):
        assert any(r["flag_straightlining"] == "1" for r in rows if r["round"] == round_)
    assert all(row[f"flag_{kind}"] in ("0", "1") for row in rows for kind in QUALITY_KINDS)
    flagged = [row for row in rows if row["quality_flags"]]
    assert all(
        set(row["quality_flags"].split()) == {k for k in QUALITY_KINDS if row[f"flag_{k}"] == "1"}
        for row in flagged
    )


@pytest.mark.parametrize("lang", ["en", "zh", "km"])
def test_codebook_labels_in_each_language(tmp_path: Path, survey_db_path: Path, lang: str) -> None:
    out = tmp_path / "data.csv"
    run_export(survey_db_path, out, "--format", "csv")
    book = {row["variable"]: row for row in codebook(out)}
    assert book["review_state"]["label_" + lang] == tr("Review state (newest decision)", lang)
    values = book["review_state"]["values_" + lang]
    assert values == "; ".join(
        f"{code}={state}: {tr(word, lang)}"
        for code, (state, word) in enumerate(REVIEW_STATES.items(), 1)
    )
    speeding = tr(QUALITY_KINDS["speeding"], lang)
    assert book["flag_speeding"]["label_" + lang] == tr("Quality flag: {kind}", lang, kind=speeding)
    assert book["quality_flags"]["source"] == "quality"
    if lang != "en":  # translated, not the English msgid
        assert book["review_state"]["label_" + lang] != book["review_state"]["label_en"]
        assert speeding != QUALITY_KINDS["speeding"]


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_review_state_value_labels(
    tmp_path: Path, survey_db_path: Path, survey_db: SQLiteStore, fmt: str
) -> None:
    out = tmp_path / f"data.{fmt}"
    run_export(survey_db_path, out, "--format", fmt, "--lang", "km", "--include-rejected")
    read = pyreadstat.read_sav if fmt == "sav" else pyreadstat.read_dta
    frame, meta = read(str(out), apply_value_formats=False)
    book = {row[f"{fmt}_name"]: row for row in codebook(out)}
    name = book_name(book, "review_state")
    assert meta.variable_value_labels[name] == {
        code: tr(word, "km") for code, word in enumerate(REVIEW_STATES.values(), 1)
    }
    assert meta.column_names_to_labels[name] == tr("Review state (newest decision)", "km")
    assert sorted(frame[name].value_counts().to_dict().items()) == [(1.0, 60), (2.0, 2),
                                                                    (3.0, 1), (4.0, 2)]  # fmt: skip
