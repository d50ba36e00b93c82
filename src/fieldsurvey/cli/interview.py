"""`fieldsurvey ask` and `fieldsurvey demo`: interviews from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from fieldsurvey.cli.common import (
    db_option,
    fail,
    load_questionnaire_or_exit,
    open_db_or_exit,
    questionnaire_option,
)
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
    draft.
    """
    from fieldsurvey.plain import PlainInterview, open_interview  # prompt_toolkit: only here

    questionnaire = load_questionnaire_or_exit(questionnaire_path)
    if lang is not None and lang not in questionnaire.languages:
        known = ", ".join(questionnaire.languages)
        raise click.BadParameter(
            f"{lang!r} is not a language of the questionnaire ({known})", param_hint="--lang"
        )
    db = open_db_or_exit(db_path)
    if questionnaire_path is None:  # a version published or received here comes first
        questionnaire = current_or(db, questionnaire, cache_dir())
    try:
        interview = open_interview(db, questionnaire, lang, force_new)
    except KeyboardInterrupt:
        raise SystemExit(1) from None
    except EngineError as exc:
        fail(f"error: {exc.message}")
    PlainInterview(interview, say=click.echo).run()


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
