"""Writing files as the user would save them: atomically, never over a file unless asked."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from datetime import date

from ..model.errors import OutputExistsError
from ..model.periods import Period
from ..model.plan import Plan
from ..sheets.shared import write_workbook


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
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600: a saved file follows the umask instead
        if backup is not None and path.exists():
            shutil.copy2(path, backup)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return path


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it: put it straight back
    os.umask(mask)
    return mask


def write_shared_workbook(plan: Plan, period: Period, path: str | Path, *, deadline: date | None = None,
                          overwrite: bool = False, unit_code: str = "", values: dict | None = None) -> Path:
    """Write the shared workbook for a plan and period; atomic, never over an existing file unless asked.

    With unit_code, a per-unit copy: only that unit's rows, the unit named on the sheet and in the metadata.
    values maps a row key (item code, unit code) to its input values (layout.INPUT_COLUMNS order),
    written into the input cells so that staff update rather than retype.
    """
    rows = tuple(r for r in plan.entry_rows() if not unit_code or r.unit.code == unit_code)
    deadline = deadline or period.default_deadline()
    return atomic_write(path, lambda temp: write_workbook(temp, plan, period, deadline, rows, unit_code, values or {}),
                        overwrite=overwrite)
