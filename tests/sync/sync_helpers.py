"""Building sync test data directly with SQL: fast enough for hypothesis, independent of the
engine. Hashes come from the store's one `content_hash`, as the engine's do.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import uuid as uuidlib
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from fieldsurvey.cli.sync import merge_command
from fieldsurvey.questionnaire.loader import questionnaire_from_document
from fieldsurvey.questionnaire.yaml_source import parse_yaml
from fieldsurvey.store.content import content_hash
from fieldsurvey.store.questionnaires import install_questionnaire
from fieldsurvey.store.records import RESPONSE_FIELDS
from fieldsurvey.store.sqlite import SQLiteStore, open_store
from fieldsurvey.store.sqlite.responses import encode_value
from fieldsurvey.sync import Reason
from fieldsurvey.sync.keys import device_signing_key

QUESTIONNAIRE_YAML = """\
id: sync-test
version: "{version}"
title: {{en: Sync test}}
languages: [en]
default_language: en
personas:
  - {{id: worker, label: {{en: Worker}}}}
choice_lists:
  - id: colours
    choices: [{{value: red, label: {{en: Red}}}}, {{value: blue, label: {{en: Blue}}}}]
scales:
  - id: agree5
    points: [{{value: 1, label: {{en: "1"}}}}, {{value: 2, label: {{en: "2"}}}}]
    dk: {{value: dk, label: {{en: DK}}}}
survey:
  - {{type: integer, id: q1, label: {{en: One}}}}
  - {{type: text, id: q2, label: {{en: Two}}}}
  - {{type: likert, id: l1, scale: agree5, label: {{en: Agree}}}}
  - {{type: select_one, id: c1, choices: colours, label: {{en: Colour}}}}
  - {{type: select_multiple, id: m1, choices: colours, label: {{en: Colours}}}}
  - {{type: decimal, id: d1, label: {{en: Hours}}}}
  - {{type: date, id: t1, label: {{en: When}}}}
