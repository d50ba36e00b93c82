"""Fuzzing merge with mutations of real export files: merged or rejected with a reason,
nothing else, and the store unchanged on rejection.

Mutations: byte flips, truncations, members swapped, JSON fields deleted, values changed to
another type, huge and deeply nested values; a mutated JSON member is re-signed (digests
and signature made valid again, as a dishonest device would), so the checks past the
signature are reached too. The normal run tries FUZZ_EXAMPLES cases; for a long run by hand:

    FIELDSURVEY_FUZZ_EXAMPLES=5000 uv run pytest tests/sync/test_sync_fuzz.py -q
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import add_revision, full_dump, members, new_db, resign, rezip

from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.sync import export_file, merge_files
from fieldsurvey.sync.keys import device_signing_key

FUZZ_EXAMPLES = int(os.environ.get("FIELDSURVEY_FUZZ_EXAMPLES", "60"))
JSON_MEMBERS = ("responses.jsonl", "paradata.jsonl", "questionnaires.jsonl", "manifest.json")
NESTED = "\u0000nested:"
"""A drawn value `NESTED + n` becomes n nested brackets in the JSON text (Python's own json
would hit its recursion limit building them)."""

replacements = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.sampled_from([2**63, -(2**63) - 1, 2**62, 0, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["[/x]", "\x1b]52;c;eA==\x07", "9999-12-31T23:59:59.000+00:00", "../x"]),
    st.integers(1, 2_000_000).map(lambda n: "x" * n),
    st.integers(1, 200_000).map(lambda n: f"{NESTED}{n}"),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@pytest.fixture(scope="module")
def export(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[SQLiteStore, bytes]]:
    """A device and the bytes of a real export file of three interviews, one of them edited."""
    root = tmp_path_factory.mktemp("fuzz")
    device = new_db(root / "device.db")
    uuid, parent = add_revision(device, {"q1": 1, "q2": "a", "l1": 2, "m1": ["red"]})
    add_revision(device, {"q1": 2, "c1": "blue"}, uuid=uuid, parent=parent, revision=2)
    add_revision(device, {"d1": 2.5, "t1": "2026-01-01"}, events=4)
    export_file(device, root / "good.fsx")
    yield device, (root / "good.fsx").read_bytes()
    device.close()


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key or index path inside a JSON document."""
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, child in items:
        yield (*prefix, key)
        yield from _paths(child, (*prefix, key))


def _mutate_json(data: st.DataObject, raw: bytes, whole: bool) -> bytes:
    """One JSON document of `raw` (a line of a .jsonl member, or `whole`) with one field
    deleted or replaced."""
    lines = [raw] if whole else raw.splitlines() or [b"{}"]
    k = data.draw(st.integers(0, len(lines) - 1), label="line")
    document = json.loads(lines[k])
    paths = list(_paths(document))
    if not paths:
        return raw
    path = data.draw(st.sampled_from(paths), label="path")
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    if data.draw(st.booleans(), label="delete"):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(replacements, label="value")
    text = json.dumps(document)
    nested = re.search(r'"\\u0000nested:(\d+)"', text)
    if nested:
        depth = int(nested.group(1))
        text = text.replace(nested.group(0), "[" * depth + "]" * depth)
    lines[k] = text.encode()
    return b"\n".join(lines) + (b"\n" if raw.endswith(b"\n") and not whole else b"")


def mutated(data: st.DataObject, device: SQLiteStore, good: bytes, path: Path) -> None:
    """Write one mutation of `good` to `path`."""
    kind = data.draw(st.sampled_from(["flip", "truncate", "swap", "json"]), label="kind")
    path.write_bytes(good)
    if kind == "flip":
        at = data.draw(st.integers(0, len(good) - 1), label="at")
        mask = data.draw(st.integers(1, 255), label="mask")
        path.write_bytes(good[:at] + bytes([good[at] ^ mask]) + good[at + 1 :])
    elif kind == "truncate":
        path.write_bytes(good[: data.draw(st.integers(0, len(good) - 1), label="length")])
    elif kind == "swap":
        contents = members(path)
        a, b = data.draw(st.permutations(sorted(contents)), label="order")[:2]
        contents[a], contents[b] = contents[b], contents[a]
        rezip(path, contents)
    else:
        name = data.draw(st.sampled_from(JSON_MEMBERS), label="member")
        contents = members(path)
        raw = _mutate_json(data, contents[name], whole=name == "manifest.json")
        if name == "manifest.json":  # signed as it is (it may not even parse any more)
            contents.update({name: raw, "manifest.sig": device_signing_key(device).sign(raw)})
            rezip(path, contents)
        else:
            resign(device, path, replace={name: raw})


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_a_mutated_file_is_merged_or_rejected_with_a_reason(
    export: tuple[SQLiteStore, bytes], data: st.DataObject
) -> None:
    device, good = export
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.fsx"
        mutated(data, device, good, path)
        supervisor = new_db(Path(folder) / "supervisor.db")
        before = full_dump(supervisor)
        report = merge_files(supervisor, [path])
        (result,) = report.files
        assert result.status in ("merged", "rejected")
        if result.status == "rejected":
            assert result.error and result.reason is not None
            assert full_dump(supervisor) == before
        supervisor.close()
