"""`return` from either supervisor backend (tests/hq.py): HQ on PostgreSQL sends rejected
interviews back as a SQLite supervisor does, and the device reopens them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from return_helpers import NEW_VERSION, bumped, ok, run, uuids

from fieldsurvey.store.sqlite import open_store
from hq import HQ


@pytest.fixture(scope="module")
def device_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("return-hq")
    ok(folder / "device.db", "demo", "--responses", "12", "--seed", "4")
    ok(folder / "device.db", "export", "--out", str(folder / "first.fsx"))
    return folder


def test_return_from_either_backend(hq: HQ, device_template: Path, tmp_path: Path) -> None:
    device = tmp_path / "device.db"
    for part in device_template.glob("device.db*"):
        (tmp_path / part.name).write_bytes(part.read_bytes())
    ok(hq.location, "merge", str(device_template / "first.fsx"))
    rejected, flagged = uuids(device)[:2]
    ok(hq.location, "review", rejected, "--reject", "--comment", "redo it",
       "--question", "acc_office_near")  # fmt: skip
    ok(hq.location, "review", flagged, "--issue", "--comment", "check the office")
    ok(hq.location, "questionnaire", "publish", str(bumped(tmp_path)))
    key = json.loads(ok(hq.location, "devices", "--self", "--json"))["public_key"]
    before = hq.dump()
    out = ok(hq.location, "return", "--out", str(tmp_path / "r.fsr"))
    assert "2 interviews to revise" in out and f"client-satisfaction {NEW_VERSION}" in out
    assert hq.dump() == before  # `return` only reads
    ok(device, "devices", "trust-supervisor", key)
    out = ok(device, "receive", str(tmp_path / "r.fsr"))
    assert "2 interviews returned, 2 reopened as drafts" in out
    store = open_store(device)
    try:
        note = store.returned_note(rejected)
        assert note is not None and note.notes == {"acc_office_near": "redo it"}
    finally:
        store.close()
    code, _, err = run(hq.location, "return", "--out", str(tmp_path / "r.fsr"))
    assert code == 2 and "already exists" in err
