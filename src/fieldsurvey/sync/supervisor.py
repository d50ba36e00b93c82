"""This database's own identity, and the one supervisor key a field device trusts.

Return files (returnfile.py) travel from a supervisor back to the devices; a device accepts
only those signed by the key set here once (`fieldsurvey devices trust-supervisor KEY`, or
Settings), the key `fieldsurvey devices --self` prints on the supervisor's machine. Setting
it is a change of trust like any other: logged with who and when (`devices --log`).
"""

from __future__ import annotations

from pydantic import BaseModel

from fieldsurvey.safetext import terminal_text
from fieldsurvey.store.interface import DeviceTrust, Settings
from fieldsurvey.sync.keys import device_signing_key, public_key_text
from fieldsurvey.sync.trust import TrustError, fingerprint, is_public_key, log_change

SUPERVISOR_KEY_SETTING = "supervisor_public_key"
SUPERVISOR = "(supervisor)"
"""The device column of the log line: a supervisor is known by its key, not its id."""
TRUST_SUPERVISOR = "supervisor"
"""The log's action for a newly trusted supervisor key."""


class SelfIdentity(BaseModel):
    """What `devices --self` prints: give `public_key` to the devices this one supervises."""

    device_id: str
    public_key: str
    fingerprint: str

    def summary(self) -> str:
        rows = {"device id": self.device_id, "public key": self.public_key,
                "fingerprint": self.fingerprint}  # fmt: skip
        return "\n".join(terminal_text(f"{name:12s} {value}") for name, value in rows.items())


def self_identity(store: Settings) -> SelfIdentity:
    """This database's device id and signing key (made on first use)."""
    key = public_key_text(device_signing_key(store))
    return SelfIdentity(device_id=store.device_id(), public_key=key, fingerprint=fingerprint(key))


def trusted_supervisor(store: Settings) -> str | None:
    """The supervisor key this device trusts, or None when none is set yet."""
    return store.get_setting(SUPERVISOR_KEY_SETTING) or None


def trust_supervisor(store: DeviceTrust, public_key: str) -> str | None:
    """Trust `public_key` for return files (logged); return the key it replaces, if any.

    Refused (TrustError, nothing changed): text that is not an Ed25519 public key, and this
    database's own key (a device does not supervise itself).
    """
    key = public_key.strip()
    if not is_public_key(key):
        raise TrustError(
            f"{key[:60]!r} is not a public key; give the base64 key that "
            "`fieldsurvey devices --self` prints on the supervisor's machine"
        )
    if key == self_identity(store).public_key:
        raise TrustError("that is this database's own key; give the supervisor's key")
    with store.unit_of_work():
        before = trusted_supervisor(store)
        if before == key:
            return before  # asking twice changes nothing and logs nothing
        store.set_setting(SUPERVISOR_KEY_SETTING, key)
        replaced = f"replaces {fingerprint(before)}" if before else None
        log_change(store, SUPERVISOR, key, TRUST_SUPERVISOR, detail=replaced)
    return before
