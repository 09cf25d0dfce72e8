"""Writing files as the user would save them: atomically, never through a link, never over a file unless asked.

The new file is written in a private folder (mode 0700, made next to the target), synced, and renamed over
the target; the previous version becomes the backup by a hard link and a rename, never by rewriting a file
in place. A folder a killed writer left is removed by the next write beside it (io/workdir.py). No path the write uses can be a planted link: the private folder is new, and a rename replaces a
link instead of following it. A failure (full disk, read-only file or folder, SIGTERM or Ctrl+C) removes
the new file and leaves the target and its previous backup as they were. New files honour the umask. A file
open in Excel or LibreOffice (their lock file beside it) is not replaced: their next save would undo the write.
"""
from __future__ import annotations

import os
import shutil
import signal
import stat
import threading
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from ..model.errors import CchcExcelError, OptionError, OutputExistsError, WriteError
from ..model.periods import Period, period_words
from ..model.plan import Plan
from ..model.status import units_deadline
from ..sheets.base import file_system_errors
from ..sheets.shared import carried_meta, write_workbook
from .lock import office_lock
from .workdir import PrivateFolder

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def atomic_write(path: str | Path, write, *, overwrite: bool = False, backup: Path | None = None) -> Path:
    """Call write(temporary path) in a private folder beside the target, then move the result into place.

    The target is never left half-written: on any failure the temporary file goes and the old file and
    its backup stay. With backup, the previous file becomes the backup. Refuses an existing target unless
    overwrite (READ_006), one open in Excel or LibreOffice (WRITE_003), and one that is read-only or not a
    regular file (WRITE_002); a failure of the file system is WRITE_001.
    """
    path = Path(path)
    current = require_replaceable(path, overwrite)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        folder = PrivateFolder(path.parent)  # removes the folders of killed writers beside it first
    except OSError as err:
        raise WriteError("WRITE_001", path=str(path), detail=_reason(err)) from err
    workdir = folder.path
    temp = workdir / ("new" + (path.suffix or ".xlsx"))
    try:
        with _cleaned_up_on_signals():
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666))  # umask applies
            with file_system_errors():
                write(temp)
            _fsync(temp)
            if backup is not None and current is not None and stat.S_ISREG(current.st_mode):
                _keep_backup(path, Path(backup), workdir)
            os.replace(temp, path)
            _fsync(path.parent)
    except CchcExcelError:
        raise
    except OSError as err:
        raise WriteError("WRITE_001", path=str(path), detail=_reason(err)) from err
    finally:
        folder.close()
    return path


def require_replaceable(path: str | Path, overwrite: bool = False) -> os.stat_result | None:
    """What atomic_write refuses before writing (READ_006, WRITE_003, WRITE_002), for a use case that writes
    several files and refuses them all before the first; the target's lstat, None when there is none."""
    path = Path(path)
    current = _lstat(path)
    if current is not None and not overwrite:
        raise OutputExistsError("READ_006", path=str(path))
    lock = office_lock(path) if current is not None else None
    if lock is not None:
        raise WriteError("WRITE_003", path=str(path), lock=lock.name)
    _check_replaceable(path, current)
    return current


def require_suffix(path: str | Path, *accepted: str, example: str = "") -> Path:
    """The path, when its name ends in one of the accepted suffixes (any case); else OPT_003, before any writing.

    A file is named for what it holds: a Word report named .pdf, or a workbook named .ods, would open in the
    wrong program or not at all.
    """
    path = Path(path)
    if path.suffix.lower() not in accepted:
        raise OptionError("OPT_003", path=str(path), accepted=" / ".join(accepted),
                          example=example or path.with_name(path.stem + accepted[0]).name)
    return path


def require_deadline(period: Period, deadline: date | None) -> None:
    """OPT_005 for a units' deadline before the period's data even start (a slip of the year, or day and month
    swapped): the copies would tell every unit it is already late. Before any writing."""
    if deadline is not None and deadline < period.start:
        raise OptionError("OPT_005", value=f"{deadline:%d/%m/%Y}", period=period_words(period),
                          period_en=period.label("en"), start=f"{period.start:%d/%m/%Y}", end=f"{period.end:%d/%m/%Y}")


