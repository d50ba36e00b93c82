"""The questionnaire versions an export file's responses were made with.

A file ships the YAML source of every version its responses use, so a supervisor can merge
responses made with a version not installed here yet. Such a version is installed only if its
source loads, passes every questionnaire check and hashes to the hash the responses name; a
version neither installed nor shipped makes the file unmergeable.
"""

from __future__ import annotations

from fieldsurvey.questionnaire import Questionnaire
from fieldsurvey.store.interface import Questionnaires
from fieldsurvey.store.questionnaires import install_questionnaire
from fieldsurvey.store.records import InstalledQuestionnaire
from fieldsurvey.sync.errors import Reason, RejectedFile
from fieldsurvey.sync.fileformat import QuestionnaireSource
from fieldsurvey.sync.reader import ExportFile
from fieldsurvey.sync.version_rules import canonical_of, checked_version

Installable = list[tuple[Questionnaire, QuestionnaireSource]]


def versions_to_install(store: Questionnaires, export: ExportFile) -> Installable:
    """Versions the file uses that are not installed, each checked against its hash.

    A version whose id and version number are installed here with other content is refused:
    records made with it would be scored as if they answered the installed text. The same
    content under another name (a hash from an earlier build) is installed under that name
    too, so the records naming it find it.
    """
    shipped = {source.hash: source for source in export.questionnaires}
    out: Installable = []
    for ref in export.manifest.questionnaires:
        if store.installed(ref.hash) is not None:
            continue
        others = {h: store.installed(h) for h in store.hashes_of_version(ref.id, ref.version)}
        source = shipped.get(ref.hash)
        parsed = None if source is None else checked_version(ref, source.source, _sources(others))
        for other, row in others.items():
            if parsed is None or row is None or canonical_of(row.source) != parsed.hash:
                raise RejectedFile(
                    Reason.VERSION_SPOOF,
                    id=ref.id,
                    version=ref.version,
                    installed=other,
                    hash=ref.hash,
                )
        if source is None or parsed is None:
            raise RejectedFile(
                Reason.UNKNOWN_QUESTIONNAIRE, id=ref.id, version=ref.version, hash=ref.hash
            )
        out.append((parsed.questionnaire, source))
    return out


def _sources(rows: dict[str, InstalledQuestionnaire | None]) -> dict[str, str]:
    return {digest: row.source for digest, row in rows.items() if row is not None}


def install_versions(store: Questionnaires, versions: Installable) -> None:
    for questionnaire, source in versions:
        install_questionnaire(store, questionnaire, source.source, known_hash=source.hash)
