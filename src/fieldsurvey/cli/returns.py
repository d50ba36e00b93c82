"""`fieldsurvey return` (supervisor) and `fieldsurvey receive` (device): files back to the
field (docs/return-files.md). Thin shells over services/returns.py and services/receive.py."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click

from fieldsurvey.cli.common import (
    db_option,
    fail,
    interview_questionnaire,
    open_db_or_exit,
    questionnaire_option,
)
from fieldsurvey.cli.sync import EXISTING, PATH, max_size_option
from fieldsurvey.returns.receive import KEPT_REASONS, Received
from fieldsurvey.safetext import terminal_text
from fieldsurvey.services.export import recipients_from
from fieldsurvey.services.failures import Cause, JobFailed
from fieldsurvey.services.merge import identities_from
from fieldsurvey.services.receive import receive_file
from fieldsurvey.services.returns import return_file
from fieldsurvey.sync.archive import DEFAULT_LIMITS


@click.command("return")
@click.option("--out", required=True, type=PATH, help="The return file to write (must not exist).")
@click.option(
    "--device",
    "devices",
    multiple=True,
    metavar="ID",
    help="Only for this device (id or a unique prefix); repeat for several. Default: all.",
)
@click.option(
    "--to",
    "recipients",
    multiple=True,
    metavar="PUBKEY",
    help="Encrypt for this age key (age1... or a .pub file) held by the devices; repeatable.",
)
@db_option
@questionnaire_option
def return_command(
    out: Path,
    devices: tuple[str, ...],
    recipients: tuple[str, ...],
    db_path: Path | None,
    questionnaire_path: Path | None,
) -> None:
    """Write a signed return file for the devices: interviews rejected or marked "has issues"
    in review with the comments, the current questionnaire version (questionnaire publish),
    and the office's scores of the latest round, small cells suppressed."""
    try:
        keys = recipients_from(recipients)
        db = open_db_or_exit(db_path)
        questionnaire = interview_questionnaire(db, questionnaire_path)
        outcome = return_file(db, out, questionnaire, devices=devices, recipients=keys)
    except JobFailed as exc:
        _fail(exc)
    manifest = outcome.manifest
    scope = ", ".join(manifest.devices) if manifest.devices is not None else "every device"
    current = manifest.current
    version = f"questionnaire {current.id} {current.version}" if current else "no questionnaire"
    sealed = f"encrypted for {len(keys)} key(s)" if keys else "not encrypted"
    click.echo(
        terminal_text(
            f"{out}: for {scope}: {manifest.counts.returned} interviews to revise, {version}, "
            f"office scores as of {manifest.created_at[:16]}; {sealed}"
        )
    )


@click.command("receive")
@click.argument("file", type=EXISTING)
@click.option(
    "--identity", "identity_files", multiple=True, type=EXISTING, help="Age secret key (--to)."
)
@max_size_option
@db_option
def receive_command(
    file: Path, identity_files: tuple[Path, ...], max_size: int, db_path: Path | None
) -> None:
    """Apply a supervisor's return file: reopen returned interviews as drafts with the
    reviewer's comments, install the current questionnaire version, store the office's
    scores. Only files signed by the key set with `devices trust-supervisor`; nothing on
    the device is ever deleted. Exits 2 when the file is refused (nothing changed)."""
    try:
        identities = identities_from(identity_files)
        db = open_db_or_exit(db_path)
        limits = replace(DEFAULT_LIMITS, max_file_bytes=max_size)
        received = receive_file(db, file, identities=identities, limits=limits)
    except JobFailed as exc:
        _fail(exc)
    for line in received_lines(received):
        click.echo(terminal_text(line))


def received_lines(received: Received) -> list[str]:
    """What a received file did, in lines (the CLI's words)."""
    made = received.created_at[:16]
    if received.already:
        return [f"{received.path}: received before (made {made}); nothing changed"]
    lines = [
        f"{received.path}: return file made {made}: {received.returned} interviews returned, "
        f"{received.reopened} reopened as drafts"
    ]
    lines += [f"  {uuid}: not reopened again: {KEPT_REASONS[why]}" for uuid, why in received.kept]
    if received.questionnaire:
        lines.append(f"  questionnaire {received.questionnaire} is now current")
    if received.report_as_of:
        shown = received.report_round or "(no round)"
        lines.append(f"  office scores: round {shown}, as of {received.report_as_of[:16]}")
    return lines


def _fail(exc: JobFailed) -> NoReturn:
    fail(f"error: {exc.message}" if exc.cause is Cause.STORAGE else exc.message)
