"""The master workbook: the plan sheets, then per period its data and history sheets, the log by year.

xlsxwriter writes the workbook's frame (plan sheets, metadata, styles, and an empty sheet in the place of
each data table, carrying its columns, frozen header, filter and print setup) in memory. The zip is then
assembled (sheets/package.py): every part of the frame as it is, except the empty tables, which are
replaced either by the same sheet of the previous master, copied compressed as it is, or by the table's
rows streamed as sheet XML (sheets/table_xml.py). A data sheet's cells use two formats only, registered
first so that their indexes (layout.DATA_STYLES) are the same in every master: a copied sheet stays right.
"""
from __future__ import annotations

import io
import zipfile
from itertools import chain
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..model import layout
from ..model.periods import Period
from ..model.plan import Plan
from . import metrics
from .base import DATE_FORMAT, LINE_POINTS, Styles, fast_deflate, print_setup, text_lines
from .package import PackageWriter
from .paper import CELL_PADDING
from .shared import write_workbook
from .table_xml import DIMENSION, row_count, sheet_chunks

# Column widths of the data tables; the text of these columns wraps at the top of its cell (not SHA-256)
WIDE = {"Kết quả thực hiện": 40, "Chi tiết": 40, "Tài liệu kiểm chứng": 32, "Khó khăn, vướng mắc": 26,
        "Đề xuất, kiến nghị": 26, "Đơn vị thực hiện": 22, "STT": 6, "Kỳ báo cáo": 10, "Mã đơn vị": 10}
# The log (Nhật ký <năm>) prints as a document: its whole row fitted to the width of an A4 page, at about 10 pt
# (the widths add up to 133), every text wrapped in its column (the SHA-256 in 4 lines of 16 hexadecimal digits),
# each row as tall as its texts measured in Times New Roman (sheets/metrics.py).
LOG_WIDE = dict(zip(layout.LOG_HEADERS, (10, 18, 17, 10, 6, 6, 6, 6, 13, 12, 29)))
SIZE = 12  # points: the data formats' font size
header_xf, date_xf, wrap_xf = map(int, layout.DATA_STYLES.split())


def _widths(headers: tuple[str, ...]) -> dict[str, int]:
    return LOG_WIDE if headers == layout.LOG_HEADERS else WIDE


def _header_points(headers: tuple[str, ...]) -> float:
    """The header row's height: bold words wrap sooner than plain ones."""
    if headers == layout.LOG_HEADERS:
        return max(metrics.wrap(h, _room(LOG_WIDE[h]), SIZE, bold=True) for h in headers) * LINE_POINTS
    return max(text_lines(h, WIDE.get(h, 16) * 0.8) for h in headers) * LINE_POINTS


def _wrapped(headers: tuple[str, ...]) -> dict[int, float]:
    """Column index → width, for the columns whose text wraps (the log's: in ems, see _log_lines)."""
    if headers == layout.LOG_HEADERS:
        return {col: _room(LOG_WIDE[h]) / SIZE for col, h in enumerate(headers)}
    return {col: WIDE[h] * 0.9 for col, h in enumerate(headers) if h in WIDE and h != "SHA-256"}


def _room(width: int) -> float:
    """The points a column of the log has for its text: Excel and LibreOffice make a unit of column width the width
    of a digit of the default font (6 pt in Times New Roman 12 pt), xlsxwriter adds 5/7 of it; less the padding."""
    return 6 * (width + 5 / 7) - CELL_PADDING


@lru_cache(maxsize=1024)  # the merge's time, labels and messages repeat from row to row
def _log_lines(text: str, ems: float) -> int:
    """The lines a text of the log takes in a column ems wide (a text shorter than that many letters is not wrapped:
    no letter is wider than an em), broken at spaces and after hyphens (file names)."""
    return metrics.wrap(text, ems * SIZE, SIZE, hyphens=True)


