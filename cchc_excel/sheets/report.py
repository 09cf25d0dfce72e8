"""The appendix workbook sent with the Word report: `Phụ lục I` (the criteria table) and `Phụ lục II`
(statistics and a chart).

It prints true to size: A4 landscape at 100 %, Times New Roman (the workbook's default font too, so
column widths mean the same everywhere), table text at 11 pt. Row heights are computed from the font's
own glyph widths (metrics.py), because LibreOffice does not grow rows itself and Excel does not on open.
Page breaks are set where the rows are measured to end a page, and a block of rows sharing a merged cell
starts a new page rather than being cut, when it fits on one (a block taller than a page fills its page row by
row before breaking). A task whose results need a row taller than a row can be takes several (report_rows.py).
The plan's part of the table is the plan as
issued (report_columns.py): its extra columns, and its section headings as heading rows kept with the rows
under them.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ..model.periods import Period
from ..model.progress import MasterData
from ..model.summary import Counts, ItemSummary
from .base import Styles, item_cells, new_workbook, write_runs
from .paper import PAGE_HEIGHT, PRINTABLE, TABLE_SIZE, appendix_title, number_from_page_two, print_true_to_size, row_height
from .report_columns import plan_notes, table_columns
from .report_rows import MAX_ROW_HEIGHT, RESULT_KEYS, task_rows
from .report_text import APPENDIX_TABLE, ReportOptions, summary_line
from .statistics import write_statistics



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
    notes = plan_notes(data.plan)
    columns = table_columns(data.plan, {"result": [t for s in summaries for t in s.result_lines],
                                        "evidence": [t for s in summaries for t in s.evidence_lines],
                                        "notes": [t for s in summaries for t in s.lines("difficulties")]
                                        + [s.item.extras[notes] for s in summaries if 0 <= notes < len(s.item.extras)]})
    for col, column in enumerate(columns):
        sheet.set_column_pixels(col, col, column.pixels)
    title = summary_line(data.plan.facts, period).upper().replace("KẾT QUẢ", "KẾT QUẢ CỤ THỂ", 1)
    header, above = appendix_title(sheet, styles, data.plan.facts, options, day, APPENDIX_TABLE, title,
                                   sum(c.points for c in columns), len(columns) - 1)
    head = styles(font_size=TABLE_SIZE, bold=True, align="center", valign="vcenter", border=1, text_wrap=True)
    for col, column in enumerate(columns):
        sheet.write_string(header, col, column.header, head)
    heights = {header: row_height([(c.header, c.points, True) for c in columns])}
    sheet.set_row(header, heights[header])
    notes = plan_notes(data.plan)
    widths = {c.key: c.points for c in columns}
    tasks = [task_rows(s, widths, [s.item.extras[notes]] if 0 <= notes < len(s.item.extras) else [])
             for s in summaries]
    rows, headings = _section_rows(sheet, styles, summaries, columns, header + 1, [len(t) for t in tasks])
    cells = _rows(sheet, styles, summaries, columns, rows, tasks)
    cells.update(headings)
    heights.update(_fit(sheet, cells))
    print_true_to_size(sheet, header)
    sheet.set_h_pagebreaks(page_breaks(heights, header, cells, above, set(headings)))


def _section_rows(sheet, styles: Styles, summaries: list[ItemSummary], columns, first: int, spans: list[int]):
    """A heading row before the first task of each section of the plan (as the plan issued it: "I" and its
    title); returns each task's first row (a task takes `spans` rows) and the heading rows' cells."""
    rows, headings, row, current = [], {}, first, None
    last = len(columns) - 1
    fmt = styles(font_size=TABLE_SIZE, border=1, valign="top", text_wrap=True, bold=True)
    for summary, span in zip(summaries, spans):
        item = summary.item
        if item.section and (item.section_code, item.section) != current:
            current = (item.section_code, item.section)
            start = 1 if item.section_code else 0
            if item.section_code:
                sheet.write_string(row, 0, item.section_code, styles(font_size=TABLE_SIZE, border=1, valign="top",
                                                                     bold=True, align="center"))
            sheet.merge_range(row, start, row, last, "", fmt)
            sheet.write_string(row, start, item.section, fmt)
            headings[row] = [(item.section, sum(c.points for c in columns[start:]), 1, True)]
            row += 1
        rows.append(row)
        row += span
    return rows, headings


def _rows(sheet, styles: Styles, summaries: list[ItemSummary], columns, rows: list[int],
          tasks: list[list[dict[str, str]]]) -> dict[int, list]:
    """Write each task from its first row down its rows (report_rows.py): the result columns row by row, the
    plan's cells and the level merged down them; returns each row's cells as (text, width, rows spanned, bold)."""
    cells: dict[int, list] = {}
    for row, summary, parts in zip(rows, summaries, tasks):
        bold = summary.item.level == 1
        span = len(parts)
        cells.update({row + i: [] for i in range(span)})
        whole = {"code": summary.item.display_code, "criterion": summary.item.criterion, "level": summary.level}
        for col, column in enumerate(columns):
            strong = bold and column.key in ("code", "criterion")
            fmt = styles(font_size=TABLE_SIZE, border=1, valign="top", text_wrap=True, bold=strong,
                         align="center" if column.key in ("code", "level") else "left")
            if column.key in whole:
                if span > 1:
                    sheet.merge_range(row, col, row + span - 1, col, "", fmt)
                sheet.write_string(row, col, whole[column.key], fmt)
                cells[row].append((whole[column.key], column.points, span, strong))
            for i, part in enumerate(parts if column.key in RESULT_KEYS else ()):
                sheet.write_string(row + i, col, part[column.key], fmt)
                cells[row + i].append((part[column.key], column.points, 1, False))
    plain = styles(font_size=TABLE_SIZE, border=1, valign="top", text_wrap=True)
    merged: dict[int, list] = {row: [] for row in rows}
    items = [s.item for s in summaries]
    for col, column in enumerate(columns):
        if column.key in ("solution", "lead", "partner", "timeframe", "extra"):
            down = []  # a task's further rows share its cell
            for task, (row, text, shared) in zip(tasks, item_cells(items, rows, column.key, column.extra)):
                down += [(row, text, shared)] + [(row + i, "", True) for i in range(1, len(task))]
            write_runs(sheet, down, col, plain, column.points, merged)
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


def page_breaks(heights: dict[int, float], header: int, cells: dict[int, list], above: float,
                headings: frozenset[int] | set[int] = frozenset()) -> list[int]:
    """Rows that start a page: where the measured rows fill one, or earlier to keep a merged block whole (and a
    section heading with the block under it)."""
    spans = {row: max((s for _, _, s, _ in row_cells), default=1) for row, row_cells in cells.items()}
    block_end: dict[int, int] = {}
    for row, span in sorted(spans.items()):
        for r in range(row, row + span):
            block_end[r] = max(block_end.get(r, r), row + span - 1)
    for row in sorted(headings, reverse=True):
        block_end[row] = max(block_end.get(row, row), block_end.get(row + 1, row))
    start = above + heights[header]  # what the page holds above its first row (the title on page 1)
    breaks, used, row, loose = [], start, header + 1, 0
    while row in heights:
        block = range(row, (row if row <= loose else block_end.get(row, row)) + 1)
        need = sum(heights[r] for r in block)
        if used + need > PAGE_HEIGHT and used > start:  # never a page of the table's header alone
            breaks.append(row)
            used = start = heights[header]
        if used + need > (PRINTABLE if used == start else PAGE_HEIGHT):
            # a block taller than a whole page (its spare given up to keep a merged block whole): its rows
            # break one by one, to its last row, filling each page; a section heading keeps its first row
            loose = block[-1]
            block = range(row, min(row + 1 if row in headings else row, loose) + 1)
            need = sum(heights[r] for r in block)
        used += need
        row = block[-1] + 1
    return breaks
