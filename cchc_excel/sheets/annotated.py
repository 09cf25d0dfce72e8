"""The annotated copy of a checked file, written from the values the safe reader accepted.

Only the values are copied (text always as text, never a formula), in row order with xlsxwriter's constant
memory mode; a problem cell gets a red (error) or yellow (warning) fill and a comment saying what is wrong.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..model.text import printable
from .base import DATE_FORMAT, WORKBOOK_OPTIONS

FILLS = {"error": "#FFC7CE", "warning": "#FFEB9C"}


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


def write_annotated_workbook(path: Path, sheets: list[CopiedSheet], marks: dict[tuple[str, int, int], Mark]) -> None:
    """Write the copied sheets to path; marks are keyed by (sheet, 1-based row, 1-based column)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS | {"constant_memory": True})
    fills = {severity: workbook.add_format({"bg_color": color, "pattern": 1}) for severity, color in FILLS.items()}
    dated = {severity: workbook.add_format({"bg_color": color, "pattern": 1, "num_format": DATE_FORMAT})
             for severity, color in FILLS.items()} | {"": workbook.add_format({"num_format": DATE_FORMAT})}
    for number, copied in enumerate(sheets, start=1):
        sheet = _add_sheet(workbook, copied.name, number)
        if copied.visibility != "visible" and number > 1:
            sheet.hide()
        by_row: dict[int, dict[int, Mark]] = {}
        for (name, r, c), found in marks.items():
            if name == copied.name:
                by_row.setdefault(r, {})[c] = found
        for r in range(1, max([len(copied.rows), *by_row]) + 1):
            values = copied.rows[r - 1] if r <= len(copied.rows) else []
            own = by_row.get(r, {})
            for c in sorted(set(range(1, len(values) + 1)) | set(own)) if own else range(1, len(values) + 1):
                mark = own.get(c)
                _write(sheet, r - 1, c - 1, values[c - 1] if c <= len(values) else None,
                       fills[mark.severity] if mark else None, dated[mark.severity if mark else ""])
                if mark:
                    sheet.write_comment(r - 1, c - 1, printable(mark.text), {"author": "cchc-excel", "x_scale": 3,
                                                                              "y_scale": 1 + mark.text.count("\n")})
    workbook.close()


def _write(sheet, row: int, col: int, value: object, fill, date_format) -> None:
    if value is None or value == "":
        if fill is not None:
            sheet.write_blank(row, col, None, fill)
    elif isinstance(value, (datetime, date)):
        sheet.write_datetime(row, col, value if isinstance(value, datetime) else datetime(*value.timetuple()[:3]),
                             date_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, fill)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value, fill)
    else:
        sheet.write_string(row, col, printable(str(value))[:32767], fill)


def _add_sheet(workbook, name: str, number: int):
    """A sheet with the copied sheet's name when xlsxwriter takes it, else a plain one (the name came from outside)."""
    from xlsxwriter.exceptions import DuplicateWorksheetName, InvalidWorksheetName

    try:
        return workbook.add_worksheet(name)
    except (DuplicateWorksheetName, InvalidWorksheetName):
        return workbook.add_worksheet(f"Sheet{number}")
