"""The Sync screen's path field: `;` separates paths, unless it is part of a file's own name
(a hostile or odd file name picked in the file tree must still be merged whole)."""

from __future__ import annotations

from pathlib import Path

from fieldsurvey.ui.screens.sync_state import join_paths, split_paths


def test_typed_paths_are_split_on_semicolons(tmp_path: Path) -> None:
    a, b = tmp_path / "device a.fsx", tmp_path / "b.fsx"
    assert split_paths(f" {a} ;{b}; ") == [a, b]
    assert split_paths("") == []


def test_a_picked_file_whose_name_holds_a_semicolon_stays_one_path(tmp_path: Path) -> None:
    odd = tmp_path / "evil\x1b]0;pwned\x07.fsx"
    plain = tmp_path / "plain.fsx"
    for path in (odd, plain):
        path.write_bytes(b"x")
    assert split_paths(join_paths([odd])) == [odd]
    assert split_paths(join_paths([plain, odd, plain])) == [plain, odd, plain]


def test_a_missing_path_is_kept_as_typed_for_its_error(tmp_path: Path) -> None:
    """Paths that do not exist are split as typed: the merge then names each one missing."""
    assert split_paths(f"{tmp_path}/x;y.fsx") == [tmp_path / "x", Path("y.fsx")]
