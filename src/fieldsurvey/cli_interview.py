"""`fieldsurvey ask` and `fieldsurvey demo`: interviews from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from fieldsurvey.cli_common import (
    db_option,
    fail,
    load_questionnaire_or_exit,
    open_db_or_exit,
    questionnaire_option,
)
from fieldsurvey.engine import EngineError, resume_interview, start_interview
from fieldsurvey.store.counts import list_drafts
from fieldsurvey.store.db import get_setting, set_setting

LANGUAGES = click.Choice(["en", "zh", "km"])


@click.command()
@db_option
@questionnaire_option
@click.option("--lang", type=LANGUAGES, default=None, help="Interview language (en, zh, km).")
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
    import questionary  # prompt_toolkit: only this command needs it

    from fieldsurvey.plain import PlainInterview

    questionnaire = load_questionnaire_or_exit(questionnaire_path)
    db = open_db_or_exit(db_path)
    try:
        for key, prompt in (("interviewer", "Interviewer name"), ("office", "Office")):
            if not get_setting(db, key):
                value = questionary.text(f"{prompt}:").unsafe_ask().strip()
                if value:
                    set_setting(db, key, value)
        drafts = [] if force_new else list_drafts(db)
        chosen = None
        if drafts:
            options = [questionary.Choice("Start a new interview", value=None)]
            options += [
                questionary.Choice(
                    f"Resume draft #{d.id}: {d.persona or 'no persona yet'}, "
                    f"{d.answers} answers, last saved {d.updated_at[:16].replace('T', ' ')}",
                    value=d.id,
                )
                for d in drafts
            ]
            chosen = questionary.select("Drafts on this device:", options).unsafe_ask()
        if chosen is None:
            interview = start_interview(db, questionnaire, language=lang)
        else:
            interview = resume_interview(db, chosen, [questionnaire])
            if lang:
                interview.set_language(lang)
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
def demo(
    db_path: Path | None,
    questionnaire_path: Path | None,
    count: int,
    seed: int,
    device: str | None,
) -> None:
    """Add realistic complete interviews, made through the interview engine.

    Every persona, segments spread plausibly, areas that differ (accessibility weaker in
    rural and remote places, employers less aware of benefits), some don't-know answers.
    """
    from fieldsurvey.demo import make_demo_responses

    questionnaire = load_questionnaire_or_exit(questionnaire_path)
    db = open_db_or_exit(db_path)
    with click.progressbar(length=count, label="Interviews", file=sys.stderr) as bar:

        def advance(done: int, total: int) -> None:
            bar.update(done - bar.pos)

        try:
            result = make_demo_responses(
                db, questionnaire, count, seed=seed, device=device, on_progress=advance
            )
        except EngineError as exc:
            fail(f"error: {exc.message}")
    click.echo(f"Added {result.responses} interviews ({result.answers} answers).")
