"""Per-unit copies for a reporting period, carrying forward each unit's last merged values."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from .master import read_master
from .periods import Period, parse_period
from .template import write_shared_workbook


def ascii_slug(text: str) -> str:
    """An ASCII file-name part: 'Trung tâm XTĐT&HTDN' → 'Trung-tam-XTDT-HTDN'."""
    text = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    return re.sub(r"[^A-Za-z0-9]+", "-", text.encode("ascii", "ignore").decode()).strip("-")


def split_workbook(source: str | Path, period: Period, folder: str | Path, *, deadline: date | None = None,
                   overwrite: bool = False) -> list[Path]:
    """Write one copy per unit with rows in the plan; source is a shared workbook or a master."""
    data = read_master(source)
    plan = data.plan
    latest: dict[tuple[str, str], tuple] = {}
    for record in data.sorted_records():  # oldest period first: later values overwrite earlier ones
        if parse_period(record.period).sort_key <= period.sort_key:
            latest[(record.item_code, record.unit_code)] = record.values
    units = [u for u in plan.registry.internal if u.code in plan.unit_index]
    names = [ascii_slug(u.label) or u.code for u in units]
    written = []
    for unit, name in zip(units, names):
        file_name = f"{name if names.count(name) == 1 else name + '-' + unit.code}_{period.code}.xlsx"
        written.append(write_shared_workbook(plan, period, Path(folder) / file_name, deadline=deadline,
                                             overwrite=overwrite, unit_code=unit.code, values=latest))
    return written
