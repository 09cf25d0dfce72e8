"""The Office's master workbook: the shared workbook plus the merged progress of every period, the
history of superseded values and the log of every merge, with each row's provenance.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from . import layout
from .entry import Meta, read_meta
from .errors import OptionError
from .excel import atomic_write
from .importer import load_plan
from .periods import Period, parse_period
from .plan import Plan
from .reader import SheetData, read_workbook
from .sheets import Styles, fast_deflate, print_setup
from .template import write_workbook
from .text import clean

SHEET_DATA, SHEET_HISTORY, SHEET_LOG = "Dữ liệu", "Lịch sử", "Nhật ký"
KEY_HEADERS = ("Kỳ báo cáo", "STT", "Mã đơn vị", "Đơn vị thực hiện")
SOURCE_HEADERS = ("Tệp nguồn", "SHA-256", "Sheet nguồn", "Dòng nguồn", "Thời điểm gộp")
DATA_HEADERS = KEY_HEADERS + layout.INPUT_COLUMNS + SOURCE_HEADERS
HISTORY_HEADERS = DATA_HEADERS + ("Thời điểm thay thế", "Lý do")
LOG_HEADERS = ("Thời điểm gộp", "Tệp", "SHA-256", "Kết quả", "Dòng thêm", "Dòng thay đổi", "Dòng không đổi",
               "Dòng bị từ chối", "Mã", "Ô", "Chi tiết")
TIME_FORMAT = "%d/%m/%Y %H:%M:%S"


@dataclass(frozen=True)
class Source:
    """Where a merged row came from."""

    file: str
    sha256: str
    sheet: str
    row: int
    merged_at: datetime


@dataclass(frozen=True)
class Record:
    """The progress of one item × unit in one period, as merged."""

    period: str
    item_code: str
    unit_code: str
    values: tuple  # layout.INPUT_COLUMNS order: text, dates as date
    source: Source

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.period, self.item_code, self.unit_code)

    def value(self, header: str) -> object:
        return self.values[layout.INPUT_COLUMNS.index(header)]


@dataclass(frozen=True)
class Superseded:
    record: Record
    replaced_at: datetime
    reason: str


@dataclass
class MasterData:
    plan: Plan
    period: Period | None = None
    deadline: date | None = None
    records: dict[tuple[str, str, str], Record] = field(default_factory=dict)
    history: list[Superseded] = field(default_factory=list)
    log: list[tuple] = field(default_factory=list)

    def sorted_records(self) -> list[Record]:
        """Records by period, then plan order, then unit: the order the master shows them in."""
        order = {item.code: n for n, item in enumerate(self.plan.items)}
        return sorted(self.records.values(),
                      key=lambda r: (parse_period(r.period).sort_key, order.get(r.item_code, len(order)), r.unit_code))

    def period_records(self, period: Period) -> dict[tuple[str, str], Record]:
        """The period's records by row key (item code, unit code)."""
        return {(r.item_code, r.unit_code): r for r in self.records.values() if r.period == period.code}


def read_master(path: str | Path, plan: Plan | None = None) -> MasterData:
    """A master workbook (or a shared workbook, which is a master with nothing merged yet)."""
    book = read_workbook(path)
    plan = plan or load_plan(path)
    meta = read_meta(book) or Meta({})
    data = MasterData(plan)
    try:
        data.period = parse_period(meta.get("period")) if meta.get("period") else None
    except OptionError:
        data.period = None
    try:
        data.deadline = date.fromisoformat(meta.get("deadline"))  # written by meta_values as ISO
    except ValueError:
        data.deadline = None
    if SHEET_DATA in book.sheet_names:
        for row in _body(book.sheet(SHEET_DATA)):
            record = _record(row)
            data.records[record.key] = record
    if SHEET_HISTORY in book.sheet_names:
        n = len(DATA_HEADERS)
        data.history = [Superseded(_record(row), _time(row[n]), clean(row[n + 1]))
                        for row in _body(book.sheet(SHEET_HISTORY))]
    if SHEET_LOG in book.sheet_names:
        data.log = [tuple(row[:len(LOG_HEADERS)]) for row in _body(book.sheet(SHEET_LOG))]
    return data


