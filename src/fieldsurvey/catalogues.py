"""What each language's gettext catalogue lacks: `fieldsurvey validate --translations`.

The app reads compiled `.mo` files; this reads the `.po` sources beside them and the template
(`fieldsurvey.pot`) so an office can see, per language, which of the app's strings still show in
English, which wait for a native speaker's review (marked fuzzy), and which translations have
placeholders that do not match the English (those fall back to English at run time).
"""

from __future__ import annotations

import ast
import string
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fieldsurvey.i18n import DOMAIN, SOURCE_LANGUAGE
from fieldsurvey.paths import BUNDLED_LOCALE_DIR, locale_dirs

TEMPLATE = BUNDLED_LOCALE_DIR / f"{DOMAIN}.pot"


@dataclass(frozen=True)
class Entry:
    """One message of a .po file (obsolete `#~` entries are not read)."""

    context: str | None
    msgid: str
    msgstr: str
    fuzzy: bool


def _unquote(line: str, path: Path, number: int) -> str:
    try:
        value = ast.literal_eval(line)
    except (SyntaxError, ValueError):
        value = None
    if not isinstance(value, str):
        raise ValueError(f"{path}:{number}: expected a quoted string, found {line[:40]!r}")
    return value


def read_po(path: Path) -> list[Entry]:
    """The messages of a .po file; a malformed line is a ValueError naming file and line."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    fuzzy = False
    current = ""

    def close() -> None:
        nonlocal fuzzy
        if fields.get("msgid"):
            entries.append(
                Entry(fields.get("msgctxt"), fields["msgid"], fields.get("msgstr", ""), fuzzy)
            )
        fields.clear()
        fuzzy = False

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if "msgid" in fields:
                close()
            fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
        elif line.startswith('"'):
            fields[current] = fields.get(current, "") + _unquote(line, path, number)
        else:
            keyword, _, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and "msgid" in fields:
                close()
            current = "msgstr" if keyword == "msgstr[0]" else keyword
            fields[current] = _unquote(rest, path, number)
    close()
    return entries


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a message ("{alpha:.2f}" counts as `alpha`)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


@dataclass(frozen=True)
class LanguageReport:
    """One language's gaps against the template."""

    language: str
    catalogue: Path | None
    total: int
    missing: tuple[str, ...]
    review: int
    broken: tuple[str, ...]

    def lines(self) -> list[str]:
        """The CLI's words: a summary line, then each string that needs a translator."""
        where = "no catalogue" if self.catalogue is None else str(self.catalogue)
        head = f"{self.language}: {len(self.missing)} of {self.total} missing ({where})"
        if self.review:
            head += f", {self.review} to review by a native speaker"
        if self.broken:
            head += f", {len(self.broken)} with placeholders unlike the English"
        shown = [f"  missing: {m!r}" for m in self.missing] if self.catalogue else []
        return [head, *shown, *(f"  placeholders: {b!r}" for b in self.broken)]


def catalogue_path(language: str) -> Path | None:
    """The .po the app reads `language` from (an office's folder first), if there is one."""
    relative = Path(language.replace("-", "_"), "LC_MESSAGES", f"{DOMAIN}.po")
    return next((d / relative for d in locale_dirs() if (d / relative).exists()), None)


def language_report(language: str, template: list[Entry]) -> LanguageReport:
    path = catalogue_path(language)
    found = {(e.context, e.msgid): e for e in read_po(path)} if path else {}
    missing, broken, review = [], [], 0
    for wanted in template:
        entry = found.get((wanted.context, wanted.msgid))
        if entry is None or not entry.msgstr:
            missing.append(wanted.msgid)
            continue
        review += entry.fuzzy
        if placeholders(entry.msgstr) != placeholders(wanted.msgid):
            broken.append(wanted.msgid)
    return LanguageReport(
        language,
        path,
        len(template),
        tuple(missing),
        review,
        tuple(broken),
    )


def translation_report(languages: Iterable[str]) -> list[LanguageReport]:
    """Each language but English (the source), in code order, once."""
    template = read_po(TEMPLATE)
    wanted = sorted(set(languages) - {SOURCE_LANGUAGE})
    return [language_report(language, template) for language in wanted]
