"""A field device and its supervisor with real interviews, for return-file tests.

The pair is built once per session (demo interviews on the device, exported and merged on
the supervisor, the supervisor's key trusted by the device) and copied for each test.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sync_helpers import full_dump, members, rezip

from fieldsurvey.cli import main
from fieldsurvey.returns.errors import Refusal
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.sync import Reason
from fieldsurvey.sync.keys import device_signing_key


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "--db", str(db)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def ok(db: Path, *args: str) -> str:
    code, out, err = run(db, *args)
    assert code == 0, err
    return out


def build_pair(folder: Path, responses: int = 12) -> tuple[Path, Path]:
    """device.db with `responses` demo interviews, all merged into supervisor.db, whose key
    the device trusts for return files."""
    device, supervisor = folder / "device.db", folder / "supervisor.db"
    ok(device, "demo", "--responses", str(responses), "--seed", "3")
    ok(device, "export", "--out", str(folder / "first.fsx"))
    ok(supervisor, "merge", str(folder / "first.fsx"))
    key = json.loads(ok(supervisor, "devices", "--self", "--json"))["public_key"]
    ok(device, "devices", "trust-supervisor", key)
    return device, supervisor


def copy_pair(template: Path, folder: Path) -> tuple[Path, Path]:
    for name in ("device.db", "supervisor.db"):
        for part in template.glob(f"{name}*"):  # with its WAL: the CLI leaves it unmerged
            shutil.copy(part, folder / part.name)
    return folder / "device.db", folder / "supervisor.db"


def uuids(db: Path) -> list[str]:
    store = open_store(db)
    try:
        return [row[0] for row in store.execute("SELECT uuid FROM responses ORDER BY id")]
    finally:
        store.close()


def dump(db: Path) -> list[str]:
    store = open_store(db)
    try:
        return full_dump(store)
    finally:
        store.close()


def message_of(reason: Refusal | Reason) -> str:
    """A regular expression matching the reason's message whatever its details."""
    pattern = re.escape(reason.value).replace(r"\{", "{").replace(r"\}", "}")
    return re.sub(r"\{[^}]*\}", ".*", pattern)


def receive_refused(device: Path, path: Path, reason: Refusal | Reason, *args: str) -> str:
    """Receive via the CLI; assert exit 2, the reason's message, a device unchanged."""
    before = dump(device)
    code, out, err = run(device, "receive", str(path), *args)
    assert code == 2, (out, err)
    assert re.search(f"^{re.escape(str(path))}: rejected: {message_of(reason)}$", err, re.M), err
    assert out == ""
    assert dump(device) == before
    return err


def resign_return(
    signer: Path, path: Path, replace: dict[str, bytes] | None = None, **manifest: Any
) -> None:
    """Replace members (digests, sizes updated) and manifest fields, and sign again with the
    key of `signer`'s database: a file as a dishonest supervisor would make it."""
    contents = members(path)
    document = json.loads(contents["manifest.json"])
    for name, data in (replace or {}).items():
        contents[name] = data
        document["members"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    document.update(manifest)
    raw = json.dumps(document).encode()
    store: SQLiteStore = open_store(signer)
    try:
        signature = device_signing_key(store).sign(raw)
    finally:
        store.close()
    contents["manifest.json"], contents["manifest.sig"] = raw, signature
    rezip(path, contents)
