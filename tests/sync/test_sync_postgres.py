"""Merging into PostgreSQL keeps every guarantee of the SQLite merge (issue #17).

- hypothesis: the same random sequence of files (made by random device histories, merged in
  a random order, some twice) gives the same heads, conflicts and gaps on both backends;
- the connection lost mid-merge: the file in flight is not in, re-running merges it;
- a rejected file leaves the PostgreSQL database exactly as it was.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from random import Random
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner
from forward_helpers import decide, make_world, trust
from hypothesis import example, given
from hypothesis import strategies as st
from sync_helpers import add_revision, install, new_db, resign
from test_sync_properties import DIVERGING, SETTINGS, play, rounds, workspace

from fieldsurvey.cli import main
from fieldsurvey.review import find_interview
from fieldsurvey.store.opening import open_supervisor_store
from fieldsurvey.store.postgres.connection import WRITER_LOCK
from fieldsurvey.sync import Reason, export_to_folder, list_conflicts, merge_files, sequence_gaps
from fieldsurvey.sync.keys import device_signing_key, public_key_text
from fieldsurvey.sync.trust import Trust, change_trust, enrol
from hq import HQ, TABLES


@pytest.fixture(scope="module")
def pg(postgres_server: Any) -> Iterator[HQ]:
    """One PostgreSQL database for every hypothesis example, emptied between them."""
    admin = psycopg.connect(postgres_server.url(), autocommit=True)
    admin.execute("CREATE DATABASE property TEMPLATE fs_template")
    url = postgres_server.url("property")
    store = open_supervisor_store(url)
    yield HQ("postgres", url, store)
    store.close()
    admin.execute("DROP DATABASE property WITH (FORCE)")
    admin.close()


def empty(hq: HQ) -> None:
    with hq.store.unit_of_work():
        hq.store.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY")  # type: ignore[attr-defined]


def outcome(hq: HQ) -> dict[str, Any]:
    """What merge decides: each interview's head, the versions in conflict, the gaps."""
    rows = hq.rows("SELECT uuid, content_hash, is_head, in_conflict FROM responses")
    return {
        "heads": sorted((uuid, digest) for uuid, digest, head, _ in rows if head),
        "conflicts": sorted((uuid, digest) for uuid, digest, _, conflict in rows if conflict),
        "queue": [c.model_dump() for c in list_conflicts(hq.store).conflicts],
        "gaps": sequence_gaps(hq.store),
        "imports": sorted(
            hq.rows("SELECT file_sha256, added, present, updated, conflicts FROM imports")
        ),
    }


