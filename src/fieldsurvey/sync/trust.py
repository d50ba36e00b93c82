"""The trust model (docs/trust-model.md): who signed a file, and what that signer may change.

A signature proves which key wrote a file. Here merge decides what the key may do: a file
claiming this database's own device, from a blocked device, signed by another key than the
one known for its device, or reusing an export sequence number with other content is refused
whole (`admit`); a key seen for the first time is learned with trust `seen`; each record then
gets the authority its signer has over it (`Signer.authority_for`), which store/lineage.py
uses to hold what may not become the head. Key management (`enrol`, `change_trust`, `forget`)
logs every change with who and when.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
from dataclasses import dataclass
from enum import StrEnum

from fieldsurvey.store.interface import Conflicts, DeviceTrust
from fieldsurvey.store.lineage import FULL, OWN, RELAYED, Revision, held, owners
from fieldsurvey.store.records import DeviceRow, TrustLogRow, utc_now
from fieldsurvey.sync.errors import Reason, RejectedFile
from fieldsurvey.sync.fileformat import Manifest
from fieldsurvey.sync.review_merge import release_held

MIN_PREFIX = 6
"""Shortest device id prefix a command accepts."""


class Trust(StrEnum):
    SEEN = "seen"
    ENROLLED = "enrolled"
    TRUSTED = "trusted"
    BLOCKED = "blocked"


class TrustError(ValueError):
    """A device that cannot be named or changed as asked."""


@dataclass(frozen=True)
class Signer:
    """The device that signed a file, and its trust here (None: seen for the first time)."""

    device: str
    trust: Trust | None

    def authority_for(self, maker: str) -> int:
        """What this signer's word is worth for a revision made on device `maker`."""
        if self.trust is Trust.TRUSTED:
            return FULL
        return OWN if maker == self.device else RELAYED


def admit(
    store: DeviceTrust, manifest: Manifest, sha256: str, *, enrolled_only: bool = False
) -> Signer:
    """The file's signer if its file may be merged here at all; RejectedFile otherwise."""
    device = manifest.device_id
    if device == store.device_id():
        raise RejectedFile(Reason.OWN_DEVICE, device=device)
    known = store.known_device(device)
    if known is not None and known.public_key != manifest.device_public_key:
        raise RejectedFile(Reason.KEY_MISMATCH, device=device)
    trust = Trust(known.trust) if known is not None else None
    if trust is Trust.BLOCKED:
        raise RejectedFile(Reason.BLOCKED_DEVICE, device=device)
    if enrolled_only and trust not in (Trust.ENROLLED, Trust.TRUSTED):
        raise RejectedFile(Reason.NOT_ENROLLED, device=device)
    key, seq = manifest.device_public_key, manifest.export_seq
    earlier = [s for s in store.files_with_sequence(device, seq, key) if s != sha256]
    if earlier:
        raise RejectedFile(
            Reason.SEQ_REPLAYED,
            device=device,
            seq=manifest.export_seq,
            earlier=earlier[0][:16],
            sha256=sha256[:16],
        )
    return Signer(device, trust)


def held_reasons(revisions: list[Revision]) -> dict[str, str]:
    """Why each held revision of one interview is held, by content hash."""
    started_by = owners(revisions)
    started = ", ".join(sorted(started_by)) or "no device known here yet"
    reasons: dict[str, str] = {}
    for revision in revisions:
        if not held(revision, started_by):
            continue
        device = revision.device_id
        if revision.authority == RELAYED:
            reasons[revision.content_hash] = (
                f"only relayed by other devices, never sent by its maker {device}"
            )
        else:
            reasons[revision.content_hash] = (
                f"device {device} revised an interview started on {started}, "
                f"and its key is not trusted for that"
            )
    return reasons


def learn(store: DeviceTrust, manifest: Manifest, path: str) -> None:
    """Trust on first sight: remember the key (inside merge's unit), and log it."""
    at = utc_now()
    store.add_device(manifest.device_id, manifest.device_public_key, Trust.SEEN, at)
    key, by = manifest.device_public_key, f"merge of {path}"
    _log(store, at, manifest.device_id, key, "learned", by=by)


def fingerprint(public_key: str) -> str:
    """A short, comparable name for a key: the first 16 hex digits of its sha256, grouped."""
    try:
        raw = base64.b64decode(public_key, validate=True)
    except ValueError:
        raw = public_key.encode()
    digest = hashlib.sha256(raw).hexdigest()[:16]
    return ":".join(digest[i : i + 4] for i in range(0, 16, 4))


def find_device(store: DeviceTrust, name: str) -> DeviceRow:
    """The one device `name` (an id or a unique prefix of MIN_PREFIX characters) names."""
    found = store.devices_by_prefix(name)
    if len(found) == 1 and (found[0].device_id == name or len(name) >= MIN_PREFIX):
        return found[0]
    if not found:
        raise TrustError(f"no known device {name!r}; `fieldsurvey devices` lists them")
    if len(found) > 1:
        raise TrustError(f"{name!r} names {len(found)} devices; give more of the id")
    raise TrustError(f"give at least {MIN_PREFIX} characters of the device id")


def change_trust(store: Conflicts, name: str, trust: Trust) -> DeviceRow:
    """Set a known device's trust (trusted, blocked), logged; returns the device as it was.
    Trusting a device applies the review decisions held from it (review_merge.py)."""
    with store.unit_of_work():
        device = find_device(store, name)
        if device.trust != trust:  # asking twice changes nothing and logs nothing
            store.set_trust(device.device_id, trust)
            released = release_held(store, device.device_id) if trust is Trust.TRUSTED else 0
            detail = f"applied {released} held review decisions" if released else None
            _log(store, utc_now(), device.device_id, device.public_key, trust.value, detail=detail)
    return device


def forget(store: DeviceTrust, name: str) -> DeviceRow:
    """Remove a wrongly learned key; the device's next file teaches its key again."""
    with store.unit_of_work():
        device = find_device(store, name)
        store.delete_device(device.device_id)
        at = utc_now()
        _log(store, at, device.device_id, device.public_key, "forgotten", detail=device.trust)
    return device


def enrol(store: DeviceTrust, device: str, public_key: str) -> None:
    """Add a device's key before any of its files arrive (a supervisor preparing a round)."""
    if not _is_public_key(public_key):
        raise TrustError(f"{public_key!r} is not an Ed25519 public key (base64 of 32 bytes)")
    if device == store.device_id():
        raise TrustError(f"{device} is this database's own device")
    with store.unit_of_work():
        known = store.known_device(device)
        if known is not None and known.public_key != public_key:
            raise TrustError(f"{device} is known with another key; forget it first")
        if known is None:
            store.add_device(device, public_key, Trust.ENROLLED, utc_now())
        else:
            store.set_trust(device, Trust.ENROLLED)
        _log(store, utc_now(), device, public_key, "enrolled")


def _is_public_key(text: str) -> bool:
    try:
        return len(base64.b64decode(text, validate=True)) == 32
    except ValueError:
        return False


def _log(
    store: DeviceTrust,
    at: str,
    device: str,
    public_key: str,
    action: str,
    *,
    by: str | None = None,
    detail: str | None = None,
) -> None:
    store.log_trust(TrustLogRow(at, device, public_key, action, by or _who(store), detail))


def _who(store: DeviceTrust) -> str:
    """The person at this database: the interviewer in its settings, and the OS account."""
    try:
        account = getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (a container)
        account = "?"
    return f"{store.get_setting('interviewer') or '?'} ({account})"
