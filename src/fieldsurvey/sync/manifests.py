"""A signed manifest, checked the same way in every file format that has one: export files
(reader.py) and return files (fieldsurvey.returns.reader).

The format version comes first (a newer file may add fields this version rejects as
unknown), then the schema, then the signature over the exact bytes, then the signing time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

import pydantic_core
from pydantic import BaseModel, ValidationError

from fieldsurvey.sync.archive import Archive
from fieldsurvey.sync.conformance import signing_time_problem
from fieldsurvey.sync.errors import Reason, RejectedFile, first_error
from fieldsurvey.sync.fileformat import MANIFEST, SIGNATURE
from fieldsurvey.sync.keys import signature_is_valid

M = TypeVar("M", bound=BaseModel)


def verified_manifest(
    archive: Archive,
    model: type[M],
    supported: int,
    signer: Callable[[M], str],
    created: Callable[[M], str],
) -> M:
    """`manifest.json` as `model`, signed by the key `signer` names; RejectedFile if not."""
    raw = archive.read(MANIFEST)
    try:  # pydantic's parser bounds nesting (json.loads would raise RecursionError)
        document = pydantic_core.from_json(raw)
    except ValueError as exc:
        raise RejectedFile(Reason.BAD_MANIFEST, detail=exc) from None
    version = document.get("format_version") if isinstance(document, dict) else None
    if isinstance(version, int) and version > supported:
        raise RejectedFile(Reason.NEWER_FORMAT, version=version, supported=supported)
    try:
        manifest = model.model_validate(document)
    except ValidationError as exc:
        raise RejectedFile(Reason.BAD_MANIFEST, detail=first_error(exc)) from None
    if not signature_is_valid(signer(manifest), raw, archive.read(SIGNATURE)):
        raise RejectedFile(Reason.BAD_SIGNATURE)
    late = signing_time_problem(created(manifest), datetime.now(UTC))
    if late is not None:
        raise RejectedFile(Reason.FUTURE_SIGNING, stamp=created(manifest), detail=late)
    return manifest
