"""Why a return file was refused: one catalogue, so the CLI, the UI and the tests agree.

File-level problems a return file shares with export files (damaged zip, bad signature,
oversized...) keep the export catalogue's `sync.errors.Reason`; the ones only a return file
can have are here. Either way nothing on the device changed.
"""

from __future__ import annotations

from enum import Enum

from fieldsurvey.sync.errors import Reason


class Refusal(Enum):
    NO_SUPERVISOR = (
        "no supervisor key is set on this device; run `fieldsurvey devices trust-supervisor "
        "KEY` with the key `fieldsurvey devices --self` prints on the supervisor's machine"
    )
    UNTRUSTED = (
        "signed by key {found}, not by the supervisor this device trusts ({trusted}); "
        "nothing was changed"
    )
    ENCRYPTED = (
        "the file is encrypted; give this device's age secret key with --identity "
        "(the key the supervisor encrypted it for with --to)"
    )
    OTHER_DEVICE = "made for device {devices}, not for this device {device}"
    OLDER = (
        "made {created}, not newer than the return file received here before (made {latest}); "
        "a return file never goes back in time"
    )
    NEVER_HAD = "{name}:{line}: interview {uuid} was never on this device"
    UNKNOWN_REVISION = "{name}:{line}: interview {uuid} has no revision {revision} on this device"
    OTHER_QUESTIONNAIRE = (
        "{name}:{line}: interview {uuid} was made with questionnaire {found} here, "
        "the file says {claimed}"
    )
    UNKNOWN_QUESTION = (
        "{name}:{line}: interview {uuid}: a note names question {question!r}, which its "
        "questionnaire does not have"
    )
    DUPLICATE = "{name}:{line}: interview {uuid} appears twice"
    BAD_RECORD = "{name}:{line}: {detail}"
    NOT_DECLARED = "{name}: holds {found} questionnaire versions; the manifest declares {declared}"
    COUNT_MISMATCH = "{name} holds {found} records, the manifest says {declared}"
    LEAK = (
        "{name}: {where} shows a result of fewer than {min_n} respondents; "
        "min-n suppression must hold in a return file"
    )


class ReturnRefused(Exception):
    """A return file refused before anything was written, with the reason."""

    def __init__(self, reason: Refusal | Reason, **details: object) -> None:
        self.reason = reason
        self.details = details
        super().__init__(reason.value.format(**details))
