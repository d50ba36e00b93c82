"""The bundled questionnaire went from 2.0 to 2.1 (short labels, a reworded message): a
database an earlier install filled on 2.0 still opens, scores, and merges both ways with
devices on 2.1, the two versions scored together on the items they share (all of them). The
changed content kept under the number 2.0 is what devices refuse as version spoofing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from return_helpers import dump, ok, run

from fieldsurvey.paths import bundled_questionnaire_path, cache_dir
from fieldsurvey.questionnaire import load_questionnaire, questionnaire_hash
from fieldsurvey.questionnaire.cache import load_questionnaire_cached
from fieldsurvey.scoring.frame import ItemLayout

EARLIER_HASH = "8c3118d70547c672f018dc915e76a8a02586df7299c8e932fc6caf6f8c455e90"
"""The hash of the bundled 2.0 as main shipped it before 2.1 (git 6bde185), which proves
`earlier_questionnaire` rebuilds exactly that content."""

EARLIER_INVALIDITY = {
    "en": "If illness or an accident leaves you unable to work for good, social security pays "
    "you a monthly pension. No more than one person in {one_in} here knows this: share it "
    "with someone who should.",
    "zh": "如果疾病或事故让您永久丧失劳动能力，社保会每月为您发放病残津贴。"
    "在这里，每{one_in}个人中至多只有一人知道这一点，请转告需要的人。",
    "km": "ប្រសិនបើជំងឺ ឬគ្រោះថ្នាក់ ធ្វើឱ្យអ្នកមិនអាចធ្វើការបានជារៀងរហូត "
    "សន្តិសុខសង្គមផ្តល់ប្រាក់សោធនប្រចាំខែដល់អ្នក។ នៅទីនេះ ក្នុងចំណោមមនុស្ស {one_in} នាក់ "
    "មានយ៉ាងច្រើនតែម្នាក់ប៉ុណ្ណោះដែលដឹងរឿងនេះ៖ សូមចែករំលែកទៅអ្នកដែលគួរដឹង។",
}
EARLIER_KM_NOTE = "version 2.0 texts; have a native speaker back-translate them into English"


def _without_short_labels(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_short_labels(v) for k, v in node.items() if k != "short"}
    if isinstance(node, list):
        return [_without_short_labels(item) for item in node]
    return node


def earlier_document(version: str = "2.0") -> dict[str, Any]:
    """The bundled questionnaire as an earlier install had it: no `short:` labels and the
    invalidity message's earlier words."""
    text = bundled_questionnaire_path().read_text(encoding="utf-8")
    document: dict[str, Any] = _without_short_labels(yaml.safe_load(text))
    document["version"] = version
    [message] = [m for m in document["messages"] if m["id"] == "aw-invalidity-social"]
    message["text"] = EARLIER_INVALIDITY
    [km] = [t for t in document["translations"] if t["language"] == "km"]
    km["note"] = EARLIER_KM_NOTE
    return document


def write(document: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return path


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(earlier_document(), tmp_path_factory.mktemp("earlier") / "earlier-2.0.yaml")


def scores(db: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(ok(db, "scores", "--format", "json"))
    return document


def merged(db: Path, file: Path) -> dict[str, Any]:
    files: list[dict[str, Any]] = json.loads(ok(db, "merge", str(file), "--json"))["files"]
    return files[0]


def test_the_earlier_2_0_is_rebuilt_exactly_and_shares_every_item_with_the_bundled(
    earlier: Path,
) -> None:
    old = load_questionnaire(earlier)
    new = load_questionnaire_cached(bundled_questionnaire_path(), cache_dir())
    assert questionnaire_hash(old) == EARLIER_HASH
    assert old.version == "2.0" != new.version
    assert ItemLayout.of(old).ids == ItemLayout.of(new).ids
    assert old.scales == new.scales


def test_a_2_0_database_opens_scores_and_merges_with_a_2_1_device(
    earlier: Path, tmp_path: Path
) -> None:
    old_db, new_db = tmp_path / "old.db", tmp_path / "new.db"
    ok(old_db, "demo", "--responses", "12", "--device", "old", "--questionnaire", str(earlier))
    ok(new_db, "demo", "--responses", "12", "--seed", "1", "--device", "new")
    ok(old_db, "export", "--out", str(tmp_path / "old.fsx"))
    ok(new_db, "export", "--out", str(tmp_path / "new.fsx"))
    # the upgraded app on the earlier database: its 2.0 interviews are there and score
    assert scores(old_db)["responses"] == 12
    assert (merged(old_db, tmp_path / "new.fsx")["added"]) == 12
    assert (merged(new_db, tmp_path / "old.fsx")["added"]) == 12
    for db in (old_db, new_db):
        report = scores(db)
        assert report["responses"] == 24
        assert not [w for w in report.get("warnings", []) if w.get("code") == "versions"]
        assert all(area["n"] > 12 for area in report["areas"])  # both versions' respondents
        assert "Accessibility" in ok(db, "scores")  # the table too
    old_areas, new_areas = scores(old_db)["areas"], scores(new_db)["areas"]
    assert [(a["id"], a["n"]) for a in old_areas] == [(a["id"], a["n"]) for a in new_areas]
    assert [a["score"] for a in old_areas] == pytest.approx([a["score"] for a in new_areas])


def test_the_changed_content_under_the_old_number_is_refused_as_spoofing(
    earlier: Path, tmp_path: Path
) -> None:
    """Why 2.1 is a new number: the same content called 2.0 is refused where the earlier 2.0
    is installed, and the refusal changes nothing."""
    bundled = yaml.safe_load(bundled_questionnaire_path().read_text(encoding="utf-8"))
    unbumped = write({**bundled, "version": "2.0"}, tmp_path / "unbumped.yaml")
    old_db, new_db = tmp_path / "old.db", tmp_path / "new.db"
    ok(old_db, "demo", "--responses", "1", "--questionnaire", str(earlier))
    ok(new_db, "demo", "--responses", "1", "--questionnaire", str(unbumped))
    ok(new_db, "export", "--out", str(tmp_path / "new.fsx"))
    before = dump(old_db)
    code, _, err = run(old_db, "merge", str(tmp_path / "new.fsx"))
    assert code != 0
    assert "version 2.0 is installed here with other content" in err
    assert dump(old_db) == before