@dataclass(frozen=True)
class Table:
    """One data table of the master: rows to write, or the same sheet of the previous master to copy."""

    name: str
    headers: tuple[str, ...]
    count: int
    rows: Iterable[tuple] = ()
    copy: tuple[zipfile.ZipFile, zipfile.ZipInfo] | None = None
    # rows written after those of the sheet copied (a merge adds a period's new entries of history to the rows it did
    # not read), made when asked: the sheet is then written again, not copied
    added: Callable[[], Iterable[tuple]] | None = None
    added_count: int = 0


class Unstreamable(Exception):
    """Raised by the rows of a table read again as a stream when they turn out not to be the table as read whole
    would give it (rows out of order, of another period, another count than announced): the part written so far is
    dropped and the table is read again whole."""


# A table of the previous master that cannot be copied (its name, headers and row count as the previous master
# has them) → the same table with its rows read again: one at a time (True), or whole (False), sorted as written.
Reload = Callable[[Table, bool], Table]


def copied_table(name: str, headers: tuple[str, ...], source: zipfile.ZipFile, info: zipfile.ZipInfo) -> Table:
    """A table kept as the previous master has it; its row count read from the head of its XML."""
    with source.open(info) as part:
        head = part.read(4096)
    return Table(name, headers, row_count(head), copy=(source, info))


def write_master_workbook(path: Path, plan: Plan, period: Period, deadline: date, tables: list[Table],
                          reload: Reload | None = None,
                          meta: tuple[tuple[str, object], ...] = ()) -> None:
    """Write a master to path (the caller makes the write atomic).

    A table to copy is copied only when the previous master's styles part is the one written now, or the one
    the previous version wrote for the same plan (copyable below): the sheet's style indexes then mean the
    same, and no other application rewrote the file (Excel or LibreOffice saving it would have rewritten its
    styles and moved its text to shared strings), and when the sheet has the columns and print setup written now
    (_same_frame); otherwise reload gives its rows, written afresh as they are read (or, when they cannot be
    streamed, read whole: Unstreamable).
    """
    frame, placeholders = _frame(plan, period, deadline, tables, meta)
    with zipfile.ZipFile(frame) as parts, open(path, "wb") as out:
        current = _styles_crc(parts)

        @cache  # made only when a previous master does not match the current styles, once
        def previous() -> int | None:
            with zipfile.ZipFile(_frame(plan, period, deadline, tables, meta, top=False)[0]) as earlier:
                return _styles_crc(earlier)

        def copyable(source: zipfile.ZipFile) -> bool:
            """The previous version wrote the styles part of the same plan with unformatted cells at the bottom of
            their cells, and nothing else different (the data formats keep their indexes and properties): a sheet
            copied from its master reads the same and takes the new alignment."""
            found = _styles_crc(source)
            return found is not None and (found == current or found == previous())

        writer = PackageWriter(out)
        for info in parts.infolist():
            table = placeholders.pop(info.filename, None)
            if table is None:
                writer.copy(parts, info)
            elif table.copy and not table.added and copyable(table.copy[0]) and _same_frame(parts.read(info),
                                                                                             *table.copy):
                writer.copy(*table.copy, name=info.filename)
            elif table.copy:
                _write_again(writer, info.filename, parts.read(info), table, reload or _no_reload)
            else:  # its rows made as they are written
                writer.write(info.filename, _table_chunks(parts.read(info), replace(table, rows=counted(table.rows, table.count))))
        writer.close()
    if placeholders:
        raise RuntimeError(f"xlsxwriter did not write the parts {sorted(placeholders)}")


def counted(rows: Iterable[tuple], count: int) -> Iterator[tuple]:
    """rows, Unstreamable as soon as they are more than count (written at the head of the sheet, before them), or at
    their end when fewer."""
    written = 0
    for row in rows:
        written += 1
        if written > count:
            raise Unstreamable()
        yield row
    if written != count:
        raise Unstreamable()


