"""Writers for the sheets that plan workbooks and shared workbooks have in common (xlsxwriter).

Every text is written with write_string, so a value starting with '=', '+', '-' or '@' stays text.
"""
from __future__ import annotations

import functools
import threading
import zipfile
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from ..model import layout
from ..model.plan import AppendixColumn, Plan, PlanFacts
from ..model.units import ALL_INTERNAL

if TYPE_CHECKING:  # xlsxwriter is imported when a workbook is written, not when the package is
    from xlsxwriter.worksheet import Worksheet

WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
                    "default_date_format": "dd/mm/yyyy"}
DATE_FORMAT = "dd/mm/yyyy"
# A number format's locale, vi-VN (LCID 042A, ECMA-376 18.8.31): LibreOffice prints the number with the decimal
# comma and the dot for thousands whatever its own locale (its throw-away profile's is en-US); Excel shows the
# separators of the computer's regional settings (a Vietnamese Windows: the same), the format code stays valid.
VIETNAMESE = "[$-42A]"
PERCENT_FORMAT = VIETNAMESE + "0.0%"
NUMBER_FORMAT = VIETNAMESE + "0.###"
FIXED_TIME = datetime(2000, 1, 1)  # document properties: fixed so that output is deterministic


class Styles:
    """Cell formats of one workbook, made once per distinct set of properties."""

    BASE = {"font_name": layout.FONT, "font_size": 12, "valign": "top", "text_wrap": True}

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self._cache: dict[tuple, object] = {}

    def __call__(self, **props):
        merged = {**self.BASE, **props}
        key = tuple(sorted(merged.items()))
        if key not in self._cache:
            self._cache[key] = self.workbook.add_format(merged)
        return self._cache[key]

    @property
    def header(self):
        return self(bold=True, align="center", valign="vcenter", border=1, bg_color="#DDEBF7")

    @property
    def cell(self):
        return self(border=1)


_DEFLATE_LOCK = threading.Lock()
DEFLATE_LEVEL = 1


@contextmanager
def fast_deflate():
    """Let xlsxwriter deflate at level 1 while a workbook (the master's frame) is written.

    xlsxwriter has no option for the deflate level: the name `ZipFile` that xlsxwriter.workbook looks up is
    swapped for one with compresslevel=1 and restored afterwards. That name is global to the process, so
    the swap is held under a lock: two threads writing with fast_deflate never restore each other's swap.
    If xlsxwriter stops using that name, nothing is swapped (tests/sheets/test_base.py then fails).
    """
    import xlsxwriter.workbook as module

    with _DEFLATE_LOCK:
        original = getattr(module, "ZipFile", None)
        if original is not zipfile.ZipFile:
            yield
            return
        module.ZipFile = functools.partial(zipfile.ZipFile, compresslevel=DEFLATE_LEVEL)
        try:
            yield
        finally:
            module.ZipFile = original


@contextmanager
def file_system_errors():
    """xlsxwriter wraps the file system's OSError (full disk, no permission) in FileCreateError: unwrap it."""
    from xlsxwriter.exceptions import FileCreateError

    try:
        yield
    except FileCreateError as err:
        cause = err.args[0] if err.args and isinstance(err.args[0], OSError) else OSError(str(err))
        raise cause from err


def new_workbook(path, *, times_by_default: bool = False, default_size: int = 12, top: bool = False):
    """An xlsxwriter workbook with text-safe options and fixed document properties.

    times_by_default makes Times New Roman the font of unformatted cells: large data sheets then need no
    per-cell format (smaller and faster to write). Column widths are measured in that font's digits
    (7 pixels at 11 pt, as Calibri 11, so pixel widths mean the same in Excel and LibreOffice). top puts
    unformatted cells at the top of their cells too, as every format of Styles: a tall row of a data sheet
    then lines up at its top on screen and on paper. (Not for a unit copy, whose cells all have a format:
    openpyxl, saving a workbook whose default format has an alignment, gives every row a style.)
    """
    import xlsxwriter

    default = {"font_name": layout.FONT, "font_size": default_size} | ({"valign": "top"} if top else {})
    options = WORKBOOK_OPTIONS | ({"default_format_properties": default} if times_by_default else {})
    if hasattr(path, "write"):  # a file object (BytesIO): the workbook is built in memory
        workbook = xlsxwriter.Workbook(path, options | {"in_memory": True})
    else:
        workbook = xlsxwriter.Workbook(str(path), options)
    workbook.set_properties({"created": FIXED_TIME, "author": "cchc_excel"})
    workbook.set_calc_mode("auto")
    return workbook


