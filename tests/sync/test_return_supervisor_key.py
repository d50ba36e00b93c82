"""`devices --self` and `devices trust-supervisor` (docs/return-files.md): the key a device
accepts return files from, set once and logged like every change of trust."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldsurvey.cli import main
from fieldsurvey.store.sqlite import open_store
from fieldsurvey.sync.supervisor import SUPERVISOR_KEY_SETTING, self_identity


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "--db", str(db)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_self_prints_the_id_key_and_fingerprint_the_store_signs_with(tmp_path: Path) -> None:
    db = tmp_path / "sup.db"
    code, out, _ = run(db, "devices", "--self", "--json")
    assert code == 0
    document = json.loads(out)
    store = open_store(db)
    assert document == self_identity(store).model_dump()
    assert document["device_id"] == store.device_id()
    code, text, _ = run(db, "devices", "--self")
    assert document["public_key"] in text and document["fingerprint"] in text


def test_trust_supervisor_stores_the_key_and_logs_it_once(tmp_path: Path) -> None:
    key = json.loads(run(tmp_path / "sup.db", "devices", "--self", "--json")[1])["public_key"]
    device = tmp_path / "dev.db"
    code, out, _ = run(device, "devices", "trust-supervisor", key)
    assert code == 0 and "trusted for return files" in out
    code, out, _ = run(device, "devices", "trust-supervisor", key)
    assert code == 0 and "nothing changed" in out
    store = open_store(device)
    assert store.get_setting(SUPERVISOR_KEY_SETTING) == key
    log = json.loads(run(device, "devices", "--log", "--json")[1])["log"]
    assert [entry["action"] for entry in log] == ["supervisor"]


def test_a_bad_key_or_the_own_key_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    device = tmp_path / "dev.db"
    own = json.loads(run(device, "devices", "--self", "--json")[1])["public_key"]
    before = list(open_store(device).conn.iterdump())
    for bad, message in (("not-a-key", "is not a public key"), (own, "own key")):
        code, _, err = run(device, "devices", "trust-supervisor", bad)
        assert code == 2 and message in err
    assert list(open_store(device).conn.iterdump()) == before


def test_db_given_to_the_devices_group_is_the_one_a_subcommand_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`devices --db dev.db trust-supervisor KEY` once set the key in the default database
    and said "trusted": the device that was meant stayed without one (found in a tmux walk)."""
    default = tmp_path / "default.db"
    monkeypatch.setenv("FIELDSURVEY_DB", str(default))
    key = json.loads(run(tmp_path / "sup.db", "devices", "--self", "--json")[1])["public_key"]
    device = tmp_path / "dev.db"
    result = CliRunner().invoke(main, ["devices", "--db", str(device), "trust-supervisor", key])
    assert result.exit_code == 0 and "trusted for return files" in result.stdout
    assert open_store(device).get_setting(SUPERVISOR_KEY_SETTING) == key
    assert not default.exists()
    other = tmp_path / "other.db"
    result = CliRunner().invoke(
        main, ["devices", "--db", str(device), "trust-supervisor", key, "--db", str(other)]
    )
    assert result.exit_code == 2 and "give it once" in result.stderr
    assert not other.exists()
