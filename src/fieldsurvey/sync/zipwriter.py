"""Writing an export file's zip: members in the format's order, fixed timestamps, streamed.

Lines are gathered into blocks of about a megabyte, and each block is hashed and compressed
in a helper thread while the caller produces the next one (hashlib, zlib and SQLite all
release the GIL), which takes a third off exporting 20,000 interviews.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, BinaryIO

from fieldsurvey.sync.fileformat import OPTIONAL_MEMBERS, WRITE_ORDER, MemberDigest

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
BLOCK = 1024 * 1024
COMPRESS_LEVEL = 3
"""Measured on 123 MiB of jsonl: level 6 takes 2.5x as long for a file only 10% smaller."""


class ArchiveWriter:
    def __init__(
        self,
        file: BinaryIO,
        order: Sequence[str] = WRITE_ORDER,
        optional: Collection[str] = OPTIONAL_MEMBERS,
    ) -> None:
        """`order`: every member's name in the order they are written, `optional` those that
        may be left out (a return file has its own: fieldsurvey/returns/format.py)."""
        self._zip = zipfile.ZipFile(file, "w")
        self._order = list(order)
        self._optional = optional
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldsurvey-zip")

    def add(self, name: str, chunks: Iterable[bytes]) -> MemberDigest:
        """Write the next member from `chunks`; return its sha256 and size."""
        while self._order and self._order[0] != name and self._order[0] in self._optional:
            self._order.pop(0)
        if not self._order or self._order.pop(0) != name:
            raise ValueError(f"{name} written out of order")
        info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = COMPRESS_LEVEL  # type: ignore[attr-defined]  # public from 3.13
        info.external_attr = 0o644 << 16
        hasher, size = hashlib.sha256(), 0
        with self._zip.open(info, "w") as stream:
            writing: Future[int] | None = None
            try:
                for block in _blocks(chunks):
                    size += len(block)
                    if writing is not None:
                        writing.result()
                    writing = self._pool.submit(_digest_and_write, hasher, stream, block)
            finally:  # never close the member under a write still running
                if writing is not None:
                    writing.result()
        return MemberDigest(sha256=hasher.hexdigest(), size=size)

    def __enter__(self) -> ArchiveWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        """Finish the zip; after a failure, only release it (the file is discarded anyway)."""
        self._pool.shutdown()
        try:
            self._zip.close()
        except (OSError, ValueError):
            if kind is None:
                raise


def _digest_and_write(hasher: hashlib._Hash, stream: IO[bytes], block: bytes) -> int:
    """In the helper thread, one block after the other: hashing and compressing both release
    the GIL, so neither holds up the thread building the next block."""
    hasher.update(block)
    return stream.write(block)


def _blocks(chunks: Iterable[bytes]) -> Iterator[bytes]:
    pending: list[bytes] = []
    size = 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size >= BLOCK:
            yield b"".join(pending)
            pending, size = [], 0
    if pending:
        yield b"".join(pending)
