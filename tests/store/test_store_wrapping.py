"""`map_errors` (store/wrapping.py): what the adapters' stores are built with. A method an
adapter's mixin overrides from a shared part must run as the mixin has it, and still leave
with the store's error; members named unwrapped, and private ones, are left alone."""

from __future__ import annotations

import pytest

from fieldsurvey.store.errors import StoreError
from fieldsurvey.store.wrapping import map_errors


class DriverError(Exception):
    pass


class Part:
    """Like store/trust.py's TrustPart: written once, overridden where a database differs."""

    def read(self) -> str:
        return "part"

    def fail(self) -> str:
        raise DriverError("disk I/O error")

    def _hook(self) -> str:
        raise DriverError("private")


class Mixin(Part):
    def read(self) -> str:
        return "mixin"

    def fail(self) -> str:
        raise DriverError("the mixin's own failure")


class Base:
    def close(self) -> None:
        raise DriverError("closing")


def converted(store: object, exc: DriverError) -> StoreError:
    return StoreError(f"mapped: {exc}", path="db")


@map_errors(DriverError, converted, unwrapped={"close"})
class Store(Mixin, Base):
    pass


def test_the_mixins_override_runs_not_the_parts() -> None:
    assert Store().read() == "mixin"


def test_an_overridden_method_still_maps_the_drivers_error() -> None:
    with pytest.raises(StoreError, match="mapped: the mixin's own failure"):
        Store().fail()


def test_unwrapped_and_private_members_raise_the_drivers_error() -> None:
    with pytest.raises(DriverError, match="closing"):
        Store().close()
    with pytest.raises(DriverError, match="private"):
        Store()._hook()
