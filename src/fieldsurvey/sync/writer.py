"""JSON lines -> a signed export archive, streamed. No database here: export.py feeds it.

Lines stream straight into the zip, so exporting 20,000 interviews never holds them all in
memory; the manifest, which needs every member's digest and count, is written last. Every
line is within the format's bounds, checked by the store in SQL (sync/bounds.py) or, for a
line it reports as not fitting, by its pydantic model here: a file this writes is a file
merge accepts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel

from fieldsurvey import __version__
from fieldsurvey.store.records import ExportLine, utc_now
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
    Strict,
)
from fieldsurvey.sync.keys import public_key_text
from fieldsurvey.sync.zipwriter import BLOCK, ArchiveWriter

SourcesFor = Callable[[list[QuestionnaireRef]], list[QuestionnaireSource]]
"""Given the questionnaire versions the responses use, the sources to ship with them."""


@dataclass
class _Tally:
    lines: int = 0
    items: int = 0

    def checked(self, lines: Iterable[ExportLine], model: type[Strict]) -> Iterator[bytes]:
        """The lines in blocks of the zip writer's size (so it passes them on without copying
        them again), each line either within the format's bounds (the store checked them) or
        validated against `model` here (ValidationError if it does not fit)."""
        block: list[bytes] = []
        size = 0
        for line in lines:
            if not line.fits:
                model.model_validate_json(line.json)
            self.lines += 1
            self.items += line.items
            block += (line.json, b"\n")
            size += len(line.json) + 1
            if size >= BLOCK:
                yield b"".join(block)  # the lines are copied once, here
                block, size = [], 0
        if block:
            yield b"".join(block)


def jsonl(records: Iterable[BaseModel]) -> Iterator[bytes]:
    for record in records:
        yield record.model_dump_json().encode() + b"\n"


def write_export(
    file: BinaryIO,
    key: Ed25519PrivateKey,
    device_id: str,
    export_seq: int,
    responses: Iterable[ExportLine],
    paradata: Iterable[ExportLine],
    refs: list[QuestionnaireRef],
    sources_for: SourcesFor,
    covers_from: int | None = None,
    reviews: list[ReviewRecord] | None = None,
) -> Manifest:
    """Write one export archive to `file`, signed by `key`; return its manifest.

    `responses` and `paradata` are the store's lines of `ResponseRecord` and `ParadataRecord`
    (checked against sync/bounds.py), `refs` the questionnaire versions they use; a line that
    does not validate raises pydantic's ValidationError. A forwarding file's `reviews` make it
    format version 2, with `reviews.jsonl`.
    """
    responses_seen, paradata_seen = _Tally(), _Tally()
    with ArchiveWriter(file) as archive:
        digests = {
            RESPONSES: archive.add(RESPONSES, responses_seen.checked(responses, ResponseRecord)),
            PARADATA: archive.add(PARADATA, paradata_seen.checked(paradata, ParadataRecord)),
        }
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
                responses=responses_seen.lines,
                answers=responses_seen.items,
                paradata=paradata_seen.items,
                reviews=len(reviews) if reviews else None,
            ),
            members=digests,
        )
        raw = manifest.model_dump_json(indent=1, exclude_none=True).encode()
        archive.add(MANIFEST, [raw])
        archive.add(SIGNATURE, [key.sign(raw)])
    return manifest
