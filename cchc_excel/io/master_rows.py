"""The rows of the master's data, history and log sheets, read back into records with their headers checked.

A master the user edited or damaged (a moved column, text in `Dòng nguồn`, an unreadable time or period)
is refused with a MasterError naming the sheet and cell; nothing is invented and written back. The values
the tool wrote itself repeat from row to row (the period, the merge time, the dates): each is parsed once.

A period, history or log sheet is read in a stream from its part where it is in the tool's own form (table_stream.py):
python-calamine would first build the whole sheet (some 100 MB for a period of 4,000 units), then give its rows
as lists. Where the stream meets anything else, python-calamine reads the sheet as before (after bounding it), from
the row the stream stopped at: the stream gives the same values, so the records are the same either way, and so is
the refusal (a sheet the reader refuses is refused before any record is judged).
"""
from __future__ import annotations

import zipfile
import zlib
from datetime import date, datetime
from functools import lru_cache
from sys import intern
from typing import Callable, Iterator, TypeVar

from ..model import layout
from ..model.cells import a1
from ..model.errors import MasterError, OptionError, WorkbookReadError
from ..model.periods import Period, parse_period
from ..model.progress import Progress, Record, Source, Status, Superseded
from ..model.text import clean, parse_vn_date
from .direct import DATE, number_formats
from .limits import ReadLimits
from .reader import WorkbookData, to_date
from .table_stream import NotPlain, plain_rows
from .tablescan import Undecided, bound_table

_KEYS, _INPUTS = len(layout.MASTER_KEY_HEADERS), len(layout.INPUT_COLUMNS)
_DATE_OFFSETS = frozenset(layout.INPUT_COLUMNS.index(h) for h in layout.DATE_COLUMNS)
_DATE_COLUMNS = frozenset(layout.DATA_HEADERS.index(h) for h in layout.DATE_COLUMNS)
_UPDATER = layout.INPUT_COLUMNS.index("Người cập nhật")
_STYLES = "xl/styles.xml"
T = TypeVar("T")


def body(rows: Iterator[list], headers: tuple[str, ...], sheet: str, shown: str) -> Iterator[tuple[int, list]]:
    """(Excel row number, values padded to the headers) of every non-blank row, once the headers match."""
    first = next(rows, None)
    if first is None:
        return
    for col, header in enumerate(headers, start=1):
        found = clean(first[col - 1]) if col <= len(first) else ""
        if found != header:
            raise MasterError("MASTER_001", path=shown, sheet=sheet, cell=a1(1, col), value=found, expected=header)
    width = len(headers)
    for number, row in enumerate(rows, start=2):
        if len(row) < width:
            row = list(row) + [""] * (width - len(row))
        if any(v != "" and v is not None for v in row):
            yield number, row


def records(book: WorkbookData, sheet: str, shown: str, rows: Iterator[list] | None = None) -> Iterator[Record]:
    """The sheet's records; rows: its rows as plain() gives them, read by the caller (master_reread.py)."""
    date1904 = book.date1904

    def parse(number: int, row: list) -> Record:
        return record(row, sheet, number, shown, date1904)
    return _parsed(book, (sheet, shown), layout.DATA_HEADERS, parse, rows)


def history(book: WorkbookData, sheet: str, shown: str, rows: Iterator[list] | None = None) -> Iterator[Superseded]:
    n, date1904 = len(layout.DATA_HEADERS), book.date1904

    def parse(number: int, row: list) -> Superseded:
        return Superseded(record(row, sheet, number, shown, date1904),
                          moment(row[n], sheet, (number, n + 1), shown), clean(row[n + 1]))
    return _parsed(book, (sheet, shown), layout.HISTORY_HEADERS, parse, rows)


