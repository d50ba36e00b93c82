"""`fieldsurvey ask` and `fieldsurvey demo`: interviews from the command line."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import click

from fieldsurvey.cli.common import (
    EXIT_OK,
    EXIT_REJECTED,
    db_option,
    fail,
    load_questionnaire_or_exit,
    open_db_or_exit,
    questionnaire_option,
)
from fieldsurvey.cli.plain.prompter import EndOfInput, Prompter
from fieldsurvey.engine import EngineError
from fieldsurvey.paths import cache_dir
from fieldsurvey.questionnaire.rounds import RoundError, check_round
from fieldsurvey.store.published import current_or


@click.command()
@db_option
@questionnaire_option
@click.option(
    "--lang", default=None, help="Interview language: any the questionnaire has (en, zh, km...)."
)
@click.option(
    "--new", "force_new", is_flag=True, help="Start a new interview even if drafts exist."
)
def ask(
    db_path: Path | None, questionnaire_path: Path | None, lang: str | None, force_new: bool
) -> None:
    """A plain, line-by-line interview, for screen readers and limited terminals.

    Offers to resume a draft first. Every answer is saved as it is given; Ctrl+C keeps the
    draft. When input or output is not a terminal (piped answers, a transcript to a file), it
    prints plain lines and reads one answer per line; it then exits 1 if a line was refused or
    the input ended before the interview did (the answers given are kept as a draft).
    """
    questionnaire = load_questionnaire_or_exit(questionnaire_path)
    if lang is not None and lang not in questionnaire.languages:
        known = ", ".join(questionnaire.languages)
        raise click.BadParameter(
            f"{lang!r} is not a language of the questionnaire ({known})", param_hint="--lang"
        )
    db = open_db_or_exit(db_path)
    if questionnaire_path is None:  # a version published or received here comes first
        questionnaire = current_or(db, questionnaire, cache_dir())
    prompter, piped = _prompter()
    from fieldsurvey.cli.plain.interview import PlainInterview
    from fieldsurvey.cli.plain.opening import open_interview

    try:
        interview = open_interview(db, questionnaire, lang, force_new, prompter)
    except KeyboardInterrupt:
        raise SystemExit(EXIT_REJECTED) from None
    except EndOfInput:
        fail("stdin: the input ended before the first question", EXIT_REJECTED)
    except EngineError as exc:
        fail(f"error: {exc.message}")
    plain = PlainInterview(interview, prompter, say=click.echo)
    plain.run()
    if plain.input_ended:
        click.echo("stdin: the input ended before the interview did", err=True)
    failed = piped and (plain.input_ended or prompter.refused > 0)
    raise SystemExit(EXIT_REJECTED if failed else EXIT_OK)


def _prompter() -> tuple[Prompter, bool]:
    """Plain lines (and True: piped) unless both ends are a terminal that can draw."""
    if sys.stdin.isatty() and sys.stdout.isatty() and os.environ.get("TERM") != "dumb":
        from fieldsurvey.ui.plain import TerminalPrompter  # prompt_toolkit: only here

        return TerminalPrompter(say=click.echo), False
    from fieldsurvey.cli.plain.lines import LinePrompter

    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")  # a stray byte is refused, not a crash
    out, err = click.echo, lambda line: click.echo(line, err=True)
    return LinePrompter(sys.stdin, out=out, err=err), True


@click.command()
@db_option
@questionnaire_option
@click.option(
    "--responses", "count", type=click.IntRange(1, 1_000_000), default=200, show_default=True
)
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same answers.")
@click.option("--device", default=None, help="A name for the demo device (shown on Home).")
@click.option(
    "--round",
    "round_",
    default=None,
    help="Survey round of these interviews, e.g. 2026-Q3 (default: the one in Settings).",
)
def demo(
    db_path: Path | None,
    questionnaire_path: Path | None,
    count: int,
    seed: int,
    device: str | None,
    round_: str | None,
) -> None:
    """Add realistic complete interviews, made through the interview engine.

    Every persona, segments spread plausibly, areas that differ (accessibility weaker in
    rural and remote places, employers less aware of benefits), some don't-know answers.
    """
    from fieldsurvey.demo import make_demo_responses

    questionnaire = load_questionnaire_or_exit(questionnaire_path)
    try:
        chosen = None if round_ is None else check_round(round_, questionnaire.rounds)
    except RoundError as exc:
        fail(f"error: --round: {exc}")
    db = open_db_or_exit(db_path)
    with click.progressbar(length=count, label="Interviews", file=sys.stderr) as bar:

        def advance(done: int, total: int) -> None:
            bar.update(done - bar.pos)

        try:
            result = make_demo_responses(
                db,
                questionnaire,
                count,
                seed=seed,
                device=device,
                round=chosen,
                on_progress=advance,
            )
        except EngineError as exc:
            fail(f"error: {exc.message}")
    click.echo(f"Added {result.responses} interviews ({result.answers} answers).")
