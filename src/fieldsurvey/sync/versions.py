"""The questionnaire versions an export file's responses were made with.

A file ships the YAML source of every version its responses use, so a supervisor can merge
responses made with a version not installed here yet. Such a version is installed only if its
source loads, passes every questionnaire check and hashes to the hash the responses name; a
version neither installed nor shipped makes the file unmergeable.
"""

from __future__ import annotations

from fieldsurvey.questionnaire import Questionnaire, QuestionnaireError, questionnaire_hash
from fieldsurvey.questionnaire.loader import questionnaire_from_document
from fieldsurvey.questionnaire.yaml_source import SourceError, parse_yaml
from fieldsurvey.store.interface import Questionnaires
from fieldsurvey.store.questionnaires import install_questionnaire
from fieldsurvey.sync.errors import Reason, RejectedFile
from fieldsurvey.sync.fileformat import QuestionnaireRef, QuestionnaireSource
from fieldsurvey.sync.reader import ExportFile

Installable = list[tuple[Questionnaire, QuestionnaireSource]]


def versions_to_install(store: Questionnaires, export: ExportFile) -> Installable:
    """Versions the file uses that are not installed, each checked against its hash."""
    shipped = {source.hash: source for source in export.questionnaires}
    out: Installable = []
    for ref in export.manifest.questionnaires:
        if store.installed(ref.hash) is not None:
            continue
        source = shipped.get(ref.hash)
        if source is None:
            raise RejectedFile(
                Reason.UNKNOWN_QUESTIONNAIRE, id=ref.id, version=ref.version, hash=ref.hash
            )
        out.append((_checked(ref, source), source))
    return out


def install_versions(store: Questionnaires, versions: Installable) -> None:
    for questionnaire, source in versions:
        install_questionnaire(store, questionnaire, source.source, known_hash=source.hash)


def _checked(ref: QuestionnaireRef, source: QuestionnaireSource) -> Questionnaire:
    try:
        questionnaire = questionnaire_from_document(parse_yaml(source.source), ref.id)
    except QuestionnaireError as exc:
        raise _unusable(ref, str(exc.problems[0])) from None
    except SourceError as exc:
        raise _unusable(ref, exc.message) from None
    found = (questionnaire.id, questionnaire.version, questionnaire_hash(questionnaire))
    if found != (ref.id, ref.version, ref.hash):
        raise _unusable(ref, "its source does not match its id, version or hash")
    return questionnaire


def _unusable(ref: QuestionnaireRef, detail: str) -> RejectedFile:
    return RejectedFile(Reason.BAD_QUESTIONNAIRE, id=ref.id, version=ref.version, detail=detail)
