"""The annotated copy of a checked file, written from the values the safe reader accepted.

Only the values are copied (text always as text, never a formula); a problem cell gets a red (error) or
yellow (warning) fill. The first COMMENT_LIMIT marked cells also get a comment saying what is wrong (Excel
slows to a crawl with tens of thousands of comments); the last sheet, "Danh sách lỗi", lists every problem
with its sheet and cell, so nothing is lost past the limit (the copy then opens on that list; else on the first
sheet with a marked cell, so that the file opens where the problems are, not on its guide). xlsxwriter writes the frame (empty sheets in
the place of the copied ones and of the list, the comments, styles) in memory; the sheets' cells are then
streamed as XML into the zip (sheets/table_xml.py, sheets/package.py), never held cell by cell.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from itertools import chain, count
from pathlib import Path
from typing import Iterator, Sequence

from ..model import layout
from ..model.text import printable
from .base import DATE_FORMAT, WORKBOOK_OPTIONS
from .package import repackage
from .table_xml import grid_chunks, sheet_chunks

FILLS = {"error": "#FFC7CE", "warning": "#FFEB9C"}
COMMENT_LIMIT = 1000
LIST_SHEET = "Danh sách lỗi"
LIST_HEADERS = ("Sheet", "Ô", "Mã lỗi", "Mức độ", "Nội dung")
LIST_WIDTHS = (16, 8, 12, 10, 120)
SEVERITY_WORDS = {"error": "Lỗi", "warning": "Cảnh báo"}
TEXT_LIMIT = 32767  # characters in one Excel cell


@dataclass(frozen=True)
class Mark:
    """What a cell's fill and comment say: the worst severity and every message."""

    severity: str
    text: str


@dataclass(frozen=True)
class CopiedSheet:
    name: str
    visibility: str
    rows: list[list]


@dataclass(frozen=True)
class Listed:
    """One problem as the list sheet shows it."""

    sheet: str
    cell: str
    code: str
    severity: str
    message: str


def write_annotated_workbook(path: Path, sheets: list[CopiedSheet], marks: dict[tuple[str, int, int], Mark],
                             listed: Sequence[Listed] = ()) -> None:
    """Write the copied sheets and the problem list to path; marks are keyed by (sheet, 1-based row, column)."""
    frame = io.BytesIO()
    styles, placeholders = _write_frame(frame, sheets, marks, listed)

    def rewrite(target):
        if isinstance(target, CopiedSheet):
            own = {(r, c): m for (name, r, c), m in marks.items() if name == target.name}
            return lambda template: grid_chunks(template, _cells(target.rows, own, styles), _last(target.rows, own))
        return lambda template: sheet_chunks(template, LIST_HEADERS, _list_rows(listed), len(listed),
                                             header_style=styles["header"], date_style=styles[""])

    repackage(frame, path, {name: rewrite(target) for name, target in placeholders.items()})


