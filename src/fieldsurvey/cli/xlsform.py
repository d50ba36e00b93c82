"""`fieldsurvey xlsform import|export`: thin shells over `fieldsurvey.questionnaire.xlsform`."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import click

from fieldsurvey.cli.common import EXIT_INVALID, fail
from fieldsurvey.questionnaire import QuestionnaireError, load_questionnaire
from fieldsurvey.questionnaire.problems import Problem
from fieldsurvey.safetext import terminal_text

OUT = click.Path(dir_okay=False, path_type=Path)


@click.group("xlsform")
def xlsform_group() -> None:
    """XLSForm in and out: author and translate in a spreadsheet, run ours in ODK."""


@xlsform_group.command("import")
@click.argument("form", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", required=True, type=OUT, help="The questionnaire YAML to write.")
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
def import_command(form: Path, out: Path, force: bool) -> None:
    """Read an XLSForm workbook (.xlsx or .xls) and write it as a questionnaire YAML file.

    Every problem is printed as FILE:SHEET:ROW: column: message (exit 2, nothing written);
    warnings (a missing translation, filled from the default language) are printed too.
    """
    from fieldsurvey.questionnaire.xlsform import read_xlsform
    from fieldsurvey.questionnaire.yaml_writer import questionnaire_yaml

    _refuse_existing(out, force)
    try:
        imported = read_xlsform(form)
    except QuestionnaireError as exc:
        _print_problems(exc.problems)
        raise SystemExit(EXIT_INVALID) from None
    _print_problems(imported.warnings)
    text = questionnaire_yaml(imported.questionnaire)
    _write_atomically(out, lambda path: path.write_text(text, encoding="utf-8"))
    q = imported.questionnaire
    click.echo(terminal_text(f"{out}: {q.id} {q.version}, {len(q.questions)} questions"))


@xlsform_group.command("export")
@click.argument("questionnaire", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", required=True, type=OUT, help="The XLSForm workbook (.xlsx) to write.")
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
def export_command(questionnaire: Path, out: Path, force: bool) -> None:
    """Write a questionnaire (YAML or XLSForm) as an XLSForm workbook for ODK and editing."""
    from fieldsurvey.questionnaire.xlsform.writer import ExportError, write_xlsform

    _refuse_existing(out, force)
    if out.suffix.lower() != ".xlsx":
        fail(f"{out}: the workbook must end in .xlsx")
    try:
        q = load_questionnaire(questionnaire)
    except QuestionnaireError as exc:
        _print_problems(exc.problems)
        raise SystemExit(EXIT_INVALID) from None
    try:
        _write_atomically(out, lambda path: write_xlsform(q, path))
    except ExportError as exc:
        fail(f"{questionnaire}: {exc}")
    click.echo(terminal_text(f"{out}: {q.id} {q.version}, {len(q.questions)} questions"))


def _print_problems(problems: list[Problem]) -> None:
    """Each on one line; a workbook's cells are untrusted: control characters escaped."""
    for problem in problems:
        click.echo(terminal_text(problem), err=True)


def _refuse_existing(out: Path, force: bool) -> None:
    if out.exists() and not force:
        fail(f"{out}: already exists (use --force to replace it)")


def _write_atomically(out: Path, write: Callable[[Path], object]) -> None:
    """Write through a temporary file beside `out`, so a failure leaves nothing half-written."""
    handle, temporary = tempfile.mkstemp(dir=out.parent or Path("."), suffix=out.suffix)
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
