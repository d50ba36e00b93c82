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
from fieldsurvey.i18n import catalogue
from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.returns.errors import Refusal
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.sync import Reason
from fieldsurvey.sync.keys import device_signing_key

VERSION_LINE = re.compile(r'^version: "([^"]+)"', re.M)
NEW_VERSION = "9.1-test"
"""A version number the bundled questionnaire never has (its own changes between rounds)."""


def bundled_version() -> str:
    match = VERSION_LINE.search(bundled_questionnaire_path().read_text(encoding="utf-8"))
    assert match is not None
    return match.group(1)


def bumped(folder: Path, version: str = NEW_VERSION, title: str = "") -> Path:
    """The bundled questionnaire's file under another version number (and title)."""
    text = bundled_questionnaire_path().read_text(encoding="utf-8")
    text = VERSION_LINE.sub(f'version: "{version}"', text, count=1)
    if title:
        text = text.replace("Client satisfaction", title, 1)
    path = folder / f"q-{version}-{len(title)}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(db: Path | str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "--db", str(db)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def ok(db: Path | str, *args: str) -> str:
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


def message_of(reason: Refusal | Reason, lang: str = "en") -> str:
    """A regular expression matching the reason's message in `lang` whatever its details."""
    template = catalogue(lang).gettext(reason.value)
    assert lang == "en" or template != reason.value, f"{reason} has no {lang} words"
    return pattern_of(template)


def pattern_of(template: str, **fixed: str) -> str:
    """A regular expression for `template` filled in: each `{name}` matches `fixed[name]`
    (a pattern) or anything."""
    parts = re.split(r"(\{[^}]*\})", template)
    names = [re.fullmatch(r"\{(\w+)[^}]*\}", part) for part in parts]
    return "".join(
        fixed.get(name.group(1), ".*") if name else re.escape(part)
        for part, name in zip(parts, names, strict=True)
    )


def receive_refused(
    device: Path, path: Path, reason: Refusal | Reason, *args: str, lang: str = "en"
) -> str:
    """Receive via the CLI (`--lang lang`); assert exit 2, the reason's message in that
    language, a device unchanged."""
    before = dump(device)
    code, out, err = run(device, "receive", str(path), "--lang", lang, *args)
    assert code == 2, (out, err)
    line = catalogue(lang).gettext("{path}: rejected: {reason}")
    expected = pattern_of(line, path=re.escape(str(path)), reason=message_of(reason, lang))
    assert re.search(f"^{expected}$", err, re.M), err
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
