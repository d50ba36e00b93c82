"""Every adapter's public methods raise the store's errors, never its driver's: one class
decorator wraps them once, at import (store/sqlite/store.py, store/postgres/store.py)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from fieldsurvey.store.errors import StoreError

T = TypeVar("T", bound=type)
Convert = Callable[[Any, Any], StoreError]
"""(the store, the driver's exception) -> our error."""


def _wrapped(method: Callable[..., Any], driver: type[Exception], convert: Convert) -> Any:
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:  # not a context manager: this runs on every call, and one costs more
            return method(self, *args, **kwargs)
        except driver as exc:
            raise convert(self, exc) from exc

    return wrapper


def map_errors(
    driver: type[Exception], convert: Convert, unwrapped: Iterable[str]
) -> Callable[[T], T]:
    """Wrap the public methods every base of the decorated class defines, except
    `unwrapped` (members that map errors themselves or are not storage calls). A method an
    adapter's mixin overrides is wrapped as the mixin has it, as Python resolves it."""
    skip = frozenset(unwrapped)

    def decorate(cls: T) -> T:
        seen: set[str] = set()
        for part in cls.__mro__[1:]:
            for name, member in vars(part).items():
                if name in seen or name in skip or name.startswith("_") or not callable(member):
                    continue
                seen.add(name)
                setattr(cls, name, _wrapped(member, driver, convert))
        return cls

    return decorate
