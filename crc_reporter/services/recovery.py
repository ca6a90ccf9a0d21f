"""What to tell people about a store that cannot be used, and the offer to restore a backup.

The window (or the command line) calls :func:`recovery_offer` when opening a
store failed, or to show the state of a store; when the offer has a backup, a
"Restore" button calls :func:`restore_latest` (after closing the store).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crc_reporter.store.backup import BackupInfo, latest_good_backup
from crc_reporter.store.health import HealthState, StoreHealth, check_store
from crc_reporter.store.restore import RestoreResult, restore_backup

# states where putting back a backup is the remedy (a newer store needs a newer app instead,
# a missing passphrase needs the passphrase; restoring is still possible, but not offered first)
RESTORE_HELPS = frozenset({HealthState.DAMAGED, HealthState.NOT_A_STORE, HealthState.MISSING})


@dataclass(frozen=True)
class RecoveryOffer:
    health: StoreHealth
    backup: BackupInfo | None  # the latest good backup, when there is one

    @property
    def problem(self) -> str:
        """One line for people."""
        return self.health.message

    @property
    def restore_recommended(self) -> bool:
        return self.backup is not None and self.health.state in RESTORE_HELPS


def diagnose(store_path: Path, passphrase: str | None = None) -> StoreHealth:
    """The full state of a store file (integrity check included); never raises for a bad file."""
    return check_store(store_path, passphrase)


def recovery_offer(store_path: Path, passphrase: str | None = None) -> RecoveryOffer | None:
    """None when the store is sound; otherwise the problem and the backup that could replace it."""
    health = check_store(store_path, passphrase)
    if health.sound:
        return None
    return RecoveryOffer(health, latest_good_backup(store_path, passphrase))


def restore_latest(store_path: Path, passphrase: str | None = None) -> RestoreResult:
    """Restore the latest good backup (the current file is kept first, even when damaged)."""
    return restore_backup(store_path, None, passphrase)
