"""How the appendix sheets are put on paper: A4 landscape at 100 %, NĐ 30 margins, measured row heights."""
from __future__ import annotations

from datetime import date

from ..model.plan import PlanFacts
from . import metrics
from .base import Styles
from .report_text import ReportOptions, attached_line

TABLE_SIZE, TITLE_SIZE = 11, 13
MARGINS = {"left": 1.2, "right": 0.65, "top": 0.85, "bottom": 0.85}  # inches: 30.5, 16.5, 21.6, 21.6 mm (NĐ 30)
PRINTABLE = 595.3 - 72 * (MARGINS["top"] + MARGINS["bottom"])  # points between the margins (rows print as set)
PAGE_HEIGHT = PRINTABLE - 12  # points, with room to spare
CELL_PADDING = 7.0  # points of a cell's width that text cannot use (both sides, and a little slack)
LINE = 1.2  # line height in ems: Times New Roman 1.15, DejaVu Serif (LibreOffice's fallback) 1.16
ROW_PADDING = 4.0
BLANK_ROW = 15.0


def row_height(cells: list[tuple[str, float, bool]], size: float = TABLE_SIZE) -> float:
    """The height in points a row needs for its (text, column width in points, bold) cells."""
    lines = max((metrics.wrap(text, width - CELL_PADDING, size, bold) for text, width, bold in cells if text),
                default=1)
    return lines_height(lines, size)


def lines_height(lines: int, size: float = TABLE_SIZE) -> float:
    """The height in points of a row of so many lines of text."""
    return round(lines * size * LINE + ROW_PADDING, 2)


def print_true_to_size(sheet, repeat_row: int | None = None) -> None:
    """A4 landscape at 100 % (no fitting), NĐ 30 margins, the page number centred at the top from page 2."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.set_print_scale(100)
    sheet.set_margins(**MARGINS)
    sheet.set_header('&C&"Times New Roman"&13&P', {"margin": 0.3})
    if repeat_row is not None:
        sheet.repeat_rows(repeat_row)
    sheet.hide_gridlines(2)


def appendix_title(sheet, styles: Styles, facts: PlanFacts, options: ReportOptions, day: date, label: str,
                   title: str, width: float, last_col: int) -> tuple[int, float]:
    """'PHỤ LỤC …', its title and '(Kèm theo Báo cáo số … ngày …)' centred over the table, then a blank row.

    Returns the row after them and the height they take, in points."""
    lines = ((label.upper(), {"bold": True}), (title, {"bold": True}),
             (attached_line(facts, options, day), {"italic": True}))
    used = BLANK_ROW
    for row, (text, props) in enumerate(lines):
        fmt = styles(font_size=TITLE_SIZE, align="center", valign="vcenter", text_wrap=True, **props)
        sheet.merge_range(row, 0, row, last_col, "", fmt)
        sheet.write_string(row, 0, text, fmt)
        height = row_height([(text, width, bool(props.get("bold")))], TITLE_SIZE)
        sheet.set_row(row, height)
        used += height
    sheet.set_row(len(lines), BLANK_ROW)
    return len(lines) + 1, used


def numbered_from_page_two(sheet_xml: bytes) -> bytes:
    """A sheet's XML with page 1 left without its page number (NĐ 30), as Excel's "Different first page" does:
    xlsxwriter has no option for it, so its `<headerFooter>` gets `differentFirst="1"` (an empty first-page
    header follows)."""
    return sheet_xml.replace(b"<headerFooter>", b'<headerFooter differentFirst="1">')
