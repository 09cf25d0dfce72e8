"""Who has reported for a period, rows by status, and overdue rows, read from the master."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .io.master_file import MASTER, read_master
from .model.errors import ReportError
from .model.periods import Period
from .model.status import StatusReport, status_of


def master_status(master: str | Path, period: Period, today: date | None = None) -> StatusReport:
    """Per unit: reported or not, rows by status, and overdue rows, read from a master workbook.

    REPORT_001 for a period nothing was ever merged into (a slip of the year): every unit would be listed as
    not reported and overdue for a period the master knows nothing of."""
    data = read_master(master, periods=[period], expect=MASTER, history=False)
    if not data.period_records(period) and data.deadline_of(period) is None:
        raise ReportError("REPORT_001", path=str(master), period=period.label())
    return status_of(data, period, today)
