"""Progress records: what a unit reported for one plan item in one period, and where it came from."""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Iterable, Iterator

from . import layout
from .periods import Period
from .plan import Plan
from .text import fold, unaccented


class Status(Enum):
    """The four values of `Tình trạng`."""

    NOT_STARTED = "Chưa thực hiện"
    IN_PROGRESS = "Đang thực hiện"
    DONE = "Hoàn thành"
    NOT_APPLICABLE = "Không phát sinh"

    @property
    def settled(self) -> bool:
        """Nothing is left to do for the row: done, or nothing arose in the period."""
        return self in (Status.DONE, Status.NOT_APPLICABLE)

    @classmethod
    def parse(cls, text: object) -> Status | None:
        """The status a typed text stands for (case, spacing, Unicode form and missing diacritics forgiven: "Hoan
        thanh" is Hoàn thành); None if none."""
        key = fold(text)
        return _STATUS_BY_KEY.get(key) or _STATUS_UNACCENTED.get(unaccented(key))


_STATUS_BY_KEY = {fold(s.value): s for s in Status}
_STATUS_UNACCENTED = {unaccented(key): s for key, s in _STATUS_BY_KEY.items()}  # the four differ without marks
assert len(_STATUS_UNACCENTED) == len(Status)


_CUT = b"\xff"  # between them: a byte UTF-8 never has
_NO_TEXT = _CUT * 3


def pack_texts(result: str, evidence: str, difficulties: str, proposals: str) -> bytes:
    """The four long texts of a Progress as it keeps them: UTF-8, one after the other, cut by a byte UTF-8 never has.

    A period of 60,000 rows holds some 35 MB of such text: UTF-8 takes about 1.4 bytes for a letter of Vietnamese
    against Python's 2 a letter, and one object instead of four."""
    return _CUT.join([_utf8(result), _utf8(evidence), _utf8(difficulties), _utf8(proposals)])


def _utf8(text: object) -> bytes:
    """A text as UTF-8 (a lone surrogate kept as it is); None as no text, another value as its str (a caller's
    slip: the reader gives text)."""
    if text.__class__ is not str:
        text = "" if text is None else str(text)
    return text.encode("utf-8", "surrogatepass")


def packed_cells(cells: tuple | list) -> tuple:
    """Input cells (layout.INPUT_COLUMNS order, texts as str) with their four long texts packed (pack_texts), for
    Progress.from_packed_cells."""
    status, result, evidence, done_on, difficulties, proposals, updater, updated_on = cells
    return status, pack_texts(result, evidence, difficulties, proposals), done_on, updater, updated_on


def _status_of(text: object) -> Status | None:
    found = _STATUS_OF_TEXT.get(text)  # the text cells() writes; any other is folded first
    return found if found is not None else Status.parse(text) if text else None


def _unpacked(texts: bytes, n: int) -> str:
    return texts.split(_CUT, 4)[n].decode("utf-8", "surrogatepass")


