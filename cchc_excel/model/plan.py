"""The plan model: facts of the plan document, its items, and which units carry out each item."""
from __future__ import annotations

import calendar
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from decimal import Decimal
from enum import Enum

from .text import fold, one_line
from .units import Unit, UnitRegistry


class Role(Enum):
    LEAD = "Chủ trì"
    PARTNER = "Phối hợp"


class ScheduleKind(Enum):
    YEARLY = "Hằng năm"
    HALF_YEARLY = "6 tháng/lần"
    QUARTERLY = "Hằng quý"
    ONGOING = "Thường xuyên"
    ON_CHANGE = "Khi có thay đổi"
    BY_DATE = "Có thời hạn"
    OTHER = "Khác"


RECURRENCE_MONTHS = {ScheduleKind.YEARLY: 12, ScheduleKind.HALF_YEARLY: 6, ScheduleKind.QUARTERLY: 3,
                     ScheduleKind.ONGOING: 12}


@dataclass(frozen=True)
class Schedule:
    """What a timeframe text means for deadlines: a kind, its due date or its recurrence from a year.

    BY_DATE has one due date. Recurring kinds (yearly, half-yearly, quarterly, ongoing = at each year's
    end) are due at the end of each of their periods from year on (every year when year is None).
    ON_CHANGE and OTHER (a text that could not be read) have no due date.
    """

    kind: ScheduleKind
    year: int | None = None
    deadline: date | None = None

    @property
    def readable(self) -> bool:
        return self.kind is not ScheduleKind.OTHER

    def due_for(self, day: date) -> date | None:
        """The due date that applies to work reported up to day (a period's end)."""
        if self.kind is ScheduleKind.BY_DATE:
            return self.deadline
        months = RECURRENCE_MONTHS.get(self.kind)
        if months is None or (self.year is not None and day.year < self.year):
            return None
        return month_end(day.year, ((day.month - 1) // months + 1) * months)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?:\s*(?:/|-|năm)\s*(\d{4}))?"
_DAY_WORDS = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})")
_DAY_NUMBERS = re.compile(r"\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b")  # 30/6/2022, 30.6.2022, 30-6-2022
_QUARTER_NUMBER = r"(?:iv|iii|ii|i|[1-4])\b"
# one quarter or a list of them sharing one year: 'Quý II/2022', 'Quý I, II/2022', 'Quý III và Quý IV/2022'
_QUARTER = re.compile(r"quý\s*(" + _QUARTER_NUMBER + r"(?:\s*(?:,|và|-)\s*(?:quý\s*)?" + _QUARTER_NUMBER + r")*)"
                      + _YEAR)
_HALF = re.compile(r"(6|sáu|9|chín) tháng (đầu|cuối)? ?năm" + _YEAR)
# one month or a list of them sharing one year: 'Tháng 9/2022', 'Tháng 6, 7/2022'
_MONTH = re.compile(r"tháng\s*(\d{1,2}\b(?:\s*(?:,|và|-)\s*(?:tháng\s*)?\d{1,2}\b)*)" + _YEAR)
_YEARLY = re.compile(r"hằng năm|hàng năm|năm\s*/\s*lần|mỗi năm|(?:các|những) năm (?:tiếp theo|sau|kế tiếp)|định kỳ năm"
                     r"|từ (?:năm )?\d{4}(?!\s*(?:-|đến))")
_RECURRING = ((re.compile(r"(6|sáu) tháng\s*(/|một)\s*lần|định kỳ 6 tháng|hằng 6 tháng|mỗi 6 tháng"),
               ScheduleKind.HALF_YEARLY),
              (re.compile(r"hằng quý|hàng quý|quý\s*/\s*lần|mỗi quý|định kỳ quý"), ScheduleKind.QUARTERLY),
              (_YEARLY, ScheduleKind.YEARLY),
              (re.compile(r"thường xuyên|liên tục"), ScheduleKind.ONGOING))
