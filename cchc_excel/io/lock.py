"""The master's lock: one writer at a time, and never under Excel or LibreOffice.

A merge reads the master, adds to it and writes it back; two merges at once would each write what they
read and one would lose the other's rows. So anything that writes the master holds an exclusive lock on
`.<name>.cchc-lock` beside it (the operating system's own file lock, through the filelock library: a
crashed merge leaves no stale lock). Who holds it (computer, user, process, since when) is written in the
sidecar `.<name>.cchc-lock.info`, so a merge that waits in vain can say who to ask. A master open in
Excel (`~$<name>`) or LibreOffice (`.~lock.<name>#`) is not replaced: their next save would undo the merge.
"""
from __future__ import annotations

import getpass
import os
import socket
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Collection

from ..model.errors import MergeError, WriteError

LOCK_TIMEOUT = 10.0  # seconds a merge waits for another one to finish


def office_lock(master: Path, names: Collection[str] | None = None) -> Path | None:
    """The lock file of Excel or LibreOffice saying the master (or any workbook) is open, if there is one; names:
    the entries of its folder when they were listed already (a merge looks for the lock of each of its files)."""
    for name in ("~$" + master.name, f".~lock.{master.name}#"):
        if name in names if names is not None else os.path.lexists(master.with_name(name)):
            return master.with_name(name)
    return None


LOCK_SUFFIX, INFO_SUFFIX = ".cchc-lock", ".cchc-lock.info"  # `.<master's name>` then these


def lock_paths(master: Path) -> tuple[Path, Path]:
    """The lock file and its sidecar with the holder's identity."""
    return master.with_name(f".{master.name}{LOCK_SUFFIX}"), master.with_name(f".{master.name}{INFO_SUFFIX}")


@contextmanager
def master_lock(master: Path, timeout: float = LOCK_TIMEOUT):
    """Hold the master's exclusive lock; MergeError MERGE_012 naming the holder when it stays taken."""
    from filelock import FileLock, Timeout

    lock_file, info = lock_paths(master)
    lock = FileLock(str(lock_file), timeout=timeout)
    try:
        lock.acquire()
    except Timeout as err:
        raise MergeError("MERGE_012", path=str(master), holder=_holder(info)) from err
    except OSError as err:
        raise WriteError("WRITE_001", path=str(lock_file), detail=err.strerror or type(err).__name__) from err
    try:
        _write_info(info)
        yield
    finally:
        try:
            info.unlink(missing_ok=True)
        finally:
            lock.release()


def _identity() -> str:
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):
        user = "?"
    return f"{user}@{socket.gethostname()} (pid {os.getpid()}, {datetime.now():%d/%m/%Y %H:%M:%S})"


def _write_info(info: Path) -> None:
    try:
        info.unlink(missing_ok=True)  # never write through a link someone left there
        with open(info, "x", encoding="utf-8") as handle:
            handle.write(_identity())
    except OSError:
        pass  # the identity is a courtesy to the next merge; the lock itself holds


def _holder(info: Path) -> str:
    try:
        with open(info, encoding="utf-8", errors="replace") as handle:
            return handle.read(300).strip() or "?"
    except OSError:
        return "?"
