"""What `fieldsurvey devices` shows: the known device keys and the log of trust changes."""

from __future__ import annotations

from pydantic import BaseModel

from fieldsurvey.safetext import terminal_text
from fieldsurvey.store.interface import DeviceTrust
from fieldsurvey.sync.trust import fingerprint


class DeviceInfo(BaseModel):
    device_id: str
    fingerprint: str
    public_key: str
    trust: str
    first_seen: str
    files: int
    responses: int

    def summary(self) -> str:
        return terminal_text(
            f"{self.device_id}  {self.fingerprint}  {self.trust:8s}  first seen "
            f"{self.first_seen[:16]}  {self.files} files, {self.responses} responses"
        )


class DeviceList(BaseModel):
    devices: list[DeviceInfo]


class TrustChange(BaseModel):
    at: str
    device_id: str
    fingerprint: str | None
    action: str
    by: str
    detail: str | None

    def summary(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return terminal_text(
            f"{self.at[:19]}  {self.action:9s}  {self.device_id}  {self.fingerprint or '-'}  "
            f"by {self.by}{detail}"
        )


class TrustLog(BaseModel):
    log: list[TrustChange]


def device_list(store: DeviceTrust) -> DeviceList:
    return DeviceList(
        devices=[
            DeviceInfo(
                device_id=row.device_id,
                fingerprint=fingerprint(row.public_key),
                public_key=row.public_key,
                trust=row.trust,
                first_seen=row.first_seen,
                files=row.files,
                responses=row.responses,
            )
            for row in store.all_devices()
        ]
    )


def trust_changes(store: DeviceTrust) -> TrustLog:
    return TrustLog(
        log=[
            TrustChange(
                at=row.at,
                device_id=row.device_id,
                fingerprint=fingerprint(row.public_key) if row.public_key else None,
                action=row.action,
                by=row.by,
                detail=row.detail,
            )
            for row in store.trust_log()
        ]
    )
