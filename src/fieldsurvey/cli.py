"""The `fieldsurvey` command: a thin shell over the library (see CONTRACT.md).

Each command opens what it needs, calls one library function and prints its result. Heavy
imports (Textual, scipy, questionary) happen inside the command that needs them, so
`fieldsurvey validate` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from fieldsurvey import __version__
from fieldsurvey.cli_common import EXIT_INVALID, db_option, questionnaire_option
from fieldsurvey.questionnaire import Questionnaire, QuestionnaireError, load_questionnaire


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fieldsurvey")
@db_option
@questionnaire_option
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, questionnaire_path: Path | None) -> None:
    """Offline client-satisfaction surveys for social-security institutions.

    Without a command, opens the interview app on the database and the bundled
    client-satisfaction questionnaire.
    """
    if ctx.invoked_subcommand is not None:
        return
    from fieldsurvey.ui.launch import launch_app  # Textual costs ~150 ms to import

    raise SystemExit(launch_app(db_path, questionnaire_path))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check questionnaire files; print every problem as file:line: path: message.

    Exits 0 when every file is valid, 2 otherwise.
    """
    failed = False
    for path in paths:
        try:
            questionnaire = load_questionnaire(path)
        except QuestionnaireError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            continue
        count = len(questionnaire.questions)
        click.echo(f"{path}: ok ({questionnaire.id} {questionnaire.version}, {count} questions)")
    if failed:
        raise SystemExit(EXIT_INVALID)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the questionnaire format (for editors)."""
    click.echo(json.dumps(Questionnaire.model_json_schema(), indent=2, ensure_ascii=False))


def _register() -> None:
    """Commands that live in their own modules (one module per family of commands)."""
    from fieldsurvey.cli_interview import ask, demo
    from fieldsurvey.cli_scores import indicators, scores
    from fieldsurvey.cli_sync import COMMANDS as SYNC_COMMANDS

    for command in (ask, demo, scores, indicators, *SYNC_COMMANDS):
        main.add_command(command)


_register()