@dataclass(frozen=True, slots=True, init=False, repr=False)
class Progress:
    """The input columns of one entry row, typed; text is clean NFC, dates are dates.

    Made as Progress(status, result, evidence, done_on, difficulties, proposals, updater, updated_on); the long texts
    are kept packed (pack_texts) and unpacked when read: a merge holds a period's old and new rows at once."""

    status: Status | None
    texts: bytes  # pack_texts of result, evidence, difficulties and proposals
    done_on: date | None
    updater: str
    updated_on: date | None

    def __init__(self, status: Status | None = None, result: str = "", evidence: str = "",
                 done_on: date | None = None, difficulties: str = "", proposals: str = "", updater: str = "",
                 updated_on: date | None = None) -> None:
        self._set(status, pack_texts(result, evidence, difficulties, proposals), done_on, updater, updated_on)

    def _set(self, status: Status | None, texts: bytes, done_on: date | None, updater: str,
             updated_on: date | None) -> None:
        set_field = object.__setattr__  # frozen: set once, here
        set_field(self, "status", status)
        set_field(self, "texts", _NO_TEXT if texts == _NO_TEXT else texts)  # the common empty four kept once
        set_field(self, "done_on", done_on)
        set_field(self, "updater", updater)
        set_field(self, "updated_on", updated_on)

    @classmethod
    def packed(cls, status: Status | None, texts: bytes, done_on: date | None, updater: str,
               updated_on: date | None) -> Progress:
        """A Progress from its texts already packed (pack_texts): what a merge's reading processes send."""
        progress = cls.__new__(cls)
        progress._set(status, texts, done_on, updater, updated_on)
        return progress

    @property
    def result(self) -> str:
        return _unpacked(self.texts, 0)

    @property
    def evidence(self) -> str:
        return _unpacked(self.texts, 1)

    @property
    def difficulties(self) -> str:
        return _unpacked(self.texts, 2)

    @property
    def proposals(self) -> str:
        return _unpacked(self.texts, 3)

    def cells(self) -> tuple[object, ...]:
        """The values in the order of layout.INPUT_COLUMNS, the status as its text."""
        if self.texts is _NO_TEXT:
            result = evidence = difficulties = proposals = ""
        else:
            result, evidence, difficulties, proposals = (
                part.decode("utf-8", "surrogatepass") for part in self.texts.split(_CUT, 4))
        return (_STATUS_TEXT[self.status], result, evidence, self.done_on, difficulties, proposals, self.updater,
                self.updated_on)

    @classmethod
    def from_cells(cls, values: tuple[object, ...] | list[object]) -> Progress:
        """The inverse of cells(): values in layout.INPUT_COLUMNS order."""
        status, *rest = values[:len(FIELD_NAMES)] or (None,)
        return cls(_status_of(status), *rest)  # type: ignore[arg-type]

    @classmethod
    def from_packed_cells(cls, values: tuple) -> Progress:
        """A Progress from packed_cells(its cells): what a merge's reading processes send (bytes cost less to send
        than texts, and are kept as they come)."""
        status, texts, done_on, updater, updated_on = values
        return cls.packed(_status_of(status), texts, done_on, updater, updated_on)

    @property
    def empty(self) -> bool:
        return not any(self.cells())

    def __repr__(self) -> str:
        return "Progress(" + ", ".join(f"{name}={value!r}" for name, value in zip(
            FIELD_NAMES, (self.status, *self.cells()[1:]))) + ")"


FIELD_NAMES = ("status", "result", "evidence", "done_on", "difficulties", "proposals", "updater", "updated_on")
_STATUS_TEXT: dict[Status | None, str] = {None: "", **{s: s.value for s in Status}}
_STATUS_OF_TEXT: dict[object, Status] = {s.value: s for s in Status}
_NAMED = Progress(None, *FIELD_NAMES[1:])  # type: ignore[arg-type]  # each field holding its own name
assert _NAMED.cells()[1:] == FIELD_NAMES[1:], "cells() gives every field after the status, in order"
assert tuple(getattr(_NAMED, name) for name in FIELD_NAMES[1:]) == FIELD_NAMES[1:], "each field is read by its name"
HEADER_OF = dict(zip(FIELD_NAMES, layout.INPUT_COLUMNS))  # field name → column header
FIELD_OF = {header: name for name, header in HEADER_OF.items()}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a merged row came from."""

    file: str
    sha256: str
    sheet: str
    row: int
    merged_at: datetime


@dataclass(frozen=True, slots=True)
class Record:
    """The progress of one item × unit in one period, as merged."""

    period: Period
    item_code: str
    unit_code: str
    progress: Progress
    source: Source

    @property
    def key(self) -> tuple[Period, str, str]:
        return (self.period, self.item_code, self.unit_code)

    @property
    def row_key(self) -> tuple[str, str]:
        """The entry row it belongs to: (item code, unit code)."""
        return (self.item_code, self.unit_code)


@dataclass(frozen=True, slots=True)
class Superseded:
    """A record replaced by a later one, with when and why."""

    record: Record
    replaced_at: datetime
    reason: str


def signature(record: Record) -> bytes:
    """What makes two versions of a row one for the history (its key, values, file and row), as a 16-byte digest: a
    merge keeps these of a period's history, not its rows (MasterData.known)."""
    progress, source = record.progress, record.source
    return hashlib.blake2b(pickle.dumps((
        record.period.code, record.item_code, record.unit_code, _STATUS_TEXT[progress.status], progress.texts,
        progress.done_on, progress.updater, progress.updated_on, source.sha256, source.row), 5), digest_size=16).digest()