def write_cell(sheet, row: int, col: int, value: object, fmt=None, date_fmt=None) -> None:
    """Write a value by its type (cell_value): text always as a string, never as a formula."""
    value = cell_value(value)
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, datetime):
        sheet.write_datetime(row, col, value, date_fmt or fmt)
    elif isinstance(value, float):
        sheet.write_number(row, col, value, fmt)
    else:
        sheet.write_string(row, col, value, fmt)


def cell_value(value: object) -> datetime | float | str | None:
    """A value as a cell holds it: None (blank) for none or "", a date as a datetime, a number as a float, yes/no
    as "Có"/"Không", anything else as its text."""
    if value is None or value == "":
        return None
    if isinstance(value, (date, datetime)):
        return value if isinstance(value, datetime) else datetime(*value.timetuple()[:3])
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    return str(value)


LINE_POINTS = 15.5  # one line of 12 pt Times New Roman


def text_lines(text: object, width: float) -> int:
    """How many lines a wrapped text takes in a column of a given width (Excel character units)."""
    if not text:
        return 1
    per_line = max(int(width * 1.1), 1)
    shown = text if text.__class__ is str else str(text)
    if "\n" not in shown:  # most texts: one paragraph (called for every wrapped cell of the master's data)
        return -(-len(shown) // per_line) or 1
    return sum(max(1, -(-len(line) // per_line)) for line in shown.split("\n"))


def fit_rows(sheet, rows: dict[int, list[tuple[str, float, int]]]) -> None:
    """Set row heights, which LibreOffice does not compute itself, from (text, width, rows spanned) cells."""
    needed = {row: 1 for row in rows}
    for row, cells in rows.items():
        for text, width, span in cells:
            if span == 1:
                needed[row] = max(needed[row], text_lines(text, width))
    for row, cells in rows.items():
        for text, width, span in cells:
            have = sum(needed.get(r, 1) for r in range(row, row + span))
            extra = text_lines(text, width) - have
            if span > 1 and extra > 0:
                for r in range(row, row + span):
                    needed[r] = needed.get(r, 1) + -(-extra // span)
    for row, lines in needed.items():
        sheet.set_row(row, lines * LINE_POINTS)


def appendix_title(plan: Plan) -> list[str]:
    facts = plan.facts
    title = (facts.title or "").upper()
    return ["PHỤ LỤC", f"NỘI DUNG VÀ GIẢI PHÁP THỰC HIỆN KẾ HOẠCH {title}".strip(),
            f"(Kèm theo Kế hoạch số {facts.number} ngày {facts.date.day} tháng {facts.date.month} "
            f"năm {facts.date.year} của {facts.agency})"]


APPENDIX_WIDTHS = (6, 34, 60, 28, 28, 20)
FIELD_WIDTHS = dict(zip(layout.APPENDIX_STANDARD, APPENDIX_WIDTHS)) | {"units": 34, "extra": 20}
ITEM_ATTR = {"solution": "solution", "lead": "lead_text", "partner": "partner_text", "timeframe": "timeframe",
              "units": "units_text", "code": "display_code", "criterion": "criterion"}


def item_cells(items, rows: list[int], field: str, extra: int = -1) -> list[tuple[int, str, bool]]:
    """(row, text, shares the cell above) of one plan field (or extra column) down a column: a task shares the
    cell of the task above, in the same section, where the appendix merged them (or it inherits a sub-criterion's
    parent's text), as in the issued appendix."""
    cells = []
    for i, (row, item) in enumerate(zip(rows, items)):
        text = item.extras[extra] if extra >= 0 else getattr(item, ITEM_ATTR[field])
        above = items[i - 1] if i > 0 else None
        shared = above is not None and above.section == item.section and (
            field in item.merged_above or (field in item.inherited and _shares_parent(above, item, field)))
        cells.append((row, text, shared))
    return cells


def _shares_parent(above, item, field: str) -> bool:
    """The task above is the parent whose cell the item inherits, or a sibling that inherits it too (never a
    sibling with its own text: its cell merged over the item would give the item the sibling's units)."""
    return above.code == item.parent_code or (field in above.inherited and above.parent_code == item.parent_code)


def runs(cells: list[tuple[int, str, bool]]) -> list[tuple[int, int, str]]:
    """(top row, bottom row, text) of each run of (row, text, shares the cell above) down a column."""
    found: list[list] = []
    for row, text, shared in cells:
        if shared and found and found[-1][1] == row - 1:
            found[-1][1] = row
        else:
            found.append([row, row, text])
    return [(top, bottom, text) for top, bottom, text in found]


def write_runs(sheet, cells: list[tuple[int, str, bool]], col: int, fmt, width: float,
               heights: dict[int, list]) -> None:
    """Write (row, text, shares the cell above) down a column, merging each run of shared cells."""
    for top, bottom, text in runs(cells):
        if bottom > top:
            sheet.merge_range(top, col, bottom, col, "", fmt)
        write_cell(sheet, top, col, text, fmt)
        heights.setdefault(top, []).append((text, width, bottom - top + 1))


def appendix_columns(plan: Plan) -> tuple[AppendixColumn, ...]:
    """The appendix's columns as issued, or the standard six."""
    if plan.shape is not None:
        return plan.shape.columns
    return tuple(AppendixColumn(f, layout.APPENDIX_COLUMNS[f][0]) for f in layout.APPENDIX_STANDARD)


def write_appendix(workbook, styles: Styles, name: str, plan: Plan, *, true_size: bool = False) -> Worksheet:
    """The appendix as issued: title, header (two rows under group headers), section headings, one row per
    task with its extra columns, cells merged where the appendix merged them (sub-criteria, shared STT)."""
    sheet = workbook.add_worksheet(name)
    columns = appendix_columns(plan)
    last = len(columns) - 1
    widths = [FIELD_WIDTHS[c.field] for c in columns]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    title = plan.shape.title if plan.shape is not None and plan.shape.title else appendix_title(plan)
    for row, line in enumerate(title):
        fmt = styles(align="center", italic=line.startswith("("), bold=not line.startswith("("))
        sheet.merge_range(row, 0, row, last, "", fmt)
        sheet.write_string(row, 0, line, fmt)
    header_row = len(title) + 1
    first = _write_appendix_header(sheet, styles, columns, header_row)
    rows, heights = _write_sections(sheet, styles, plan, columns, first)
    if first == header_row + 1:  # a one-row header: bold words wrap sooner than plain ones
        heights[header_row] = [(c.header, w * 0.8, 1) for c, w in zip(columns, widths)]
    for col, column in enumerate(columns):
        extra = [c for c in columns if c.field == "extra"].index(column) if column.field == "extra" else -1
        cells = item_cells(plan.items, rows, column.field, extra)
        # true_size (a sheet printed at 100 %) sizes rows with room to spare: words wrap before the edge
        fit = widths[col] * (0.85 if true_size else 1)
        if column.field in ("code", "criterion"):
            _write_bold_runs(sheet, styles, cells, plan.items, col, fit, heights, column.field)
        else:
            write_runs(sheet, cells, col, styles.cell, fit, heights)
    fit_rows(sheet, heights)
    print_setup(sheet, repeat_row=first - 1, true_size=true_size, repeat_columns="A:B" if true_size else None)
    sheet.repeat_rows(header_row, first - 1)  # both rows of a two-row header on every page
    return sheet


def _write_bold_runs(sheet, styles, cells, items, col, width, heights, field) -> None:
    """Code and criterion: bold for top-level criteria, the code centred."""
    for level_one in (True, False):
        chosen = [c for c, item in zip(cells, items) if (item.level == 1) == level_one]
        fmt = styles(border=1, bold=level_one, **({"align": "center"} if field == "code" else {}))
        write_runs(sheet, chosen, col, fmt, width, heights)


def _write_appendix_header(sheet, styles: Styles, columns, header_row: int) -> int:
    """The header row(s); returns the first row under them."""
    if not any(c.group for c in columns):
        for col, column in enumerate(columns):
            sheet.write_string(header_row, col, column.header, styles.header)
        return header_row + 1
    col = 0
    while col < len(columns):
        column = columns[col]
        if not column.group:
            sheet.merge_range(header_row, col, header_row + 1, col, column.header, styles.header)
            col += 1
            continue
        end = col
        while end + 1 < len(columns) and columns[end + 1].group == column.group:
            end += 1
        if end > col:
            sheet.merge_range(header_row, col, header_row, end, column.group, styles.header)
        else:
            sheet.write_string(header_row, col, column.group, styles.header)
        for sub in range(col, end + 1):
            sheet.write_string(header_row + 1, sub, columns[sub].header, styles.header)
        col = end + 1
    return header_row + 2


def _write_sections(sheet, styles: Styles, plan: Plan, columns, first: int) -> tuple[list[int], dict]:
    """Section heading rows before the first task of each section; returns each task's row."""
    rows, heights, row, current = [], {}, first, None
    last = len(columns) - 1
    fmt = styles(border=1, bold=True)
    for item in plan.items:
        if item.section and (item.section_code, item.section) != current:
            current = (item.section_code, item.section)
            if item.section_code:
                sheet.write_string(row, 0, item.section_code, styles(border=1, bold=True, align="center"))
                sheet.merge_range(row, 1, row, last, "", fmt)
                sheet.write_string(row, 1, item.section, fmt)
            else:
                sheet.merge_range(row, 0, row, last, "", fmt)
                sheet.write_string(row, 0, item.section, fmt)
            heights[row] = [(item.section, sum(FIELD_WIDTHS[c.field] for c in columns[1:]), 1)]
            row += 1
        rows.append(row)
        heights.setdefault(row, [])
        row += 1
    return rows, heights


UNIT_WIDTHS = (10, 40, 26, 40, 18, 26, 40)


def write_units(workbook, styles: Styles, name: str, units, *, true_size: bool = False) -> Worksheet:
    sheet = workbook.add_worksheet(name)
    for col, width in enumerate(UNIT_WIDTHS):
        sheet.set_column(col, col, width)
    for row, values in write_unit_rows(sheet, styles, units):
        sheet.set_row(row, max(text_lines(v, w) for v, w in zip(values, UNIT_WIDTHS)) * LINE_POINTS)
    sheet.freeze_panes(1, 0)
    print_setup(sheet, repeat_row=0 if true_size else None, true_size=true_size,
                repeat_columns="A:B" if true_size else None)
    return sheet


def unit_values(unit) -> tuple[str, ...]:
    """A unit as a row of the registry (layout.UNIT_COLUMNS order)."""
    members = ALL_INTERNAL if unit.all_internal else "; ".join(unit.members)
    return (unit.code, unit.name, unit.short_name, "; ".join(unit.aliases), unit.kind.value, members, unit.note)


def write_unit_rows(sheet, styles: Styles, units, first_col: int = 0) -> list[tuple[int, tuple]]:
    """The unit registry as a table (header, one row per unit) from first_col; returns (row, values)."""
    for col, header in enumerate(layout.UNIT_COLUMNS.values(), start=first_col):
        sheet.write_string(0, col, header, styles.header)
    written = []
    for row, unit in enumerate(units, start=1):
        values = unit_values(unit)
        for col, value in enumerate(values, start=first_col):
            write_cell(sheet, row, col, value, styles.cell)
        written.append((row, values))
    return written


def fact_rows(facts: PlanFacts) -> list[tuple[str, object]]:
    """(label, value) for every fact that has a value, in the order of layout.FACT_LABELS."""
    rows = []
    for field in fields(facts):
        value = getattr(facts, field.name)
        if isinstance(value, tuple):
            value = "\n".join(value)
        if value not in (None, ""):
            rows.append((layout.FACT_LABELS[field.name], value))
    order = list(layout.FACT_LABELS.values())
    return sorted(rows, key=lambda row: order.index(row[0]))


def write_facts(sheet, styles: Styles, facts: PlanFacts, first_row: int = 0) -> int:
    """Label/value rows of the plan's facts from first_row; returns the next free row."""
    date_fmt = styles(border=1, num_format=DATE_FORMAT, align="left")
    number_fmt = styles(border=1, num_format=NUMBER_FORMAT, align="left")
    for row, (label, value) in enumerate(fact_rows(facts), start=first_row):
        sheet.write_string(row, 0, label, styles(border=1, bold=True))
        write_cell(sheet, row, 1, value, number_fmt if isinstance(value, (int, Decimal)) else styles.cell, date_fmt)
    return first_row + len(fact_rows(facts))


MARGINS = {"left": 1.2, "right": 0.65, "top": 0.85, "bottom": 0.85}  # inches: 30.5, 16.5, 21.6, 21.6 mm (NĐ 30)


def print_setup(sheet, repeat_row: int | None = None, *, number_on_top: bool = False, true_size: bool = False,
                repeat_columns: str | None = None) -> None:
    """A4 landscape, fit to the page width, margins within NĐ 30 ranges, page numbers.

    Documents for Sở Nội vụ carry the page number at the top centre (NĐ 30); working sheets carry
    "Trang n/m" in the footer. true_size prints a wide sheet at 100 % (12 pt stays 12 pt) over several
    pages across, printed over then down, with repeat_columns (e.g. "A:B") on every page.
    """
    sheet.set_paper(9)
    sheet.set_landscape()
    if true_size:
        sheet.set_print_scale(100)
        sheet.print_across()
    else:
        sheet.fit_to_pages(1, 0)
    if repeat_columns:
        sheet.repeat_columns(repeat_columns)
    sheet.set_margins(**MARGINS)
    if number_on_top:
        sheet.set_header('&C&"Times New Roman"&12&P')
    else:
        sheet.set_footer('&C&"Times New Roman"Trang &P/&N')
    if repeat_row is not None:
        sheet.repeat_rows(repeat_row)


def write_plan_workbook(plan: Plan, path, corrections: Sequence[tuple[str, ...]] = ()) -> None:
    """Write a plan workbook (appendix, facts, units and the list of text corrections, if any)."""
    workbook = new_workbook(path)
    styles = Styles(workbook)
    write_appendix(workbook, styles, layout.SHEET_APPENDIX, plan)
    facts_sheet = workbook.add_worksheet(layout.SHEET_FACTS)
    facts_sheet.set_column(0, 0, 30)
    facts_sheet.set_column(1, 1, 90)
    write_facts(facts_sheet, styles, plan.facts)
    write_units(workbook, styles, layout.SHEET_UNITS, plan.registry)
    if corrections:
        sheet = workbook.add_worksheet(layout.SHEET_CORRECTIONS)
        headers = ("STT tiêu chí", "Cột", "Văn bản trích xuất", "Đã sửa thành", "Lý do")
        for col, (header, width) in enumerate(zip(headers, (12, 24, 50, 50, 50))):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, header, styles.header)
        for row, correction in enumerate(corrections, start=1):
            for col, value in enumerate(correction):
                write_cell(sheet, row, col, value, styles.cell)
    workbook.close()
