"""The report's figures: per-item summaries, and the sheets `Thống kê` (with a chart), `Chưa nộp`, `Quá hạn`.

Every formula is written with its computed value, so a viewer that does not recalculate (and pandas)
shows the right numbers.
"""
from __future__ import annotations

from collections import Counter

from ..model import layout
from ..model.cells import column_letter
from ..model.progress import MasterData
from ..model.periods import Period
from .base import LINE_POINTS, Styles, print_setup, text_lines
from ..model.status import NOT_REPORTED, SETTLED, StatusReport
from ..model.summary import ItemSummary

COUNT_COLUMNS = layout.STATUSES + (NOT_REPORTED,)
FONT_SIZE = 12
LABEL_WIDTH = 48


def _table_header(sheet, styles: Styles, row: int, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    fmt = styles(font_size=FONT_SIZE, bold=True, align="center", valign="vcenter", border=1, text_wrap=True)
    for col, (header, width) in enumerate(zip(headers, widths)):
        sheet.set_column(col, col, width)
        sheet.write_string(row, col, header, fmt)
    sheet.set_row(row, 2 * LINE_POINTS + 2)


def write_statistics(workbook, styles: Styles, data: MasterData, period: Period, status: StatusReport,
                     summaries: list[ItemSummary]) -> None:
    sheet = workbook.add_worksheet("Thống kê")
    title = styles(font_size=13, bold=True, text_wrap=False)
    sheet.write_string(0, 0, f"THỐNG KÊ KẾT QUẢ THỰC HIỆN – {period.label().upper()}", title)
    headers = ("Đơn vị",) + COUNT_COLUMNS + ("Tổng", "Tỷ lệ xong", "Có tài liệu kiểm chứng", "Tỷ lệ có tài liệu")
    sheet.write_string(2, 0, "1. Theo đơn vị", title)
    _table_header(sheet, styles, 3, headers, (LABEL_WIDTH,) + (13,) * (len(headers) - 1))
    with_evidence = Counter(unit for (_, unit), r in data.period_records(period).items()
                            if r.progress.evidence)
    unit_rows = [(unit.name, [unit.counts.get(s, 0) for s in COUNT_COLUMNS], with_evidence[unit.code])
                 for unit in status.units]
    end = _count_table(sheet, styles, 4, unit_rows)
    chart = workbook.add_chart({"type": "bar", "subtype": "stacked"})
    for offset in range(1, len(COUNT_COLUMNS) + 1):
        chart.add_series({"name": ["Thống kê", 3, offset], "categories": ["Thống kê", 4, 0, end - 1, 0],
                          "values": ["Thống kê", 4, offset, end - 1, offset]})
    chart.set_title({"name": "Số nhiệm vụ theo tình trạng và đơn vị", "name_font": {"name": layout.FONT, "size": 12}})
    chart.set_legend({"position": "bottom", "font": {"name": layout.FONT}})
    chart.set_size({"width": 760, "height": 300})
    sheet.insert_chart(end + 2, 0, chart)
    start = end + 19
    sheet.write_string(start, 0, "2. Theo tiêu chí", title)
    _table_header(sheet, styles, start + 1, ("Tiêu chí",) + headers[1:], (LABEL_WIDTH,) + (13,) * (len(headers) - 1))
    item_rows = []
    for summary in summaries:
        counts = [summary.statuses.count(s) for s in COUNT_COLUMNS]
        item_rows.append((f"{summary.item.code}. {summary.item.criterion}", counts, len(summary.evidence_lines)))
    _count_table(sheet, styles, start + 2, item_rows)
    print_setup(sheet, 3, number_on_top=True)


def _count_table(sheet, styles: Styles, first: int, rows: list[tuple[str, list[int], int]]) -> int:
    """Rows of counts, then a total row: each with its total, completion rate, evidence count and rate.

    Totals and rates are formulas written with their computed values. Returns the total row's index.
    """
    n = len(COUNT_COLUMNS)
    total_col, rate_col, evidence_col, evidence_rate_col = n + 1, n + 2, n + 3, n + 4
    done_cols = [1 + layout.STATUSES.index(s) for s in SETTLED]
    totals = [sum(column) for column in zip(*(counts for _, counts, _ in rows))] if rows else [0] * n
    table = [(label, counts, evidence, False) for label, counts, evidence in rows]
    table.append(("Tổng cộng", totals, sum(evidence for _, _, evidence in rows), True))
    for offset, (label, counts, evidence, is_total) in enumerate(table):
        r, x = first + offset, first + offset + 1  # 0-based row, Excel row
        number = styles(font_size=FONT_SIZE, border=1, align="center", bold=is_total)
        percent = styles(font_size=FONT_SIZE, border=1, align="center", bold=is_total, num_format="0.0%")
        sheet.write_string(r, 0, label, styles(font_size=FONT_SIZE, border=1, valign="top", text_wrap=True,
                                               bold=is_total))
        sheet.set_row(r, text_lines(label, LABEL_WIDTH * 1.15) * LINE_POINTS)
        for col, value in list(enumerate(counts, start=1)) + [(evidence_col, evidence)]:
            letter = column_letter(col + 1)
            if is_total:
                sheet.write_formula(r, col, f"=SUM({letter}{first + 1}:{letter}{x - 1})", number, value)
            else:
                sheet.write_number(r, col, value, number)
        total, done = sum(counts), sum(counts[c - 1] for c in done_cols)
        cell = {col: f"{column_letter(col + 1)}{x}" for col in (total_col, evidence_col, *done_cols)}
        sheet.write_formula(r, total_col, f"=SUM({column_letter(2)}{x}:{column_letter(n + 1)}{x})", number, total)
        done_sum = "+".join(cell[c] for c in done_cols)
        sheet.write_formula(r, rate_col, f"=IF({cell[total_col]}=0,0,({done_sum})/{cell[total_col]})", percent,
                            done / total if total else 0)
        sheet.write_formula(r, evidence_rate_col, f"=IF({cell[total_col]}=0,0,{cell[evidence_col]}/"
                                                  f"{cell[total_col]})", percent, evidence / total if total else 0)
    return first + len(rows)


def write_missing(workbook, styles: Styles, data: MasterData, period: Period, status: StatusReport) -> None:
    sheet = workbook.add_worksheet("Chưa nộp")
    sheet.write_string(0, 0, f"ĐƠN VỊ CHƯA BÁO CÁO – {period.label().upper()}",
                       styles(font_size=13, bold=True, text_wrap=False))
    _table_header(sheet, styles, 2, ("Đơn vị", "STT", "Tiêu chí", "Vai trò"), (40, 8, 70, 12))
    records = data.period_records(period)
    cell = styles(font_size=FONT_SIZE, border=1)
    row = 3
    for entry in data.plan.entry_rows():
        if entry.key not in records:
            for col, value in enumerate((entry.unit.name, entry.item.code, entry.item.criterion, entry.role.value)):
                sheet.write_string(row, col, value, cell)
            row += 1
    if row == 3:
        sheet.write_string(row, 0, "Tất cả đơn vị đã báo cáo đủ.", styles(font_size=FONT_SIZE, italic=True))
    print_setup(sheet, 2, number_on_top=True)


def write_overdue(workbook, styles: Styles, data: MasterData, status: StatusReport) -> None:
    sheet = workbook.add_worksheet("Quá hạn")
    sheet.write_string(0, 0, f"NHIỆM VỤ QUÁ HẠN (tính đến ngày {status.today:%d/%m/%Y})",
                       styles(font_size=13, bold=True, text_wrap=False))
    _table_header(sheet, styles, 2, ("Đơn vị", "STT", "Tiêu chí", "Lý do", "Hạn"), (40, 8, 60, 30, 12))
    reasons = {"not_reported": "Chưa báo cáo", "plan_deadline": "Chưa xong khi hết hạn Kế hoạch"}
    criteria = {item.code: item.criterion for item in data.plan.items}
    cell = styles(font_size=FONT_SIZE, border=1)
    row = 3
    for unit in status.units:
        for overdue in unit.overdue:
            deadline = "/".join(reversed(overdue["deadline"].split("-")))
            values = (unit.name, overdue["item"], criteria[overdue["item"]], reasons[overdue["reason"]], deadline)
            for col, value in enumerate(values):
                sheet.write_string(row, col, value, cell)
            row += 1
    if row == 3:
        sheet.write_string(row, 0, "Không có nhiệm vụ quá hạn.", styles(font_size=FONT_SIZE, italic=True))
    print_setup(sheet, 2, number_on_top=True)