# A whole year or a span of years, due at its last year's end: 'Năm 2022', 'Trong năm 2022', 'Cuối năm 2022',
# 'Giai đoạn 2021-2025', 'Từ năm 2022 đến năm 2025'. A year with any other words ('Đầu năm 2022', 'Trước năm 2022':
# the year before?) is not read.
_WHOLE_YEARS = re.compile(r"(?:(?:trong|trong cả|cả|suốt|trong suốt|cuối|hết|đến|đến hết|đến cuối|trước cuối"
                          r"|giai đoạn|từ) )?(?:năm )?(\d{4})(?:\s*(?:-|đến)\s*(?:năm )?(\d{4}))?")


def parse_schedule(text: str, default_year: int | None = None) -> Schedule:
    """The schedule a timeframe text states; default_year (the plan's) where the text names no year.

    'Quý II/2022' → 30/6/2022; 'Quý I, II/2022' → 30/6/2022 (the last quarter named); '6 tháng đầu năm' → 30/6;
    'Tháng 9/2022' → 30/9/2022; 'Trước ngày 30 tháng 6 năm 2022', 'Trước 30/6/2022', 'Trước 30.6.2022' →
    30/6/2022; 'Năm 2022', 'Trong năm 2022' → 31/12/2022; 'Trong năm 2021 và các năm tiếp theo', 'Từ năm 2022'
    → yearly from that year; 'Hằng năm', '6 tháng/lần', 'Thường xuyên' → recurring. Anything else, an impossible
    date ('31/2/2022', 'Tháng 13/2022') or a vague one ('Đầu năm 2022') → OTHER: no due date, never a guess.
    """
    folded = fold(text)
    if "khi có thay đổi" in folded or "khi có phát sinh" in folded:
        return Schedule(ScheduleKind.ON_CHANGE)
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", folded)]
    year = years[0] if years else default_year
    found = [(int(y), int(m), int(d)) for d, m, y in _DAY_WORDS.findall(folded)]
    found += [(int(y), int(m), int(d)) for d, _, m, y in _DAY_NUMBERS.findall(folded)]
    dates = [_date(*parts) for parts in found]
    if dates:
        return _dated(dates, folded)
    for pattern, kind in _RECURRING:
        if pattern.search(folded):
            return Schedule(kind, year)
    if any(not 1 <= month <= 12 for months, _ in _MONTH.findall(folded) for month in _numbers(months)):
        return Schedule(ScheduleKind.OTHER)  # 'Tháng 13/2022': a typo, not a month
    due = _named_period_end(folded, year)
    if due:
        return Schedule(ScheduleKind.BY_DATE, due.year, due)
    if whole := _WHOLE_YEARS.fullmatch(folded):
        last = int(whole.group(2) or whole.group(1))
        return Schedule(ScheduleKind.BY_DATE, last, date(last, 12, 31))
    return Schedule(ScheduleKind.OTHER)


def _dated(dates: list[date | None], folded: str) -> Schedule:
    """The schedule of a text naming dates: the latest, none when one is impossible ('31/2/2022'); a year's end
    kept up in the years after ('Trước 31/12/2022 và duy trì các năm sau') is yearly from that year."""
    if None in dates:
        return Schedule(ScheduleKind.OTHER)
    last = max(d for d in dates if d)
    if (last.month, last.day) == (12, 31) and _YEARLY.search(folded):
        return Schedule(ScheduleKind.YEARLY, last.year)
    return Schedule(ScheduleKind.BY_DATE, last.year, last)


def _named_period_end(folded: str, year: int | None) -> date | None:
    """The end of the last quarter, half-year or month the text names ('Quý II/2022', 'Tháng 9')."""
    found: list[date] = []
    for quarters, named in _QUARTER.findall(folded):
        if (which := _year_named(named, year)) is not None:
            last = max(_ROMAN[q] for q in re.findall(r"iv|iii|ii|i|[1-4]", quarters))
            found.append(month_end(which, last * 3))
    for months, side, named in _HALF.findall(folded):
        if (which := _year_named(named, year)) is not None:
            last = 12 if side == "cuối" else 9 if months in ("9", "chín") else 6
            found.append(month_end(which, last))
    if not found:
        for months, named in _MONTH.findall(folded):
            if (which := _year_named(named, year)) is not None:
                found.append(month_end(which, max(_numbers(months))))
    return max(found) if found else None


