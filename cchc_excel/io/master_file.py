"""The master workbook as a file: opened once, its headers and metadata checked, written atomically.

The master is the shared workbook's plan sheets plus `Dữ liệu` (the merged progress of every period),
`Lịch sử` (superseded values) and `Nhật ký` (every merge), each row with its provenance. A master the
user edited or damaged (a moved column, text in `Dòng nguồn`, an unreadable time or period) is refused
with a MasterError naming the sheet and cell; nothing is invented and written back.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ..model import layout
from ..model.cells import a1
from ..model.errors import MasterError, OptionError
from ..model.periods import Period, parse_period
from ..model.plan import Plan
from ..model.progress import MasterData, Progress, Record, Source, Status, Superseded
from ..model.text import clean, parse_vn_date
from ..sheets.master import write_master_workbook
from .entry import Meta, read_meta
from .files import atomic_write
from .plan_reader import plan_from_book
from .reader import DEFAULT_LIMITS, MASTER_LIMITS, SheetData, WorkbookData, read_workbook, to_date


def read_master(path: str | Path, plan: Plan | None = None) -> MasterData:
    """A master workbook (or a shared workbook, which is a master with nothing merged yet), opened once."""
    book, meta, plan = open_master_book(path, plan)
    with book:
        return _read(book, str(path), plan, meta)


def open_master_book(path: str | Path, plan: Plan | None = None) -> tuple[WorkbookData, Meta, Plan]:
    """The workbook opened for reading, its metadata and its plan.

    The tool's own master (its metadata says so and its plan sheets still give the plan fingerprint it
    was written with) is read under MASTER_LIMITS, whatever the size history gave it; any other
    workbook under the limits for files from outside. Until that is known only the data sheets are
    exempt from those limits, so a foreign file cannot pass off a huge plan or metadata sheet.
    """
    shown = str(path)
    book = read_workbook(path, MASTER_LIMITS)
    try:
        book.restrict(DEFAULT_LIMITS, exempt=_data_parts(book))
        meta = read_meta(book) or Meta({})
        plan = plan or plan_from_book(book, shown)
        if _is_own_master(meta, plan):
            book.restrict(MASTER_LIMITS)
        else:
            book.restrict(DEFAULT_LIMITS)
    except BaseException:
        book.close()
        raise
    return book, meta, plan


def _is_own_master(meta: Meta, plan: Plan) -> bool:
    return (meta.get("format") == layout.FORMAT_NAME and meta.get("kind") == "master"
            and meta.get("plan_fingerprint") == plan.fingerprint())


def _data_parts(book: WorkbookData) -> frozenset[str]:
    """The XML parts of the master's data, history and log sheets."""
    names = (layout.SHEET_DATA, layout.SHEET_HISTORY, layout.SHEET_LOG)
    return frozenset(part for name, part in book.xml_paths().items() if name.startswith(names))


def _read(book: WorkbookData, shown: str, plan: Plan, meta: Meta) -> MasterData:
    data = MasterData(plan)
    if meta.get("period"):
        data.period = _period(meta.get("period"), shown, layout.SHEET_META, "period")
    if meta.get("deadline"):
        try:
            data.deadline = date.fromisoformat(meta.get("deadline"))  # written by meta_values as ISO
        except ValueError as err:
            raise MasterError("MASTER_003", path=shown, sheet=layout.SHEET_META, cell="deadline",
                              value=meta.get("deadline")) from err
    if layout.SHEET_DATA in book.sheet_names:
        sheet = book.sheet(layout.SHEET_DATA)
        for number, row in _body(sheet, layout.DATA_HEADERS, shown):
            record = _record(row, sheet.name, number, shown, book.date1904)
            data.records[record.key] = record
    if layout.SHEET_HISTORY in book.sheet_names:
        sheet = book.sheet(layout.SHEET_HISTORY)
        n = len(layout.DATA_HEADERS)
        for number, row in _body(sheet, layout.HISTORY_HEADERS, shown):
            data.history.append(Superseded(_record(row, sheet.name, number, shown, book.date1904),
                                           _time(row[n], sheet.name, a1(number, n + 1), shown), clean(row[n + 1])))
    if layout.SHEET_LOG in book.sheet_names:
        sheet = book.sheet(layout.SHEET_LOG)
        data.log = [tuple(row[:len(layout.LOG_HEADERS)]) for _, row in _body(sheet, layout.LOG_HEADERS, shown)]
    return data


