"""Settings' storage, written once for both adapters: device identity and user choices, one
row per key. The statements are the adapter's (store/adapter.py), and so is reading several
keys at once (a list parameter is written differently in each)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import ClassVar

from fieldsurvey.store.adapter import AdapterPart

DEVICE_ID = "device_id"


@dataclass(frozen=True)
class SettingsSQL:
    """One statement per use; the parameters each is given, in order, follow its name."""

    get_setting: str
    """(key) -> value"""
    set_setting: str
    """(key, value): inserted, or replacing the value"""
    set_setting_once: str
    """(key, value): inserted unless the key is set"""


class SettingsPart(AdapterPart):
    settings_sql: ClassVar[SettingsSQL]

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute(self.settings_sql.get_setting, [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.unit_of_work():
            self.conn.execute(self.settings_sql.set_setting, [key, value])

    def set_setting_once(self, key: str, value: str) -> str:
        with self.unit_of_work():
            self.conn.execute(self.settings_sql.set_setting_once, [key, value])
        return self.get_setting(key) or value

    def device_id(self) -> str:
        return self.get_setting(DEVICE_ID) or self.set_setting_once(DEVICE_ID, str(uuid.uuid4()))
