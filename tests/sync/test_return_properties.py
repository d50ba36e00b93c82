"""The loop as a property (issue #12): device -> supervisor -> review -> return -> device ->
revise -> export -> merge, two devices' chains interleaved in any order, ends with one head
per interview, every revision kept, every review decision in the log, nothing duplicated,
and each revised interview pending review again."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import add_revision, new_db

from fieldsurvey.engine import resume_interview
from fieldsurvey.questionnaire.loader import questionnaire_from_document
from fieldsurvey.questionnaire.yaml_source import parse_yaml
from fieldsurvey.returns.receive import receive_return
from fieldsurvey.review import find_interview, record_decision
from fieldsurvey.services.returns import return_file
from fieldsurvey.store.sqlite import SQLiteStore
from fieldsurvey.store.status import Status
from fieldsurvey.sync import export_file, merge_files
from fieldsurvey.sync.supervisor import self_identity, trust_supervisor

DECISIONS = st.sampled_from([None, "approved", "rejected", "has_issues"])
Step = Callable[[], None]


class Chain:
    """One device's way round the loop, one step at a time."""

    def __init__(
        self, name: str, folder: Path, supervisor: SQLiteStore, decisions: list[str | None]
    ):
        self.folder, self.supervisor, self.decisions = folder, supervisor, decisions
        self.device = new_db(folder / f"{name}.db")
        trust_supervisor(self.device, self_identity(supervisor).public_key)
        self.uuids = [add_revision(self.device, {"q1": n})[0] for n in range(len(decisions))]
        self.name, self.files = name, 0
        self.steps: list[Step] = [self.merge, self.review, self.send_back, self.receive,
                                  self.revise, self.merge]  # fmt: skip

    def merge(self) -> None:
        self.files += 1
        path = self.folder / f"{self.name}-{self.files}.fsx"
        if export_file(self.device, path).path is not None:
            assert merge_files(self.supervisor, [path]).all_merged

    def review(self) -> None:
        for uuid, state in zip(self.uuids, self.decisions, strict=True):
            if state is not None:
                record_decision(self.supervisor, uuid, state, "fix q1: wrong")

    def send_back(self) -> None:
        questionnaire = questionnaire_from_document(
            parse_yaml(self.supervisor.installed_versions()[0].source), "test"
        )
        return_file(self.supervisor, self.folder / f"{self.name}.fsr", questionnaire,
                    devices=[self.device.device_id()])  # fmt: skip

    def receive(self) -> None:
        received = receive_return(self.device, self.folder / f"{self.name}.fsr")
        sent_back = sum(d in ("rejected", "has_issues") for d in self.decisions)
        assert received.reopened == received.returned == sent_back

    def revise(self) -> None:
        for draft in self.device.list_drafts():
            interview = resume_interview(self.device, draft.id)
            assert interview.answer("q1", 99) is None
            assert interview.complete() == []
            assert interview.status is Status.COMPLETE


def closed(db: SQLiteStore) -> set[tuple[str, str]]:
    rows = db.execute("SELECT uuid, content_hash FROM responses WHERE content_hash IS NOT NULL")
    return set(rows.fetchall())


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.lists(DECISIONS, min_size=1, max_size=3),
    second=st.lists(DECISIONS, min_size=1, max_size=3),
    order=st.permutations([0] * 6 + [1] * 6),
)
def test_any_interleaving_of_two_devices_loops(
    first: list[str | None], second: list[str | None], order: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        supervisor = new_db(Path(folder) / "supervisor.db")
        chains = [Chain(name, Path(folder), supervisor, decisions)
                  for name, decisions in (("a", first), ("b", second))]  # fmt: skip
        try:
            for which in order:
                chains[which].steps.pop(0)()
            kept = closed(supervisor)
            heads = supervisor.execute(
                "SELECT uuid, sum(is_head), max(in_conflict) FROM responses GROUP BY uuid"
            ).fetchall()
            assert all(count == 1 and not conflict for _, count, conflict in heads)
            for chain in chains:
                assert closed(chain.device) <= kept  # every revision kept
                for uuid, state in zip(chain.uuids, chain.decisions, strict=True):
                    target = find_interview(supervisor, uuid)
                    expected = "pending" if state in ("rejected", "has_issues") else state
                    assert target.state == (expected or "pending")
                    assert len(target.log) == (state is not None)  # every decision logged
            total = supervisor.execute("SELECT count(*) FROM responses").fetchone()[0]
            assert total == len(kept)  # nothing duplicated
        finally:
            for chain in chains:
                chain.device.close()
            supervisor.close()