def _write_frame(frame: io.BytesIO, sheets: list[CopiedSheet], marks: dict, listed) -> tuple[dict, dict]:
    """The workbook with empty sheets, the styles and the first COMMENT_LIMIT comments: (style indexes, part
    name → the copied sheet or the list that replaces it)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(frame, WORKBOOK_OPTIONS | {"in_memory": True})
    formats = {"": {"num_format": DATE_FORMAT}, "header": {"bold": True}}
    for severity, color in FILLS.items():
        formats[severity] = {"bg_color": color, "pattern": 1}
        formats[f"{severity} date"] = {"bg_color": color, "pattern": 1, "num_format": DATE_FORMAT}
    styles = {key: workbook.add_format(properties)._get_xf_index() for key, properties in formats.items()}
    placeholders: dict[str, object] = {}
    commented = sorted(marks)[:COMMENT_LIMIT]
    by_sheet: dict[str, list] = {}
    for key in commented:
        by_sheet.setdefault(key[0], []).append(key)
    opening = _opening_sheet(sheets, marks)
    for number, copied in enumerate(sheets, start=1):
        sheet = _add_sheet(workbook, copied.name, number)
        if copied.visibility != "visible" and number > 1:
            sheet.hide()
        elif copied.name == opening:
            sheet.activate()
        for key in by_sheet.get(copied.name, ()):
            text = printable(marks[key].text)
            sheet.write_comment(key[1] - 1, key[2] - 1, text, {"author": "cchc-excel", "x_scale": 3,
                                                               "y_scale": 1 + text.count("\n")})
        placeholders[f"xl/worksheets/sheet{sheet.index + 1}.xml"] = copied
    sheet = _add_sheet(workbook, LIST_SHEET, len(sheets) + 1)
    for col, width in enumerate(LIST_WIDTHS):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(listed), 1), len(LIST_HEADERS) - 1)
    if len(marks) > COMMENT_LIMIT:  # some marked cells have no comment: the list opens first
        sheet.activate()
    placeholders[f"xl/worksheets/sheet{sheet.index + 1}.xml"] = LIST_SHEET
    workbook.close()
    return styles, placeholders


def _opening_sheet(sheets: list[CopiedSheet], marks: dict) -> str:
    """The sheet the copy opens on: the first visible one with a marked cell, else the entry sheet, else the first."""
    visible = [copied.name for copied in sheets if copied.visibility == "visible"]
    marked = {key[0] for key in marks}
    return next((name for name in visible if name in marked),
                layout.SHEET_PROGRESS if layout.SHEET_PROGRESS in visible else (visible or [""])[0])


def _cells(rows: list[list], marks: dict[tuple[int, int], Mark], styles: dict) -> Iterator[tuple[int, list]]:
    """(row number, [(0-based column, value, style)]) of every row with a value or a mark, in order."""
    marked_rows: dict[int, dict[int, str]] = {}
    for (r, c), mark in marks.items():
        marked_rows.setdefault(r, {})[c] = mark.severity
    date_style = styles[""]
    for number in range(1, _last(rows, marks)[0] + 1):
        values = rows[number - 1] if number <= len(rows) else ()
        text = "\n".join(v for v in values if v.__class__ is str)  # one search for the whole row, as a rule
        safe = len(text) <= TEXT_LIMIT and printable(text) == text
        cells = [(col, value if safe or value.__class__ is not str else printable(value)[:TEXT_LIMIT],
                  date_style if hasattr(value, "toordinal") else 0) for col, value in enumerate(values)]
        for c, severity in sorted(marked_rows.get(number, {}).items()):
            if c <= len(cells):
                col, value, style = cells[c - 1]
                cells[c - 1] = (col, value, styles[f"{severity} date" if style else severity])
            else:  # a mark past the row's last value
                cells.append((c - 1, None, styles[severity]))
        if cells:
            yield number, cells


def _last(rows: list[list], marks) -> tuple[int, int]:
    width = max((len(row) for row in rows), default=0)
    return max([len(rows), *(r for r, _ in marks)]), max([width, *(c for _, c in marks)])


def _list_rows(listed) -> Iterator[tuple]:
    for item in listed:
        yield (printable(item.sheet), item.cell, item.code, SEVERITY_WORDS.get(item.severity, item.severity),
               printable(item.message)[:TEXT_LIMIT])


def _add_sheet(workbook, name: str, number: int):
    """A sheet with the copied sheet's name when xlsxwriter takes it, else a plain one that is free (the name
    came from outside: it may be invalid, or another sheet of the file may already be called Sheet3)."""
    from xlsxwriter.exceptions import DuplicateWorksheetName, InvalidWorksheetName

    for candidate in chain([name, f"Sheet{number}"], (f"Sheet{number}-{n}" for n in count(2))):
        try:
            return workbook.add_worksheet(candidate)
        except (DuplicateWorksheetName, InvalidWorksheetName):
            continue
