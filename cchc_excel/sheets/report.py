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

import io
from bisect import bisect_right
from datetime import date
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable

from ..model.periods import Period
from ..model.progress import MasterData
from ..model.summary import Counts, ItemSummary
from .base import Styles, item_cells, new_workbook, runs
from .package import SENT_LEVEL, repackage
from .paper import TABLE_SIZE, appendix_title, numbered_from_page_two, print_true_to_size, row_height
from .report_body import Body
from .report_columns import plan_notes, table_columns
from .report_pages import Piece, cells_by_row, fit, label, own_heights, page_breaks, split_at
from .report_rows import CONTINUED, RESULT_KEYS, task_layout, task_texts
from .report_text import APPENDIX_TABLE, ReportOptions, summary_line
from .statistics import write_statistics
from .table_xml import appended_chunks



def write_appendix_workbook(path: Path, data: MasterData, period: Period, options: ReportOptions, day: date,
                            summaries: list[ItemSummary], counts: Counts) -> None:
    """Write the appendix workbook: xlsxwriter writes it in memory with Phụ lục I's rows below its header left
    out, then its parts go into the file, those rows streamed into the sheet (report_body.py)."""
    frame = io.BytesIO()
    workbook = new_workbook(frame, times_by_default=True, default_size=11)
    styles = Styles(workbook)
    body = _table_sheet(workbook, styles, data, period, options, day, summaries)
    write_statistics(workbook, styles, data, period, options, day, summaries, counts)
    workbook.worksheets()[0].activate()
    workbook.close()
    rewrites: dict[str, Callable[[bytes], Iterable[bytes]]] = {  # xlsxwriter names the sheets' parts by their order
        f"xl/worksheets/sheet{n}.xml": lambda xml: [numbered_from_page_two(xml)]
        for n in range(1, len(workbook.worksheets()) + 1)}
    rewrites[TABLE_PART] = lambda xml: appended_chunks(numbered_from_page_two(xml), body.rows(), body.last,
                                                       body.merges)
    repackage(frame, path, rewrites, SENT_LEVEL)


TABLE_PART = "xl/worksheets/sheet1.xml"  # Phụ lục I, the workbook's first sheet


def _table_sheet(workbook, styles: Styles, data, period, options, day, summaries) -> Body:
    sheet = workbook.add_worksheet(APPENDIX_TABLE)
    notes = plan_notes(data.plan)
    planned = [[s.item.extras[notes]] if 0 <= notes < len(s.item.extras) else [] for s in summaries]  # plan's note
    columns = table_columns(data.plan, {"result": (t for s in summaries for t in s.result_lines),
                                        "evidence": (t for s in summaries for t in s.evidence_lines),
                                        "notes": chain((t for s in summaries for t in s.lines("difficulties")),
                                                       (t for note in planned for t in note))})
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
    # a task of one row keeps its texts; of several, only its rows' heights: its texts are made again as it is
    # written (every unit's result: held for all tasks at once, they would be the master's data a second time)
    shapes = [_shape(*task_layout(s, widths, note)) for s, note in zip(summaries, planned)]
    spans = [len(texts or tall) for texts, tall, _ in shapes]
    rows, headings, titles = _section_rows(styles, summaries, columns, header + 1, spans)
    known = {row + i: height for row, (_, tall, _) in zip(rows, shapes) for i, height in enumerate(tall)}
    pieces = _pieces(styles, summaries, columns, rows, spans, [texts for texts, _, _ in shapes])
    split, found = _paginate(sheet, pieces, headings, header, heights, above, known,
                             _labels(summaries, columns, rows, spans))
    print_true_to_size(sheet, header)
    remade = {row: partial(_task_texts, summary, widths, note, cut, len(tall))
              for row, summary, note, (_, tall, cut) in zip(rows, summaries, planned, shapes) if tall}
    results = {col: (column.key, _cell_format(styles, column.key)) for col, column in enumerate(columns)
               if column.key in RESULT_KEYS}
    return Body(split + titles, found, remade, results, len(columns), header)


def _shape(parts: list[tuple[dict[str, str], float | None]], cut: frozenset[int]
           ) -> tuple[list[dict[str, str]], list[float], frozenset[int]]:
    """A task's texts when it takes one row; else its rows' heights and which units' texts were cut (no texts)."""
    if len(parts) == 1:
        return [parts[0][0]], [], cut
    return [], [height or 0.0 for _, height in parts], cut


def _task_texts(summary: ItemSummary, widths: dict[str, float], planned: list[str], cut: frozenset[int],
                span: int) -> list[dict[str, str]]:
    """The texts of a task over several rows again (report_rows.task_texts), as many rows as were measured."""
    texts = task_texts(summary, widths, planned, cut)
    if len(texts) != span:
        raise RuntimeError(f"{summary.item.code}: {len(texts)} rows written for {span} measured")
    return texts


def _cell_format(styles: Styles, key: str, bold: bool = False):
    return styles(font_size=TABLE_SIZE, border=1, valign="top", text_wrap=True, bold=bold,
                  align="center" if key in ("code", "level") else "left")


MAX_BREAKS = 1023  # manual page breaks a sheet keeps (Excel's limit; xlsxwriter writes no more)


