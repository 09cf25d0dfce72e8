"""The master workbook as a file: opened once, its headers and metadata checked, written atomically.

The master is the shared workbook's plan sheets plus, for each period, `Dữ liệu <kỳ>` (the merged progress
of that period) and `Lịch sử <kỳ>` (its superseded values), and `Nhật ký <năm>` (every merge of that year),
each row with its provenance. A command reads only the sheets of the periods it needs (python-calamine
reads a sheet only when asked), and a merge rewrites only the periods it touched: every other sheet is
copied from the previous file as it is (sheets/master.py), or, when it cannot be (another application saved the
master, or this version writes other styles), read again on its own and written afresh, row by row as it is read
where it is still in the tool's own form (master_reread.py). A master of the first layout (one `Dữ liệu`,
`Lịch sử` and `Nhật ký` sheet) is read whole and written in the new layout at the next merge.
"""
from __future__ import annotations

import ctypes
from dataclasses import replace
import re
from collections import defaultdict
from datetime import date, datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import Iterable, Iterator

from ..model import layout
from ..model.errors import CchcExcelError, MasterError
from ..model.periods import Period
from ..model.plan import Plan
from ..model.progress import MasterData, Record, Superseded, rows_of, signature, time_text
from ..model.status import units_deadline
from ..sheets.master import Table, copied_table, write_master_workbook
from . import master_rows
from .entry import Meta, read_meta
from .files import atomic_write
from .plan_reader import plan_from_book
from .master_reread import streamed
from .limits import DEFAULT_LIMITS, MASTER_LIMITS, MASTER_TABLE_LIMITS
from .reader import WorkbookData, read_workbook

_OWN = (layout.SHEET_DATA, layout.SHEET_HISTORY, layout.SHEET_LOG)
_BOTH = (layout.SHEET_DATA, layout.SHEET_HISTORY)  # a period's sheets
_YEAR = re.compile(r"\d\d/\d\d/(\d{4})")


