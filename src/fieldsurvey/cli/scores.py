"""`fieldsurvey scores` and `fieldsurvey indicators`: thin shells over `fieldsurvey.scoring`.

scoring (and with it numpy, ~0.2 s) is imported inside the commands so that other commands
stay fast; scipy comes later still, on the first interval computed.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import click

from fieldsurvey.cli.common import (
    EXIT_INVALID,
    db_option,
    fail,
    load_questionnaire_or_exit,
    open_supervisor_db_or_exit,
    questionnaire_option,
)
from fieldsurvey.questionnaire.texts import text_in
from fieldsurvey.safetext import terminal_text


@click.command("scores")
@db_option
@questionnaire_option
@click.option(
    "--by",
    "by",
    multiple=True,
    metavar="persona|SEGMENT",
    help="Break down by persona or a segment (e.g. geography); repeat for several.",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@click.option("--lang", default=None, help="Language of labels and messages (e.g. en, zh, km).")
@click.option(
    "--round",
    "round_",
    default=None,
    help='Survey round to score, e.g. 2026-Q3 (default: the latest with data; "" for none).',
)
@click.option("--include-rejected", is_flag=True, help="Score interviews a reviewer rejected too.")
@click.option("--weights", default=None, metavar="QUESTION", help="Question holding weights.")
def scores(
    db_path: Path | None,
    questionnaire_path: Path | None,
    by: tuple[str, ...],
    output: str,
    lang: str | None,
    round_: str | None,
    include_rejected: bool,
    weights: str | None,
) -> None:
    """Area scores with 95% intervals, breakdowns, equity gaps and suggested messages.

    Groups of fewer than 10 respondents are suppressed. Exits 2 on an unknown breakdown,
    round or weight question.
    """
    from fieldsurvey.cli.score_table import to_table
    from fieldsurvey.scoring import ScoringError, score
    from fieldsurvey.scoring.render import to_csv
    from fieldsurvey.ui.i18n import warning_text

    questionnaire = load_questionnaire_or_exit(questionnaire_path)
    db = open_supervisor_db_or_exit(db_path)
    try:
        report = score(
            db,
            questionnaire,
            by=list(by),
            lang=lang,
            weights=weights,
            round=round_,
            include_rejected=include_rejected,
        )
    except ScoringError as exc:
        fail(f"error: {exc}")
    words = [warning_text(w.code, w.params, report.language) for w in report.warnings]
    if output == "json":
        document = json.loads(report.model_dump_json())
        for warning, message in zip(document["warnings"], words, strict=True):
            warning["message"] = message  # the words too, as before codes had parameters
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    elif output == "csv":
        click.echo(to_csv(report), nl=False)
    else:
        shorts = {
            a.id: text_in(a.short, report.language, questionnaire.default_language)
            for a in questionnaire.areas
            if a.short
        }
        table = to_table(report, words, report.language, shorts, _columns())
        click.echo(terminal_text(table, multiline=True), nl=False)


def _columns() -> int:
    """The terminal's width in cells, or 80 when the table goes to a file or a pipe."""
    if not sys.stdout.isatty():
        return 80
    return max(40, shutil.get_terminal_size().columns)


@click.group("indicators")
def indicators() -> None:
    """Office indicators (counts per office and period) and their ratios."""


@indicators.command("set")
@db_option
@questionnaire_option
@click.option("--office", required=True, help="Office name.")
@click.option("--period", required=True, help="Period, e.g. 2026-Q3.")
@click.argument("entries", nargs=-1, required=True, metavar="INDICATOR=COUNT...")
def set_command(
    db_path: Path | None,
    questionnaire_path: Path | None,
    office: str,
    period: str,
    entries: tuple[str, ...],
) -> None:
    """Record counts for one office and period; any bad entry refuses them all (exit 2)."""
    from fieldsurvey.scoring.indicators import IndicatorError, parse_entries, set_counts

    questionnaire = load_questionnaire_or_exit(questionnaire_path)
    db = open_supervisor_db_or_exit(db_path)
    try:
        stored = set_counts(db, questionnaire, office, period, parse_entries(entries))
    except IndicatorError as exc:
        for problem in exc.problems:
            click.echo(terminal_text(f"error: {problem}"), err=True)
        raise SystemExit(EXIT_INVALID) from None
    click.echo(terminal_text(f"{office} {period}: stored {len(stored)} counts"))


@indicators.command("show")
@db_option
@questionnaire_option
@click.option("--office", default=None, help="Only this office.")
@click.option("--lang", default=None, help="Language of labels.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def show_command(
    db_path: Path | None,
    questionnaire_path: Path | None,
    office: str | None,
    lang: str | None,
    as_json: bool,
) -> None:
    """Ratios per office and period with their change; "n/a" says why a ratio has no value."""
    from fieldsurvey.scoring.ratios import ratios

    questionnaire = load_questionnaire_or_exit(questionnaire_path)
    db = open_supervisor_db_or_exit(db_path)
    series = ratios(db, questionnaire, office=office, lang=lang)
    if as_json:
        click.echo(json.dumps([s.model_dump() for s in series], indent=2, ensure_ascii=False))
        return
    if not series:
        click.echo("no office indicators yet")
    for s in series:
        click.echo(terminal_text(f"{s.office}: {s.label}"))
        for p in s.points:
            change = "" if p.change is None else f"  {p.change:+.2f} {p.verdict or p.direction}"
            note = f"  ({p.reason})" if p.reason else ""
            click.echo(terminal_text(f"  {p.period}  {p.display}{change}{note}"))