def _parsed(book: WorkbookData, where: tuple[str, str], headers: tuple[str, ...], parse: Callable[[int, list], T],
            rows: Iterator[list] | None, dates: frozenset[int] = _DATE_COLUMNS) -> Iterator[T]:
    """parse(Excel row number, row) of each row of the sheet's body: from rows when given, else in a stream from
    its part (plain(): dates, the columns that may hold a date) as far as it is in the tool's own form, then by
    book.rows from where the stream stopped.

    A value parse refuses in the stream is judged again by book.rows (bounding the sheet first, as it always did):
    the refusal is the one the reader and parse give, whatever the stream met first."""
    sheet, shown = where
    try:
        if rows is not None:
            yield from (parse(number, row) for number, row in body(rows, headers, sheet, shown))
            return
        done = 0
        stream = plain(book, sheet, len(headers), dates)
        if stream is not None:
            try:
                for number, row in body(stream, headers, sheet, shown):
                    item = parse(number, row)
                    done += 1
                    yield item
                return
            except (NotPlain, MasterError):
                pass
        for count, (number, row) in enumerate(body(book.rows(sheet), headers, sheet, shown)):
            if count >= done:  # the rows before were given from the stream, with the same values
                yield parse(number, row)
    finally:
        _kept.cache_clear()  # the texts kept are the records'; the cache's own memory is given back


def plain(book: WorkbookData, sheet: str, width: int, dates: frozenset[int] = _DATE_COLUMNS) -> Iterator[list] | None:
    """The rows of a sheet of width columns read in a stream from its part (table_stream.py), under the limits
    book.rows holds it to; dates: the columns that may hold a date (those of a period or history sheet); None where
    the stream cannot read it (an .ods, the 1904 date system)."""
    if book.date1904 or sheet not in book.xml_paths():
        return None
    try:
        archive, info = book.part(sheet)
    except KeyError:  # no such part: the reader refuses the sheet
        return None
    limits = book.table_limits or book.limits
    return plain_rows(archive, info, width, (dates, _date_styles(archive)), limits.max_rows,
                      limits.max_cell_chars, _bounded(str(book.path), sheet, limits))


def _bounded(shown: str, sheet: str, limits: ReadLimits) -> Callable[[bytes], None]:
    """What judges the markup around a streamed sheet's cells as book.rows bounds it (tablescan.py: a dimension or
    a reference past the limits...): NotPlain for whatever that bounding would refuse or could not judge alone."""
    def judge(markup: bytes) -> None:
        try:
            bound_table([markup], shown, sheet, limits)
        except (Undecided, WorkbookReadError) as err:
            raise NotPlain() from err
    return judge


def _date_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """The cell styles of a date format (a number in another is left to the reader)."""
    try:
        kinds = number_formats(archive.read(_STYLES))
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError):  # the reader refuses it, if it reads the sheet whole
        return frozenset()
    return frozenset(n for n, kind in enumerate(kinds or ()) if kind == DATE)


def log(book: WorkbookData, sheet: str, shown: str) -> list[tuple]:
    """The log's rows as they are (a number with a date format is left to python-calamine: no date column here)."""
    width = len(layout.LOG_HEADERS)
    return list(_parsed(book, (sheet, shown), layout.LOG_HEADERS, lambda _, row: tuple(row[:width]), None,
                        frozenset()))


def record(row: list, sheet: str, number: int, shown: str, date1904: bool) -> Record:
    """The row's record; MASTER_002 for a value the tool did not write, a period other than its sheet's among them."""
    cells = [_input_value(offset, value, sheet, number, shown, date1904)
             for offset, value in enumerate(row[_KEYS:_KEYS + _INPUTS])]
    file, sha, source_sheet, source_row, merged_at = row[_KEYS + _INPUTS:_KEYS + _INPUTS + len(layout.SOURCE_HEADERS)]
    row_col, time_col = _KEYS + _INPUTS + 4, _KEYS + _INPUTS + 5
    if source_row.__class__ is float and source_row.is_integer() and source_row >= 0:
        source_number = int(source_row)
    elif source_row in ("", None):
        source_number = 0
    else:
        raise MasterError("MASTER_002", path=shown, sheet=sheet, cell=a1(number, row_col), value=clean(source_row),
                          field=layout.SOURCE_HEADERS[3])
    # values repeated from row to row (a file's name and digest, codes, names) are kept once in memory
    source = Source(_kept(file), _kept(sha), _kept(source_sheet), source_number,
                    moment(merged_at, sheet, (number, time_col), shown))
    of = period(row[0], shown, sheet, (number, 1))
    own = _period(sheet.rpartition(" ")[2])  # a period's sheet holds only its rows ("Dữ liệu 2021-Q1")
    if own is not None and of is not own and of != own:
        raise MasterError("MASTER_002", path=shown, sheet=sheet, cell=a1(number, 1), value=clean(row[0]),
                          field=layout.MASTER_KEY_HEADERS[0])
    return Record(of, _kept(row[1]), _kept(row[2]), Progress.from_cells(cells), source)