class MasterBook:
    """An open master: its metadata and plan read and checked, its period sheets read when asked."""

    def __init__(self, path: str | Path, plan: Plan | None = None, *, expect: str = "") -> None:
        self.shown = str(path)
        self.book, self.meta, self.plan = open_master_book(path, plan, expect=expect)
        self.legacy = any(name in self.book.sheet_names for name in _OWN)
        self.sheets: dict[tuple[str, str], str] = {}  # (kind, period code or year) → sheet name
        for name in self.book.sheet_names:
            kind, _, code = name.rpartition(" ")
            if kind in _OWN and code:
                self.sheets[kind, code] = name
        self.periods = sorted({master_rows.period(code, self.shown, name, "A1")
                               for (kind, code), name in self.sheets.items() if kind != layout.SHEET_LOG})
        self.log_years = sorted(int(code) for kind, code in self.sheets if kind == layout.SHEET_LOG
                                and code.isdigit())

    def __enter__(self) -> "MasterBook":
        return self

    def __exit__(self, *exc) -> None:
        self.book.close()

    def _deadlines(self) -> dict[Period, date]:
        """The units' deadline of each period merged into, from the metadata (`2021-Q1 2021-04-10; ...`)."""
        found: dict[Period, date] = {}
        for pair in str(self.meta.get("deadlines") or "").split(";"):
            if pair.strip():
                code, _, day = pair.strip().partition(" ")
                period = master_rows.period(code, self.shown, layout.SHEET_META, "deadlines")
                found[period] = master_rows.iso_date(day.strip(), self.shown, "deadlines")
        return found

    @property
    def copyable(self) -> bool:
        """True when its period sheets can be copied as they are into the next master."""
        return (not self.legacy and self.meta.get("master_layout") == str(layout.MASTER_LAYOUT)
                and self.meta.get("data_styles") == layout.DATA_STYLES)

    def read(self, periods: Iterable[Period] | None = None, kinds: tuple[str, ...] = _BOTH, *,
             history: bool = True) -> MasterData:
        """The master's data: every period (and the whole log) when periods is None, else only those (kinds and
        history=False: as load() reads them)."""
        data = MasterData(self.plan, origin=self.shown, loaded=frozenset(), log_years=frozenset())
        if self.meta.get("period"):
            data.period = master_rows.period(self.meta.get("period"), self.shown, layout.SHEET_META, "period")
        if self.meta.get("deadline"):
            data.deadline = master_rows.iso_date(self.meta.get("deadline"), self.shown, "deadline")
        data.deadlines = self._deadlines()
        if data.period is not None and data.deadline and data.period not in data.deadlines:  # written before them
            data.deadlines[data.period] = data.deadline
        if self.legacy or periods is None:
            self.load(data, self.periods)
            self.load_log(data, self.log_years)
            data.loaded = data.log_years = None
        else:
            self.load(data, periods, kinds, history=history)
        return data

    def load(self, data: MasterData, periods: Iterable[Period], kinds: tuple[str, ...] = _BOTH, *,
             history: bool = True) -> None:
        """Add the records and history of periods not read yet to data (kinds: only the data or history sheets; a
        history not read is kept as the master has it if data is written: MasterData.appended).

        history=False (a merge): of a period's history only the signature of each row is kept (data.known), and the
        sheet is kept as the master has it when writing, the period's new entries of history added after its rows
        (data.appended): a period merged again and again is not held whole with all its earlier values."""
        if self.legacy:
            return self._load_legacy(data)
        for period in sorted(p for p in set(periods) if not data.has_period(p)):
            if not history or layout.SHEET_HISTORY not in kinds:
                data.appended |= {period}
            for kind in kinds:
                name = self.sheets.get((kind, period.code))
                if name is None:
                    continue
                if kind == layout.SHEET_DATA:
                    for record in master_rows.records(self.book, name, self.shown):
                        data.records[record.key] = record
                elif history:
                    data.history.extend(master_rows.history(self.book, name, self.shown))
                else:
                    data.known.update(signature(old.record) for old in master_rows.history(self.book, name, self.shown))
            data.loaded = (data.loaded or frozenset()) | {period}
        give_back_memory()

    def values(self, period: Period) -> Iterator[tuple[tuple[str, str], tuple[object, ...], datetime]]:
        """Each row of a period's data as its key (item code, unit code), input values (Progress.cells()) and merge
        time, one at a time and checked as load() checks them: nothing of the period is kept (what split needs)."""
        if self.legacy:
            rows: Iterable = self.read([]).period_records(period).values()
        else:
            name = self.sheets.get((layout.SHEET_DATA, period.code))
            rows = master_rows.records(self.book, name, self.shown) if name else ()
        for record in rows:
            yield record.row_key, record.progress.cells(), record.source.merged_at
        give_back_memory()

    def all_periods(self) -> list[Period]:
        """The periods the master holds data for (a first-layout master is read whole to know them)."""
        if not self.legacy:
            return list(self.periods)
        return sorted({record.period for record in self.read([]).records.values()})

    def load_log(self, data: MasterData, years: Iterable[int]) -> None:
        """Put the log rows of years not read yet before the rows data already has."""
        if data.log_years is None:
            return
        rows: list[tuple] = []
        for year in sorted(set(years) - data.log_years):
            name = self.sheets.get((layout.SHEET_LOG, str(year)))
            if name:
                rows.extend(master_rows.log(self.book, name, self.shown))
        data.log[:0] = rows
        data.log_years = data.log_years | set(years)

    def _load_legacy(self, data: MasterData) -> None:
        if data.loaded is None:
            return
        if layout.SHEET_DATA in self.book.sheet_names:
            for record in master_rows.records(self.book, layout.SHEET_DATA, self.shown):
                data.records[record.key] = record
        if layout.SHEET_HISTORY in self.book.sheet_names:
            data.history.extend(master_rows.history(self.book, layout.SHEET_HISTORY, self.shown))
        if layout.SHEET_LOG in self.book.sheet_names:
            data.log.extend(master_rows.log(self.book, layout.SHEET_LOG, self.shown))
        data.loaded = data.log_years = None

    def table(self, kind: str, code: str, headers: tuple[str, ...]) -> Table | None:
        """The sheet as it is in this master, to be copied; None if it has no such sheet."""
        name = self.sheets.get((kind, code))
        if name is None:
            return None
        archive, part = self.book.part(name)
        return copied_table(name, headers, archive, part)


@lru_cache(maxsize=1)
def _libc():
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (Windows, macOS, musl): nothing to do
        return None


