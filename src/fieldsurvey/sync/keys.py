"""Keys: the device's Ed25519 signing key, supervisors' age keys, and devices seen before.

A device signs every export so the supervisor can tell its files from forgeries; the key is
made on first use and kept in `settings`. Supervisors hold an age X25519 identity: devices
encrypt to its public `age1...` recipient, so personal data travels only encrypted. Device
keys are learned on first sight (there is no network to ask); what each key may then change
is the trust model's business (trust.py).
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fieldsurvey.store.interface import Settings
from fieldsurvey.store.records import utc_now

SIGNING_KEY_SETTING = "device_signing_key"
RECIPIENT_PREFIX = "age1"


class KeyFileError(ValueError):
    """A key or recipient that cannot be used, with the reason."""


def device_signing_key(store: Settings) -> Ed25519PrivateKey:
    """This device's signing key, made and stored on first use."""
    stored = store.get_setting(SIGNING_KEY_SETTING)
    if stored is None:
        fresh = base64.b64encode(Ed25519PrivateKey.generate().private_bytes_raw()).decode()
        stored = store.set_setting_once(SIGNING_KEY_SETTING, fresh)  # a concurrent first use
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))


def public_key_text(key: Ed25519PrivateKey) -> str:
    """The public half as it appears in manifests and the `devices` table (base64)."""
    return base64.b64encode(key.public_key().public_bytes_raw()).decode()


def signature_is_valid(public_key: str, data: bytes, signature: bytes) -> bool:
    try:
        raw = base64.b64decode(public_key, validate=True)
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class SupervisorKeys:
    key_path: Path
    pub_path: Path
    recipient: str


def new_supervisor_keys(prefix: Path) -> SupervisorKeys:
    """Write `PREFIX.key` (secret, 0600, never overwritten) and `PREFIX.pub` (the recipient)."""
    key_path = prefix.with_name(prefix.name + ".key")
    pub_path = prefix.with_name(prefix.name + ".pub")
    for path in (key_path, pub_path):
        if path.exists():
            raise KeyFileError(f"{path}: already exists; a key is never overwritten")
    identity = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    text = f"# created: {utc_now()}\n# public key: {recipient}\n{identity}\n"
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text)
    pub_path.write_text(recipient + "\n", encoding="ascii")
    return SupervisorKeys(key_path, pub_path, recipient)


def _key_lines(path: Path) -> list[str]:
    """The non-comment lines of an age key or recipients file."""
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(f"{path}: cannot read the key file ({exc})") from exc
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def parse_recipients(values: list[str]) -> list[pyrage.x25519.Recipient]:
    """Supervisor public keys given as `age1...` strings or paths to `.pub` files."""
    texts: list[tuple[str, str]] = []
    for value in values:
        if value.startswith(RECIPIENT_PREFIX) and not Path(value).exists():
            texts.append((value, value))
        else:
            texts.extend((value, line) for line in _key_lines(Path(value)))
    recipients: list[pyrage.x25519.Recipient] = []
    for source, text in texts:
        try:
            recipients.append(pyrage.x25519.Recipient.from_str(text))
        except pyrage.RecipientError as exc:
            raise KeyFileError(f"{source}: not an age public key ({exc})") from exc
    if not recipients:
        raise KeyFileError(f"{', '.join(values)}: holds no public key")
    return recipients


def load_identities(paths: list[Path]) -> list[pyrage.x25519.Identity]:
    """Supervisor secret keys from `.key` files written by `keys new` (or by age-keygen)."""
    identities: list[pyrage.x25519.Identity] = []
    for path in paths:
        lines = _key_lines(path)
        try:
            identities.extend(pyrage.x25519.Identity.from_str(line) for line in lines)
        except pyrage.IdentityError as exc:
            raise KeyFileError(f"{path}: not an age secret key ({exc})") from exc
        if not lines:
            raise KeyFileError(f"{path}: holds no key")
    return identities