@dataclass
class MasterData:
    """What was read of the master: the plan, the current period, merged records, history and log.

    A command reads only the periods it needs: loaded names them (None: every period), log_years the
    years of the log that were read (None: all). origin is the file they were read from; writing copies
    from it whatever was not read.
    """

    plan: Plan
    period: Period | None = None
    deadline: date | None = None
    records: dict[tuple[Period, str, str], Record] = field(default_factory=dict)  # each by its Record.key
    history: list[Superseded] = field(default_factory=list)
    log: list[tuple] = field(default_factory=list)
    origin: str = ""
    loaded: frozenset[Period] | None = None
    deadlines: dict[Period, date] = field(default_factory=dict)  # the units' deadline of each period merged into
    log_years: frozenset[int] | None = None
    # periods whose history sheet was not read (a merge reads only the signatures of its rows: known): written
    # again, the master's sheet is kept as it is, with the period's entries of history in data after its rows
    appended: frozenset[Period] = frozenset()
    known: set[bytes] = field(default_factory=set)

    def deadline_of(self, period: Period) -> date | None:
        """The units' deadline the master holds for a period; None: the plan's (status.units_deadline) applies."""
        return self.deadlines.get(period) or (self.deadline if self.period == period else None)

    def has_period(self, period: Period) -> bool:
        """True when the period's records and history were read (or the master is new)."""
        return self.loaded is None or period in self.loaded

    def sorted_records(self) -> list[Record]:
        """Records by period, then plan order, then unit: the order the master shows them in."""
        order = {item.code: n for n, item in enumerate(self.plan.items)}
        last = len(order)
        by_period: dict[Period, list[Record]] = {}  # comparing and hashing Periods is slow: once a run of them
        period: Period | None = None
        run: list[Record] = []
        for record in self.records.values():
            if record.period is not period:
                period = record.period
                run = by_period.setdefault(period, [])
            run.append(record)
        return [record for each in sorted(by_period)
                for record in sorted(by_period[each], key=lambda r: (order.get(r.item_code, last), r.unit_code))]

    def period_records(self, period: Period) -> dict[tuple[str, str], Record]:
        """The period's records by row key (item code, unit code), found by their keys (Periods compare slowly)."""
        return {(item, unit): record for (each, item, unit), record in self.records.items()
                if each is period or each == period}



def record_row(plan: Plan, record: Record) -> tuple[object, ...]:
    """A record as a row of the master's data sheet (layout.DATA_HEADERS)."""
    return record_rows(plan, (record,))[0]


def record_rows(plan: Plan, records: Iterable[Record]) -> list[tuple[object, ...]]:
    """Records as rows of the master's data sheet, each as record_row gives it (each unit looked up once)."""
    return list(rows_of(plan, records))


def rows_of(plan: Plan, records: Iterable[Record]) -> Iterator[tuple[object, ...]]:
    """record_rows one at a time, as the records come."""
    names: dict[str, str] = {}
    period: Period | None = None  # records come by period: its code is made once a run of them
    code = ""
    moment: datetime | None = None  # and the merge time's text once a run of records merged together
    when = ""
    for record in records:
        if record.period is not period:
            period, code = record.period, record.period.code
        unit = record.unit_code
        name = names.get(unit)
        if name is None:
            owner = plan.registry.owner_of(unit)
            name = names[unit] = owner.name if owner else unit
        s, progress = record.source, record.progress
        if s.merged_at is not moment:
            moment, when = s.merged_at, time_text(s.merged_at)
        yield (code, record.item_code, unit, name, *progress.cells(), s.file, s.sha256, s.sheet, s.row, when)


@lru_cache(maxsize=4096)
def time_text(moment: datetime) -> str:
    """A moment as the master writes it (layout.TIME_FORMAT); the rows of one merge share one."""
    return moment.strftime(layout.TIME_FORMAT)
