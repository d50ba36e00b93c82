"""The gettext catalogues: English fallback, languages added without code, the review mark."""

from __future__ import annotations

import importlib.util
import io
import re
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po
from click.testing import CliRunner

from fieldsurvey.catalogues import TEMPLATE, read_po, translation_report
from fieldsurvey.cli import main
from fieldsurvey.i18n import catalogue_languages, language_name, tr, trc
from fieldsurvey.paths import LOCALE_ENV, bundled_questionnaire_path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_SIZE = len(read_po(TEMPLATE))


def tool() -> ModuleType:
    """tools/i18n.py, the developer's extract/update/compile script."""
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_catalogue(folder: Path, language: str, strings: dict[str, str]) -> Path:
    """An office's own catalogue: the .po a translator saves and the .mo compiled from it."""
    catalog = Catalog(locale=language.replace("-", "_"))
    for msgid, msgstr in strings.items():
        context, _, text = msgid.rpartition("\x04")
        catalog.add(text, msgstr, context=context or None)
    target = folder / language.replace("-", "_") / "LC_MESSAGES"
    target.mkdir(parents=True)
    for name, writer in (("fieldsurvey.po", write_po), ("fieldsurvey.mo", write_mo)):
        buffer = io.BytesIO()
        writer(buffer, catalog)
        (target / name).write_bytes(buffer.getvalue())
    return target / "fieldsurvey.po"


@pytest.fixture
def office_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(LOCALE_ENV, str(tmp_path / "locale"))
    return tmp_path / "locale"


def test_catalogues_are_up_to_date_with_the_code() -> None:
    """Every marked string is in the template and each .po; each .mo is compiled from its .po."""
    assert tool().stale() == []


def test_no_message_is_an_old_style_key() -> None:
    """`tr("home.device")` would show the key itself: the code must say the English words."""
    keys = [e.msgid for e in read_po(TEMPLATE) if re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", e.msgid)]
    assert keys == []


def test_bundled_languages_translate_and_fall_back_to_english() -> None:
    assert tr("Settings", "zh") == "设置"
    assert tr("{done}/{total} answered", "zh", done=2, total=62) == "已答 2/62"
    assert tr("A sentence no catalogue has", "zh") == "A sentence no catalogue has"
    assert tr("Settings", "lo") == "Settings"  # no Lao catalogue: English
    assert [language_name(code) for code in ("en", "zh", "km", "lo")] == [
        "English",
        "中文",
        "ខ្មែរ",
        "lo",
    ]


def test_khmer_is_marked_for_a_native_speakers_review() -> None:
    km = read_po(ROOT / "src/fieldsurvey/locale/km/LC_MESSAGES/fieldsurvey.po")
    assert km and all(entry.fuzzy for entry in km if entry.msgstr)
    assert tr("Settings", "km") == "ការកំណត់"  # shown meanwhile
    (report,) = translation_report(["km"])
    assert report.review == TEMPLATE_SIZE and report.missing == ()


def test_bundled_translations_keep_every_placeholder() -> None:
    assert [(r.language, r.broken) for r in translation_report(["zh", "km"])] == [
        ("km", ()),
        ("zh", ()),
    ]


def test_an_office_adds_lao_without_a_code_change(office_locale: Path) -> None:
    write_catalogue(
        office_locale,
        "lo",
        {"Settings": "ການຕັ້ງຄ່າ", "language name\x04English": "ລາວ", "Office": "ຫ້ອງການ"},
    )
    assert "lo" in catalogue_languages()
    assert (tr("Settings", "lo"), language_name("lo")) == ("ການຕັ້ງຄ່າ", "ລາວ")
    assert tr("Save", "lo") == "Save"  # not translated yet: English
    assert tr("Settings", "zh") == "设置"  # the bundled languages are still there


def test_an_office_catalogue_corrects_one_bundled_string(office_locale: Path) -> None:
    write_catalogue(office_locale, "km", {"Settings": "ការកំណត់ (កែ)"})
    assert tr("Settings", "km") == "ការកំណត់ (កែ)"
    assert tr("Save", "km") == "រក្សាទុក"  # every other string from the bundled catalogue


def test_a_translation_with_broken_placeholders_shows_english(office_locale: Path) -> None:
    write_catalogue(office_locale, "lo", {"{done}/{total} answered": "ຕອບແລ້ວ {don}/{total}"})
    assert tr("{done}/{total} answered", "lo", done=1, total=3) == "1/3 answered"
    (report,) = translation_report(["lo"])
    assert report.broken == ("{done}/{total} answered",)


def test_validate_translations_lists_what_each_language_lacks(
    office_locale: Path, tmp_path: Path
) -> None:
    form = yaml.safe_load(bundled_questionnaire_path().read_text(encoding="utf-8"))
    form["languages"] = [*form["languages"], "th"]
    add_thai(form)
    path = tmp_path / "with-thai.yaml"
    path.write_text(yaml.safe_dump(form, allow_unicode=True), encoding="utf-8")
    write_catalogue(office_locale, "lo", {"Settings": "ການຕັ້ງຄ່າ"})

    result = CliRunner().invoke(main, ["validate", "--translations", str(path)])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    heads = {line.split(":")[0]: line for line in lines if not line.startswith(" ")}
    assert heads["th"] == f"th: {TEMPLATE_SIZE} of {TEMPLATE_SIZE} missing (no catalogue)"
    assert heads["lo"].startswith(f"lo: {TEMPLATE_SIZE - 1} of {TEMPLATE_SIZE} missing (")
    assert "  missing: 'Save'" in lines  # each string listed for the Lao translator
    assert heads["km"].endswith(f", {TEMPLATE_SIZE} to review by a native speaker")
    assert heads["zh"].startswith(f"zh: 0 of {TEMPLATE_SIZE} missing")


def test_validate_needs_a_file_or_translations() -> None:
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 2
    assert "give one or more questionnaire files (or --translations)" in result.output


def test_a_malformed_po_line_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "x.po"
    broken.write_text('msgid "Save"\nmsgstr Sauver\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.po:2: expected a quoted string"):
        read_po(broken)


def test_context_keeps_same_english_apart() -> None:
    assert trc("language name", "English", "zh") == "中文"
    assert tr("English", "zh") == "English"  # no context: not the language-name entry


def add_thai(node: object) -> None:
    """Give every multilingual text of the questionnaire a Thai copy (its English)."""
    if isinstance(node, dict):
        if "en" in node and all(isinstance(v, str) for v in node.values()):
            node["th"] = node["en"]
        for value in node.values():
            add_thai(value)
    elif isinstance(node, list):
        for value in node:
            add_thai(value)


def test_ask_takes_any_language_of_the_questionnaire_and_refuses_others(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = CliRunner().invoke(main, ["ask", "--lang", "lo", "--db", str(db)])
    assert result.exit_code == 2
    assert "'lo' is not a language of the questionnaire (en, zh, km)" in result.output
    assert not db.exists()  # refused before anything was opened