def _numbers(text: str) -> list[int]:
    """The numbers of a list of months ('6, 7' → [6, 7])."""
    return [int(number) for number in re.findall(r"\d+", text)]


def _year_named(named: str, year: int | None) -> int | None:
    """The year a period's text names, else the plan's year; None when neither is given."""
    if named:
        return int(named)
    return year or None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class Assignment:
    """A unit named for an item, in a role, with an optional scope note written beside it."""

    unit: Unit
    role: Role
    scope: str = ""


@dataclass(frozen=True)
class PlanItem:
    """One task of the appendix: a criterion (code '2' or '2.1') and how it is to be remedied.

    code is the key (unique in the plan): the STT as typed, qualified by its section where numbering
    restarts under each section ('II.1'), with a letter where several tasks share one STT ('2.1a').
    shown is the STT as typed. merged_above names the cells merged with the task above in the appendix.
    """

    code: str
    criterion: str
    solution: str
    lead_text: str
    partner_text: str
    timeframe: str
    assignments: tuple[Assignment, ...] = ()
    inherited: frozenset[str] = frozenset()  # fields taken from the parent item
    section: str = ""  # the heading of the section the task is under
    row: int = 0
    shown: str = ""
    extras: tuple[str, ...] = ()  # values of the extra columns (Plan.shape), in order
    units_text: str = ""  # the one "chủ trì/phối hợp" cell, where the appendix has that column
    section_code: str = ""  # "I", "II." as typed
    merged_above: frozenset[str] = frozenset()
    plan_year: int | None = None  # the year a timeframe without a year is in

    @property
    def parent_code(self) -> str:
        return self.code.rpartition(".")[0]

    @property
    def display_code(self) -> str:
        return self.shown or self.code

    @property
    def level(self) -> int:
        return self.display_code.count(".") + 1

    @property
    def solution_lines(self) -> tuple[str, ...]:
        """The solution's bullet lines without their '- ' marks."""
        parts = re.split(r"\n|(?<=[.;])\s+[-\u2013•]\s+", self.solution)
        lines = (re.sub(r"^[-\u2013•+]\s*", "", one_line(p)) for p in parts)
        return tuple(line for line in lines if line)

    @property
    def schedule(self) -> Schedule:
        return parse_schedule(self.timeframe, self.plan_year)

    def units(self, role: Role) -> tuple[Assignment, ...]:
        return tuple(a for a in self.assignments if a.role is role)

    def identity(self) -> list:
        """What identifies the task in the plan's fingerprint (the newer parts only when present)."""
        base = [self.code, self.criterion, self.solution, self.lead_text, self.partner_text, self.timeframe]
        more = {key: value for key, value in (("shown", self.shown if self.shown != self.code else ""),
                                              ("extras", list(self.extras)), ("units", self.units_text),
                                              ("section", self.section)) if value}
        return base + [more] if more else base


@dataclass(frozen=True)
class AppendixColumn:
    """A column of the appendix as issued: its field (or 'extra'), its header, its group header if any."""

    field: str
    header: str
    group: str = ""


@dataclass(frozen=True)
class AppendixShape:
    """How the appendix was laid out: its columns in order and the lines of its title block."""

    columns: tuple[AppendixColumn, ...]
    title: tuple[str, ...] = ()

    @property
    def extra_headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns if c.field == "extra")

    def has(self, field: str) -> bool:
        return any(c.field == field for c in self.columns)


