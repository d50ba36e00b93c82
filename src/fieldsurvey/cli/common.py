"""Pieces every CLI command shares: the `--db` and `--questionnaire` options, opening the
database, loading the questionnaire, and turning core errors into one-line messages with exit
code 2.

`--db` and `--questionnaire` are accepted before the command name too (`fieldsurvey --db X
scores`): a command's own option falls back on the one given before it, so both spellings open
the same file (see `inherit_from_root` and `refuse_unused_root_options`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

import click

from fieldsurvey.paths import (
    DB_ENV,
    bundled_questionnaire_path,
    cache_dir,
    default_db_location,
)
from fieldsurvey.questionnaire import Questionnaire, QuestionnaireError
from fieldsurvey.questionnaire.cache import load_questionnaire_cached
from fieldsurvey.safetext import terminal_text
from fieldsurvey.store.errors import StoreError
from fieldsurvey.store.interface import Publishing, Store, SupervisorStore
from fieldsurvey.store.location import Location, is_server, shown
from fieldsurvey.store.opening import open_store, open_supervisor_store
from fieldsurvey.store.published import current_or

F = TypeVar("F", bound=Callable[..., object])

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_INVALID = 2


def fail(message: str, code: int = EXIT_INVALID) -> NoReturn:
    """Print one error line to stderr (control characters escaped) and exit."""
    click.echo(terminal_text(message), err=True)
    raise SystemExit(code)


ROOT_OPTIONS = {"db_path": "--db", "questionnaire_path": "--questionnaire"}
"""Options a command may be given before its name as well as after it (parameter: flag)."""


def inherit_from_root(
    ctx: click.Context, param: click.Parameter, value: Path | None
) -> Path | None:
    """The value given after the command name, else the one given before it: to the program
    (`fieldsurvey --db a.db scores`) or to a command group (`fieldsurvey devices --db a.db
    trust-supervisor KEY`, which once changed the default database instead).

    Two different values (`fieldsurvey --db a.db scores --db b.db`) are refused: guessing which
    file was meant could merge into the wrong database.
    """
    if param.name is None:
        return value
    chosen = value
    outer = ctx.parent
    while outer is not None:
        before: Path | None = outer.params.get(param.name)
        if chosen is None:
            chosen = before
        elif before is not None and before != chosen:
            raise click.BadParameter(
                f"given before the command as {shown(before)} and after it as {shown(chosen)}; "
                "give it once"
            )
        outer = outer.parent
    return chosen


def refuse_unused_root_options(ctx: click.Context, command: click.Command, args: list[str]) -> None:
    """Exit 2 when an option given before the command name is one the command does not take
    (`fieldsurvey --db x.db validate ...`), rather than ignore it silently."""
    given = [name for name in ROOT_OPTIONS if ctx.params.get(name) is not None]
    if not given:
        return
    leaf, path = _leaf_command(ctx, command, args)
    if leaf is None:
        return  # a group without its subcommand: click prints its usage
    taken = {param.name for param in leaf.params}
    for name in given:
        if name not in taken:
            raise click.UsageError(
                f"`{path}` does not use {ROOT_OPTIONS[name]}; leave it out", ctx=ctx
            )


def _leaf_command(
    ctx: click.Context, command: click.Command, args: list[str]
) -> tuple[click.Command | None, str]:
    """The command that `args` will run under `command` (descending through groups), parsed
    the way shell completion does it: resiliently, running no callback; and its full name."""
    path = [command.name or ""]
    while isinstance(command, click.Group):
        sub_ctx = command.make_context(path[-1], list(args), parent=ctx, resilient_parsing=True)
        # click keeps the subcommand's name apart from its arguments (as its completion does)
        rest = [*sub_ctx._protected_args, *sub_ctx.args]
        if not rest:
            return None, " ".join(path)
        name, sub, args = command.resolve_command(sub_ctx, rest)
        if sub is None or name is None:
            return None, " ".join(path)
        command, ctx = sub, sub_ctx
        path.append(name)
    return command, " ".join(path)


class DatabaseLocation(click.ParamType):
    """A database file (a Path, checked as click.Path checks it) or a `postgresql://` URL (a
    str, kept whole: a Path would fold its `//`). Shown without its password in errors."""

    name = "database"
    _file = click.Path(dir_okay=False, path_type=Path)

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> Location:
        if isinstance(value, str) and is_server(value):
            return value
        converted: Path = self._file.convert(value, param, ctx)  # type: ignore[arg-type]
        return converted


def db_option(command: F) -> F:
    """`--db PATH|URL`, defaulting to `$FIELDSURVEY_DB` or the user data directory."""
    return click.option(
        "--db",
        "db_path",
        type=DatabaseLocation(),
        default=None,
        callback=inherit_from_root,
        help=f"Database file, or a postgresql:// URL for the commands that do not capture "
        f"interviews (default: ${DB_ENV}, else {shown(default_db_location())}).",
    )(command)


def questionnaire_option(command: F) -> F:
    """`--questionnaire PATH`, defaulting to the bundled client-satisfaction questionnaire."""
    return click.option(
        "--questionnaire",
        "questionnaire_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        callback=inherit_from_root,
        help="Questionnaire YAML file (default: the bundled client-satisfaction questionnaire).",
    )(command)


def open_db_or_exit(path: Location | None) -> Store:
    """Open the device's SQLite database (capture and export: `ask`, `demo`, `export`), or exit
    2 with the reason on stderr (a server URL is refused with the reason)."""
    try:
        return open_store(path or default_db_location())
    except StoreError as exc:
        fail(f"error: {exc}")


def open_supervisor_db_or_exit(path: Location | None) -> SupervisorStore:
    """Open the database of a command that does not capture interviews: a SQLite file or a
    PostgreSQL server (`postgresql://...`); or exit 2 with the reason on stderr."""
    try:
        return open_supervisor_store(path or default_db_location())
    except StoreError as exc:
        fail(f"error: {exc}")


def interview_questionnaire(db: Publishing, path: Path | None) -> Questionnaire:
    """The questionnaire new interviews use: PATH when given, else the version published or
    received as current in `db` (store/published.py), else the bundled one."""
    if path is not None:
        return load_questionnaire_or_exit(path)
    return current_or(db, load_questionnaire_or_exit(None), cache_dir())


def load_questionnaire_or_exit(path: Path | None) -> Questionnaire:
    """Load and validate a questionnaire (or reuse its cached check), or print every problem
    and exit 2."""
    try:
        return load_questionnaire_cached(path or bundled_questionnaire_path(), cache_dir())
    except QuestionnaireError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(EXIT_INVALID) from None