def _body(sheet: SheetData) -> list[list]:
    return [row + [""] * (len(HISTORY_HEADERS) - len(row)) for row in sheet.rows[1:] if any(clean(v) for v in row)]


def _record(row: list) -> Record:
    k, n = len(KEY_HEADERS), len(layout.INPUT_COLUMNS)
    values = tuple(_cell_value(h, v) for h, v in zip(layout.INPUT_COLUMNS, row[k:k + n]))
    file, sha, sheet, source_row, merged_at = row[k + n:k + n + len(SOURCE_HEADERS)]
    source = Source(clean(file), clean(sha), clean(sheet), int(source_row or 0), _time(merged_at))
    return Record(clean(row[0]), clean(row[1]), clean(row[2]), values, source)


def _cell_value(header: str, value: object) -> object:
    if header in layout.DATE_COLUMNS:
        if isinstance(value, datetime):
            return value.date()
        return value if isinstance(value, date) else None
    return clean(value)


def _time(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.strptime(clean(value), TIME_FORMAT)
    except ValueError:
        return datetime(1900, 1, 1)


def write_master(path: str | Path, data: MasterData, period: Period, *, backup: Path | None = None) -> Path:
    """Write the whole master atomically (temporary file, then replace), keeping the previous one as backup."""
    plan = data.plan
    deadline = data.deadline or period.default_deadline()

    def extra(workbook, styles: Styles) -> None:
        _table(workbook, styles, SHEET_DATA, DATA_HEADERS, [record_row(plan, r) for r in data.sorted_records()])
        _table(workbook, styles, SHEET_HISTORY, HISTORY_HEADERS,
               [record_row(plan, s.record) + (s.replaced_at.strftime(TIME_FORMAT), s.reason) for s in data.history])
        _table(workbook, styles, SHEET_LOG, LOG_HEADERS, data.log)

    def write(temp: Path) -> None:
        with fast_deflate():
            write_workbook(temp, plan, period, deadline, plan.entry_rows(), "", {}, extra, kind="master")

    return atomic_write(path, write, overwrite=True, backup=backup)


def record_row(plan: Plan, record: Record) -> tuple:
    """A record as a row of the data sheet (DATA_HEADERS)."""
    unit = plan.registry.owner_of(record.unit_code)
    s = record.source
    return ((record.period, record.item_code, record.unit_code, unit.name if unit else record.unit_code)
            + record.values + (s.file, s.sha256, s.sheet, s.row, s.merged_at.strftime(TIME_FORMAT)))


def _table(workbook, styles: Styles, name: str, headers: tuple[str, ...], rows: list[tuple]) -> None:
    """A plain data table: header row, then one row per record; text always written as text."""
    sheet = workbook.add_worksheet(name)
    for col, header in enumerate(headers):  # cells take the workbook's default font: no per-cell format
        sheet.write_string(0, col, header, styles.header)
        wide = header in ("Kết quả thực hiện", "Chi tiết", "Tài liệu kiểm chứng")
        sheet.set_column(col, col, 40 if wide else 16)
    date_fmt = styles(num_format="dd/mm/yyyy", text_wrap=False)
    for row_number, row in enumerate(rows, start=1):
        for col, value in enumerate(row):  # typed writes: no per-cell type guessing, blanks skipped
            if isinstance(value, str):
                if value:
                    sheet.write_string(row_number, col, value)
            elif isinstance(value, date):
                sheet.write_datetime(row_number, col, datetime(value.year, value.month, value.day), date_fmt)
            elif value is not None:
                sheet.write_number(row_number, col, value)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    print_setup(sheet, repeat_row=0)
