"""Questionnaire versions installed in the store, keyed by their hash, with their source.

Every response names the hash of the questionnaire it was made with. Keeping each version's
source in the store means a draft or a merged response stays readable after the bundled file
changes.
"""

from __future__ import annotations

from fieldsurvey.questionnaire import Questionnaire, questionnaire_hash
from fieldsurvey.questionnaire.loader import questionnaire_from_document
from fieldsurvey.store.interface import Questionnaires
from fieldsurvey.store.records import InstalledQuestionnaire, utc_now


def install_questionnaire(
    store: Questionnaires,
    questionnaire: Questionnaire,
    source: str | None = None,
    *,
    known_hash: str | None = None,
) -> str:
    """Record this version unless it is there already; return its hash.

    `source` should be the YAML text it was loaded from; without it the model's JSON is stored,
    which is valid YAML too, so `load_installed` reads either. `known_hash` skips rehashing.
    """
    digest = known_hash or questionnaire_hash(questionnaire)
    if store.installed(digest) is not None:
        return digest  # every interview start calls this: skip serialising the model
    text = source if source is not None else questionnaire.model_dump_json(indent=1)
    canonical = digest if known_hash is None else questionnaire_hash(questionnaire)
    row = InstalledQuestionnaire(
        digest, questionnaire.id, questionnaire.version, text, utc_now(), canonical
    )
    store.add_questionnaire(row)
    return digest


def load_installed(store: Questionnaires, digest: str) -> Questionnaire | None:
    """The installed version with this hash, parsed and checked, or None if not installed.

    A stored source whose canonical hash is no longer the one recorded when it was installed
    (a model change that altered its meaning) counts as not installed: answering it with a
    different model would corrupt the response. `digest` may be an earlier build's name for
    it (docs/trust-model.md): the recorded canonical hash is what is checked.
    """
    row = store.installed(digest)
    if row is None:
        return None
    # Imported here: PyYAML costs ~15 ms, and Home's draft overviews import this module
    # while the app starts, for drafts that almost always use the bundled version.
    from fieldsurvey.questionnaire.yaml_source import parse_yaml

    questionnaire = questionnaire_from_document(parse_yaml(row.source), f"<installed {row.hash}>")
    return questionnaire if questionnaire_hash(questionnaire) == (row.canonical or digest) else None