def _same_frame(template: bytes, source: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """The sheet of the previous master has the columns, view and print properties written now (its XML up to its
    cells is the empty sheet's, but for the dimension): a sheet whose frame this version changed is written again."""
    head = template[:template.index(b"<sheetData")]
    with source.open(info) as part:
        found = part.read(len(head) + 64)
    end = found.find(b"<sheetData")
    return end >= 0 and DIMENSION.sub(b"", found[:end]) == DIMENSION.sub(b"", head)


def _write_again(writer: PackageWriter, name: str, template: bytes, table: Table, reload: Reload) -> None:
    """A sheet of the previous master that cannot be copied, read again (streamed, or whole if it cannot be), with the
    rows the table adds after it."""
    def rows_of(stream: bool) -> Table:
        found = reload(table, stream)
        if not table.added:
            return found
        return replace(found, count=found.count + table.added_count, rows=counted(
            chain(found.rows, table.added()), found.count + table.added_count))

    try:
        writer.write(name, _table_chunks(template, rows_of(True)))
    except Unstreamable:
        writer.write(name, _table_chunks(template, rows_of(False)))


def _table_chunks(template: bytes, table: Table) -> Iterator[bytes]:
    lines = _log_lines if table.headers == layout.LOG_HEADERS else text_lines
    return sheet_chunks(template, table.headers, table.rows, table.count, header_style=header_xf, date_style=date_xf,
                        wrap_style=wrap_xf, wrap_widths=_wrapped(table.headers), lines=lines,
                        line_points=LINE_POINTS, header_points=_header_points(table.headers))


def _frame(plan: Plan, period: Period, deadline: date, tables: list[Table], meta: tuple[tuple[str, object], ...] = (),
           top: bool = True) -> tuple[io.BytesIO, dict[str, Table]]:
    """The frame xlsxwriter writes in memory (meta: more metadata pairs), and the table each empty sheet part
    stands for. top=False: the unformatted cells at the bottom of their cells, as the previous version wrote them."""
    frame = io.BytesIO()
    placeholders: dict[str, Table] = {}

    def extra(workbook, styles: Styles) -> None:
        header, day = styles.header, styles(num_format=DATE_FORMAT, text_wrap=False)
        wrap = styles(text_wrap=True, valign="top")
        found = " ".join(str(f._get_xf_index()) for f in (header, day, wrap))  # registered before any other
        if found != layout.DATA_STYLES:
            raise RuntimeError(f"xlsxwriter gave the data formats the indexes {found}")
        for table in tables:
            sheet = workbook.add_worksheet(table.name)
            for col, name in enumerate(table.headers):
                sheet.set_column(col, col, _widths(table.headers).get(name, 16))
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, max(table.count + table.added_count, 1), len(table.headers) - 1)
            keys = len(layout.MASTER_KEY_HEADERS) if table.headers[:4] == layout.MASTER_KEY_HEADERS else 0
            # a data table printed at 100 % over several pages across, the key columns on every page (never shrunk);
            # the log as a document, its whole row fitted to the page's width
            print_setup(sheet, repeat_row=0, true_size=bool(keys),
                        repeat_columns=f"A:{chr(64 + keys)}" if keys else None)
            placeholders[f"xl/worksheets/sheet{sheet.index + 1}.xml"] = table

    pairs = (("master_layout", layout.MASTER_LAYOUT), ("data_styles", layout.DATA_STYLES)) + meta
    with fast_deflate():
        write_workbook(frame, plan, period, deadline, plan.entry_rows(), "", {}, extra, kind="master",
                       meta_extra=pairs, top=top)
    return frame, placeholders


def _styles_crc(source: zipfile.ZipFile) -> int | None:
    try:
        return source.getinfo("xl/styles.xml").CRC
    except KeyError:
        return None


def _no_reload(table: Table, streamed: bool) -> Table:
    raise ValueError(f"the sheet {table.name} cannot be copied and there is no way to read it again")
