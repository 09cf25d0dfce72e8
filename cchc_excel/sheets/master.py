"""The master workbook's sheets: the plan sheets, then `Dữ liệu`, `Lịch sử` and `Nhật ký` as plain tables."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ..model import layout
from ..model.periods import Period
from ..model.progress import MasterData, record_row
from .base import LINE_POINTS, Styles, fast_deflate, print_setup, text_lines
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


WIDE = {"Kết quả thực hiện": 40, "Chi tiết": 40, "Tài liệu kiểm chứng": 32, "Khó khăn, vướng mắc": 26,
        "Đề xuất, kiến nghị": 26, "Đơn vị thực hiện": 22, "STT": 6, "Kỳ báo cáo": 10, "Mã đơn vị": 10}


def _table(workbook, styles: Styles, name: str, headers: tuple[str, ...], rows: list[tuple]) -> None:
    """A plain data table: header row, then one row per record; text always written as text.

    Cells carry no format of their own (fast to write): each column's format wraps text at the top of the cell,
    and a row whose text needs more lines than one is made tall enough for it.
    """
    sheet = workbook.add_worksheet(name)
    widths = [WIDE.get(header, 16) for header in headers]
    wrap, one_line = styles(), styles(text_wrap=False)  # Times New Roman 12, top-aligned
    sized = [header in WIDE and header != "SHA-256" for header in headers]  # text columns that wrap
    for col, (header, width) in enumerate(zip(headers, widths)):
        sheet.write_string(0, col, header, styles.header)
        sheet.set_column(col, col, width, wrap if sized[col] else one_line)
    sheet.set_row(0, max(text_lines(h, w * 0.8) for h, w in zip(headers, widths)) * LINE_POINTS)
    date_fmt = styles(num_format="dd/mm/yyyy", text_wrap=False)
    for row_number, row in enumerate(rows, start=1):
        lines = 1
        for col, value in enumerate(row):  # typed writes: no per-cell type guessing, blanks skipped
            if isinstance(value, str):
                if value:
                    sheet.write_string(row_number, col, value)
                    if sized[col] and (len(value) > widths[col] or "\n" in value):
                        lines = max(lines, text_lines(value, widths[col] * 0.9))
            elif isinstance(value, date):
                sheet.write_datetime(row_number, col, datetime(value.year, value.month, value.day), date_fmt)
            elif value is not None:
                sheet.write_number(row_number, col, value)
        if lines > 1:
            sheet.set_row(row_number, lines * LINE_POINTS)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    keys = len(layout.MASTER_KEY_HEADERS) if headers[:4] == layout.MASTER_KEY_HEADERS else 0
    print_setup(sheet, repeat_row=0, true_size=True, repeat_columns=f"A:{chr(64 + keys)}" if keys else None)
