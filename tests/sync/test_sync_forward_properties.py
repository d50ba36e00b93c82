"""Merging forwarded files with review logs in any order gives the same review state and the
same heads (issue #11): supervisors review the same interviews, forward, pass files to each
other (so later decisions replace earlier ones) and HQ merges everything, in two orders."""

from __future__ import annotations

import tempfile
from pathlib import Path
from random import Random
from typing import Any

from forward_helpers import World, decide, make_world, review_table, trust
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import content_dump, new_db

from fieldsurvey.review.decide import DECISIONS
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.sync import export_file, list_conflicts, merge_files

SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

steps = st.lists(
    st.tuples(
        st.integers(0, 1),  # the supervisor who decides
        st.integers(0, 1),  # on which interview
        st.sampled_from(DECISIONS),
        st.booleans(),  # forward now
        st.booleans(),  # and the other supervisor merges that file
    ),
    min_size=1,
    max_size=6,
)


def play(world: World, history: list[tuple[Any, ...]]) -> list[Path]:
    supervisors = (world.one, world.two)
    files: list[Path] = []
    for n, (who, interview, state, forward, pass_on) in enumerate(history):
        decide(supervisors[who], world.uuids[interview], state, f"step {n}")
        if not forward:
            continue
        path = world.root / f"f{n}.fsx"

        if export_file(supervisors[who], path, forward=True).path is None:
            continue
        files.append(path)
        if pass_on:
            assert merge_files(supervisors[1 - who], [path]).all_merged
    for who, db in enumerate(supervisors):  # whatever is left
        path = world.root / f"last{who}.fsx"

        if export_file(db, path, forward=True).path is not None:
            files.append(path)
    return files


def state_of(hq: SQLiteStore) -> tuple[Any, ...]:
    conflicts = list_conflicts(hq)
    heads = hq.execute(
        "SELECT uuid, content_hash, is_head, in_conflict FROM responses ORDER BY uuid, content_hash"
    ).fetchall()
    held = sorted((h.uuid, h.entry, h.signer) for h in conflicts.held_reviews)
    return review_table(hq), heads, content_dump(hq), held


@SETTINGS
@given(history=steps, trust_two=st.booleans(), seed=st.integers(0, 2**16))
def test_any_merge_order_gives_the_same_review_state_and_heads(
    history: list[tuple[Any, ...]], trust_two: bool, seed: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        world = make_world(root)
        trust(world.one, world.two)
        trust(world.two, world.one)
        try:
            files = play(world, history)
            results = []
            for n, order in enumerate((files, Random(seed).sample(files, len(files)))):
                hq = new_db(root / f"hq{n}.db")
                trust(hq, world.one)
                if trust_two:
                    trust(hq, world.two)
                try:
                    assert merge_files(hq, order).all_merged
                    results.append(state_of(hq))
                    again = merge_files(hq, list(reversed(order)))  # idempotent
                    assert all(f.already_merged for f in again.files)
                    assert state_of(hq) == results[-1]
                finally:
                    hq.close()
            assert results[0] == results[1]
        finally:
            world.close()
