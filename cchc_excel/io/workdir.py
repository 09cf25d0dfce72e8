"""The private folders files are written in (`.cchc-XXXXXXXX` beside the target), and the leftovers of killed writers.

A writer killed outright (`kill -9`, a power cut) cannot remove its folder. So each folder holds a lock (the
operating system's file lock, through filelock: it is released when its process dies, however it dies) and,
once the lock is held, an `owner` file naming the computer. Before a new folder is made, the folders of the
same prefix beside it are looked at: one whose owner is this computer and whose lock is free belonged to a
writer that is gone, and is removed. A folder of another computer (whose lock this one may not see through
a network share) or without an owner (made by an older version, or by a writer killed before it wrote it) is
removed only once untouched for ABANDONED_AFTER. A folder whose lock is held is never touched.
"""
from __future__ import annotations

import os
import shutil
import socket
import stat
import tempfile
import time
from pathlib import Path

PREFIX = ".cchc-"
ABANDONED_AFTER = 24 * 3600.0  # seconds
_LOCK, _OWNER = "lock", "owner"


class PrivateFolder:
    """A new folder (mode 0700) beside a target, locked as its writer's while open; removed on close."""

    def __init__(self, parent: Path) -> None:
        from filelock import FileLock

        remove_leftovers(parent)
        self.path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent))
        self._lock = FileLock(str(self.path / _LOCK))
        try:
            self._lock.acquire()
            (self.path / _OWNER).write_text(socket.gethostname(), encoding="utf-8")
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        try:
            if self._lock.is_locked:
                self._lock.release()
        finally:
            shutil.rmtree(self.path, ignore_errors=True)


def remove_leftovers(parent: Path, now: float | None = None) -> list[Path]:
    """Remove the folders of writers that are gone beside parent's files; the folders removed. Never fails."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith(PREFIX) and _abandoned(Path(entry.path), now or time.time()):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    return removed


def _abandoned(folder: Path, now: float) -> bool:
    try:
        info = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return False  # a link, a file, or another user's folder: not ours to remove
    try:
        owner = (folder / _OWNER).read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        owner = ""
    if owner == socket.gethostname():
        return _lock_is_free(folder / _LOCK)
    return now - info.st_mtime > ABANDONED_AFTER and _lock_is_free(folder / _LOCK)


def _lock_is_free(path: Path) -> bool:
    """True when nobody holds the folder's lock (taking it for a moment to know; a missing lock file is free)."""
    from filelock import FileLock, Timeout

    if not path.exists():
        return True
    lock = FileLock(str(path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return False
    except OSError:
        return False
    lock.release()
    return True
