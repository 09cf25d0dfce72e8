"""A period sheet of the previous master that cannot be copied (sheets/master.py), read again to be written afresh
one row at a time: nothing of the sheet is held but the row being written, however large it is.

Its rows are read in a stream where the sheet is in the tool's own form (table_stream.py), and given as the sheet
read whole would be written: the period's records sorted by plan order and unit, its history in order. A stream
can give them so only when the sheet already holds them so; when it does not (rows out of that order or of another
period, a count other than its <dimension> announced, a form only the reader reads), Unstreamable, raised before the
first row or later, tells the writer to drop what it wrote and read the sheet whole (master_file._reread).
"""
from __future__ import annotations

from typing import Iterator

from ..model import layout
from ..model.periods import Period
from ..model.plan import Plan
from ..model.progress import Record, record_row, rows_of, time_text
from ..sheets.master import Table, Unstreamable, counted
from . import master_rows
from .reader import WorkbookData
from .table_stream import NotPlain


def streamed(book: WorkbookData, plan: Plan, table: Table, shown: str) -> Table:
    """The table with its rows read again one at a time (Unstreamable as they come when they cannot be)."""
    kind, _, code = table.name.rpartition(" ")
    rows = master_rows.plain(book, table.name, len(table.headers)) if kind in (layout.SHEET_DATA,
                                                                                layout.SHEET_HISTORY) else None
    if rows is None:
        raise Unstreamable()
    period = master_rows.period(code, shown, table.name, "A1")
    if kind == layout.SHEET_HISTORY:
        found = _history(book, plan, table, (shown, period), rows)
    else:
        found = rows_of(plan, _in_order(plan, master_rows.records(book, table.name, shown, rows), period))
    return Table(table.name, table.headers, table.count, counted(found, table.count))


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
