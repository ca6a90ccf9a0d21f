"""Where things live: bundled resources, the user's data folder, the default store.

``resource_path`` is the one way to find shipped files; it works from a source
checkout, an installed wheel and a PyInstaller bundle (``sys._MEIPASS``).
User data always lives outside the program folder so that upgrades never touch it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "CRC Reporter"


def _bundle_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` (e.g. ``resource_path("reference", "clusters.json")``)."""
    return _bundle_root().joinpath("resources", *parts)


def translations_path(*parts: str) -> Path:
    return _bundle_root().joinpath("translations", *parts)


def user_data_dir() -> Path:
    """The per-user data folder (not created here)."""
    override = os.environ.get("CRC_REPORTER_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "crc-reporter"


def default_store_path() -> Path:
    return user_data_dir() / "crc-reporter.sqlite"


def backups_dir_for(store_file: Path) -> Path:
    return store_file.parent / "backups"
