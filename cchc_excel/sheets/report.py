"""The appendix workbook sent with the Word report: `Phụ lục I` (the criteria table) and `Phụ lục II`
(statistics and a chart).

It prints true to size: A4 landscape at 100 %, Times New Roman (the workbook's default font too, so
column widths mean the same everywhere), table text at 11 pt. Row heights are computed from the font's
own glyph widths (metrics.py), because LibreOffice does not grow rows itself and Excel does not on open.
Page breaks are set where the rows are measured to end a page, and a block of rows sharing a merged cell
starts a new page rather than being cut, when it fits on one.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ..model.periods import Period
from ..model.progress import MasterData
from ..model.summary import Counts, ItemSummary
from .base import Styles, new_workbook, write_item_field
from .paper import PAGE_HEIGHT, TABLE_SIZE, appendix_title, number_from_page_two, print_true_to_size, row_height
from .report_text import APPENDIX_TABLE, ReportOptions, summary_line
from .statistics import write_statistics

COLUMNS = ("STT", "Tiêu chí / nhiệm vụ", "Giải pháp", "Chủ trì", "Phối hợp", "Thời gian", "Kết quả",
           "Tài liệu kiểm chứng", "Mức độ hoàn thành", "Ghi chú")
# 880 px: 660 pt in Excel (7 px a digit), about 692 pt in LibreOffice (7,33 px a digit of Liberation Serif 11 pt);
# both within the 708 pt between the margins. Text is wrapped to the narrower, Excel's, width.
PIXELS = (32, 104, 144, 70, 68, 60, 144, 104, 64, 90)


MAX_ROW_HEIGHT = 409.0  # Excel's limit; a longer text still prints in LibreOffice up to the page's height


def points(col: int) -> float:
    return PIXELS[col] * 0.75


def write_appendix_workbook(path: Path, data: MasterData, period: Period, options: ReportOptions, day: date,
                            summaries: list[ItemSummary], counts: Counts) -> None:
    workbook = new_workbook(path, times_by_default=True, default_size=11)
    styles = Styles(workbook)
    _table_sheet(workbook, styles, data, period, options, day, summaries)
    write_statistics(workbook, styles, data, period, options, day, summaries, counts)
    workbook.worksheets()[0].activate()
    workbook.close()
    number_from_page_two(path)


def _table_sheet(workbook, styles: Styles, data, period, options, day, summaries) -> None:
    sheet = workbook.add_worksheet(APPENDIX_TABLE)
    for col, width in enumerate(PIXELS):
        sheet.set_column_pixels(col, col, width)
    title = summary_line(data.plan.facts, period).upper().replace("KẾT QUẢ", "KẾT QUẢ CỤ THỂ", 1)
    header, above = appendix_title(sheet, styles, data.plan.facts, options, day, APPENDIX_TABLE, title,
                                   sum(PIXELS) * 0.75, len(COLUMNS) - 1)
    head = styles(font_size=TABLE_SIZE, bold=True, align="center", valign="vcenter", border=1, text_wrap=True)
    for col, text in enumerate(COLUMNS):
        sheet.write_string(header, col, text, head)
    heights = {header: row_height([(t, points(c), True) for c, t in enumerate(COLUMNS)])}
    sheet.set_row(header, heights[header])
    cells = _rows(sheet, styles, summaries, header + 1)
    heights.update(_fit(sheet, cells))
    print_true_to_size(sheet, header)
    sheet.set_h_pagebreaks(page_breaks(heights, header, cells, above))


def _rows(sheet, styles: Styles, summaries: list[ItemSummary], first: int) -> dict[int, list]:
    """Write one row per item; returns each row's cells as (text, width, rows spanned, bold)."""
    cells: dict[int, list] = {}
    for row, summary in enumerate(summaries, start=first):
        bold = summary.item.level == 1
        notes = summary.lines("difficulties")
        values = {0: summary.item.code, 1: summary.item.criterion, 6: "\n".join(summary.result_lines),
                  7: "\n".join(summary.evidence_lines), 8: summary.level, 9: "\n".join(notes)}
        cells[row] = []
        for col, value in values.items():
            fmt = styles(font_size=TABLE_SIZE, border=1, valign="top", text_wrap=True, bold=bold and col < 2,
                         align="center" if col in (0, 8) else "left")
            sheet.write_string(row, col, value, fmt)
            cells[row].append((value, points(col), 1, bold and col < 2))
    plain = styles(font_size=TABLE_SIZE, border=1, valign="top", text_wrap=True)
    merged: dict[int, list] = {row: [] for row in cells}
    items = [s.item for s in summaries]
    for col, field in ((2, "solution"), (3, "lead"), (4, "partner"), (5, "timeframe")):
        write_item_field(sheet, items, first, col, field, plain, points(col), merged)
    for row, extra in merged.items():
        cells[row].extend((text, width, span, False) for text, width, span in extra)
    return cells


def _fit(sheet, cells: dict[int, list]) -> dict[int, float]:
    """Row heights from the measured text; a merged cell's excess is shared by the rows it spans."""
    heights = {row: row_height([(t, w, b) for t, w, span, b in row_cells if span == 1])
               for row, row_cells in cells.items()}
    for row, row_cells in cells.items():
        for text, width, span, bold in row_cells:
            if span > 1:
                need = row_height([(text, width, bold)])
                have = sum(heights[r] for r in range(row, row + span))
                for r in range(row, row + span):
                    heights[r] += max(0.0, need - have) / span
    for row, height in heights.items():
        heights[row] = min(round(height, 2), MAX_ROW_HEIGHT)
        sheet.set_row(row, heights[row])
    return heights


def page_breaks(heights: dict[int, float], header: int, cells: dict[int, list], above: float) -> list[int]:
    """Rows that start a page: where the measured rows fill one, or earlier to keep a merged block whole."""
    spans = {row: max((s for _, _, s, _ in row_cells), default=1) for row, row_cells in cells.items()}
    block_end: dict[int, int] = {}
    for row, span in spans.items():
        for r in range(row, row + span):
            block_end[r] = max(block_end.get(r, r), row + span - 1)
    breaks, used, row = [], above + heights[header], header + 1
    while row in heights:
        block = range(row, block_end.get(row, row) + 1)
        need = sum(heights[r] for r in block)
        if used + need > PAGE_HEIGHT and used > heights[header]:
            breaks.append(row)
            used = heights[header]
        if used + need > PAGE_HEIGHT:  # a block taller than a page: let its rows break one by one
            block = range(row, row + 1)
            need = heights[row]
        used += need
        row = block[-1] + 1
    return breaks
