"""A return file's zip, signed by the supervisor's device key: written by the export file's
own zip writer (sync/zipwriter.py) with the return format's members (format.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldsurvey import __version__
from fieldsurvey.returns.format import (
    OFFICE_REPORT,
    QUESTIONNAIRES,
    RETURN_FORMAT_VERSION,
    RETURN_MEMBERS,
    RETURNED,
    OfficeReport,
    ReturnCounts,
    ReturnedInterview,
    ReturnManifest,
)
from fieldsurvey.store.records import utc_now
from fieldsurvey.sync.fileformat import (
    MANIFEST,
    SIGNATURE,
    QuestionnaireRef,
    QuestionnaireSource,
)
from fieldsurvey.sync.keys import public_key_text
from fieldsurvey.sync.writer import jsonl
from fieldsurvey.sync.zipwriter import ArchiveWriter


@dataclass(frozen=True)
class ReturnContent:
    """Everything one return file carries (returns/build.py gathers it)."""

    devices: Sequence[str] | None
    returned: Sequence[ReturnedInterview]
    current: QuestionnaireSource | None
    report: OfficeReport


def write_return(
    file: BinaryIO, key: Ed25519PrivateKey, supervisor: str, content: ReturnContent
) -> ReturnManifest:
    """Write the return archive to `file`, signed by `key`; return its manifest."""
    sources = [content.current] if content.current is not None else []
    with ArchiveWriter(file, RETURN_MEMBERS, ()) as archive:
        digests = {
            RETURNED: archive.add(RETURNED, jsonl(content.returned)),
            QUESTIONNAIRES: archive.add(QUESTIONNAIRES, jsonl(sources)),
            OFFICE_REPORT: archive.add(OFFICE_REPORT, [content.report.model_dump_json().encode()]),
        }
        current = content.current
        manifest = ReturnManifest(
            format_version=RETURN_FORMAT_VERSION,
            app_version=__version__,
            supervisor_device_id=supervisor,
            supervisor_public_key=public_key_text(key),
            created_at=utc_now(),
            devices=None if content.devices is None else sorted(content.devices),
            current=None if current is None else _ref(current),
            counts=ReturnCounts(returned=len(content.returned), questionnaires=len(sources)),
            members=digests,
        )
        raw = manifest.model_dump_json(indent=1).encode()
        archive.add(MANIFEST, [raw])
        archive.add(SIGNATURE, [key.sign(raw)])
    return manifest


def _ref(source: QuestionnaireSource) -> QuestionnaireRef:
    return QuestionnaireRef(id=source.id, version=source.version, hash=source.hash)