@SETTINGS
@given(rounds, st.randoms(use_true_random=False), st.integers(0, 3))
@example(DIVERGING, Random(1), 1)
def test_sqlite_and_postgresql_reach_the_same_state(
    pg: HQ, history: list[tuple[Any, ...]], random: Any, repeats: int
) -> None:
    with workspace() as root:
        files = play(root, history)
        again = random.choices(files, k=repeats) if files else []
        sequence = random.sample(files, len(files)) + again
        lite_store = open_supervisor_store(root / "supervisor.db")
        lite = HQ("sqlite", str(root / "supervisor.db"), lite_store)
        empty(pg)
        for batch in (sequence[: len(sequence) // 2], sequence[len(sequence) // 2 :]):
            on_lite, on_pg = merge_files(lite.store, batch), merge_files(pg.store, batch)
            assert on_pg == on_lite
        assert outcome(pg) == outcome(lite)
        lite_store.close()


def two_files(root: Path) -> tuple[Path, Path]:
    device = new_db(root / "device.db")
    paths = []
    for n in range(2):
        add_revision(device, {"q1": n})
        result = export_to_folder(device, root)
        assert result.path is not None
        paths.append(result.path)
    device.close()
    return paths[0], paths[1]


def _waiting_backend(admin: psycopg.Connection[Any]) -> int:
    for _ in range(400):
        row = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = 'fieldsurvey' "
            "AND wait_event_type = 'Lock'"
        ).fetchone()
        if row:
            return int(row[0])
        time.sleep(0.05)
    raise AssertionError("the merge never waited for the write lock")


def test_the_connection_lost_mid_merge(pg_url: str, tmp_path: Path) -> None:
    """The merge's connection is cut while its first file's unit waits for the write lock:
    that file is not in (reported), the next file merges on a new connection, and merging
    again brings the first one in."""
    first, second = two_files(tmp_path)
    store = open_supervisor_store(pg_url)
    holder = psycopg.connect(pg_url, autocommit=True)
    holder.execute("SELECT pg_advisory_lock(%s)", [WRITER_LOCK])
    reports: list[Any] = []
    worker = threading.Thread(target=lambda: reports.append(merge_files(store, [first, second])))
    worker.start()
    holder.execute("SELECT pg_terminate_backend(%s)", [_waiting_backend(holder)])
    holder.execute("SELECT pg_advisory_unlock(%s)", [WRITER_LOCK])
    worker.join(60)
    [report] = reports
    assert [f.status for f in report.files] == ["rejected", "merged"]
    assert "lost the connection" in str(report.files[0].error)
    assert store.merged_count(hashlib.sha256(first.read_bytes()).hexdigest()) is None
    again = merge_files(store, [first, second])
    assert [(f.status, f.already_merged) for f in again.files] == [
        ("merged", False),
        ("merged", True),
    ]
    assert [g.missing for g in again.gaps] == []
    holder.close()
    store.close()


def test_a_rejected_file_changes_nothing_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    first, second = two_files(tmp_path)
    store = open_supervisor_store(pg_url)
    hq = HQ("postgres", pg_url, store)
    merge_files(store, [first])
    before = hq.dump()
    device = new_db(tmp_path / "device.db")
    resign(device, second, lambda manifest: manifest.update(export_seq=1))  # replays number 1
    device.close()
    [result] = merge_files(store, [second]).files
    assert result.status == "rejected" and result.reason is Reason.SEQ_REPLAYED
    assert hq.dump() == before
    store.close()


def test_a_user_who_may_read_but_not_write(
    postgres_server: Any, pg_url: str, tmp_path: Path
) -> None:
    """An analyst's read-only role: reading commands work, a merge is refused file by file
    with the reason, and nothing is written."""
    first, _ = two_files(tmp_path)
    name = pg_url.split("/")[3].split("?")[0]
    admin = psycopg.connect(pg_url, autocommit=True)
    admin.execute("CREATE ROLE analyst LOGIN PASSWORD 'analyst-pw'")
    admin.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO analyst")
    try:
        url = postgres_server.url(name, user="analyst", password="analyst-pw")
        hq = HQ("postgres", pg_url, open_supervisor_store(pg_url))
        before = hq.dump()
        result = CliRunner().invoke(main, ["merge", str(first), "--db", url])
        assert result.exit_code == 1
        assert "lacks a privilege" in result.stderr and "analyst-pw" not in result.stderr
        assert hq.dump() == before
        rounds = CliRunner().invoke(main, ["rounds", "--json", "--db", url])
        assert rounds.exit_code == 0, rounds.stderr
        hq.store.close()
    finally:
        admin.execute("DROP OWNED BY analyst")
        admin.execute("DROP ROLE analyst")
        admin.close()


def forwarded_by_province(tmp_path: Path) -> tuple[Any, Path, list[Path]]:
    """Two files of a device merged into a province's SQLite, which exports everything."""
    files = list(two_files(tmp_path))
    province = new_db(tmp_path / "province.db")
    assert merge_files(province, files).all_merged
    (tmp_path / "out").mkdir()
    forwarded = export_to_folder(province, tmp_path / "out", everything=True).path
    assert forwarded is not None
    return province, forwarded, files


def test_province_to_hq_untrusted(pg_url: str, tmp_path: Path) -> None:
    """HQ (PostgreSQL) that does not trust the province's key holds the relayed interviews
    until their devices' own files arrive (docs/trust-model.md)."""
    province, forwarded, files = forwarded_by_province(tmp_path)
    province.close()
    hq = open_supervisor_store(pg_url)
    [held] = merge_files(hq, [forwarded]).files
    assert (held.added, held.conflicts) == (0, 2)
    assert merge_files(hq, files).all_merged  # the makers' own files release them
    assert list_conflicts(hq).conflicts == []
    hq.close()


def test_province_to_hq_trusted(pg_url: str, tmp_path: Path) -> None:
    """HQ that enrolled and trusted the province's key beforehand takes them as they are."""
    province, forwarded, _ = forwarded_by_province(tmp_path)
    key = public_key_text(device_signing_key(province))
    hq = open_supervisor_store(pg_url)
    enrol(hq, province.device_id(), key)
    change_trust(hq, province.device_id(), Trust.TRUSTED)
    province.close()
    [merged] = merge_files(hq, [forwarded]).files
    assert (merged.added, merged.conflicts) == (2, 0)
    assert list_conflicts(hq).conflicts == []
    hq.close()


def _merged_review_state(store: Any, uuids: list[str]) -> dict[str, Any]:
    """What merge made of forwarded review logs, without the local times of merging."""
    queue = list_conflicts(store).model_dump()
    for held in queue.get("held_reviews", []):
        held.pop("received_at", None)
    return {
        "decisions": store.decisions_of(uuids),
        "states": {uuid: find_interview(store, uuid).state for uuid in uuids},
        "review_conflicts": store.review_conflicts(),
        "queue": queue,
    }


def test_forwarded_review_logs_merge_into_postgresql_as_into_sqlite(
    pg_url: str, tmp_path: Path
) -> None:
    """Two supervisors review and forward (`export --forward`); HQ on SQLite and on PostgreSQL
    apply the trusted one's decisions, hold the other's, then, once it is trusted too, show
    the two reviewers' disagreement the same way."""
    world = make_world(tmp_path)
    pg = open_supervisor_store(pg_url)
    install(pg)  # type: ignore[arg-type]
    hqs = [world.hq, pg]
    for hq in hqs:
        trust(hq, world.one)
    decide(world.one, world.uuids[0], "approved", "fine")
    decide(world.one, world.uuids[1], "has_issues", "check the address")
    decide(world.two, world.uuids[0], "rejected", "no consent recorded")
    files = [world.forward(world.one, "one.fsx"), world.forward(world.two, "two.fsx")]
    reports = [merge_files(hq, files) for hq in hqs]
    assert reports[0] == reports[1]
    assert [f.reviews.held for f in reports[1].files if f.reviews] == [0, 1]
    assert _merged_review_state(pg, world.uuids) == _merged_review_state(world.hq, world.uuids)
    for hq in hqs:
        trust(hq, world.two)
    after = [_merged_review_state(hq, world.uuids) for hq in hqs]
    assert after[0] == after[1]
    assert after[1]["review_conflicts"] == [(world.uuids[0], world.hashes[0])]
    pg.close()
    world.close()