def _paginate(sheet, pieces: list[Piece], headings: dict[int, list], header: int, heights: dict[int, float],
              above: float, known: dict[int, float], labels: dict[int, tuple[int, dict[int, str], float]]
              ) -> tuple[list[Piece], dict[int, float]]:
    """Measure the rows, break the pages and split the merged cells where a page starts (naming the task again
    there); returns the cells so split and the rows' heights. A row is measured once: splitting a merged cell
    only changes how merged text is shared out (measured again until the breaks no longer move)."""
    cells = cells_by_row(pieces)
    cells.update(headings)
    own = own_heights(cells, known)
    own[header] = heights[header]  # for page_breaks; fit leaves it as it is (the header has no cells in `cells`)
    found = fit(own, cells)
    tasks = {first: last for first, (last, _, _) in labels.items()}
    firsts = sorted(tasks)
    opening = {row: max(found[row], tall) for first, (last, _, tall) in labels.items()
               for row in range(first + 1, last + 1)}
    texts = {first: text for first, (_, text, _) in labels.items()}
    breaks: list[int] = []
    split = pieces
    for _ in range(3):
        moved = page_breaks(found, header, cells, above, set(headings), tasks, opening)
        if moved == breaks:
            break
        breaks = moved
        kept = breaks[:MAX_BREAKS]  # the breaks a sheet keeps: after them the spreadsheet breaks the pages itself
        split = split_at(pieces, kept, tasks, texts)
        del cells, found  # (at 4,000 units each holds a row's entry for 120,000 rows: one of each at a time)
        cells = cells_by_row(split)
        cells.update(headings)
        named = {row: labels[first][2] for row, first in ((row, _task_of(firsts, tasks, row)) for row in kept)
                 if first is not None}
        found = fit(own, cells, named)
    sheet.set_h_pagebreaks(breaks)
    del found[header]
    return split, found


def _task_of(firsts: list[int], tasks: dict[int, int], row: int) -> int | None:
    """The first row of the task over several rows that a row continues (not its first row), or None."""
    at = bisect_right(firsts, row) - 1
    return firsts[at] if at >= 0 and firsts[at] < row <= tasks[firsts[at]] else None


def _section_rows(styles: Styles, summaries: list[ItemSummary], columns, first: int, spans: list[int]):
    """A heading row before the first task of each section of the plan (as the plan issued it: "I" and its
    title); returns each task's first row (a task takes `spans` rows), the heading rows' cells to measure, and
    their cells to write (the title merged across the row)."""
    rows, headings, titles, row, current = [], {}, [], first, None
    last = len(columns) - 1
    fmt = styles(font_size=TABLE_SIZE, border=1, valign="top", text_wrap=True, bold=True)
    for summary, span in zip(summaries, spans):
        item = summary.item
        if item.section and (item.section_code, item.section) != current:
            current = (item.section_code, item.section)
            start = 1 if item.section_code else 0
            if item.section_code:
                titles.append(Piece(row, row, 0, item.section_code, _cell_format(styles, "code", True),
                                    columns[0].points))
            width = sum(c.points for c in columns[start:])
            titles.append(Piece(row, row, start, item.section, fmt, width, True, right=last))
            headings[row] = [(item.section, width, 1, True)]
            row += 1
        rows.append(row)
        row += span
    return rows, headings, titles


def _pieces(styles: Styles, summaries: list[ItemSummary], columns, rows: list[int], spans: list[int],
            tasks: list[list[dict[str, str]]]) -> list[Piece]:
    """Each task from its first row down its rows (report_rows.py): the plan's cells and the level merged down
    them, and the result columns of a task of one row (those of a task of several are written as it streams)."""
    pieces = []
    for row, span, summary, parts in zip(rows, spans, summaries, tasks):
        bold = summary.item.level == 1
        last = row + span - 1
        whole = {"code": summary.item.display_code, "criterion": summary.item.criterion, "level": summary.level}
        for col, column in enumerate(columns):
            strong = bold and column.key in ("code", "criterion")
            fmt = _cell_format(styles, column.key, strong)
            if column.key in whole:
                pieces.append(Piece(row, last, col, whole[column.key], fmt, column.points, strong))
            for i, part in enumerate(parts if column.key in RESULT_KEYS else ()):
                pieces.append(Piece(row + i, row + i, col, part[column.key], fmt, column.points))
    plain = styles(font_size=TABLE_SIZE, border=1, valign="top", text_wrap=True)
    items = [s.item for s in summaries]
    for col, column in enumerate(columns):
        if column.key in ("solution", "lead", "partner", "timeframe", "extra"):
            down = []  # a task's further rows share its cell
            for span, (row, text, shared) in zip(spans, item_cells(items, rows, column.key, column.extra)):
                down += [(row, text, shared)] + [(row + i, "", True) for i in range(1, span)]
            pieces += [Piece(top, bottom, col, text, plain, column.points, typed=True) for top, bottom, text in runs(down)]
    return pieces


def _labels(summaries: list[ItemSummary], columns, rows: list[int],
            spans: list[int]) -> dict[int, tuple[int, dict[int, str], float]]:
    """For each task over several rows (first row → ...): its last row, what its STT and criterion cells say
    on a page where it continues (by column), and the height they need."""
    found = {}
    at = {c.key: (col, c) for col, c in enumerate(columns)}
    for row, summary, span in zip(rows, summaries, spans):
        if span < 2:
            continue
        code, criterion = label(summary.item.display_code, summary.item.criterion)
        texts = {"code": code, "criterion": criterion} if "criterion" in at else {"code": f"{code}\n{CONTINUED}"}
        bold = summary.item.level == 1
        found[row] = (row + span - 1, {at[k][0]: t for k, t in texts.items() if k in at},
                      row_height([(t, at[k][1].points, bold) for k, t in texts.items() if k in at]))
    return found
