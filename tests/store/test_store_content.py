"""The canonical content of a closed revision: the one definition sync verifies against."""

from __future__ import annotations

import hashlib
import json

from fieldsurvey.store.content import CONTENT_FIELDS, canonical_content, content_hash

RECORD = {
    "uuid": "6f1c",
    "revision": 2,
    "parent_hash": "ab12",
    "questionnaire_hash": "cd34",
    "status": "complete",
    "persona": "worker",
    "language": "km",
    "device_id": "dev-1",
    "interviewer": "Sokha",
    "office": "Phnom Penh",
    "round": "2026-1",
    "started_at": "2026-03-01T02:00:00.000+00:00",
    "completed_at": "2026-03-01T02:20:00.000+00:00",
    "id": 17,  # not content: local row ids differ between devices
    "is_head": 1,
    "exported_seq": None,
}
ANSWERS = {"q2": ["desk", "web"], "q1": 4, "comment": "ល្អ", "amount": 2.5}


def test_canonical_content_is_sorted_compact_utf8_json() -> None:
    text = canonical_content(RECORD, ANSWERS).decode("utf-8")
    document = json.loads(text)
    assert list(document) == sorted([*CONTENT_FIELDS, "answers"])
    assert list(document["answers"]) == ["amount", "comment", "q1", "q2"]
    assert "id" not in document and "is_head" not in document
    assert '"comment":"ល្អ"' in text and ", " not in text


def test_the_hash_ignores_order_and_local_columns_but_not_content() -> None:
    digest = content_hash(RECORD, ANSWERS)
    assert digest == hashlib.sha256(canonical_content(RECORD, ANSWERS)).hexdigest()
    shuffled = dict(reversed(list(ANSWERS.items())))
    assert content_hash({**RECORD, "id": 99, "exported_seq": 3}, shuffled) == digest
    assert content_hash({**RECORD, "persona": "employer"}, ANSWERS) != digest
    assert content_hash(RECORD, {**ANSWERS, "q1": 5}) != digest
    assert content_hash(RECORD, {**ANSWERS, "q1": "4"}) != digest
