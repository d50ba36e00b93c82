"""The sync commands: `export`, `merge`, `conflicts` and `keys new` (see CONTRACT.md).

Thin shells over `fieldsurvey.sync`: each opens the database, calls one library function and
prints the result. `fieldsurvey.cli` loads them on demand.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click

from fieldsurvey.cli.common import (
    EXIT_OK,
    EXIT_REJECTED,
    db_option,
    fail,
    open_db_or_exit,
    open_supervisor_db_or_exit,
)
from fieldsurvey.safetext import terminal_text
from fieldsurvey.services.export import export_responses, recipients_from
from fieldsurvey.services.failures import Cause, JobFailed
from fieldsurvey.services.merge import identities_from, merge_exports
from fieldsurvey.sync import (
    DEFAULT_LIMITS,
    ConflictError,
    ConflictList,
    KeyFileError,
    ResolutionLog,
    list_conflicts,
    new_supervisor_keys,
    resolution_log,
    resolve,
)
from fieldsurvey.sync.review_conflicts import ReviewDecision

PATH = click.Path(dir_okay=False, path_type=Path)
EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)
max_size_option = click.option(
    "--max-size",
    type=click.IntRange(min=1),
    default=DEFAULT_LIMITS.max_file_bytes,
    show_default=True,
    help="Refuse files larger than this many bytes.",
)


@click.command("export")
@click.option("--out", required=True, type=PATH, help="The export file to write (must not exist).")
@click.option("--all", "everything", is_flag=True, help="Every closed response, merged included.")
@click.option(
    "--forward",
    is_flag=True,
    help="A supervisor sending on (to HQ): the responses merged from devices too, "
    "and the review log.",
)
@click.option(
    "--to",
    "recipients",
    multiple=True,
    metavar="PUBKEY",
    help="Encrypt for this supervisor key (age1... or a .pub file); repeat for several.",
)
@db_option
def export_command(
    out: Path, everything: bool, forward: bool, recipients: tuple[str, ...], db_path: Path | None
) -> None:
    """Write an export file for the supervisor, atomically.

    By default it holds the responses this device closed and has not exported before; with
    --forward, those merged from other devices too and the review decisions, not sent before.
    """
    try:
        keys = recipients_from(recipients)
        db = open_db_or_exit(db_path)
        result = export_responses(
            db, out=out, everything=everything, recipients=keys, forward=forward
        ).result
    except JobFailed as exc:
        _fail(exc)
    if result.path is None:
        more = "--all" if forward else "--all, or --forward for merged responses"
        click.echo(f"nothing new to export (use {more})", err=True)
        return
    sealed = f"encrypted for {len(keys)} key(s)" if keys else "NOT encrypted"
    reviews = f"{result.reviews} review decisions, " if forward else ""
    click.echo(
        f"{out}: export {result.export_seq}, {result.responses} responses, "
        f"{result.answers} answers, {result.paradata} paradata events, {reviews}{sealed}"
    )
    if not keys:
        click.echo(f"warning: {out} holds personal data unencrypted; use --to KEY", err=True)


@click.command("merge")
@click.argument("files", nargs=-1, required=True, type=EXISTING)
@click.option(
    "--identity", "identity_files", multiple=True, type=EXISTING, help="Supervisor secret key."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")
@click.option(
    "--enrolled-only",
    is_flag=True,
    help="Refuse files from devices not enrolled or trusted (fieldsurvey devices enrol).",
)
@max_size_option
@db_option
def merge_command(
    files: tuple[Path, ...],
    identity_files: tuple[Path, ...],
    as_json: bool,
    enrolled_only: bool,
    max_size: int,
    db_path: Path | None,
) -> None:
    """Merge export files; each is merged whole or rejected with the reason.

    Exits 0 when every file merged, 1 when some were rejected (they changed nothing).
    """
    try:
        identities = identities_from(identity_files)
        db = open_supervisor_db_or_exit(db_path)
        limits = replace(DEFAULT_LIMITS, max_file_bytes=max_size)
        outcome = merge_exports(
            db,
            files,
            identities=identities,
            limits=limits,
            on_progress=_progress,
            enrolled_only=enrolled_only,
        )
    except JobFailed as exc:
        _fail(exc)
    report = outcome.report
    if as_json:
        click.echo(report.model_dump_json(indent=2))
    else:
        for result in report.files:
            click.echo(result.summary(), err=result.status == "rejected")
        for gap in report.gaps:
            click.echo(gap.summary())
    raise SystemExit(EXIT_OK if report.all_merged else EXIT_REJECTED)


def _fail(exc: JobFailed) -> NoReturn:
    """Storage failures read `error: ...`, as in the other commands; the rest name their file."""
    fail(f"error: {exc.message}" if exc.cause is Cause.STORAGE else exc.message)


def _progress(done: int, total: int) -> None:
    """A counter on stderr, only for people watching a long merge in a terminal."""
    if done and total > 1 and sys.stderr.isatty():
        click.echo(f"\rmerged {done}/{total} files", err=True, nl=done == total)


@click.command("conflicts")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")
@click.option(
    "--keep",
    nargs=2,
    metavar="UUID HASH",
    default=None,
    help="Resolve UUID by keeping the version whose content hash starts with HASH (or, "
    "when its reviewers disagree, the decision whose hash starts with HASH).",
)
@click.option(
    "--resolved", is_flag=True, help="List the conflicts resolved on this device, oldest first."
)
@db_option
def conflicts_command(
    as_json: bool, keep: tuple[str, str] | None, resolved: bool, db_path: Path | None
) -> None:
    """List responses that arrived in diverging versions, reviewers who disagree and held
    review decisions, or resolve one with --keep."""
    db = open_supervisor_db_or_exit(db_path)
    if keep is not None and resolved:
        fail("error: give either --keep or --resolved, not both")
    if resolved:
        log = resolution_log(db)
        click.echo(log.model_dump_json(indent=2) if as_json else _resolutions_text(log))
        return
    if keep is not None:
        try:
            kept = resolve(db, *keep)
        except ConflictError as exc:
            fail(str(exc))
        outcome = {"uuid": keep[0], "kept": kept}
        click.echo(json.dumps(outcome) if as_json else f"{keep[0]}: kept {kept}")
        return
    conflicts = list_conflicts(db)
    click.echo(conflicts.model_dump_json(indent=2) if as_json else _conflicts_text(conflicts))


def _conflicts_text(conflicts: ConflictList) -> str:
    if not conflicts.waiting:
        return "no conflicts"
    lines: list[str] = []
    for conflict in conflicts.conflicts:
        differing = ", ".join(conflict.differing) or "none (same answers)"
        lines.append(f"{conflict.uuid} ({conflict.questionnaire_id}): differing {differing}")
        for version in conflict.versions:
            values = ", ".join(f"{q}={version.answers.get(q)!r}" for q in conflict.differing)
            head = ", shown" if version.is_head else ""
            lines.append(
                f"  {version.content_hash[:12]} rev {version.revision} by "
                f"{version.interviewer or '?'} on {version.device_id[:8]}, {version.status}, "
                f"{version.updated_at}{head}: {values}"
            )
            if version.held:
                lines.append(f"    held: {version.held}")
    lines += _review_conflict_lines(conflicts)
    return "\n".join(terminal_text(line) for line in lines)


def _review_conflict_lines(conflicts: ConflictList) -> list[str]:
    lines: list[str] = []
    for conflict in conflicts.review_conflicts:
        lines.append(f"{conflict.uuid}: reviewers disagree (counted as {_state(conflict.state)})")
        lines += [f"  {_decision(d)}" for d in conflict.decisions]
        lines.append(f"  keep one: fieldsurvey conflicts --keep {conflict.uuid} HASH")
    if conflicts.held_reviews:
        lines.append("review decisions held, not applied:")
    for held in conflicts.held_reviews:
        lines.append(f"  {held.uuid}: {_decision(held)}")
        lines.append(f"    held: {held.held}")
    return lines


def _state(state: str) -> str:
    return state.replace("_", " ")


def _decision(d: ReviewDecision) -> str:
    comment = f": {d.comment}" if d.comment else ""
    return (
        f"{d.entry[:12]} {_state(d.state)} by {d.reviewer or '?'} on {d.device_id[:8]}, "
        f"{d.decided_at}, revision {(d.content_hash or '?')[:12]}{comment}"
    )


def _resolutions_text(log: ResolutionLog) -> str:
    if not log.resolutions:
        return "no conflicts resolved on this device"
    return "\n".join(
        terminal_text(
            f"{r.resolved_at} {r.uuid}: kept {r.kept_hash[:12]}, set aside "
            f"{', '.join(h[:12] for h in r.set_aside) or 'none'} (by {r.resolved_by or '?'})"
        )
        for r in log.resolutions
    )


@click.group("keys")
def keys_group() -> None:
    """Supervisor key pairs for encrypted export files."""


@keys_group.command("new")
@click.option("--out", "prefix", required=True, type=PATH, help="Writes PREFIX.key and PREFIX.pub.")
def keys_new(prefix: Path) -> None:
    """Make a key pair: PREFIX.key (secret, mode 0600) and PREFIX.pub (give it to devices)."""
    try:
        keys = new_supervisor_keys(prefix)
    except (KeyFileError, OSError) as exc:
        fail(str(exc))
    click.echo(f"{keys.key_path}: secret key (keep it safe; it opens every export file)")
    click.echo(f"{keys.pub_path}: {keys.recipient}")