@dataclass(frozen=True)
class PlanFacts:
    """The identity of the plan document, read from the plan workbook (never constants in code)."""

    number: str
    date: date
    agency: str
    place: str
    signer_name: str
    parent_body: str = ""  # none for a body with no governing body above it (UBND tỉnh)
    title: str = ""
    agency_short: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    legal_basis: str = ""
    assessment_year: int | None = None
    score: Decimal | None = None
    max_score: Decimal | None = None
    rank: int | None = None
    rank_total: int | None = None
    rank_change: str = ""
    report_recipient: str = ""
    recipients: tuple[str, ...] = ()
    report_copies: tuple[str, ...] = ()  # "Nơi nhận" of the progress reports, one line each
    report_due_day: int | None = None  # day of the period's last month the report is due at Sở Nội vụ (20)
    units_due_day: int | None = None  # day of the period's last month units send to the Office (15)

    @property
    def report_bodies(self) -> tuple[str, ...]:
        """The bodies the report goes to ("Nơi nhận báo cáo"), one a line or after a ';' as typed ("- A;\n- B."),
        each without its dash and end mark; "Sở Nội vụ" when the plan names none."""
        parts = (re.sub(r"^[-+•–\s]+|[\s;,.]+$", "", p) for p in re.split(r"[\n;]", self.report_recipient))
        return tuple(p for p in parts if p) or ("Sở Nội vụ",)

    @property
    def symbol(self) -> str:
        """The symbol part of the plan's number ("KH-UBND" of "138/KH-UBND"), for examples in its own terms."""
        return self.number.partition("/")[2] or self.number

    def example_document(self) -> str:
        """An evidence example in the agency's own symbol: 'Kế hoạch số 123/KH-UBND ngày 20/5/2022'."""
        return f"Kế hoạch số 123/{self.symbol} ngày 20/5/{self.date.year}"


@dataclass(frozen=True, slots=True)  # one per item × unit: 60,000 at 4,000 units
class EntryRow:
    """One row of the entry sheet: an item carried out by one internal unit in one role."""

    item: PlanItem
    unit: Unit
    role: Role
    scope: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.item.code, self.unit.code)


@dataclass(frozen=True)
class Plan:
    facts: PlanFacts
    items: tuple[PlanItem, ...]
    registry: UnitRegistry
    source: str = ""
    shape: AppendixShape | None = None  # None: the standard six columns
    warnings: tuple = field(default=(), compare=False)  # Problems (warnings) found while reading the plan

    def item(self, code: str) -> PlanItem:
        return next(i for i in self.items if i.code == code)

    @property
    def has_criteria(self) -> bool:
        """False for an appendix of tasks under section headings, with no criterion column."""
        return self.shape is None or self.shape.has("criterion")

    def compute_lookups(self) -> None:
        """Compute now what the plan otherwise computes when first asked (entry rows, their indexes, the
        fingerprint, the internal units): worker processes forked after this share them, not redo them."""
        for name in ("_entry_rows", "entry_index", "unit_index", "_fingerprint"):
            getattr(self, name)
        self.registry.internal

    def entry_rows(self) -> tuple[EntryRow, ...]:
        """One row per item × internal unit; groups and roles expand, a unit in both roles leads."""
        return self._entry_rows

    @cached_property
    def entry_index(self) -> dict[tuple[str, str], EntryRow]:
        """Entry rows by their key (item code, unit code)."""
        return {row.key: row for row in self._entry_rows}

    @cached_property
    def unit_index(self) -> dict[str, dict[tuple[str, str], EntryRow]]:
        """Entry rows by unit code, then by key."""
        index: dict[str, dict[tuple[str, str], EntryRow]] = {}
        for row in self._entry_rows:
            index.setdefault(row.unit.code, {})[row.key] = row
        return index

    @cached_property
    def _entry_rows(self) -> tuple[EntryRow, ...]:
        rows: list[EntryRow] = []
        for item in self.items:
            seen: set[str] = set()
            for role in Role:
                for assignment in item.units(role):
                    for unit in self.registry.expand(assignment.unit):
                        if unit.code not in seen:
                            seen.add(unit.code)
                            scope = assignment.scope if assignment.unit is unit else ""
                            rows.append(EntryRow(item, unit, role, scope))
        return tuple(rows)

    def fingerprint(self) -> str:
        return self._fingerprint

    @cached_property
    def _fingerprint(self) -> str:
        """SHA-256 of what identifies the plan's content: its number, date, items and entry rows."""
        content = {
            "number": self.facts.number,
            "date": self.facts.date.isoformat(),
            "items": [i.identity() for i in self.items],
            "rows": [[r.item.code, r.unit.code, r.role.name] for r in self.entry_rows()],
        }
        blob = json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()
