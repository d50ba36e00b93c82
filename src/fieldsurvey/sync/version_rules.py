"""The questionnaire version each record of a file was made with, parsed once and checked.

A file ships the YAML source of every version it uses; a version it does not ship must be
installed here. Either way the source is parsed, checked and hashed, and used only if it
hashes to the version the records name. Parsing the bundled questionnaire takes a tenth of a
second, and 200 files from one round all ship the same text, so each distinct source is parsed
once per process (`parsed_version`, keyed by the text itself).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from fieldsurvey.paths import bundled_questionnaire_path
from fieldsurvey.questionnaire import Questionnaire, QuestionnaireError, questionnaire_hash
from fieldsurvey.questionnaire.loader import (
    legacy_questionnaire_hash,
    questionnaire_from_document,
)
from fieldsurvey.questionnaire.yaml_source import SourceError, parse_yaml
from fieldsurvey.sync.conformance import Rules
from fieldsurvey.sync.errors import Reason, RejectedFile
from fieldsurvey.sync.fileformat import QuestionnaireRef

CACHED_VERSIONS = 8


@dataclass(frozen=True)
class ParsedVersion:
    questionnaire: Questionnaire
    hash: str
    """Its canonical hash (`questionnaire_hash`)."""
    legacy_hash: str
    """Its hash as builds before the canonical form computed it (with this build's model)."""
    rules: Rules


@functools.lru_cache(maxsize=CACHED_VERSIONS)
def parsed_version(source: str) -> ParsedVersion:
    """`source` parsed, checked and hashed; QuestionnaireError or SourceError if unusable."""
    questionnaire = questionnaire_from_document(parse_yaml(source), "<questionnaire in file>")
    return ParsedVersion(
        questionnaire,
        questionnaire_hash(questionnaire),
        legacy_questionnaire_hash(questionnaire),
        Rules.of(questionnaire),
    )


def checked_version(
    ref: QuestionnaireRef, source: str, installed: Mapping[str, str] | None = None
) -> ParsedVersion:
    """The version `source` holds, if it is the one `ref` names; else RejectedFile.

    `ref.hash` names `source` if it is its canonical hash, or its hash as earlier builds
    computed it, or if this database vouches for it (`_vouched`).
    """
    try:
        parsed = parsed_version(source)
    except QuestionnaireError as exc:
        raise _unusable(ref, str(exc.problems[0])) from None
    except SourceError as exc:
        raise _unusable(ref, exc.message) from None
    named = ref.hash in (parsed.hash, parsed.legacy_hash) or _vouched(ref, parsed, installed or {})
    same = (parsed.questionnaire.id, parsed.questionnaire.version) == (ref.id, ref.version)
    if not same or not named:
        raise _unusable(ref, "its source does not match its id, version or hash")
    return parsed


def _vouched(ref: QuestionnaireRef, parsed: ParsedVersion, installed: Mapping[str, str]) -> bool:
    """An older name of content held here: `ref.hash` is installed here with the same
    canonical content (the migration or an earlier merge recorded the name), or not bound
    here at all while this id and version are installed, or are this installation's own
    questionnaire, with the same canonical content. Either way the records are checked
    against content this database or this program already holds."""
    bound = installed.get(ref.hash)
    if bound is not None:
        return canonical_of(bound) == parsed.hash
    same = (parsed.questionnaire.id, parsed.questionnaire.version)
    held = [*installed.values(), *_own_questionnaire()]
    return any(_identity(text) == same and canonical_of(text) == parsed.hash for text in held)


def _own_questionnaire() -> list[str]:
    """The source of the questionnaire this installation interviews with (bundled, or
    `$FIELDSURVEY_QUESTIONNAIRE`): content the program itself vouches for, so a supervisor
    needs no interview of its own before merging files that name it by an older hash."""
    try:
        return [bundled_questionnaire_path().read_text(encoding="utf-8")]
    except OSError:
        return []


def canonical_of(source: str) -> str | None:
    """The canonical hash of an installed source (None if it no longer loads)."""
    try:
        return parsed_version(source).hash
    except (QuestionnaireError, SourceError):
        return None


def _identity(source: str) -> tuple[str, str] | None:
    try:
        questionnaire = parsed_version(source).questionnaire
    except (QuestionnaireError, SourceError):
        return None
    return questionnaire.id, questionnaire.version


def rules_by_hash(
    refs: list[QuestionnaireRef], shipped: Mapping[str, str], installed: Mapping[str, str]
) -> dict[str, Rules]:
    """The rules of every version a manifest lists, from the file or from this database."""
    rules: dict[str, Rules] = {}
    for ref in refs:
        source = shipped.get(ref.hash) or installed.get(ref.hash)
        if source is None:
            raise RejectedFile(
                Reason.UNKNOWN_QUESTIONNAIRE, id=ref.id, version=ref.version, hash=ref.hash
            )
        rules[ref.hash] = checked_version(ref, source, installed).rules
    return rules


def _unusable(ref: QuestionnaireRef, detail: str) -> RejectedFile:
    return RejectedFile(Reason.BAD_QUESTIONNAIRE, id=ref.id, version=ref.version, detail=detail)