def give_back_memory() -> None:
    """Return the memory the sheet reader freed to the system (glibc keeps it otherwise): what a command
    does next (writing a report, forking split's workers) then does not add to a high-water mark."""
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def open_master_book(path: str | Path, plan: Plan | None = None, *,
                     expect: str = "") -> tuple[WorkbookData, Meta, Plan]:
    """The workbook opened for reading, its metadata and its plan.

    The tool's own master (its metadata says so and its plan sheets still give the plan fingerprint it
    was written with) is read under MASTER_LIMITS, whatever the size history gave it; any other
    workbook under the limits for files from outside. Until that is known only the data sheets are
    exempt from those limits, so a foreign file cannot pass off a huge plan or metadata sheet.
    """
    shown = str(path)
    book = read_workbook(path, MASTER_LIMITS)
    try:
        own = frozenset(part for name, part in book.xml_paths().items() if name.startswith(_OWN))
        book.restrict(DEFAULT_LIMITS, exempt=own)
        meta = read_meta(book) or Meta({})
        check_kind(meta, shown, expect, lambda: plan or plan_from_book(book, shown))
        plan = plan or plan_from_book(book, shown)
        own_master = _is_own_master(meta, plan)
        book.restrict(MASTER_LIMITS if own_master else DEFAULT_LIMITS)
        book.table_limits = MASTER_TABLE_LIMITS if own_master else None
    except BaseException:
        book.close()
        raise
    return book, meta, plan


MASTER, SOURCE = "master", "source"  # what a command reads: only a master (status, report); a master or shared workbook


def check_kind(meta: Meta, shown: str, expect: str, plan_of=None) -> None:
    """Refuse a file that is not what the command reads, by what its metadata says it is (nothing when not expect).

    A unit's copy is never a master (MASTER_004); the shared workbook is one for SOURCE, not for MASTER, which
    needs merged data (MASTER_005); a workbook the tool did not write as a master or shared workbook: MASTER_006.
    plan_of() gives the file's plan, to name a unit copy's unit.
    """
    kind, unit = meta.get("kind"), meta.get("unit")
    if not expect or kind == "master":
        return
    if meta.get("format") == layout.FORMAT_NAME and kind == "shared":
        if unit:
            raise MasterError("MASTER_004", path=shown, unit=_unit_name(unit, plan_of))
        if expect == SOURCE:
            return
        raise MasterError("MASTER_005", path=shown)
    raise MasterError("MASTER_006", path=shown)


def _unit_name(code: str, plan_of) -> str:
    """The name of the unit a copy is for, as its plan gives it; its code when the plan cannot say."""
    try:
        unit = plan_of().registry.owner_of(code) if plan_of else None
    except CchcExcelError:
        unit = None
    return unit.name if unit is not None else code


def _is_own_master(meta: Meta, plan: Plan) -> bool:
    return (meta.get("format") == layout.FORMAT_NAME and meta.get("kind") == "master"
            and meta.get("plan_fingerprint") == plan.fingerprint())


def read_master(path: str | Path, plan: Plan | None = None, *, periods: Iterable[Period] | None = None,
                expect: str = "", history: bool = True) -> MasterData:
    """A master workbook (or a shared workbook, which is a master with nothing merged yet), opened once.

    With periods, only those periods' records and history are read (and no log); else everything. With
    expect, what the file must be (see check_kind). history=False with periods: their history is not read (what
    status, report and progress_frame show does not need it; written again, the data keeps the master's).
    """
    with MasterBook(path, plan, expect=expect) as master:
        return master.read(None if periods is None else list(periods), _BOTH if history else (layout.SHEET_DATA,))


def load_periods(data: MasterData, periods: Iterable[Period]) -> None:
    """Read more periods of the master data came from into data (nothing when they are all read)."""
    missing = [p for p in set(periods) if not data.has_period(p)]
    if missing and data.origin:
        with MasterBook(data.origin, data.plan) as master:
            master.load(data, missing)
    elif missing:
        data.loaded = (data.loaded or frozenset()) | set(missing)


def write_master(path: str | Path, data: MasterData, period: Period, *, backup: Path | None = None) -> Path:
    """Write the master atomically (temporary file, then replace), keeping the previous one as backup.

    Periods and log years that data did not read are copied from the master it was read from.
    """
    deadline = data.deadline or units_deadline(data.plan.facts, period)

    def write(temp: Path) -> None:
        origin = MasterBook(data.origin, data.plan) if data.origin and Path(data.origin).exists() else None
        try:
            if origin is not None and not origin.copyable:  # first layout, or other formats: read it all
                origin.load(data, origin.periods)
                origin.load_log(data, origin.log_years)
            write_master_workbook(temp, data.plan, period, deadline, _tables(data, origin, period),
                                  reload=lambda table, stream: _reread(data, origin, table, period, stream),
                                  meta=(("deadlines", _deadlines_text(data.deadlines | {period: deadline})),))
        finally:
            if origin is not None:
                origin.book.close()

    return atomic_write(path, write, overwrite=True, backup=backup)


def _deadlines_text(deadlines: dict[Period, date]) -> str:
    return "; ".join(f"{period.code} {day.isoformat()}" for period, day in sorted(deadlines.items()))


