"""Who has reported for a period, rows by status, and overdue rows — read from the master."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from . import layout
from .progress import MasterData, Status
from .periods import Period
from .plan import EntryRow

NOT_REPORTED = "Chưa báo cáo"
SETTLED = tuple(s.value for s in Status if s.settled)


@dataclass
class UnitStatus:
    code: str
    name: str
    expected: int
    counts: dict[str, int] = field(default_factory=dict)  # status (or NOT_REPORTED) → rows
    overdue: list[dict] = field(default_factory=list)  # {"item", "reason", "deadline"}

    @property
    def submitted(self) -> bool:
        return self.counts.get(NOT_REPORTED, 0) < self.expected

    def to_dict(self) -> dict:
        return {"unit": self.code, "name": self.name, "submitted": self.submitted, "expected": self.expected,
                "counts": self.counts, "overdue": self.overdue}


@dataclass
class StatusReport:
    period: Period
    today: date
    deadline: date
    units: list[UnitStatus]

    def to_dict(self) -> dict:
        return {"period": self.period.code, "today": self.today.isoformat(), "deadline": self.deadline.isoformat(),
                "units": [u.to_dict() for u in self.units]}


def plan_deadline(entry: EntryRow, period: Period) -> date | None:
    """The due date the plan itself sets for a row in a period: the task's own date ('Quý II/2022' is
    30/6/2022), or for a recurring task ('Hằng năm', '6 tháng/lần', 'Thường xuyên') the end of its
    recurrence period that holds the reporting period's end; None when the plan sets none."""
    return entry.item.schedule.due_for(period.end)


def status_of(data: MasterData, period: Period, today: date | None = None) -> StatusReport:
    """The status of a period from already-read master data.

    A row is overdue when it was not reported and the period's deadline for units has passed, or when
    it is neither done nor "Không phát sinh" and the plan's own deadline has passed.
    """
    today = today or date.today()  # the day overdue rows are judged on (status --as-of)
    deadline = data.deadline if data.period == period and data.deadline else period.default_deadline()
    records = data.period_records(period)
    units: dict[str, UnitStatus] = {}
    for entry in data.plan.entry_rows():
        unit = units.setdefault(entry.unit.code, UnitStatus(entry.unit.code, entry.unit.name, 0))
        unit.expected += 1
        record = records.get(entry.key)
        status = record.progress.status.value if record and record.progress.status else NOT_REPORTED
        unit.counts[status] = unit.counts.get(status, 0) + 1
        due = plan_deadline(entry, period)
        if status == NOT_REPORTED and today > deadline:
            unit.overdue.append({"item": entry.item.code, "reason": "not_reported", "deadline": deadline.isoformat(),
                                 "due": deadline.isoformat()})
        elif status not in SETTLED and due and today > due:
            unit.overdue.append({"item": entry.item.code, "reason": "plan_deadline", "deadline": due.isoformat(),
                                 "due": due.isoformat()})
    order = layout.STATUSES + (NOT_REPORTED,)
    for unit in units.values():
        unit.counts = dict(sorted(unit.counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))
    ordered = [units[u.code] for u in data.plan.registry.internal if u.code in units]
    return StatusReport(period, today, deadline, ordered)
