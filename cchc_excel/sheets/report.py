"""The appendix workbook sent with the Word report: `Phụ lục I` (the criteria table) and `Phụ lục II`
(statistics and a chart).

It prints true to size: A4 landscape at 100 %, Times New Roman (the workbook's default font too, so
column widths mean the same everywhere), table text at 11 pt. Row heights are computed from the font's
own glyph widths (metrics.py), because LibreOffice does not grow rows itself and Excel does not on open.
Page breaks are set where the rows are measured to end a page, and a block of rows sharing a merged cell
starts a new page rather than being cut, when it fits on one (a block taller than a page is cut between its
tasks, then a task taller than a page fills its page row by row: report_pages.py). A task whose results need a
row taller than a row can be takes several (report_rows.py); where a page breaks inside it, its merged cells are
split and the page's first row names the task again.
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
from .base import Styles, item_cells, new_workbook, runs, write_cell
from .paper import TABLE_SIZE, appendix_title, number_from_page_two, print_true_to_size, row_height
from .report_columns import plan_notes, table_columns
from .report_pages import Piece, cells_by_row, fit, label, own_heights, page_breaks, split_at
from .report_rows import CONTINUED, RESULT_KEYS, task_parts
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
    planned = [[s.item.extras[notes]] if 0 <= notes < len(s.item.extras) else [] for s in summaries]  # plan's note
    columns = table_columns(data.plan, {"result": [t for s in summaries for t in s.result_lines],
                                        "evidence": [t for s in summaries for t in s.evidence_lines],
                                        "notes": [t for s in summaries for t in s.lines("difficulties")]
                                        + [t for note in planned for t in note]})
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
    widths = {c.key: c.points for c in columns}
    measured = [task_parts(s, widths, note) for s, note in zip(summaries, planned)]
    tasks = [[part for part, _ in parts] for parts in measured]
    rows, headings = _section_rows(sheet, styles, summaries, columns, header + 1, [len(t) for t in tasks])
    known = {row + i: height for row, parts in zip(rows, measured) if len(parts) > 1
             for i, (_, height) in enumerate(parts) if height is not None}
    pieces = _pieces(styles, summaries, columns, rows, tasks)
    heights.update(_paginate(sheet, pieces, headings, header, heights, above, known,
                             _labels(summaries, columns, rows, tasks)))
    print_true_to_size(sheet, header)


MAX_BREAKS = 1023  # manual page breaks a sheet keeps (Excel's limit; xlsxwriter writes no more)


def _paginate(sheet, pieces: list[Piece], headings: dict[int, list], header: int, heights: dict[int, float],
              above: float, known: dict[int, float], labels: dict[int, tuple[int, dict[int, str], float]]
              ) -> dict[int, float]:
    """Measure the rows, break the pages, split the merged cells where a page starts (naming the task again
    there), then write the cells and row heights; returns the heights. A row is measured once: splitting a
    merged cell only changes how merged text is shared out (measured again until the breaks no longer move)."""
    cells = cells_by_row(pieces) | headings
    own = own_heights(cells, known)
    found = fit(own, cells)
    tasks = {first: last for first, (last, _, _) in labels.items()}
    named = {row: tall for first, (last, _, tall) in labels.items() for row in range(first + 1, last + 1)}
    opening = {row: max(found[row], tall) for row, tall in named.items()}
    texts = {first: text for first, (_, text, _) in labels.items()}
    breaks: list[int] = []
    split = pieces
    for _ in range(3):
        moved = page_breaks(heights | found, header, cells, above, set(headings), tasks, opening)
        if moved == breaks:
            break
        breaks = moved
        kept = breaks[:MAX_BREAKS]  # the breaks a sheet keeps: after them the spreadsheet breaks the pages itself
        split = split_at(pieces, kept, tasks, texts)
        cells = cells_by_row(split) | headings
        found = fit(own, cells, {row: named[row] for row in kept if row in named})
    for piece in split:
        if piece.bottom > piece.top:
            sheet.merge_range(piece.top, piece.col, piece.bottom, piece.col, "", piece.fmt)
        if piece.typed:
            write_cell(sheet, piece.top, piece.col, piece.text, piece.fmt)
        else:
            sheet.write_string(piece.top, piece.col, piece.text, piece.fmt)
    for row, height in found.items():
        sheet.set_row(row, height)
    sheet.set_h_pagebreaks(breaks)
    return found


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


def _pieces(styles: Styles, summaries: list[ItemSummary], columns, rows: list[int],
            tasks: list[list[dict[str, str]]]) -> list[Piece]:
    """Each task from its first row down its rows (report_rows.py): the result columns row by row, the plan's
    cells and the level merged down them."""
    pieces = []
    for row, summary, parts in zip(rows, summaries, tasks):
        bold = summary.item.level == 1
        last = row + len(parts) - 1
        whole = {"code": summary.item.display_code, "criterion": summary.item.criterion, "level": summary.level}
        for col, column in enumerate(columns):
            strong = bold and column.key in ("code", "criterion")
            fmt = styles(font_size=TABLE_SIZE, border=1, valign="top", text_wrap=True, bold=strong,
                         align="center" if column.key in ("code", "level") else "left")
            if column.key in whole:
                pieces.append(Piece(row, last, col, whole[column.key], fmt, column.points, strong))
            for i, part in enumerate(parts if column.key in RESULT_KEYS else ()):
                pieces.append(Piece(row + i, row + i, col, part[column.key], fmt, column.points))
    plain = styles(font_size=TABLE_SIZE, border=1, valign="top", text_wrap=True)
    items = [s.item for s in summaries]
    for col, column in enumerate(columns):
        if column.key in ("solution", "lead", "partner", "timeframe", "extra"):
            down = []  # a task's further rows share its cell
            for task, (row, text, shared) in zip(tasks, item_cells(items, rows, column.key, column.extra)):
                down += [(row, text, shared)] + [(row + i, "", True) for i in range(1, len(task))]
            pieces += [Piece(top, bottom, col, text, plain, column.points, typed=True) for top, bottom, text in runs(down)]
    return pieces


def _labels(summaries: list[ItemSummary], columns, rows: list[int],
            tasks: list[list[dict[str, str]]]) -> dict[int, tuple[int, dict[int, str], float]]:
    """For each task over several rows (first row → ...): its last row, what its STT and criterion cells say
    on a page where it continues (by column), and the height they need."""
    found = {}
    at = {c.key: (col, c) for col, c in enumerate(columns)}
    for row, summary, parts in zip(rows, summaries, tasks):
        if len(parts) < 2:
            continue
        code, criterion = label(summary.item.display_code, summary.item.criterion)
        texts = {"code": code, "criterion": criterion} if "criterion" in at else {"code": f"{code}\n{CONTINUED}"}
        bold = summary.item.level == 1
        found[row] = (row + len(parts) - 1, {at[k][0]: t for k, t in texts.items() if k in at},
                      row_height([(t, at[k][1].points, bold) for k, t in texts.items() if k in at]))
    return found