def _reread(data: MasterData, origin: MasterBook | None, table: Table, period: Period, stream: bool) -> Table:
    """A sheet the previous master has but that cannot be copied (another application saved it, or this version
    writes other styles), read again on its own to be written afresh: row by row as it is read (stream; see
    master_reread.py), else whole: one sheet's rows in memory at a time, however many years the master holds."""
    if origin is None:
        raise ValueError(f"{table.name}: no previous master to read it from")
    if stream:
        return streamed(origin.book, data.plan, table, origin.shown)
    kind, _, code = table.name.rpartition(" ")
    alone = MasterData(data.plan, data.period, data.deadline, origin=data.origin, loaded=frozenset(),
                       log_years=frozenset())
    if kind == layout.SHEET_LOG:
        origin.load_log(alone, [int(code)])
    else:
        origin.load(alone, [master_rows.period(code, origin.shown, table.name, "A1")], (kind,))
        alone.appended = frozenset()  # the one table asked for, made from what was read
    found = next((t for t in _tables(alone, None, period) if t.name == table.name), None)
    rows = list(found.rows) if found else []
    return Table(table.name, table.headers, len(rows), rows)


def _tables(data: MasterData, origin: MasterBook | None, period: Period) -> list[Table]:
    """The master's data tables in order: per period its data and history, then the log by year. A table's rows
    are made as it is written, one at a time: a period's texts are held packed (model/progress.py), not as rows."""
    by_period: dict[Period, list[Record]] = defaultdict(list)
    current: Period | None = None
    records: list[Record] = []
    for record in data.sorted_records():
        if record.period is not current:  # records come by period: its list is found once a run of them
            current, records = record.period, by_period[record.period]
        records.append(record)
    replaced: dict[Period, list[Superseded]] = defaultdict(list)
    for entry in data.history:
        replaced[entry.record.period].append(entry)
    tables: list[Table] = []
    for each in sorted(set(by_period) | set(replaced) | set(origin.periods if origin else ())):
        records, entries = by_period[each], replaced[each]
        for kind, headers, count, rows in (
                (layout.SHEET_DATA, layout.DATA_HEADERS, len(records), rows_of(data.plan, records)),
                (layout.SHEET_HISTORY, layout.HISTORY_HEADERS, len(entries), _history_rows(data.plan, entries))):
            if not data.has_period(each):
                if count:
                    raise ValueError(f"{each.code} was changed without being read from {data.origin}")
                copied = origin.table(kind, each.code, headers) if origin else None
                tables.extend([copied] if copied else [])
            elif kind == layout.SHEET_HISTORY and each in data.appended and (
                    sheet := _kept_history(origin, each)) is not None:
                tables.append(replace(sheet, added=partial(_history_rows, data.plan, entries), added_count=count)
                              if count else sheet)
            elif count or kind == layout.SHEET_DATA:
                tables.append(Table(layout.period_sheet(kind, each.code), headers, count, rows))
    return tables + _log_tables(data, origin, period)


def _kept_history(origin: MasterBook | None, period: Period) -> Table | None:
    """The history sheet of a period whose history a merge did not read (MasterData.appended), as the previous master
    has it; None when it has none."""
    if origin is None:
        raise ValueError(f"the history of {period.code} was not read and its master is gone")
    return origin.table(layout.SHEET_HISTORY, period.code, layout.HISTORY_HEADERS)


def _history_rows(plan: Plan, replaced: list[Superseded]) -> Iterator[tuple]:
    for old, row in zip(replaced, rows_of(plan, (old.record for old in replaced))):
        yield row + (time_text(old.replaced_at), old.reason)


def _log_tables(data: MasterData, origin: MasterBook | None, period: Period) -> list[Table]:
    by_year: dict[int, list] = defaultdict(list)
    for row in data.log:
        found = _YEAR.match(str(row[0]))
        by_year[int(found.group(1)) if found else period.year].append(row)
    tables: list[Table] = []
    for year in sorted(set(by_year) | set(origin.log_years if origin else ())):
        read = data.log_years is None or year in data.log_years
        if not read and not by_year[year] and origin:
            copied = origin.table(layout.SHEET_LOG, str(year), layout.LOG_HEADERS)
            tables.extend([copied] if copied else [])
            continue
        if not read and origin:  # new rows for a year whose earlier rows were not read
            origin.load_log(data, [year])
            return _log_tables(data, origin, period)
        rows = by_year[year]
        tables.append(Table(layout.period_sheet(layout.SHEET_LOG, str(year)), layout.LOG_HEADERS, len(rows), rows))
    return tables
