"""A period sheet of the previous master that cannot be copied (sheets/master.py), read again to be written afresh
one row at a time: nothing of the sheet is held but the row being written, however large it is.

Its rows are read in a stream where the sheet is in the tool's own form (table_stream.py), and given as the sheet
read whole would be written: the period's records sorted by plan order and unit, its history in order. A stream
can give them so only when the sheet already holds them so; when it does not (rows out of that order or of another
period, a count other than its <dimension> announced, a form only the reader reads), Unstreamable, raised before the
first row or later, tells the writer to drop what it wrote and read the sheet whole (master_file._reread).
"""
from __future__ import annotations

import zipfile
import zlib
from typing import Iterator

from ..model import layout
from ..model.periods import Period
from ..model.plan import Plan
from ..model.progress import Record, record_row, rows_of, time_text
from ..sheets.master import Table, Unstreamable
from . import master_rows
from .direct import DATE, number_formats
from .reader import WorkbookData
from .table_stream import NotPlain, plain_rows

_DATE_COLUMNS = frozenset(layout.DATA_HEADERS.index(h) for h in layout.DATE_COLUMNS)
_STYLES = "xl/styles.xml"


def streamed(book: WorkbookData, plan: Plan, table: Table, shown: str) -> Table:
    """The table with its rows read again one at a time (Unstreamable as they come when they cannot be)."""
    kind, _, code = table.name.rpartition(" ")
    if kind not in (layout.SHEET_DATA, layout.SHEET_HISTORY) or book.date1904:
        raise Unstreamable()
    period = master_rows.period(code, shown, table.name, "A1")
    archive, info = book.part(table.name)
    limits = book.table_limits or book.limits
    rows = plain_rows(archive, info, len(table.headers), (_DATE_COLUMNS, _date_styles(archive)), limits.max_rows,
                      limits.max_cell_chars)
    if kind == layout.SHEET_HISTORY:
        found = _history(book, plan, table, (shown, period), rows)
    else:
        found = rows_of(plan, _in_order(plan, master_rows.records(book, table.name, shown, rows), period))
    return Table(table.name, table.headers, table.count, _counted(found, table.count))


def _date_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """The cell styles of a date format (a number in another is left to the reader)."""
    try:
        kinds = number_formats(archive.read(_STYLES))
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError):  # the reader refuses it, if it reads the sheet whole
        return frozenset()
    return frozenset(n for n, kind in enumerate(kinds or ()) if kind == DATE)


def _in_order(plan: Plan, records: Iterator[Record], period: Period) -> Iterator[Record]:
    """The records as they come, when they come in the order the master writes them, all of period."""
    order = {item.code: n for n, item in enumerate(plan.items)}
    last: tuple[int, str] | None = None
    for record in _plain(records):
        key = (order.get(record.item_code, len(order)), record.unit_code)
        if record.period != period or (last is not None and key <= last):
            raise Unstreamable()
        last = key
        yield record


def _history(book: WorkbookData, plan: Plan, table: Table, where: tuple[str, Period],
             rows: Iterator[list]) -> Iterator[tuple]:
    shown, period = where
    for old in _plain(master_rows.history(book, table.name, shown, rows)):
        if old.record.period != period:
            raise Unstreamable()
        yield record_row(plan, old.record) + (time_text(old.replaced_at), old.reason)


def _plain(items: Iterator) -> Iterator:
    """items, NotPlain (of the rows under them) as Unstreamable."""
    try:
        yield from items
    except NotPlain as err:
        raise Unstreamable() from err


def _counted(rows: Iterator[tuple], count: int) -> Iterator[tuple]:
    """rows, Unstreamable as soon as they are more than count, or at their end when fewer."""
    written = 0
    for row in rows:
        written += 1
        if written > count:
            raise Unstreamable()
        yield row
    if written != count:
        raise Unstreamable()
