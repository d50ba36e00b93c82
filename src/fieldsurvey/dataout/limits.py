"""What SPSS and Stata files can hold, and how names and labels are fitted into them.

Limits measured with pyreadstat 1.3 (ReadStat): in .sav, variable labels past 256 bytes,
value labels past 120 bytes and the file label past 64 bytes are cut silently (possibly in
the middle of a Khmer cluster); in .dta (format 119), variable and file labels past 80
characters and value labels past 32,000 bytes are refused, and names past 32 characters too.
So fieldsurvey fits every label itself, at a character boundary that splits no cluster, ends
it with "…" and counts it (the codebook keeps every label whole); names are mapped to unique
ones within the limit, and the map is in the codebook.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

ELLIPSIS = "…"
KHMER_COENG = "\u17d2"
"""Khmer sign that joins the next consonant below: text must not end on it."""


@dataclass(frozen=True)
class Limits:
    """One file format's limits on names and labels (None: no limit to fit)."""

    name: str
    name_chars: int
    variable_label_chars: int | None
    variable_label_bytes: int | None
    value_label_chars: int | None
    value_label_bytes: int | None
    file_label_chars: int | None
    file_label_bytes: int | None
    reserved: frozenset[str]
    case_insensitive: bool


SPSS = Limits(
    name="sav",
    name_chars=64,
    variable_label_chars=None,
    variable_label_bytes=256,
    value_label_chars=None,
    value_label_bytes=120,
    file_label_chars=None,
    file_label_bytes=64,
    reserved=frozenset(
        ["all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"]
    ),  # SPSS command-syntax keywords, not usable as names
    case_insensitive=True,
)
STATA = Limits(
    name="dta",
    name_chars=32,
    variable_label_chars=80,
    variable_label_bytes=None,
    value_label_chars=None,
    value_label_bytes=32_000,
    file_label_chars=80,
    file_label_bytes=None,
    reserved=frozenset(
        [
            "_all",
            "_b",
            "byte",
            "_coef",
            "_cons",
            "double",
            "float",
            "if",
            "in",
            "int",
            "long",
            "_n",
            "_N",
            "_pi",
            "_pred",
            "_rc",
            "_skip",
            "strl",
            "using",
            "with",
        ]
    ),  # Stata's reserved names (help reswords)
    case_insensitive=False,
)
FORMAT_LIMITS = {"sav": SPSS, "dta": STATA}


def map_names(names: Sequence[str], limits: Limits) -> list[str]:
    """Names valid and unique in the format, in the same order: a name too long is cut and,
    if that makes it equal to another, numbered (`_2`, `_3`...) — never a duplicate."""
    taken: set[str] = set()
    out: list[str] = []
    for name in names:
        base = _valid(name)[: limits.name_chars]
        candidate, number = base, 2
        while _key(candidate, limits) in taken or candidate.lower() in limits.reserved:
            suffix = f"_{number}"
            candidate = base[: limits.name_chars - len(suffix)] + suffix
            number += 1
        taken.add(_key(candidate, limits))
        out.append(candidate)
    return out


def _valid(name: str) -> str:
    """Letters, digits and underscores, starting with a letter."""
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return cleaned if cleaned[:1].isalpha() else f"v{cleaned}"


def _key(name: str, limits: Limits) -> str:
    return name.lower() if limits.case_insensitive else name


def fit(text: str, max_chars: int | None, max_bytes: int | None) -> str:
    """`text` if it fits, else its longest start that fits with "…" after it, cut between
    characters and never inside a cluster (before a combining mark or after a Khmer coeng)."""
    if _fits(text, max_chars, max_bytes):
        return text
    end = min(len(text), max_chars or len(text), max_bytes or len(text))
    while end > 0 and not _fits(text[:end] + ELLIPSIS, max_chars, max_bytes):
        end -= 1
    while end > 0 and (unicodedata.category(text[end])[0] == "M" or text[end - 1] == KHMER_COENG):
        end -= 1
    return text[:end] + ELLIPSIS


def _fits(text: str, max_chars: int | None, max_bytes: int | None) -> bool:
    if max_chars is not None and len(text) > max_chars:
        return False
    return max_bytes is None or len(text.encode("utf-8")) <= max_bytes
