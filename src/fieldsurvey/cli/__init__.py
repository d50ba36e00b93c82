"""The `fieldsurvey` command: a thin shell over the library (see CONTRACT.md).

Each command opens what it needs, calls one library function and prints its result. Heavy
imports (Textual, scipy, questionary) happen inside the command that needs them, so
`fieldsurvey validate` stays fast. This module holds the root group and the questionnaire
commands; the others live in the package's modules (`interview`, `scores`, `sync`), loaded
only when their command runs; `common` holds what they share.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import click

from fieldsurvey import __version__, startup
from fieldsurvey.cli.common import (
    EXIT_INVALID,
    db_option,
    questionnaire_option,
    refuse_unused_root_options,
)
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, QuestionnaireError
from fieldsurvey.questionnaire.loader import load_with_warnings
from fieldsurvey.safetext import terminal_text

LAZY_COMMANDS = {
    "ask": "fieldsurvey.cli.interview:ask",
    "demo": "fieldsurvey.cli.interview:demo",
    "scores": "fieldsurvey.cli.scores:scores",
    "indicators": "fieldsurvey.cli.scores:indicators",
    "export": "fieldsurvey.cli.sync:export_command",
    "merge": "fieldsurvey.cli.sync:merge_command",
    "conflicts": "fieldsurvey.cli.sync:conflicts_command",
    "keys": "fieldsurvey.cli.sync:keys_group",
    "rounds": "fieldsurvey.cli.supervise:rounds_command",
    "review": "fieldsurvey.cli.supervise:review_command",
    "quality": "fieldsurvey.cli.supervise:quality_command",
    "devices": "fieldsurvey.cli.devices:devices_group",
    "data": "fieldsurvey.cli.data:data_command",
    "report": "fieldsurvey.cli.data:report_command",
    "xlsform": "fieldsurvey.cli.xlsform:xlsform_group",
    "questionnaire": "fieldsurvey.cli.questionnaire:questionnaire_group",
    "return": "fieldsurvey.cli.returns:return_command",
    "receive": "fieldsurvey.cli.returns:receive_command",
}
"""Commands in their own modules, imported only when run (or listed by --help), so that
opening the app does not pay for the sync, scoring and prompt libraries."""


class LazyGroup(click.Group):
    """click's documented pattern for subcommands loaded on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = LAZY_COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and not ctx.resilient_parsing:
            refuse_unused_root_options(ctx, command, rest)
        return name, command, rest


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
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
        startup.release()  # a command may run long: collect garbage as usual
        return
    from fieldsurvey.ui.launch import launch_app  # Textual costs ~150 ms to import

    raise SystemExit(launch_app(db_path, questionnaire_path))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--translations",
    is_flag=True,
    help="Also list, per language, the app's own strings its catalogue lacks "
    "(languages of the questionnaires, default the bundled one, and of the catalogues).",
)
def validate(paths: tuple[Path, ...], translations: bool) -> None:
    """Check questionnaire files; print every problem as file:line: path: message.

    Also prints content warnings a methodologist would raise ("warning: ...": double-barrelled
    items, negations in reverse items, numbers in messages, unbalanced areas, an incomplete
    consent script) and messages whose placeholders the office has not filled ("note: ...").
    Exits 0 when every file is valid (warnings included), 2 otherwise.
    """
    if not paths and not translations:
        raise click.UsageError("give one or more questionnaire files (or --translations)")
    from fieldsurvey.questionnaire.content_checks import NOTE_CODES  # the checks load lazily

    failed = False
    languages: set[str] = set()
    for path in paths or (bundled_questionnaire_path(),):
        try:
            questionnaire, warnings = load_with_warnings(path)
        except QuestionnaireError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(terminal_text(problem), err=True)
            continue
        languages.update(questionnaire.languages)
        for warning in warnings:
            kind = "note" if warning.code in NOTE_CODES else "warning"
            click.echo(terminal_text(f"{kind}: {warning}"), err=True)
        count = len(questionnaire.questions)
        click.echo(
            terminal_text(
                f"{path}: ok ({questionnaire.id} {questionnaire.version}, {count} questions)"
            )
        )
    if translations:
        from fieldsurvey.catalogues import translation_report  # only this option reads .po files
        from fieldsurvey.i18n import catalogue_languages

        for report in translation_report([*languages, *catalogue_languages()]):
            click.echo("\n".join(report.lines()))
    if failed:
        raise SystemExit(EXIT_INVALID)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the questionnaire format (for editors)."""
    click.echo(json.dumps(Questionnaire.model_json_schema(), indent=2, ensure_ascii=False))
