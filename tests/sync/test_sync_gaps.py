"""Gaps in a device's export numbers, with real export files: an `--all` file holds every
closed revision, so it covers the numbers before its own and no gap is reported for them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from pydantic import ValidationError
from sync_helpers import add_revision

from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.sync import export_file, merge_files
from fieldsurvey.sync.fileformat import Manifest


def exports(device: SQLiteStore, folder: Path, kinds: str) -> list[Path]:
    """One new interview then one export per letter: `n` the new ones, `a` `--all`."""
    paths = []
    for number, kind in enumerate(kinds, 1):
        add_revision(device, {"q1": number}, at=f"2026-02-{number:02d}T00:00:00.000+00:00")
        path = folder / f"{number}.fsx"
        export_file(device, path, everything=kind == "a")
        paths.append(path)
    return paths


def manifest(path: Path) -> dict[str, object]:
    with zipfile.ZipFile(path) as archive:
        document: dict[str, object] = json.loads(archive.read("manifest.json"))
    return document


def test_an_all_file_covers_the_numbers_before_it(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    files = exports(device, tmp_path, "nna")
    report = merge_files(supervisor, [files[2]])
    assert report.gaps == []  # files 1 and 2 were not merged, but file 3 holds all they held
    assert report.files[0].added == 3
    (tmp_path / "later").mkdir()
    later = exports(device, tmp_path / "later", "n")  # export 4, after the --all file
    assert merge_files(supervisor, later).gaps == []


def test_numbers_after_an_all_file_still_show_as_gaps(
    device: SQLiteStore, supervisor: SQLiteStore, tmp_path: Path
) -> None:
    files = exports(device, tmp_path, "nann")
    report = merge_files(supervisor, [files[1], files[3]])
    assert [g.missing for g in report.gaps] == [[3]]
    assert report.gaps[0].summary().endswith("export files 3 not merged yet")


def test_only_an_all_file_says_what_it_covers(device: SQLiteStore, tmp_path: Path) -> None:
    new, everything = exports(device, tmp_path, "na")
    assert "covers_from" not in manifest(new)  # as before: older versions still read it
    document = manifest(everything)
    assert (document["export_seq"], document["covers_from"]) == (2, 1)
    with pytest.raises(ValidationError, match="covers_from is after export_seq"):
        Manifest.model_validate({**document, "covers_from": 3})
