"""`--db` and `--questionnaire` mean the same before or after the command name.

Every command is run both ways (the list is read from the CLI itself, so a new command is
covered without touching this file). The database given is not SQLite and the questionnaire
given is not a questionnaire: each run stops at the file it was given, names it, and changes
nothing; the default database (`$FIELDSURVEY_DB`) is never created. Before the fix,
`fieldsurvey --db X scores` ran on the default database.
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from fieldsurvey.cli import main
from fieldsurvey.cli.common import ROOT_OPTIONS
from fieldsurvey.paths import DB_ENV


def leaf_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The full name of every runnable command under `group` (`("keys", "new")`...)."""
    ctx = click.Context(group)
    names: list[tuple[str, ...]] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            names.extend(leaf_commands(command, (*prefix, name)))
        else:
            names.append((*prefix, name))
    return names


def command_at(path: tuple[str, ...]) -> click.Command:
    command: click.Command | None = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.get_command(click.Context(command), name)
    assert command is not None
    return command


def sample_arguments(command: click.Command, tmp_path: Path) -> list[str]:
    """Values for the command's required parameters, good enough to reach its files."""
    args: list[str] = []
    for param in command.params:
        if not param.required or param.name in ROOT_OPTIONS:
            continue
        if isinstance(param.type, click.Path):
            value = tmp_path / f"{param.name}.sample"
            if param.type.exists:
                value.write_text("")
            sample = str(value)
        elif isinstance(param.type, click.Choice):
            sample = str(param.type.choices[0])
        elif isinstance(param.type, click.IntRange | click.types.IntParamType):
            sample = "1"
        else:
            sample = "x=1"
        if isinstance(param, click.Option):
            args.append(param.opts[0])
        args.append(sample)
    return args


LEAVES = leaf_commands(main)
WITH_DB = [path for path in LEAVES if "db_path" in {p.name for p in command_at(path).params}]
WITHOUT_DB = [path for path in LEAVES if path not in WITH_DB]
WITH_QUESTIONNAIRE = [
    path for path in LEAVES if "questionnaire_path" in {p.name for p in command_at(path).params}
]


@pytest.fixture
def default_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "default.db"
    monkeypatch.setenv(DB_ENV, str(path))
    return path


def run(args: list[str]) -> Result:
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_every_data_command_is_listed() -> None:
    assert {"scores", "demo", "ask", "merge", "export", "conflicts"} <= {p[0] for p in WITH_DB}
    assert ("validate",) in WITHOUT_DB


@pytest.mark.parametrize("path", WITH_DB, ids=" ".join)
def test_db_before_or_after_the_command_opens_that_database(
    path: tuple[str, ...], tmp_path: Path, default_db: Path
) -> None:
    not_sqlite = tmp_path / "given.db"
    not_sqlite.write_text("not a database\n")
    args = sample_arguments(command_at(path), tmp_path)
    before = run(["--db", str(not_sqlite), *path, *args])
    after = run([*path, "--db", str(not_sqlite), *args])
    assert (before.exit_code, before.output) == (after.exit_code, after.output)
    assert before.exit_code == 2
    assert str(not_sqlite) in before.output
    assert not_sqlite.read_text() == "not a database\n"
    assert not default_db.exists()


@pytest.mark.parametrize("path", WITH_QUESTIONNAIRE, ids=" ".join)
def test_questionnaire_before_or_after_the_command_loads_that_file(
    path: tuple[str, ...], tmp_path: Path, default_db: Path
) -> None:
    not_a_questionnaire = tmp_path / "given.yaml"
    not_a_questionnaire.write_text("- just a list\n")
    db = ["--db", str(tmp_path / "x.db")]
    args = sample_arguments(command_at(path), tmp_path)
    before = run(["--questionnaire", str(not_a_questionnaire), *path, *db, *args])
    after = run([*path, "--questionnaire", str(not_a_questionnaire), *db, *args])
    assert (before.exit_code, before.output) == (after.exit_code, after.output)
    assert before.exit_code == 2
    assert f"{not_a_questionnaire}:1:" in before.output
    assert not default_db.exists()


@pytest.mark.parametrize("path", WITHOUT_DB, ids=" ".join)
def test_db_before_a_command_that_does_not_use_it_is_refused(
    path: tuple[str, ...], tmp_path: Path, default_db: Path
) -> None:
    given = tmp_path / "given.db"
    args = sample_arguments(command_at(path), tmp_path)
    result = run(["--db", str(given), *path, *args])
    assert result.exit_code == 2
    assert f"`{' '.join(path)}` does not use --db; leave it out" in result.output
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ".sample"] == []


def test_two_different_databases_are_refused(tmp_path: Path, default_db: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    result = run(["--db", str(first), "scores", "--db", str(second)])
    assert result.exit_code == 2
    assert f"given before the command as {first} and after it as {second}" in result.output
    assert not first.exists() and not second.exists() and not default_db.exists()


def test_the_same_database_both_before_and_after_is_accepted(
    tmp_path: Path, default_db: Path
) -> None:
    db = str(tmp_path / "x.db")
    result = run(["--db", db, "demo", "--db", db, "--responses", "3"])
    assert result.exit_code == 0, result.output
    assert not default_db.exists()


def test_scores_before_and_after_read_the_same_interviews(tmp_path: Path, default_db: Path) -> None:
    db = str(tmp_path / "x.db")
    assert run(["--db", db, "demo", "--responses", "12"]).exit_code == 0
    before = run(["--db", db, "scores", "--format", "json"])
    after = run(["scores", "--db", db, "--format", "json"])
    assert before.exit_code == after.exit_code == 0
    assert before.output == after.output
    assert '"responses": 12' in before.output
    assert not default_db.exists()
