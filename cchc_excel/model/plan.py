"""The plan model: facts of the plan document, its items, and which units carry out each item."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cached_property
from datetime import date
from decimal import Decimal
from enum import Enum

from .text import fold, one_line, parse_vn_date
from .units import Unit, UnitRegistry


class Role(Enum):
    LEAD = "Chủ trì"
    PARTNER = "Phối hợp"


class ScheduleKind(Enum):
    YEARLY = "Hằng năm"
    ONGOING = "Thường xuyên"
    ON_CHANGE = "Khi có thay đổi"
    BY_DATE = "Có thời hạn"
    OTHER = "Khác"


@dataclass(frozen=True)
class Schedule:
    """What a timeframe text means for deadlines: a kind, and the year or date it names."""

    kind: ScheduleKind
    year: int | None = None
    deadline: date | None = None


def parse_schedule(text: str) -> Schedule:
    """Derive a schedule from timeframe text, e.g. 'Trong năm 2021 và các năm tiếp theo' → yearly from 2021."""
    folded = fold(text)
    dates = [parse_vn_date(m) for m in re.findall(r"\d{1,2}/\d{1,2}/\d{4}", folded)]
    if "khi có thay đổi" in folded or "khi có phát sinh" in folded:
        return Schedule(ScheduleKind.ON_CHANGE)
    if any(dates):
        return Schedule(ScheduleKind.BY_DATE, deadline=max(d for d in dates if d))
    years = re.findall(r"\b(20\d\d)\b", folded)
    if years:
        return Schedule(ScheduleKind.YEARLY, year=int(years[0]))
    if "thường xuyên" in folded or "hằng năm" in folded or "hàng năm" in folded:
        return Schedule(ScheduleKind.ONGOING)
    return Schedule(ScheduleKind.OTHER)


@dataclass(frozen=True)
class Assignment:
    """A unit named for an item, in a role, with an optional scope note written beside it."""

    unit: Unit
    role: Role
    scope: str = ""


@dataclass(frozen=True)
class PlanItem:
    """One row of the appendix: a criterion (code '2' or '2.1') and how it is to be remedied."""

    code: str
    criterion: str
    solution: str
    lead_text: str
    partner_text: str
    timeframe: str
    assignments: tuple[Assignment, ...] = ()
    inherited: frozenset[str] = frozenset()  # fields taken from the parent item
    section: str = ""
    row: int = 0

    @property
    def parent_code(self) -> str:
        return self.code.rpartition(".")[0]

    @property
    def level(self) -> int:
        return self.code.count(".") + 1

    @property
    def solution_lines(self) -> tuple[str, ...]:
        """The solution's bullet lines without their '- ' marks."""
        parts = re.split(r"\n|(?<=[.;])\s+[-\u2013•]\s+", self.solution)
        lines = (re.sub(r"^[-\u2013•+]\s*", "", one_line(p)) for p in parts)
        return tuple(line for line in lines if line)

    @property
    def schedule(self) -> Schedule:
        return parse_schedule(self.timeframe)

    def units(self, role: Role) -> tuple[Assignment, ...]:
        return tuple(a for a in self.assignments if a.role is role)


@dataclass(frozen=True)
class PlanFacts:
    """The identity of the plan document, read from the plan workbook (never constants in code)."""

    number: str
    date: date
    agency: str
    parent_body: str
    place: str
    signer_name: str
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


@dataclass(frozen=True)
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

    def item(self, code: str) -> PlanItem:
        return next(i for i in self.items if i.code == code)

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
            "items": [[i.code, i.criterion, i.solution, i.lead_text, i.partner_text, i.timeframe]
                      for i in self.items],
            "rows": [[r.item.code, r.unit.code, r.role.name] for r in self.entry_rows()],
        }
        blob = json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()
