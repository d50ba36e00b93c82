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
    open_supervisor_db_or_exit,
    questionnaire_option,
)
from fieldsurvey.cli.sync import EXISTING, PATH, max_size_option
from fieldsurvey.i18n import SOURCE_LANGUAGE, catalogue_languages, tr
from fieldsurvey.returns.receive import KEPT_REASONS, Received
from fieldsurvey.safetext import terminal_text
from fieldsurvey.services.export import recipients_from
from fieldsurvey.services.failures import Cause, JobFailed
from fieldsurvey.services.merge import identities_from
from fieldsurvey.services.receive import ReceiveRefused, receive_file
from fieldsurvey.services.returns import return_file
from fieldsurvey.store.interface import Settings
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
        db = open_supervisor_db_or_exit(db_path)
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
@click.option(
    "--lang",
    default=None,
    help="Language of the outcome and of a refusal's reason (en, zh, km); default: the "
    "language set on this device.",
)
@max_size_option
@db_option
def receive_command(
    file: Path,
    identity_files: tuple[Path, ...],
    lang: str | None,
    max_size: int,
    db_path: Path | None,
) -> None:
    """Apply a supervisor's return file: reopen returned interviews as drafts with the
    reviewer's comments, install the current questionnaire version, store the office's
    scores. Only files signed by the key set with `devices trust-supervisor`; nothing on
    the device is ever deleted. Exits 2 when the file is refused (nothing changed)."""
    known = catalogue_languages()
    if lang is not None and lang not in known:
        fail(f"--lang: {lang!r} is not a language of fieldsurvey ({', '.join(known)})")
    try:
        identities = identities_from(identity_files)
    except JobFailed as exc:
        _fail(exc)
    db = open_db_or_exit(db_path)
    language = lang or _device_language(db, known)
    try:
        limits = replace(DEFAULT_LIMITS, max_file_bytes=max_size)
        received = receive_file(db, file, identities=identities, limits=limits)
    except ReceiveRefused as exc:
        fail(exc.words(language))
    except JobFailed as exc:
        _fail(exc)
    for line in received_lines(received, language):
        click.echo(terminal_text(line))


def _device_language(store: Settings, known: tuple[str, ...]) -> str:
    """The language set on this device (Settings), when fieldsurvey speaks it."""
    setting = store.get_setting("language")
    return setting if setting in known else SOURCE_LANGUAGE


def received_lines(received: Received, language: str = SOURCE_LANGUAGE) -> list[str]:
    """What a received file did, in lines, in `language`."""
    made, path = received.created_at[:16], received.path
    if received.already:
        return [tr("{path}: received before (made {made}); nothing changed", language,
                   path=path, made=made)]  # fmt: skip
    lines = [
        tr("{path}: return file made {made}: {returned} interviews returned, {reopened} "
           "reopened as drafts", language, path=path, made=made, returned=received.returned,
           reopened=received.reopened)
    ]  # fmt: skip
    lines += [
        "  " + tr("{uuid}: not reopened again: {why}", language, uuid=uuid,
                  why=tr(KEPT_REASONS[why], language))
        for uuid, why in received.kept
    ]  # fmt: skip
    if received.questionnaire:
        lines.append("  " + tr("questionnaire {version} is now current", language,
                               version=received.questionnaire))  # fmt: skip
    if received.report_as_of:
        lines.append("  " + tr("office scores: round {round}, as of {date}", language,
                               round=received.report_round or tr("(no round)", language),
                               date=received.report_as_of[:16]))  # fmt: skip
    return lines


def _fail(exc: JobFailed) -> NoReturn:
    fail(f"error: {exc.message}" if exc.cause is Cause.STORAGE else exc.message)
