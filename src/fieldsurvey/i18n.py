"""The app's own words in the user's language, from gettext catalogues (`locale/`).

Question texts come from the questionnaire; every word around them (buttons, hints, messages of
the engine, the scores, `fieldsurvey ask`) is written in English in the code, marked with `tr`,
`trc` or `N_`, and translated in `locale/<lang>/LC_MESSAGES/fieldsurvey.po` (compiled to `.mo`,
read here with the standard library's `gettext`). An office adds a language by adding a catalogue:
no code names the languages. A string missing from a catalogue falls back to English, so a
half-translated screen is still usable; `fieldsurvey validate --translations` lists the gaps.
See docs/translations.md.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from fieldsurvey.paths import locale_dirs

DOMAIN = "fieldsurvey"
SOURCE_LANGUAGE = "en"


def N_(message: str) -> str:
    """Mark `message` for extraction where it is translated later (tables, enum values)."""
    return message


def _directory_name(language: str) -> str:
    """`zh-Hant` -> `zh_Hant`: gettext's folder naming for a questionnaire language code."""
    return language.replace("-", "_")


def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of `language`; English (the msgids themselves) when there is none."""
    return _load(language, locale_dirs())


@cache
def _load(language: str, folders: tuple[Path, ...]) -> gettext.NullTranslations:
    """The first folder's catalogue, falling back string by string to the next folders'."""
    found = gettext.NullTranslations()
    if language == SOURCE_LANGUAGE:
        return found
    for folder in reversed(folders):
        names = [_directory_name(language)]
        layer = gettext.translation(DOMAIN, folder, languages=names, fallback=True)
        if type(layer) is not gettext.NullTranslations:
            layer.add_fallback(found)
            found = layer
    return found


def _format(translated: str, source: str, values: dict[str, object]) -> str:
    """Fill `{name}` placeholders; a translation with broken placeholders falls back to English."""
    if not values:
        return translated
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        return source.format(**values)


def tr(message: str, language: str = SOURCE_LANGUAGE, **values: object) -> str:
    """`message` (English) in `language`, with `{name}` placeholders filled from `values`."""
    return _format(catalogue(language).gettext(message), message, values)


def trc(context: str, message: str, language: str = SOURCE_LANGUAGE, **values: object) -> str:
    """As `tr`, for an English text that needs different words in different places."""
    return _format(catalogue(language).pgettext(context, message), message, values)


def catalogue_languages() -> tuple[str, ...]:
    """English and every language with a compiled catalogue, in code order."""
    found = {
        path.parent.parent.name.replace("_", "-")
        for folder in locale_dirs()
        for path in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
    }
    return (SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE}))


def language_name(language: str) -> str:
    """The language named in itself ("中文", "ខ្មែរ"), so anyone finds their own in a list.

    Each catalogue translates the one string "English" (context "language name") into its own
    name; a language without a catalogue shows its code.
    """
    name = trc("language name", "English", language)
    return name if name != "English" or language == SOURCE_LANGUAGE else language
