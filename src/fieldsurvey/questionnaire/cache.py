"""A checked questionnaire kept ready, so the app does not parse and check it at every start.

Loading the bundled questionnaire means reading YAML, building the pydantic validators and
running every whole-questionnaire check: about 90 ms of a start-up that should take half a
second (bench/bench_startup.py). The file rarely changes, so the checked model is pickled once
into the user's cache folder and read back (1-2 ms) while nothing it depends on has changed.

The cache key is a sha256 of the questionnaire file's bytes, the source of this package (the
model and every check), fieldsurvey's, pydantic's and Python's versions: any change to the file
or to the code that judged it makes a new key, so a stale or unchecked model is never used.
`fieldsurvey validate` never reads the cache.

Cache files are written 0600 into a folder only the user can write, the same trust as the
installed code itself; an unreadable, corrupt or foreign file is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from fieldsurvey import __version__
from fieldsurvey.questionnaire.loader import load_questionnaire
from fieldsurvey.questionnaire.model import Questionnaire

CACHE_FORMAT = b"fieldsurvey-questionnaire-cache 1"


def load_questionnaire_cached(file: Path, cache_dir: Path | None) -> Questionnaire:
    """`load_questionnaire(file)`, served from `cache_dir` while file and code are unchanged.

    Raises what `load_questionnaire` raises; an invalid questionnaire is never cached. With
    `cache_dir` None the file is loaded and checked as usual.
    """
    if cache_dir is None:
        return load_questionnaire(file)
    try:
        source = file.read_bytes()
    except OSError:
        return load_questionnaire(file)  # reports the missing or unreadable file
    return load_source_cached(source, lambda: load_questionnaire(file), cache_dir)


def load_source_cached(
    source: bytes, load: Callable[[], Questionnaire], cache_dir: Path | None
) -> Questionnaire:
    """`load()`, which reads and checks `source` (a file's bytes, or a version installed in
    the database), served from `cache_dir` while `source` and the code are unchanged."""
    if cache_dir is None:
        return load()
    cached = cache_dir / f"{cache_key(source)}.pickle"
    questionnaire = _read(cached)
    if questionnaire is None:
        questionnaire = load()
        _write(cached, questionnaire)
    return questionnaire


def cache_key(source: bytes) -> str:
    """The key of a questionnaire file's bytes under this code."""
    digest = hashlib.sha256(CACHE_FORMAT)
    digest.update(code_fingerprint().encode("ascii"))
    digest.update(source)
    return digest.hexdigest()


@cache
def code_fingerprint() -> str:
    """Versions and the source of this package: what decides whether a file is valid."""
    import pydantic

    digest = hashlib.sha256(f"{__version__} {pydantic.VERSION} {sys.version_info[:2]}".encode())
    package = Path(__file__).parent
    for module in sorted(package.rglob("*.py")):  # xlsform/ judges workbooks
        digest.update(str(module.relative_to(package)).encode("utf-8"))
        digest.update(module.read_bytes())
    return digest.hexdigest()


def _read(path: Path) -> Questionnaire | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        loaded = pickle.loads(data)  # our own file, in a folder only the user can write
    except Exception:  # a truncated or foreign file: load the questionnaire again
        return None
    return loaded if isinstance(loaded, Questionnaire) else None


def _write(path: Path, questionnaire: Questionnaire) -> None:
    """Write atomically; a cache that cannot be written only costs the next start time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(questionnaire, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return
