"""Language columns: `label::English (en)` in a workbook, `en` in the model.

XLSForm names a language by free text with its code in parentheses (the form ODK recommends);
the model keys texts by code. A column without a language suffix is pyxform's "default"
language: the settings sheet's `default_language`, or `und` (undetermined, ISO 639) when the
workbook does not say which language it is written in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

UNDETERMINED = "und"
NAMES = {
    "en": "English",
    "zh": "Chinese",
    "km": "Khmer",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "ar": "Arabic",
    "ru": "Russian",
    "vi": "Vietnamese",
    "lo": "Lao",
    "th": "Thai",
    "id": "Indonesian",
    UNDETERMINED: "Undetermined",
}
"""Names written in the headers of an exported workbook; other codes are written as such."""

_CODE = re.compile(r"\(\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\s*\)\s*$")
PYXFORM_DEFAULT = "default"


def column_name(code: str) -> str:
    """`en` -> `English (en)`: the suffix of an exported text column."""
    return f"{NAMES.get(code, code)} ({code})"


def code_of(name: str) -> str | None:
    """`English (en)` -> `en`; None when the name carries no code (`english`)."""
    found = _CODE.search(name)
    if found is None:
        return None
    primary, _, rest = found.group(1).partition("-")
    return primary.lower() + (f"-{rest}" if rest else "")


@dataclass
class Languages:
    """The workbook's languages by pyxform name, in column order, and the default one."""

    default: str
    codes: dict[str, str] = field(default_factory=dict)
    """pyxform language name -> code (a name without a code maps to itself: reported)."""

    @property
    def ordered(self) -> list[str]:
        return list(dict.fromkeys(self.codes.values()))

    def text(self, value: object) -> dict[str, str]:
        """A pyxform text (a string, or a dict by language name) keyed by code."""
        if isinstance(value, dict):
            out: dict[str, str] = {}
            for name, text in value.items():
                code = self.codes.get(name)
                if code is not None and str(text).strip():
                    out.setdefault(code, str(text))
            return out
        return {self.default: str(value)} if str(value).strip() else {}


def languages_of(headers: list[list[str]], default_name: str) -> tuple[Languages, list[str]]:
    """The languages named by `::` suffixes in `headers`, and the names that carry no code.

    `default_name` is pyxform's default language ("default" unless the settings sheet says).
    """
    default = code_of(default_name) or UNDETERMINED
    languages = Languages(default=default)
    missing: list[str] = []
    plain = any(h in ("label", "hint") for header in headers for h in header)
    if plain:
        languages.codes[PYXFORM_DEFAULT] = default
        languages.codes[default_name] = default
    for header in headers:
        for column in header:
            base, sep, name = column.partition("::")
            if not sep or base.startswith("media") or base in ("image", "audio", "video"):
                continue
            name = name.strip()
            code = code_of(name)
            if code is None:  # reported; keyed by its name so its texts are still checked
                missing.append(name)
            languages.codes.setdefault(name, code or name)
    if not languages.codes:
        languages.codes[PYXFORM_DEFAULT] = default
    if languages.default not in languages.ordered:  # every column names its language
        languages.default = languages.ordered[0]
    return languages, list(dict.fromkeys(missing))
