"""Choosing one language from a questionnaire text, the same way everywhere.

A questionnaire text maps language codes to words (`{"en": ..., "zh": ...}`). Engine,
scoring, CLI and UI all show it in the user's language, falling back on the questionnaire's
default language and then on any language the author wrote, so a missing translation shows
the words that exist rather than nothing.
"""

from __future__ import annotations

from collections.abc import Mapping


def text_in(text: Mapping[str, str] | None, language: str, fallback: str) -> str:
    """`text` in `language`, else in `fallback`, else in any language; "" when it has none."""
    if not text:
        return ""
    return text.get(language) or text.get(fallback) or next(iter(text.values()), "")
