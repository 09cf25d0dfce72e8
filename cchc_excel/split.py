"""Per-unit copies for a reporting period, carrying forward each unit's last merged values."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .io.master_file import read_master
from .model.periods import Period
from .model.text import ascii_slug
from .io.files import write_shared_workbook


def split_workbook(source: str | Path, period: Period, folder: str | Path, *, deadline: date | None = None,
                   overwrite: bool = False) -> list[Path]:
    """Write one copy per unit with rows in the plan; source is a shared workbook or a master."""
    data = read_master(source)
    plan = data.plan
    latest: dict[tuple[str, str], tuple] = {}
    for record in data.sorted_records():  # oldest period first: later values overwrite earlier ones
        if record.period <= period:
            latest[record.row_key] = record.progress.cells()
    units = [u for u in plan.registry.internal if u.code in plan.unit_index]
    names = [ascii_slug(u.label) or u.code for u in units]
    written = []
    for unit, name in zip(units, names):
        file_name = f"{name if names.count(name) == 1 else name + '-' + unit.code}_{period.code}.xlsx"
        written.append(write_shared_workbook(plan, period, Path(folder) / file_name, deadline=deadline,
                                             overwrite=overwrite, unit_code=unit.code, values=latest))
    return written