def _input_value(offset: int, value: object, sheet: str, number: int, shown: str, date1904: bool) -> object:
    if value == "" or value is None:  # an empty cell: nothing to clean or parse
        return None if offset in _DATE_OFFSETS else ""
    if offset in _DATE_OFFSETS:
        day = _day(value, date1904)
        if day is None:
            raise MasterError("MASTER_002", path=shown, sheet=sheet, cell=a1(number, _KEYS + offset + 1),
                              value=clean(value), field=layout.INPUT_COLUMNS[offset])
        return day
    if offset == _UPDATER:
        return _kept(value)
    if offset == 0:
        text, known = _status(value)
        if not known:
            raise MasterError("MASTER_002", path=shown, sheet=sheet, cell=a1(number, _KEYS + 1), value=text,
                              field=layout.INPUT_COLUMNS[0])
        return text
    return clean(value)


@lru_cache(maxsize=256, typed=True)
def _status(value: object) -> tuple[str, bool]:
    """The text of a status cell, and whether it is empty or a status."""
    text = _kept(value)
    return text, not text or Status.parse(text) is not None


@lru_cache(maxsize=2**14, typed=True)  # typed: 1.0 and True are different cells (clean: "1" and "True")
def _kept(value: object) -> str:
    """clean(value), one str object for each distinct text: what repeats from row to row (codes, names, a status,
    a file's name and digest) is cleaned once and kept once in memory."""
    return intern(clean(value))


@lru_cache(maxsize=4096, typed=True)  # typed: 1.0 is a day, True is not (to_date)
def _day(value: object, date1904: bool) -> date | None:
    """A date column's value as a date (None: not one); one date object per distinct value."""
    return to_date(value, date1904) if not isinstance(value, str) else parse_vn_date(value)


def period(value: object, shown: str, sheet: str, cell: str | tuple[int, int]) -> Period:
    """The period a cell names (cell: its reference, or its row and column); MASTER_002 if none."""
    found = _period(_kept(value))
    if found is None:
        raise MasterError("MASTER_002", path=shown, sheet=sheet, cell=_reference(cell), value=clean(value),
                          field=layout.MASTER_KEY_HEADERS[0])
    return found


def _reference(cell: str | tuple[int, int]) -> str:
    """A cell's reference, made only for a message (a1 is not made for each row read)."""
    return cell if isinstance(cell, str) else a1(*cell)


@lru_cache(maxsize=256)
def _period(text: str) -> Period | None:
    try:
        return parse_period(text)
    except OptionError:
        return None


def moment(value: object, sheet: str, cell: str | tuple[int, int], shown: str) -> datetime:
    if isinstance(value, datetime):
        return value
    found = _moment(_kept(value))
    if found is None:
        raise MasterError("MASTER_002", path=shown, sheet=sheet, cell=_reference(cell), value=clean(value),
                          field="Thời điểm")
    return found


@lru_cache(maxsize=4096)
def _moment(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, layout.TIME_FORMAT)
    except ValueError:
        return None


def iso_date(text: str, shown: str, key: str) -> date:
    """A date the metadata holds as ISO text (meta_values writes it so)."""
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise MasterError("MASTER_003", path=shown, sheet=layout.SHEET_META, cell=key, value=text) from err
