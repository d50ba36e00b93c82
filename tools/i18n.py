"""The gettext catalogues' developer tool, on Babel (a dev dependency; the app reads .mo files
with the standard library only). See docs/translations.md.

    uv run python tools/i18n.py extract     # code -> src/fieldsurvey/locale/fieldsurvey.pot
    uv run python tools/i18n.py update      # .pot -> each locale/<lang>/LC_MESSAGES/fieldsurvey.po
    uv run python tools/i18n.py compile     # each .po -> its .mo (committed beside it)
    uv run python tools/i18n.py all         # the three above, in order
    uv run python tools/i18n.py init LANG   # a new language's .po from the .pot
    uv run python tools/i18n.py check       # exit 1 when the .pot, a .po or a .mo is stale
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "fieldsurvey"
LOCALE = PACKAGE / "locale"
DOMAIN = "fieldsurvey"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
KEYWORDS = {
    "tr": None,  # fieldsurvey.i18n.tr(message, language, **values)
    "t": None,  # a screen's self.t(message, **values)
    "N_": None,  # marked where defined, translated later
    "trc": ((1, "c"), 2),  # trc(context, message, language)
    "Binding": (3,),  # Textual key bindings: the footer translates the description
}
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
"""Headers carry this date, so re-running a step changes no file that has no new string."""


def _options() -> dict[str, object]:
    return {"width": 100, "sort_output": True, "include_lineno": False}


def extract() -> Catalog:
    """Every string marked in the package, with the files it comes from."""
    template = Catalog(
        project="fieldsurvey",
        msgid_bugs_address="https://github.com/fieldsurvey/fieldsurvey/issues",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        fuzzy=False,
    )
    found = extract_from_dir(
        PACKAGE,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
        directory_filter=lambda path: "locale" not in Path(path).parts,
    )
    for filename, lineno, message, comments, context in found:
        location = (str(Path("src/fieldsurvey") / filename), lineno)
        template.add(message, None, [location], auto_comments=comments, context=context)
    return template


def catalogue_paths() -> Iterator[Path]:
    yield from sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, domain=DOMAIN)


def write(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, **_options())  # type: ignore[arg-type]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def merged(po: Catalog, template: Catalog) -> Catalog:
    """`po` brought in line with `template`; review marks (fuzzy) survive on kept strings."""
    fuzzy = {(m.id, m.context) for m in po if m.fuzzy and m.id}
    po.update(template, no_fuzzy_matching=True, update_creation_date=False)
    for message in po:
        if message.id and (message.id, message.context) in fuzzy:
            message.flags.add("fuzzy")
    po.revision_date = FIXED_DATE
    return po


def compiled(po: Catalog) -> bytes:
    """The .mo of `po`, review-marked strings included: shown until a native speaker checks them."""
    buffer = io.BytesIO()
    write_mo(buffer, po, use_fuzzy=True)
    return buffer.getvalue()


def stale() -> list[str]:
    """What `all` would change, one line per file."""
    problems = []
    template = extract()
    keys = {(m.id, m.context) for m in template if m.id}
    if not TEMPLATE.exists() or {(m.id, m.context) for m in read(TEMPLATE) if m.id} != keys:
        problems.append(f"{TEMPLATE.relative_to(ROOT)}: run `tools/i18n.py all`")
    for path in catalogue_paths():
        po = read(path)
        if {(m.id, m.context) for m in po if m.id} != keys:
            problems.append(f"{path.relative_to(ROOT)}: run `tools/i18n.py update`")
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(po):
            problems.append(f"{mo.relative_to(ROOT)}: run `tools/i18n.py compile`")
    return problems


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command in ("extract", "all"):
        write(TEMPLATE, extract())
    if command in ("update", "all"):
        template = read(TEMPLATE)
        for path in catalogue_paths():
            write(path, merged(read(path), template))
    if command in ("compile", "all"):
        for path in catalogue_paths():
            path.with_suffix(".mo").write_bytes(compiled(read(path)))
    if command == "init":
        language = argv[1]
        path = LOCALE / language.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"
        if path.exists():
            print(f"{path}: already there; use `update`", file=sys.stderr)
            return 2
        po = read(TEMPLATE)
        po.locale = language.replace("-", "_")
        write(path, po)
        print(f"{path.relative_to(ROOT)}: translate it, then run `tools/i18n.py compile`")
    if command == "check":
        problems = stale()
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
