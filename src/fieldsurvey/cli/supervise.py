"""`fieldsurvey rounds`, `quality` and `review`: the supervisor's commands, thin shells over
`store.rounds`, `fieldsurvey.quality` and `fieldsurvey.review`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldsurvey.cli.common import (
    db_option,
    fail,
    load_questionnaire_or_exit,
    open_supervisor_db_or_exit,
    questionnaire_option,
)
from fieldsurvey.questionnaire.rounds import round_label
from fieldsurvey.safetext import terminal_text
from fieldsurvey.ui.i18n import quality_text  # the app's words, as `scores` uses them

if TYPE_CHECKING:
    from fieldsurvey.quality import QualityReport


@click.command("rounds")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def rounds_command(db_path: Path | None, as_json: bool) -> None:
    """Survey rounds with completed interviews per office, oldest first."""
    from fieldsurvey.store.rounds import round_summaries

    summaries = round_summaries(open_supervisor_db_or_exit(db_path))
    if as_json:
        document = [
            {
                "round": s.round,
                "label": round_label(s.round),
                "responses": s.responses,
                "first_completed": s.first_completed,
                "last_completed": s.last_completed,
                "offices": s.offices,
            }
            for s in summaries
        ]
        click.echo(json.dumps({"rounds": document}, indent=2, ensure_ascii=False))
        return
    if not summaries:
        click.echo("no completed interviews yet")
    for s in summaries:
        span = f"{s.first_completed[:10]} to {s.last_completed[:10]}"
        click.echo(f"{terminal_text(round_label(s.round))}: {s.responses:,} responses ({span})")
        for office, count in s.offices.items():
            click.echo(f"  {terminal_text(office or '(no office)')}: {count:,}")


@click.command("review")
@db_option
@click.argument("uuid")
@click.option("--approve", "state", flag_value="approved", help="The interview is fine.")
@click.option("--issue", "state", flag_value="has_issues", help="Something must be checked.")
@click.option("--reject", "state", flag_value="rejected", help="Leave it out of the scores.")
@click.option("--comment", default="", help="Why (needed with --issue and --reject).")
@click.option(
    "--question",
    metavar="QID",
    default=None,
    help="The comment is about this question: the device shows it beside that question.",
)
def review_command(
    db_path: Path | None, uuid: str, state: str | None, comment: str, question: str | None
) -> None:
    """Record a review decision on interview UUID, appended to its review log.

    Without a decision flag, prints the interview's review log. Exits 2 on an unknown UUID,
    a missing or too long comment, a --question its questionnaire lacks; nothing is
    recorded then.
    """
    from fieldsurvey.review import ReviewError, find_interview, record_decision
    from fieldsurvey.review.notes import about_question

    db = open_supervisor_db_or_exit(db_path)
    if question is not None and state is None:
        fail("error: --question needs a decision (--approve, --issue or --reject)")
    try:
        if state is None:
            target = find_interview(db, uuid)
            disagree = " (reviewers disagree: fieldsurvey conflicts)" if target.in_conflict else ""
            click.echo(f"{target.uuid}: {target.state.replace('_', ' ')}{disagree}")
            for d in target.log:
                who = terminal_text(d.reviewer or "?")
                note = f": {terminal_text(d.comment)}" if d.comment else ""
                click.echo(f"  {d.decided_at[:16]} {d.state.replace('_', ' ')} by {who}{note}")
            return
        if question is not None:
            comment = about_question(db, uuid, question, comment)
        decision = record_decision(db, uuid, state, comment)
    except ReviewError as exc:
        fail(f"error: {exc}")
    click.echo(f"{decision.uuid}: {decision.state.replace('_', ' ')}")


@click.command("quality")
@db_option
@questionnaire_option
@click.option(
    "--round",
    "round_",
    default=None,
    help='Survey round, e.g. 2026-Q3 (default: the latest with data; "" for none).',
)
@click.option(
    "--by",
    type=click.Choice(["interview", "interviewer"]),
    default="interview",
    show_default=True,
    help="List flagged interviews, or interviewers with their counts and effects.",
)
@click.option(
    "--lang", default="en", show_default=True, help="Language of the reasons (en, zh, km)."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def quality_command(
    db_path: Path | None,
    questionnaire_path: Path | None,
    round_: str | None,
    by: str,
    lang: str,
    as_json: bool,
) -> None:
    """Data-quality flags of one round: speeding, straight-lining and contradictions,
    duplicates, item non-response, interviewer effects; each with its reason.

    Thresholds come from the questionnaire's `quality:` section. Flags that need paradata
    say so when there is none; the others are computed anyway. Exits 2 on a round in the
    wrong form or without data.
    """
    from fieldsurvey.quality import assess
    from fieldsurvey.scoring import ScoringError

    questionnaire = load_questionnaire_or_exit(questionnaire_path)
    db = open_supervisor_db_or_exit(db_path)
    try:
        report = assess(db, questionnaire, round_)
    except ScoringError as exc:
        fail(f"error: {exc}")
    if as_json:
        click.echo(report.model_dump_json(indent=2))
        return
    shown = ", ".join(f"{kind} {count:,}" for kind, count in report.counts.items())
    click.echo(
        f"Round {terminal_text(round_label(report.round))}: {report.responses:,} interviews, "
        f"{report.with_paradata:,} with paradata; flagged: {shown}"
    )
    for note in report.unavailable:
        click.echo(f"! {quality_text(note.code, note.params, lang)}")
    lines = _by_interviewer(report, lang) if by == "interviewer" else _by_interview(report, lang)
    for line in lines:
        click.echo(terminal_text(line))


def _by_interview(report: QualityReport, lang: str) -> list[str]:
    lines = []
    for item in report.interviews:
        who = f"{item.interviewer or '(no interviewer)'}, {item.office or '(no office)'}"
        lines.append(f"{item.uuid}  {who}  [{item.review_state.replace('_', ' ')}]")
        lines += [
            f"  {flag.kind}: {quality_text(flag.reason.code, flag.reason.params, lang)}"
            for flag in item.flags
        ]
    return lines


def _by_interviewer(report: QualityReport, lang: str) -> list[str]:
    lines = []
    for s in report.interviewers:
        kinds = ", ".join(f"{kind} {count}" for kind, count in s.flags.items()) or "none"
        lines.append(f"{s.interviewer}: {s.flagged} of {s.interviews} interviews flagged ({kinds})")
        lines += [
            f"  {quality_text(e.reason.code, e.reason.params, lang)}"
            for e in report.effects
            if e.interviewer == s.interviewer
        ]
    return lines
