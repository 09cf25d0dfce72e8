"""Who has reported for a period, rows by status, and overdue rows — read from the master."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from . import layout
from .progress import MasterData, Status
from .periods import Period
from .plan import EntryRow, PlanFacts
from .problems import Problem
from .summary import ItemSummary, summarise

NOT_REPORTED = "Chưa báo cáo"


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
    deadline: date  # the units' deadline
    units: list[UnitStatus]
    due: date | None = None  # the report's deadline at Sở Nội vụ
    warnings: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"period": self.period.code, "today": self.today.isoformat(), "deadline": self.deadline.isoformat(),
                "due": self.due.isoformat() if self.due else None,
                "warnings": [w.to_dict() for w in self.warnings], "units": [u.to_dict() for u in self.units]}


def report_due(facts: PlanFacts, period: Period) -> date:
    """The day the report is due at Sở Nội vụ: the plan's day of the period's last month, else the 20th."""
    return period.due_on(facts.report_due_day) if facts.report_due_day else period.due


def units_deadline(facts: PlanFacts, period: Period) -> date:
    """The day units send their files to the Office unless set for the period: the plan's day, else the 15th."""
    return period.due_on(facts.units_due_day) if facts.units_due_day else period.default_deadline()


def deadline_warnings(facts: PlanFacts, deadline: date, due: date) -> list[Problem]:
    """REPORT_002 when the units' deadline leaves the Office no day before Sở Nội vụ's."""
    if deadline < due:
        return []
    return [Problem("REPORT_002", params={"deadline": f"{deadline:%d/%m/%Y}", "due": f"{due:%d/%m/%Y}",
                                          "recipient": ", ".join(facts.report_bodies)})]


def period_deadline_warnings(facts: PlanFacts, period: Period, deadline: date | None = None) -> list[Problem]:
    """REPORT_002 for the copies of a period (init, split): deadline, or the plan's units' deadline, against
    the plan's Sở Nội vụ deadline for the period."""
    return deadline_warnings(facts, deadline or units_deadline(facts, period), report_due(facts, period))


def plan_deadline(entry: EntryRow, period: Period) -> date | None:
    """The due date the plan itself sets for a row in a period: the task's own date ('Quý II/2022' is
    30/6/2022), or for a recurring task ('Hằng năm', '6 tháng/lần', 'Thường xuyên') the end of its
    recurrence period that holds the reporting period's end; None when the plan sets none."""
    return entry.item.schedule.due_for(period.end)


def past_plan_deadline(item_open: bool, status: Status | None, due: date | None, today: date) -> bool:
    """Whether a unit's row of an item (its status; None: not reported) is overdue against the plan's own deadline
    as of today: the deadline (due, plan_deadline) has passed, the row is neither "Hoàn thành" nor "Không phát
    sinh", and the item is still open (item_open: its ItemSummary.open, the report's level of it). So a recurring
    task ("Thường xuyên", "Khi có thay đổi") that its units keep up ("Duy trì thường xuyên") is never overdue,
    whatever one unit's row says; of any other item, an open row makes the item open. The one rule behind `status`,
    the follow-up workbook and the report's "quá thời hạn Kế hoạch" (summary.late_items)."""
    return due is not None and today > due and (status is None or not status.settled) and item_open


def status_of(data: MasterData, period: Period, today: date | None = None,
              summaries: list[ItemSummary] | None = None) -> StatusReport:
    """The status of a period from already-read master data (summaries: summarise(data, period), when the caller has
    them already).

    A row is overdue when it was not reported and the period's deadline for units has passed, or when
    it is past the plan's own deadline (past_plan_deadline).
    """
    today = today or date.today()  # the day overdue rows are judged on (status --as-of)
    facts = data.plan.facts
    deadline = data.deadline_of(period) or units_deadline(facts, period)
    records = data.period_records(period)
    open_items = {summary.item.code for summary in (summaries if summaries is not None else summarise(data, period))
                  if summary.open}  # each level once
    units: dict[str, UnitStatus] = {}
    for entry in data.plan.entry_rows():
        unit = units.setdefault(entry.unit.code, UnitStatus(entry.unit.code, entry.unit.name, 0))
        unit.expected += 1
        record = records.get(entry.key)
        reported = record.progress.status if record else None
        status = reported.value if reported else NOT_REPORTED
        unit.counts[status] = unit.counts.get(status, 0) + 1
        due = plan_deadline(entry, period)
        if status == NOT_REPORTED and today > deadline:
            unit.overdue.append({"item": entry.item.code, "reason": "not_reported", "deadline": deadline.isoformat(),
                                 "due": deadline.isoformat()})
        elif due and past_plan_deadline(entry.item.code in open_items, reported, due, today):
            unit.overdue.append({"item": entry.item.code, "reason": "plan_deadline", "deadline": due.isoformat(),
                                 "due": due.isoformat()})
    order = layout.STATUSES + (NOT_REPORTED,)
    for unit in units.values():
        unit.counts = dict(sorted(unit.counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))
    ordered = [units[u.code] for u in data.plan.registry.internal if u.code in units]
    return StatusReport(period, today, deadline, ordered, report_due(facts, period),
                        period_deadline_warnings(facts, period, deadline))
