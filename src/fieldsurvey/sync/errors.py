"""Why an export file was refused: one catalogue, so the CLI, the UI and the tests agree.

Every rejection names a `Reason`; its template is filled with the details of the case. Tests
assert on the reason, not on a copied sentence. The templates are marked for translation
(`N_`): a screen or a command with a `--lang` fills the template of its language.
"""

from __future__ import annotations

from enum import Enum

from pydantic import ValidationError

from fieldsurvey.i18n import N_


class Reason(Enum):
    UNREADABLE = N_("cannot read the file ({detail})")
    EMPTY = N_("the file is empty")
    TOO_LARGE = N_("the file is {size} bytes, over the {limit}-byte limit")
    ENCRYPTED_NO_IDENTITY = N_("the file is encrypted; give the supervisor key with --identity")
    WRONG_IDENTITY = N_("the file is encrypted for another key (none of the given keys opens it)")
    DECRYPT_FAILED = N_("the encrypted file is damaged or truncated ({detail})")
    NOT_ZIP = N_("not a fieldsurvey export file (not a zip archive)")
    DAMAGED_ZIP = N_("the file is damaged or truncated ({detail})")
    UNSAFE_NAME = N_("the archive holds an unsafe member name {name!r}")
    UNEXPECTED_MEMBER = N_("the archive holds an unexpected member {name!r}")
    MISSING_MEMBER = N_("the archive lacks {name}")
    DUPLICATE_MEMBER = N_("the archive holds {name} twice")
    UNSUPPORTED_MEMBER = N_("the archive's {name} uses an unsupported compression or encryption")
    BOMB = N_("the archive's {name} expands too much ({detail}); refusing to unpack it")
    BAD_MANIFEST = N_("manifest.json is invalid: {detail}")
    NEWER_FORMAT = N_(
        "made by a newer fieldsurvey (format {version}, this one reads up to {supported}); "
        "upgrade fieldsurvey to merge it"
    )
    BAD_SIGNATURE = N_("the signature does not match manifest.json (the file was altered)")
    KEY_MISMATCH = N_(
        "device {device} is known with another key; this file was signed by a different key"
    )
    DIGEST_MISMATCH = N_(
        "{name} does not match its checksum in the manifest (the file was altered)"
    )
    BAD_RECORD = N_("{name}:{line}: {detail}")
    HASH_MISMATCH = N_("{name}:{line}: response {uuid} does not match its content hash")
    DUPLICATE_RECORD = N_("{name}:{line}: response {uuid} revision {content_hash} appears twice")
    DUPLICATE_REVIEW = N_(
        "{name}:{line}: the review decision on {uuid} of line {first} appears twice"
    )
    UNKNOWN_REVIEWED = N_(
        "{name}:{line}: a review decision on interview {uuid} revision {content_hash}, "
        "which is neither in the file nor in this database"
    )
    INVALID_REVIEW = N_("{name}: a review decision is refused: {problem}")
    MEMBER_NOT_LISTED = N_("the archive holds {name}, which manifest.json does not list")
    COUNT_MISMATCH = N_("{name} holds {found} records, the manifest says {declared}")
    UNKNOWN_QUESTIONNAIRE = N_(
        "questionnaire {id} version {version} ({hash}) is neither in the file nor installed here"
    )
    BAD_QUESTIONNAIRE = N_("the file's questionnaire {id} version {version} is unusable: {detail}")
    UNDECLARED_QUESTIONNAIRE = N_(
        "{name}:{line}: questionnaire {hash} is not listed in the manifest"
    )
    ORPHAN_PARADATA = N_("{name}:{line}: paradata for a response the file does not hold ({uuid})")
    STORE_FAILED = N_("the records could not be stored ({detail})")
    INVALID_RECORDS = N_("{name}: records do not fit their questionnaire: {problems}")
    FUTURE_SIGNING = N_("manifest.json: created_at {stamp} is {detail}")
    VERSION_SPOOF = N_(
        "questionnaire {id} version {version} is installed here with other content "
        "(here {installed}, in the file {hash}); changed content needs a new version"
    )
    OWN_DEVICE = N_(
        "the file claims to come from this database's own device {device}; "
        "a device does not merge its own files"
    )
    SEQ_REPLAYED = N_(
        "device {device} export {seq} was merged before with other content "
        "(file {earlier}); this one ({sha256}) is refused"
    )
    BLOCKED_DEVICE = N_("device {device} is blocked here (fieldsurvey devices --log says when)")
    NOT_ENROLLED = N_("device {device} is not enrolled here, and --enrolled-only was given")
    UNEXPECTED = N_("the file could not be read ({detail})")


Detail = str | int | float
"""A rejection's parameter as a template shows it: a number, or the text of anything else."""


def plain_details(details: dict[str, object]) -> dict[str, Detail]:
    """`details` with every value a number or its text, so the template fills the same."""
    return {
        name: value if isinstance(value, int | float | str) else str(value)
        for name, value in details.items()
    }


class RejectedFile(Exception):
    """An export file refused before anything was written, with the reason."""

    def __init__(self, reason: Reason, **details: object) -> None:
        self.reason = reason
        self.details = details
        super().__init__(reason.value.format(**details))

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as its reason, message and details (merge's helper process sends
        rejections back, and the Sync screen words them in its language); a detail that
        may not pickle (an exception) travels as its text."""
        return (_unpickled, (self.reason, str(self), plain_details(self.details)))


def _unpickled(reason: Reason, message: str, details: dict[str, Detail]) -> RejectedFile:
    exc = RejectedFile.__new__(RejectedFile)
    Exception.__init__(exc, message)
    exc.reason, exc.details = reason, dict(details)
    return exc


def first_error(exc: ValidationError) -> str:
    """pydantic's first complaint on one line: `field.path: message`."""
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg']}" if where else error["msg"]