def require_period(plan: Plan, period: Period) -> None:
    """OPT_006 for a period in a year before the plan was issued (2021-Q1 typed for a plan of 10/03/2022): the
    copies would ask units about a time the plan did not exist. Before any writing."""
    issued = plan.facts.date
    if period.year < issued.year:
        raise OptionError("OPT_006", value=period.code, period=period_words(period), period_en=period.label("en"),
                          start=f"{period.start:%d/%m/%Y}", end=f"{period.end:%d/%m/%Y}", number=plan.facts.number,
                          date=f"{issued:%d/%m/%Y}", example=f"{issued.year}-{period.kind}")


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return path.lstat()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise WriteError("WRITE_001", path=str(path), detail=_reason(err)) from err


def _check_replaceable(path: Path, current: os.stat_result | None) -> None:
    """A directory, a device or a read-only file is not replaced (a link is replaced, never followed)."""
    if current is None or stat.S_ISLNK(current.st_mode):
        return
    if not stat.S_ISREG(current.st_mode):
        raise WriteError("WRITE_002", path=str(path), detail="not a regular file")
    if not current.st_mode & stat.S_IWUSR:
        raise WriteError("WRITE_002", path=str(path), detail="read-only")


def _keep_backup(path: Path, backup: Path, workdir: Path) -> None:
    """The current file becomes the backup: a hard link renamed over the backup (a copy where links fail)."""
    staged = workdir / "backup"
    try:
        if os.link in os.supports_follow_symlinks:
            os.link(path, staged, follow_symlinks=False)
        else:
            os.link(path, staged)
    except (OSError, NotImplementedError):  # a file system without hard links (FAT, some network shares)
        shutil.copyfile(path, staged)
        _fsync(staged)
    os.replace(staged, backup)


def _fsync(path: Path) -> None:
    """Flush a file (or a folder's entries, where the system allows it) to the disk."""
    try:
        handle = os.open(path, (os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if path.is_dir() else os.O_RDWR)
    except OSError:
        if path.is_dir():
            return  # Windows cannot open a folder to sync it
        raise
    try:
        os.fsync(handle)
    except OSError:
        if not path.is_dir():
            raise
    finally:
        os.close(handle)


def _reason(err: OSError) -> str:
    return err.strerror or str(err) or type(err).__name__


class _Interrupted(SystemExit):
    """SIGTERM turned into an exception, so that the temporary file is removed on the way out."""


@contextmanager
def _cleaned_up_on_signals():
    """While a file is written, SIGTERM unwinds like Ctrl+C (KeyboardInterrupt) does: cleanup runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupted(signum, _frame):
        raise _Interrupted(128 + signum)

    previous = signal.signal(signal.SIGTERM, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_shared_workbook(plan: Plan, period: Period, path: str | Path, *, deadline: date | None = None,
                          overwrite: bool = False, unit_code: str = "", values: dict | None = None,
                          carried: frozenset[tuple[str, str]] = frozenset()) -> Path:
    """Write the shared workbook for a plan and period; atomic, never over an existing file unless asked.

    With unit_code, a per-unit copy: only that unit's rows, the unit named on the sheet and in the metadata.
    values maps a row key (item code, unit code) to its input values (layout.INPUT_COLUMNS order),
    written into the input cells so that staff update rather than retype. carried names the rows whose values come
    from an earlier period: the metadata keeps their dates, which the value rules know again (VAL_022, VAL_011).
    """
    require_suffix(path, ".xlsx")
    require_deadline(period, deadline)
    rows = tuple(r for r in plan.entry_rows() if not unit_code or r.unit.code == unit_code)
    deadline = deadline or units_deadline(plan.facts, period)
    meta = carried_meta(rows, values, carried) if values and carried else ()
    return atomic_write(path, lambda temp: write_workbook(temp, plan, period, deadline, rows, unit_code, values or {},
                                                          meta_extra=meta), overwrite=overwrite)
