"""The report for Sở Nội vụ, from the master."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .io.files import atomic_write
from .io.master_file import read_master
from .model.errors import ReportError
from .model.periods import Period
from .model.status import status_of
from .model.summary import summarise
from .sheets.report import ReportOptions, write_report_workbook


def write_report(master: str | Path, period: Period, output: str | Path, options: ReportOptions = ReportOptions(),
                 *, today: date | None = None, overwrite: bool = False) -> Path:
    """Write the report workbook for a period from the master; ReportError when the period has no data."""
    data = read_master(master, periods=[period])
    records = data.period_records(period)
    if not records:
        raise ReportError("REPORT_001", path=str(master), period=period.label())
    today = today or date.today()
    status = status_of(data, period, today)
    summaries = summarise(data, period)
    return atomic_write(output, lambda temp: write_report_workbook(temp, data, period, options, today, status, summaries),
                        overwrite=overwrite)
