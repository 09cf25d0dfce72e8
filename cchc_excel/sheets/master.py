"""The master workbook's sheets: the plan sheets, then `Dữ liệu`, `Lịch sử` and `Nhật ký` as plain tables."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ..model import layout
from ..model.periods import Period
from ..model.progress import MasterData, record_row
from .base import Styles, fast_deflate, print_setup
from .shared import write_workbook


def write_master_workbook(path: Path, data: MasterData, period: Period, deadline: date) -> None:
    """Write a master to path (the caller makes the write atomic)."""
    plan = data.plan

    def extra(workbook, styles: Styles) -> None:
        _table(workbook, styles, layout.SHEET_DATA, layout.DATA_HEADERS,
               [record_row(plan, r) for r in data.sorted_records()])
        _table(workbook, styles, layout.SHEET_HISTORY, layout.HISTORY_HEADERS,
               [record_row(plan, s.record) + (s.replaced_at.strftime(layout.TIME_FORMAT), s.reason)
                for s in data.history])
        _table(workbook, styles, layout.SHEET_LOG, layout.LOG_HEADERS, data.log)

    with fast_deflate():
        write_workbook(path, plan, period, deadline, plan.entry_rows(), "", {}, extra, kind="master")


def _table(workbook, styles: Styles, name: str, headers: tuple[str, ...], rows: list[tuple]) -> None:
    """A plain data table: header row, then one row per record; text always written as text."""
    sheet = workbook.add_worksheet(name)
    for col, header in enumerate(headers):  # cells take the workbook's default font: no per-cell format
        sheet.write_string(0, col, header, styles.header)
        wide = header in ("Kết quả thực hiện", "Chi tiết", "Tài liệu kiểm chứng")
        sheet.set_column(col, col, 40 if wide else 16)
    date_fmt = styles(num_format="dd/mm/yyyy", text_wrap=False)
    for row_number, row in enumerate(rows, start=1):
        for col, value in enumerate(row):  # typed writes: no per-cell type guessing, blanks skipped
            if isinstance(value, str):
                if value:
                    sheet.write_string(row_number, col, value)
            elif isinstance(value, date):
                sheet.write_datetime(row_number, col, datetime(value.year, value.month, value.day), date_fmt)
            elif value is not None:
                sheet.write_number(row_number, col, value)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    print_setup(sheet, repeat_row=0)
