"""`fieldsurvey devices`: the device keys this database knows, and what each may change.

A thin shell over sync/trust.py (docs/trust-model.md): list, trust, block, forget, enrol,
`--self` and `trust-supervisor` (sync/supervisor.py, docs/return-files.md);
every change is logged with who and when, and `--log` shows the log.
"""

from __future__ import annotations

from pathlib import Path

import click

from fieldsurvey.cli.common import db_option, fail, open_db_or_exit, open_supervisor_db_or_exit
from fieldsurvey.safetext import terminal_text
from fieldsurvey.sync.device_list import device_list, trust_changes
from fieldsurvey.sync.supervisor import self_identity, trust_supervisor
from fieldsurvey.sync.trust import Trust, TrustError, change_trust, enrol, fingerprint, forget

ID = click.argument("name", metavar="ID")


@click.group("devices", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")
@click.option("--log", "show_log", is_flag=True, help="Every change of trust, oldest first.")
@click.option(
    "--self",
    "show_self",
    is_flag=True,
    help="This database's device id and public key (give the key to the devices you supervise).",
)
@db_option
@click.pass_context
def devices_group(
    ctx: click.Context, as_json: bool, show_log: bool, show_self: bool, db_path: Path | None
) -> None:
    """Known device keys: id, key fingerprint, trust, first seen, files and responses.

    Trust: seen (learned at first sight: may add its own interviews), enrolled (added in
    advance), trusted (may revise other devices' interviews), blocked (files refused).
    """
    if ctx.invoked_subcommand is not None:
        return
    db = open_supervisor_db_or_exit(db_path)
    if show_self:
        identity = self_identity(db)
        click.echo(identity.model_dump_json(indent=2) if as_json else identity.summary())
        return
    if show_log:
        log = trust_changes(db)
        lines = [entry.summary() for entry in log.log] or ["no change of trust yet"]
        click.echo(log.model_dump_json(indent=2) if as_json else "\n".join(lines))
        return
    devices = device_list(db)
    lines = [device.summary() for device in devices.devices] or ["no device known yet"]
    click.echo(devices.model_dump_json(indent=2) if as_json else "\n".join(lines))


def _change(action: str) -> click.Command:
    """`devices trust|block ID`: one change of trust, logged."""
    trust = Trust(action)

    @click.command(action, help=f"Mark a known device {action} (logged with who and when).")
    @ID
    @db_option
    def command(name: str, db_path: Path | None) -> None:
        db = open_supervisor_db_or_exit(db_path)
        try:
            device = change_trust(db, name, trust)
        except TrustError as exc:
            fail(f"error: {exc}")
        click.echo(terminal_text(f"{device.device_id}: {device.trust} -> {action}"))

    return command


devices_group.add_command(_change("trusted"), "trust")
devices_group.add_command(_change("blocked"), "block")


@devices_group.command("forget")
@ID
@db_option
def forget_command(name: str, db_path: Path | None) -> None:
    """Remove a wrongly learned key: the device's next file teaches its key again."""
    db = open_supervisor_db_or_exit(db_path)
    try:
        device = forget(db, name)
    except TrustError as exc:
        fail(f"error: {exc}")
    click.echo(terminal_text(f"{device.device_id}: key forgotten (it was {device.trust})"))


@devices_group.command("enrol")
@click.argument("device")
@click.argument("public_key")
@db_option
def enrol_command(device: str, public_key: str, db_path: Path | None) -> None:
    """Add DEVICE's PUBLIC_KEY (base64 Ed25519) before its files arrive; for --enrolled-only."""
    db = open_supervisor_db_or_exit(db_path)
    try:
        enrol(db, device, public_key)
    except TrustError as exc:
        fail(f"error: {exc}")
    click.echo(terminal_text(f"{device}: enrolled"))


@devices_group.command("trust-supervisor")
@click.argument("public_key")
@db_option
def trust_supervisor_command(public_key: str, db_path: Path | None) -> None:
    """Accept return files signed by PUBLIC_KEY (what `devices --self` prints on the
    supervisor's machine); logged with who and when. Replaces a key set before."""
    db = open_db_or_exit(db_path)
    try:
        before = trust_supervisor(db, public_key)
    except TrustError as exc:
        fail(f"error: {exc}")
    key = public_key.strip()
    if before == key:
        click.echo(f"supervisor {fingerprint(key)}: already trusted; nothing changed")
        return
    replaced = f" (replaces {fingerprint(before)})" if before else ""
    click.echo(f"supervisor {fingerprint(key)}: trusted for return files{replaced}")
