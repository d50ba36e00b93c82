"""JSON lines -> a signed export archive, streamed. No database here: export.py feeds it.

Lines stream straight into the zip, so exporting 20,000 interviews never holds them all in
memory; the manifest, which needs every member's digest and count, is written last. Every
line is validated against its model first: a file this writes is a file merge accepts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel

from fieldsurvey import __version__
from fieldsurvey.store.records import utc_now
from fieldsurvey.sync.fileformat import (
    FORMAT_VERSION,
    MANIFEST,
    PARADATA,
    PLAIN_FORMAT_VERSION,
    QUESTIONNAIRES,
    RESPONSES,
    REVIEWS,
    SIGNATURE,
    Counts,
    Manifest,
    ParadataRecord,
    QuestionnaireRef,
    QuestionnaireSource,
    ResponseRecord,
    ReviewRecord,
)
from fieldsurvey.sync.keys import public_key_text
from fieldsurvey.sync.zipwriter import ArchiveWriter

SourcesFor = Callable[[list[QuestionnaireRef]], list[QuestionnaireSource]]
"""Given the questionnaire versions the responses use, the sources to ship with them."""


@dataclass
class _Tally:
    responses: int = 0
    answers: int = 0
    paradata: int = 0
    refs: set[tuple[str, str, str]] = field(default_factory=set)

    def responses_seen(self, lines: Iterable[bytes]) -> Iterator[bytes]:
        for line in lines:
            record = ResponseRecord.model_validate_json(line)
            self.responses += 1
            self.answers += len(record.answers)
            self.refs.add(
                (record.questionnaire_id, record.questionnaire_version, record.questionnaire_hash)
            )
            yield line + b"\n"

    def paradata_seen(self, lines: Iterable[bytes]) -> Iterator[bytes]:
        for line in lines:
            self.paradata += len(ParadataRecord.model_validate_json(line).events)
            yield line + b"\n"


def jsonl(records: Iterable[BaseModel]) -> Iterator[bytes]:
    for record in records:
        yield record.model_dump_json().encode() + b"\n"


def write_export(
    file: BinaryIO,
    key: Ed25519PrivateKey,
    device_id: str,
    export_seq: int,
    responses: Iterable[bytes],
    paradata: Iterable[bytes],
    sources_for: SourcesFor,
    covers_from: int | None = None,
    reviews: list[ReviewRecord] | None = None,
) -> Manifest:
    """Write one export archive to `file`, signed by `key`; return its manifest.

    `responses` and `paradata` are JSON lines (no newline) of `ResponseRecord` and
    `ParadataRecord`; a line that does not validate raises pydantic's ValidationError.
    A forwarding file's `reviews` make it format version 2, with `reviews.jsonl`.
    """
    tally = _Tally()
    with ArchiveWriter(file) as archive:
        digests = {
            RESPONSES: archive.add(RESPONSES, tally.responses_seen(responses)),
            PARADATA: archive.add(PARADATA, tally.paradata_seen(paradata)),
        }
        refs = [QuestionnaireRef(id=i, version=v, hash=h) for i, v, h in sorted(tally.refs)]
        sources = sources_for(refs)
        digests[QUESTIONNAIRES] = archive.add(QUESTIONNAIRES, jsonl(sources))
        if reviews:
            digests[REVIEWS] = archive.add(REVIEWS, jsonl(reviews))
        manifest = Manifest(
            format_version=FORMAT_VERSION if reviews else PLAIN_FORMAT_VERSION,
            app_version=__version__,
            device_id=device_id,
            device_public_key=public_key_text(key),
            export_seq=export_seq,
            covers_from=covers_from,
            created_at=utc_now(),
            questionnaires=refs,
            counts=Counts(
                questionnaires=len(sources),
                responses=tally.responses,
                answers=tally.answers,
                paradata=tally.paradata,
                reviews=len(reviews) if reviews else None,
            ),
            members=digests,
        )
        raw = manifest.model_dump_json(indent=1, exclude_none=True).encode()
        archive.add(MANIFEST, [raw])
        archive.add(SIGNATURE, [key.sign(raw)])
    return manifest
