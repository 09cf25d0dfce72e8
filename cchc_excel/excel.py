"""Small shared helpers: cell references, writing a file atomically."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import OutputExistsError


def column_letter(col: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def a1(row: int, col: int) -> str:
    """An A1 reference from 1-based row and column."""
    return f"{column_letter(col)}{row}"


def atomic_write(path: str | Path, write, *, overwrite: bool = False, backup: Path | None = None) -> Path:
    """Call write(temporary path) in the target's folder, then move the result into place.

    The target is never left half-written: on any failure the temporary file goes and the old file
    stays. With backup, the previous file is copied there first. Refuses an existing target unless
    overwrite.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise OutputExistsError("READ_006", path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(suffix=path.suffix or ".xlsx", prefix=".cchc-", dir=path.parent)
    os.close(handle)
    try:
        write(Path(temp))
        if backup is not None and path.exists():
            shutil.copy2(path, backup)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return path
