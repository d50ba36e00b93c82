"""`fieldsurvey questionnaire publish PATH`: check, install and mark a version current
(store/published.py); return files then carry it to the devices (docs/return-files.md)."""

from __future__ import annotations

from pathlib import Path

import click

from fieldsurvey.cli.common import EXIT_INVALID, db_option, fail, open_supervisor_db_or_exit
from fieldsurvey.questionnaire import QuestionnaireError
from fieldsurvey.questionnaire.loader import load_with_warnings
from fieldsurvey.safetext import terminal_text
from fieldsurvey.store.published import PublishError, publish

YAML_SUFFIXES = (".yaml", ".yml")


@click.group("questionnaire")
def questionnaire_group() -> None:
    """Questionnaire versions installed in the database."""


@questionnaire_group.command("publish")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
def publish_command(path: Path, db_path: Path | None) -> None:
    """Validate PATH, install it and mark it the current version: new interviews here use it,
    and `fieldsurvey return` files carry it to the devices. Exits 2 on an invalid file or a
    version number already installed with other content; nothing is changed then."""
    db = open_supervisor_db_or_exit(db_path)  # an unusable database is said first
    try:
        questionnaire, _ = load_with_warnings(path)
    except QuestionnaireError as exc:
        for problem in exc.problems:
            click.echo(terminal_text(problem), err=True)
        raise SystemExit(EXIT_INVALID) from None
    source = path.read_text(encoding="utf-8") if path.suffix.lower() in YAML_SUFFIXES else None
    try:
        digest = publish(db, questionnaire, source)
    except PublishError as exc:
        fail(f"{path}: {exc}")
    click.echo(
        terminal_text(
            f"{path}: published {questionnaire.id} {questionnaire.version} ({digest[:12]}) "
            "as the current version"
        )
    )