def _body(sheet: SheetData, headers: tuple[str, ...], shown: str):
    """(Excel row number, values padded to the headers) of every non-blank row, once the headers match."""
    if sheet.max_row == 0:
        return
    for col, header in enumerate(headers, start=1):
        found = clean(sheet.raw(1, col))
        if found != header:
            raise MasterError("MASTER_001", path=shown, sheet=sheet.name, cell=a1(1, col), value=found,
                              expected=header)
    width = len(headers)
    for number, row in enumerate(sheet.rows[1:], start=2):
        if any(v not in ("", None) for v in row):
            yield number, (list(row[:width]) + [""] * (width - len(row)))


def _record(row: list, sheet: str, number: int, shown: str, date1904: bool) -> Record:
    k, n = len(layout.MASTER_KEY_HEADERS), len(layout.INPUT_COLUMNS)
    cells = []
    for offset, (header, value) in enumerate(zip(layout.INPUT_COLUMNS, row[k:k + n])):
        cells.append(_input_value(header, value, sheet, a1(number, k + offset + 1), shown, date1904))
    file, sha, source_sheet, source_row, merged_at = row[k + n:k + n + len(layout.SOURCE_HEADERS)]
    row_col, time_col = k + n + 4, k + n + 5
    if isinstance(source_row, float) and source_row.is_integer() and source_row >= 0:
        source_number = int(source_row)
    elif source_row in ("", None):
        source_number = 0
    else:
        raise MasterError("MASTER_002", path=shown, sheet=sheet, cell=a1(number, row_col), value=clean(source_row),
                          field=layout.SOURCE_HEADERS[3])
    source = Source(clean(file), clean(sha), clean(source_sheet), source_number,
                    _time(merged_at, sheet, a1(number, time_col), shown))
    period = _period(clean(row[0]), shown, sheet, a1(number, 1))
    return Record(period, clean(row[1]), clean(row[2]), Progress.from_cells(cells), source)


def _input_value(header: str, value: object, sheet: str, cell: str, shown: str, date1904: bool) -> object:
    if header in layout.DATE_COLUMNS:
        if value in ("", None):
            return None
        day = to_date(value, date1904) if not isinstance(value, str) else parse_vn_date(value)
        if day is None:
            raise MasterError("MASTER_002", path=shown, sheet=sheet, cell=cell, value=clean(value), field=header)
        return day
    text = clean(value)
    if header == layout.INPUT_COLUMNS[0] and text and Status.parse(text) is None:
        raise MasterError("MASTER_002", path=shown, sheet=sheet, cell=cell, value=text, field=header)
    return text


def _period(text: str, shown: str, sheet: str, cell: str) -> Period:
    try:
        return parse_period(text)
    except OptionError as err:
        raise MasterError("MASTER_002", path=shown, sheet=sheet, cell=cell, value=text,
                          field=layout.MASTER_KEY_HEADERS[0]) from err


def _time(value: object, sheet: str, cell: str, shown: str) -> datetime:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.strptime(clean(value), layout.TIME_FORMAT)
    except ValueError as err:
        raise MasterError("MASTER_002", path=shown, sheet=sheet, cell=cell, value=clean(value),
                          field="Thời điểm") from err


def write_master(path: str | Path, data: MasterData, period: Period, *, backup: Path | None = None) -> Path:
    """Write the whole master atomically (temporary file, then replace), keeping the previous one as backup."""
    deadline = data.deadline or period.default_deadline()
    return atomic_write(path, lambda temp: write_master_workbook(temp, data, period, deadline),
                        overwrite=True, backup=backup)
