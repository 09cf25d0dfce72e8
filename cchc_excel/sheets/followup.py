"""The Office's follow-up workbook, kept in-house and never sent: `Chưa báo cáo` (units that have not
reported and their rows) and `Quá hạn` (tasks overdue as of the report date)."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..model.periods import Period
from ..model.progress import MasterData
from ..model.status import StatusReport
from .base import Styles, new_workbook
from .paper import TABLE_SIZE, print_true_to_size, row_height

REASONS = {"not_reported": "Chưa báo cáo khi hết hạn gửi", "plan_deadline": "Chưa xong khi hết hạn Kế hoạch"}


def write_followup_workbook(path: Path, data: MasterData, period: Period, status: StatusReport) -> None:
    workbook = new_workbook(path, times_by_default=True, default_size=11)
    styles = Styles(workbook)
    _missing(workbook, styles, data, period, status)
    _overdue(workbook, styles, data, status)
    workbook.close()


def _table(workbook, styles: Styles, name: str, title: str, headers: tuple[str, ...], pixels: tuple[int, ...],
           rows: Sequence[tuple[str, ...]], empty: str) -> None:
    sheet = workbook.add_worksheet(name)
    sheet.write_string(0, 0, title, styles(font_size=13, bold=True, text_wrap=False))
    head = styles(font_size=TABLE_SIZE, bold=True, align="center", valign="vcenter", border=1, text_wrap=True)
    for col, (header, width) in enumerate(zip(headers, pixels)):
        sheet.set_column_pixels(col, col, width)
        sheet.write_string(2, col, header, head)
    sheet.set_row(2, row_height([(h, w * 0.75, True) for h, w in zip(headers, pixels)]))
    cell = styles(font_size=TABLE_SIZE, border=1, valign="top", text_wrap=True)
    for r, values in enumerate(rows, start=3):
        for col, value in enumerate(values):
            sheet.write_string(r, col, value, cell)
        sheet.set_row(r, row_height([(v, w * 0.75, False) for v, w in zip(values, pixels)]))
    if not rows:
        sheet.write_string(3, 0, empty, styles(font_size=TABLE_SIZE, italic=True, text_wrap=False))
    print_true_to_size(sheet, 2)
    sheet.hide_gridlines(0)


def _missing(workbook, styles: Styles, data: MasterData, period: Period, status: StatusReport) -> None:
    silent = {unit.code for unit in status.units if not unit.submitted}
    records = data.period_records(period)
    rows = [(entry.unit.name, "Chưa gửi báo cáo" if entry.unit.code in silent else "Thiếu dòng", entry.item.code,
             entry.item.criterion, entry.role.value)
            for entry in data.plan.entry_rows() if entry.key not in records]
    rows.sort(key=lambda r: r[0])
    _table(workbook, styles, "Chưa báo cáo",
           f"ĐƠN VỊ, NHIỆM VỤ CHƯA BÁO CÁO – {period.label().upper()} (tính đến ngày {status.today:%d/%m/%Y}; "
           f"hạn đơn vị gửi: {status.deadline:%d/%m/%Y}"
           + (f"; hạn báo cáo: {status.due:%d/%m/%Y})" if status.due else ")"),
           ("Đơn vị", "Tình trạng báo cáo", "STT", "Tiêu chí", "Vai trò"), (240, 120, 40, 440, 84), rows,
           "Tất cả đơn vị đã báo cáo đủ.")


def _overdue(workbook, styles: Styles, data: MasterData, status: StatusReport) -> None:
    criteria = {item.code: item.criterion for item in data.plan.items}
    rows = [(unit.name, row["item"], criteria[row["item"]], REASONS[row["reason"]],
             "/".join(reversed(row["deadline"].split("-"))))
            for unit in status.units for row in unit.overdue]
    _table(workbook, styles, "Quá hạn", f"NHIỆM VỤ QUÁ HẠN (tính đến ngày {status.today:%d/%m/%Y})",
           ("Đơn vị", "STT", "Tiêu chí", "Lý do", "Hạn"), (240, 40, 400, 160, 84), rows,
           "Không có nhiệm vụ quá hạn.")
