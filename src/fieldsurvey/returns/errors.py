"""Why a return file was refused: one catalogue, so the CLI, the UI and the tests agree.

File-level problems a return file shares with export files (damaged zip, bad signature,
oversized...) keep the export catalogue's `sync.errors.Reason`; the ones only a return file
can have are here. Either way nothing on the device changed.

A refusal is a code and its parameters: each template is marked for translation (`N_`), and
`ReturnRefused.words(language)` fills the template of that language, so the Receive tab and
`fieldsurvey receive --lang` say why in the user's language (str() stays English, for logs).
"""

from __future__ import annotations

from enum import Enum

from fieldsurvey.i18n import N_, tr
from fieldsurvey.sync.errors import Reason


class Refusal(Enum):
    NO_SUPERVISOR = N_(
        "no supervisor key is set on this device; run `fieldsurvey devices trust-supervisor "
        "KEY` with the key `fieldsurvey devices --self` prints on the supervisor's machine"
    )
    UNTRUSTED = N_(
        "signed by key {found}, not by the supervisor this device trusts ({trusted}); "
        "nothing was changed"
    )
    ENCRYPTED = N_(
        "the file is encrypted; give this device's age secret key with --identity "
        "(the key the supervisor encrypted it for with --to)"
    )
    OTHER_DEVICE = N_("made for device {devices}, not for this device {device}")
    OTHER_DEVICES = N_("made for devices {devices} and {more} more, not for this device {device}")
    OLDER = N_(
        "made {created}, not newer than the return file received here before (made {latest}); "
        "a return file never goes back in time"
    )
    NEVER_HAD = N_("{name}:{line}: interview {uuid} was never on this device")
    UNKNOWN_REVISION = N_(
        "{name}:{line}: interview {uuid} has no revision {revision} on this device"
    )
    OTHER_QUESTIONNAIRE = N_(
        "{name}:{line}: interview {uuid} was made with questionnaire {found} here, "
        "the file says {claimed}"
    )
    UNKNOWN_QUESTION = N_(
        "{name}:{line}: interview {uuid}: a note names question {question!r}, which its "
        "questionnaire does not have"
    )
    DUPLICATE = N_("{name}:{line}: interview {uuid} appears twice")
    BAD_RECORD = N_("{name}:{line}: {detail}")
    NOT_DECLARED = N_(
        "{name}: holds {found} questionnaire versions; the manifest declares {declared}"
    )
    COUNT_MISMATCH = N_("{name} holds {found} records, the manifest says {declared}")
    LEAK = N_(
        "{name}: {where} shows a result of fewer than {min_n} respondents; "
        "min-n suppression must hold in a return file"
    )


class ReturnRefused(Exception):
    """A return file refused before anything was written, with the reason."""

    def __init__(self, reason: Refusal | Reason, **details: object) -> None:
        self.reason = reason
        self.details = details
        super().__init__(reason.value.format(**details))

    def words(self, language: str) -> str:
        """The reason in `language` (English where its catalogue lacks the template)."""
        return refusal_words(self.reason, self.details, language)


def refusal_words(reason: Refusal | Reason, details: dict[str, object], language: str) -> str:
    """A refusal's template in `language`, filled with its parameters; the parameters
    themselves (ids, dates, fingerprints, a validator's detail) are shown as they are."""
    return tr(reason.value, language, **details)
