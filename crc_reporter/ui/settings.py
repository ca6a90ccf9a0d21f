"""The user's preferences: name for the audit trail, language, store location, recent stores.

Kept in an INI file in the user's data folder (not the registry) so that a
portable install and the tests (which point CRC_REPORTER_HOME elsewhere) stay
self-contained.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from crc_reporter.i18n import LANGUAGES, initial_language
from crc_reporter.paths import default_store_path, user_data_dir

MAX_RECENT = 8


class AppSettings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or user_data_dir() / "settings.ini"
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _get(self, key: str, default: str = "") -> str:
        value = self._qs.value(key, default)
        return str(value) if value is not None else default

    @property
    def user_name(self) -> str:
        return self._get("user/name")

    @user_name.setter
    def user_name(self, value: str) -> None:
        self._qs.setValue("user/name", value.strip())

    @property
    def language(self) -> str:
        """The saved interface language (at start-up, CRC_REPORTER_LANG wins: see ``ui.app``)."""
        lang = self._get("user/language")
        return lang if lang in LANGUAGES else initial_language()

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("user/language", value)

    @property
    def khmer_digits(self) -> bool:
        """Numbers and dates of the Khmer interface in Khmer digits (០–៩)."""
        return self._get("user/khmer_digits", "false").lower() == "true"

    @khmer_digits.setter
    def khmer_digits(self, value: bool) -> None:
        self._qs.setValue("user/khmer_digits", "true" if value else "false")

    @property
    def default_store(self) -> Path:
        """The store opened at start when none is named on the command line."""
        value = self._get("store/default")
        return Path(value) if value else default_store_path()

    @default_store.setter
    def default_store(self, value: Path | str) -> None:
        self._qs.setValue("store/default", str(value))

    @property
    def recent_stores(self) -> list[str]:
        value = self._qs.value("store/recent", [])
        items = [value] if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else []
        return [str(v) for v in items if v]

    def add_recent_store(self, target: str) -> None:
        items = [target] + [t for t in self.recent_stores if t != target]
        self._qs.setValue("store/recent", items[:MAX_RECENT])

    def last_store(self) -> str | None:
        """The store created or opened last, if its file is still there: the one opened at the next start."""
        for target in self.recent_stores[:1]:
            if "://" not in target and Path(target).is_file():
                return target
        return None

    def remove_recent_store(self, target: str) -> None:
        self._qs.setValue("store/recent", [t for t in self.recent_stores if t != target])

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry = self._qs.value("window/geometry")
        state = self._qs.value("window/state")
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/state", state)

    def splitter_state(self, name: str) -> QByteArray | None:
        state = self._qs.value(f"splitters/{name}")
        return state if isinstance(state, QByteArray) else None

    def save_splitter_state(self, name: str, state: QByteArray) -> None:
        self._qs.setValue(f"splitters/{name}", state)

    def value(self, key: str, default: str = "") -> str:
        return self._get(key, default)

    def set_value(self, key: str, value: str) -> None:
        self._qs.setValue(key, value)

    def sync(self) -> None:
        self._qs.sync()

    # --- "What needs attention": entries dismissed for a while, per store and user --------------------
    @staticmethod
    def _attention_key(store: str, user: str) -> str:
        digest = hashlib.sha256(f"{store}\n{user}".encode()).hexdigest()[:24]
        return f"attention/{digest}"

    def attention_dismissals(self, store: str, user: str) -> dict[str, dt.date]:
        """What this user dismissed in this store, and until which day (past ones are dropped)."""
        raw = self._get(self._attention_key(store, user), "{}")
        try:
            stored = json.loads(raw)
        except ValueError:
            return {}
        dismissed: dict[str, dt.date] = {}
        if isinstance(stored, dict):
            for key, until in stored.items():
                try:
                    dismissed[str(key)] = dt.date.fromisoformat(str(until))
                except ValueError:
                    continue
        return dismissed

    def dismiss_attention(self, store: str, user: str, key: str, until: dt.date) -> None:
        today = dt.date.today()
        kept = {k: v for k, v in self.attention_dismissals(store, user).items() if v > today}
        kept[key] = until
        value = json.dumps({k: v.isoformat() for k, v in sorted(kept.items())})
        self._qs.setValue(self._attention_key(store, user), value)
