"""Opening an export file's zip defensively.

Export files come from USB sticks and messaging apps, so the reader trusts nothing in the zip
directory: member names are checked before anything is unpacked (no `..`, absolute paths or
backslashes, only the members the format defines, each once), and declared sizes and
compression ratios are bounded before a byte is inflated. Reads are capped too, since the
directory can lie about sizes.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from fieldsurvey.sync.errors import Reason, RejectedFile
from fieldsurvey.sync.fileformat import MEMBERS, OPTIONAL_MEMBERS

MiB = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
CHUNK = MiB
SMALL_MEMBER = MiB
"""Members below this size are not held to the ratio bound (tiny files compress oddly)."""


class Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...


@dataclass(frozen=True)
class Limits:
    """Bounds on what a merge will read; lower them in tests to exercise the checks cheaply."""

    max_file_bytes: int = 200 * MiB
    max_unpacked_bytes: int = 2048 * MiB
    max_ratio: int = 200


DEFAULT_LIMITS = Limits()


class Archive:
    """A checked zip: only the format's members, each bounded in size and ratio."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            if data.startswith(ZIP_MAGIC):
                detail = f"no readable zip directory: {exc}"
                raise RejectedFile(Reason.DAMAGED_ZIP, detail=detail) from None
            raise RejectedFile(Reason.NOT_ZIP) from None
        self._infos = _checked_infos(self._zip.infolist(), limits)

    def has(self, name: str) -> bool:
        return name in self._infos

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def read(self, name: str) -> bytes:
        """The whole member, exactly; its declared size was bounded when the archive opened."""
        return b"".join(self.chunks(name))

    def lines(self, name: str, hasher: Hasher) -> Iterator[bytes]:
        """The member's lines (without newlines), feeding every byte to `hasher` too."""
        rest = b""
        for chunk in self.chunks(name):
            hasher.update(chunk)
            *lines, rest = (rest + chunk).split(b"\n")
            yield from lines
        if rest:
            yield rest

    def chunks(self, name: str) -> Iterator[bytes]:
        """The member in large pieces (ZipExtFile.readline is slow), never past its size."""
        left = self._infos[name].file_size
        try:
            with self._zip.open(self._infos[name]) as stream:
                while chunk := stream.read(min(CHUNK, left + 1)):
                    left -= len(chunk)
                    if left < 0:
                        raise RejectedFile(Reason.BOMB, name=name, detail="more than declared")
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise RejectedFile(Reason.DAMAGED_ZIP, detail=exc) from None


def _checked_infos(infos: list[zipfile.ZipInfo], limits: Limits) -> dict[str, zipfile.ZipInfo]:
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        if _unsafe(name):
            raise RejectedFile(Reason.UNSAFE_NAME, name=name)
        if name not in MEMBERS and name not in OPTIONAL_MEMBERS:
            raise RejectedFile(Reason.UNEXPECTED_MEMBER, name=name)
        if name in by_name:
            raise RejectedFile(Reason.DUPLICATE_MEMBER, name=name)
        if info.flag_bits & 0x1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise RejectedFile(Reason.UNSUPPORTED_MEMBER, name=name)
        _check_expansion(info, limits)
        by_name[name] = info
    for name in MEMBERS:
        if name not in by_name:
            raise RejectedFile(Reason.MISSING_MEMBER, name=name)
    total = sum(info.file_size for info in infos)
    if total > limits.max_unpacked_bytes:
        detail = f"{total} bytes unpacked, limit {limits.max_unpacked_bytes}"
        raise RejectedFile(Reason.BOMB, name="archive", detail=detail)
    return by_name


def _unsafe(name: str) -> bool:
    parts = name.split("/")
    return name.startswith("/") or "\\" in name or ":" in name or ".." in parts or "\x00" in name


def _check_expansion(info: zipfile.ZipInfo, limits: Limits) -> None:
    name, size = info.filename, info.file_size
    if size > limits.max_unpacked_bytes:
        detail = f"{size} bytes unpacked, limit {limits.max_unpacked_bytes}"
        raise RejectedFile(Reason.BOMB, name=name, detail=detail)
    ratio = size / max(info.compress_size, 1)
    if size > SMALL_MEMBER and ratio > limits.max_ratio:
        detail = f"ratio {ratio:.0f}:1, limit {limits.max_ratio}:1"
        raise RejectedFile(Reason.BOMB, name=name, detail=detail)