""" + "".join(
    f"  - {{{{type: integer, id: q{n}, label: {{{{en: Q{n}}}}}}}}}\n" for n in (0, *range(3, 150))
)
"""A question of each type, and integer questions q0, q3...q149 for long interviews."""


def install(db: SQLiteStore, version: str = "1", title: str = "Sync test") -> dict[str, str]:
    """Install the test questionnaire; return its id, version and hash."""
    source = QUESTIONNAIRE_YAML.format(version=version).replace("Sync test", title)
    questionnaire = questionnaire_from_document(parse_yaml(source), "test")
    digest = install_questionnaire(db, questionnaire, source)
    return {"questionnaire_id": "sync-test", "questionnaire_version": version,
            "questionnaire_hash": digest}  # fmt: skip


def new_db(path: Path, version: str = "1") -> SQLiteStore:
    db = open_store(path)
    install(db, version)
    return db


def add_revision(
    db: SQLiteStore,
    answers: Mapping[str, Any],
    *,
    uuid: str | None = None,
    parent: str | None = None,
    revision: int = 1,
    status: str = "complete",
    at: str = "2026-01-01T00:00:00.000+00:00",
    events: int = 2,
    questionnaire: dict[str, str] | None = None,
    device: str | None = None,
) -> tuple[str, str | None]:
    """Insert a revision (closed unless status is 'draft') with answers and paradata."""
    row: dict[str, Any] = {
        "uuid": uuid or str(uuidlib.uuid4()), "revision": revision, "parent_hash": parent,
        **(questionnaire or _questionnaire(db)), "device_id": device or db.device_id(),
        "interviewer": "ana", "office": "north", "round": "r1", "language": "en",
        "persona": "worker", "status": status, "started_at": at, "updated_at": at,
        "completed_at": None if status == "draft" else at,
    }  # fmt: skip
    digest = None if status == "draft" else content_hash(row, answers)
    with db.unit_of_work():
        if parent is not None and digest is not None:
            db.execute("UPDATE responses SET is_head = 0 WHERE uuid = ? AND content_hash = ?",
                       [row["uuid"], parent])  # fmt: skip
        row["content_hash"] = digest
        names = ", ".join(row)
        cursor = db.execute(
            f"INSERT INTO responses ({names}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        response = cursor.lastrowid
        db.conn.executemany(
            "INSERT INTO answers (response, question, value, answered_at) VALUES (?, ?, ?, ?)",
            [(response, q, encode_value(v), at) for q, v in answers.items()],
        )
        db.conn.executemany(
            "INSERT INTO paradata (response, seq, question, event, at, duration_ms) "
            "VALUES (?, ?, 'q1', 'enter', ?, ?)",
            [(response, n, at, n * 10) for n in range(1, events + 1)],
        )
    return row["uuid"], digest


def _questionnaire(db: SQLiteStore) -> dict[str, str]:
    hash_, id_, version = db.execute(
        "SELECT hash, id, version FROM questionnaires ORDER BY installed_at LIMIT 1"
    ).fetchone()
    return {"questionnaire_id": id_, "questionnaire_version": version, "questionnaire_hash": hash_}


def full_dump(db: SQLiteStore) -> list[str]:
    """Every row of every table: for 'the database is unchanged'."""
    return list(db.conn.iterdump())


def content_dump(db: SQLiteStore) -> dict[str, list[tuple[Any, ...]]]:
    """Closed revisions, their answers and paradata by (uuid, content_hash), local ids left out.

    Drafts never leave a device, so they are left out too, and so is `authority` (not in
    RESPONSE_FIELDS): what this database believes of a revision, not what it holds.
    """
    key = "r.uuid, r.content_hash"
    closed = "WHERE r.content_hash IS NOT NULL"
    columns = ", ".join(c for c in RESPONSE_FIELDS if c not in ("id", "exported_seq"))
    return {
        "responses": db.execute(
            f"SELECT {columns} FROM responses r {closed} ORDER BY {key}"
        ).fetchall(),
        "answers": db.execute(
            f"SELECT {key}, a.question, a.value, a.answered_at FROM answers a "
            f"JOIN responses r ON r.id = a.response {closed} ORDER BY {key}, a.question"
        ).fetchall(),
        "paradata": db.execute(
            f"SELECT {key}, p.seq, p.question, p.event, p.at, p.duration_ms, p.detail "
            f"FROM paradata p JOIN responses r ON r.id = p.response {closed} ORDER BY {key}, p.seq"
        ).fetchall(),
    }


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(path: Path, contents: Mapping[str, bytes]) -> None:
    """Write `contents` as a plain zip at `path` (for forging tampered files)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def resign(
    db: SQLiteStore,
    path: Path,
    edit: Callable[[dict[str, Any]], None] = lambda manifest: None,
    replace: Mapping[str, bytes] | None = None,
) -> None:
    """Replace members (their digests and sizes updated), edit an export's manifest, and sign
    it again with the device's own key: a file as a dishonest device would make it."""
    contents = members(path)
    manifest = json.loads(contents["manifest.json"])
    for name, data in (replace or {}).items():
        contents[name] = data
        digest = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        manifest["members"][name] = digest
    edit(manifest)
    raw = json.dumps(manifest).encode()
    contents["manifest.json"] = raw
    contents["manifest.sig"] = device_signing_key(db).sign(raw)
    rezip(path, contents)


def merge_rejects(supervisor: SQLiteStore, path: Path, reason: Reason, *args: str) -> str:
    """Merge via the CLI; assert exit 1, the reason's message, and an unchanged database.
    Returns stderr, for the details of the case."""
    before = full_dump(supervisor)
    db_file = supervisor.execute("PRAGMA database_list").fetchone()[2]
    result = CliRunner().invoke(
        merge_command, [str(path), "--db", db_file, *args], catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    pattern = re.escape(reason.value).replace(r"\{", "{").replace(r"\}", "}")
    pattern = re.sub(r"\{[^}]*\}", ".*", pattern)
    assert re.search(f"^{re.escape(str(path))}: rejected: {pattern}$", result.stderr, re.M), (
        result.stderr
    )
    assert result.stdout == ""
    assert full_dump(supervisor) == before
    return result.stderr
