"""What a supervisor reads besides scores, written once for both adapters: interviews per
round and office, and per scored interview who, where, when, its review state and its
paradata (the quality flags). The statements are the adapter's (store/adapter.py), and so is
counting the words read, which each database does its own fast way."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from fieldsurvey.store.adapter import AdapterPart
from fieldsurvey.store.records import InterviewFacts, RoundCount


@dataclass(frozen=True)
class SupervisionSQL:
    """One statement per use; the parameters each is given, in order, follow its name."""

    round_counts: str
    """() -> round_key, office or '', completed head revisions, first and last completed_at;
    by office"""
    interview_facts: str
    """(questionnaire id) -> id, uuid, interviewer, office, completed_at, review state, summed
    page time of its completed head revisions, by id"""


class SupervisionPart(AdapterPart):
    supervision_sql: ClassVar[SupervisionSQL]

    @abstractmethod
    def _words_read(self, response_ids: Sequence[int], page_words: Mapping[str, int]) -> list[Any]:
        """(response id, words) of the interviews that read any of the pages."""

    def round_counts(self) -> list[RoundCount]:
        rows = self.conn.execute(self.supervision_sql.round_counts).fetchall()
        return [RoundCount(*row) for row in rows]

    def interview_facts(self, questionnaire_id: str) -> InterviewFacts:
        rows = self.conn.execute(self.supervision_sql.interview_facts, [questionnaire_id])
        columns = list(zip(*rows.fetchall(), strict=True)) or [()] * 7
        return InterviewFacts(*(list(column) for column in columns))

    def words_read(
        self, response_ids: Sequence[int], page_words: Mapping[str, int]
    ) -> dict[int, int]:
        if not response_ids:
            return {}
        rows = self._words_read(response_ids, page_words)
        found = {int(response): int(words) for response, words in rows}
        return {response: found.get(response, 0) for response in response_ids}
