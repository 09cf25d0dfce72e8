"""Who has reported for a period, rows by status, and overdue rows, read from the master."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .io.master_file import MASTER, read_master
from .model.periods import Period
from .model.status import StatusReport, status_of


def master_status(master: str | Path, period: Period, today: date | None = None) -> StatusReport:
    """Per unit: reported or not, rows by status, and overdue rows, read from a master workbook."""
    return status_of(read_master(master, periods=[period], expect=MASTER), period, today)
