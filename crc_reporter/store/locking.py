"""One writer per store: an operating-system lock on a file next to the store.

``crc-reporter.sqlite`` gets ``crc-reporter.sqlite.lock``. The instance that
holds the lock may write; any other instance opens the store read-only. The
lock is taken with ``flock`` (POSIX) or ``msvcrt.locking`` (Windows), which the
operating system drops when the process ends, however it ends: a crashed or
killed instance never leaves a stale lock behind, so no timeout or PID guessing
is needed. (SQLite's own locks only serialise single transactions; they do not
stop two windows from editing the same records in turn.)

The lock file also records the state of the session: ``state=open`` while a
writer works, ``state=closed`` after a clean close. A writer that finds
``state=open`` knows the previous one did not close cleanly (crash, power cut,
kill) and runs a full integrity check before using the store.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

LOCK_SUFFIX = ".lock"
# Windows locks are mandatory: lock a byte far past the text so others can still read who holds it
_WINDOWS_LOCK_OFFSET = 1 << 20


def lock_path_for(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + LOCK_SUFFIX)


def _parse(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            out[key.strip()] = value.strip()
    return out


class StoreLock:
    """The writer's lock on one store file (not re-entrant: a second lock object is a second instance)."""

    def __init__(self, store_path: Path) -> None:
        self.path = lock_path_for(store_path)
        self._fd: int | None = None
        self.previous: dict[str, str] = {}  # what the file said when we took the lock

    @property
    def held(self) -> bool:
        return self._fd is not None

    @property
    def previous_unclean(self) -> bool:
        """True when the last writer did not close the store cleanly."""
        return self.previous.get("state") == "open"

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another instance holds it.

        Raises :class:`OSError` when the lock file cannot be created (read-only folder).
        """
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            return False
        self._fd = fd
        self.previous = _parse(_read_all(fd))
        return True

    def holder(self) -> dict[str, str]:
        """What the lock file says about the instance holding it (pid, socket), best effort."""
        try:
            return _parse(self.path.read_text("utf-8", errors="replace"))
        except OSError:
            return {}

    def held_elsewhere(self) -> bool:
        """True when another live instance holds the lock (a crashed one left only ``state=open`` behind)."""
        if self._fd is not None:
            return False
        try:
            fd = os.open(self.path, os.O_RDWR)
        except OSError:
            return False  # no lock file: nobody writes the store
        try:
            if not _try_lock(fd):
                return True
            _unlock(fd)
            return False
        finally:
            os.close(fd)

    def holder_pid(self) -> int | None:
        value = self.holder().get("pid", "")
        return int(value) if value.isdigit() else None

    def write_state(self, state: str, **extra: str) -> None:
        """Record the session state durably (fsync: it must survive the crash it is there to detect)."""
        if self._fd is None:
            raise RuntimeError("the store lock is not held")
        fields = {"state": state, "pid": str(os.getpid()), **extra}
        data = "".join(f"{k}={v}\n" for k, v in fields.items()).encode("utf-8")
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.ftruncate(self._fd, 0)
        os.write(self._fd, data)
        os.fsync(self._fd)

    def restore_previous(self) -> None:
        """Put back what the file said before we took the lock (an open that failed changed nothing)."""
        if self._fd is not None and self.previous:
            self.write_state(self.previous.get("state", "closed"))

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)


def _read_all(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 4096):
        chunks.append(chunk)
        if sum(map(len, chunks)) > 65536:  # a lock file is a few lines; ignore anything larger
            break
    return b"".join(chunks).decode("utf-8", errors="replace")


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        # flock, not fcntl/lockf: POSIX record locks vanish when *any* descriptor of the
        # file is closed in the process, and do not conflict within one process
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
