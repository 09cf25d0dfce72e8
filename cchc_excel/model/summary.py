"""What the units reported for each plan item in a period, summed up for the report.

The rule that sums an item up (one rule, used by the Word report and its appendix alike):

1. Only the units that reported count. A unit that has not reported is a matter for the Office's
   follow-up, never shown as the unit's failure in what is sent; an item nobody reported on has
   no result yet ("Chưa có kết quả").
2. Units that chose "Không phát sinh" had nothing to do: they are set aside. When every unit that
   reported chose it, the item is "Không phát sinh".
3. Of the others: all "Hoàn thành" makes the item "Hoàn thành" — unless a lead unit has not reported,
   then it is "Đang thực hiện" (the lead reports the task as a whole). Any "Hoàn thành" or
   "Đang thực hiện" makes it "Đang thực hiện"; otherwise "Chưa thực hiện".
4. A recurring task ("Thường xuyên", "khi có thay đổi") never finishes: done or under way, it is
   "Duy trì thường xuyên", and its figures are in the units' results.

Several tasks may share one STT and criterion (keys 2a, 2b under a merged "2"): they are one criterion, counted
once, whose level is its tasks' levels combined (combine_levels): "Không phát sinh" tasks set aside, all done
makes it done ("Duy trì thường xuyên" when one of them is kept up), all without result "Chưa có kết quả", any
done or under way "Đang thực hiện", otherwise "Chưa thực hiện". So the criterion is open exactly when one of its
tasks is, and a task past its deadline makes its criterion late, never one also praised as done.

An item is praised as done when its level is "Hoàn thành" or "Duy trì thường xuyên", and is open (not
done) otherwise, "Không phát sinh" aside. It is late when a unit's row of it is past the plan's own deadline
(status.past_plan_deadline, the one rule of `status` and the report): only an open item's rows can be, so a task
kept up as "Duy trì thường xuyên" is never also "quá thời hạn".
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .periods import Period
from .plan import EntryRow, PlanItem, Role, ScheduleKind
from .progress import MasterData, Progress, Status

NO_RESULT = "Chưa có kết quả"
RECURRING = "Duy trì thường xuyên"
RECURRING_KINDS = (ScheduleKind.ONGOING, ScheduleKind.ON_CHANGE)
LEVELS = (Status.DONE.value, RECURRING, Status.IN_PROGRESS.value, Status.NOT_STARTED.value,
          Status.NOT_APPLICABLE.value, NO_RESULT)  # the item levels, in the order the report counts them
DONE_LEVELS = (Status.DONE.value, RECURRING)
OPEN_LEVELS = (Status.NOT_STARTED.value, Status.IN_PROGRESS.value, NO_RESULT)


def task_letter(item: PlanItem) -> str:
    """The letter a task's key adds where several tasks share one STT ('2a' → 'a'), else ''."""
    base = item.code[:-1]
    if item.code != item.display_code and item.code[-1:].isalpha() and base.endswith(item.display_code):
        return item.code[-1]
    return ""


def cited(item: PlanItem) -> str:
    """The item's code as typed, with its section where numbering restarts under each section ("1 mục II")."""
    if item.code != item.display_code and item.section_code:
        return f"{item.display_code} mục {item.section_code.rstrip('.')}"
    return item.display_code


def criterion_cited(item: PlanItem, has_criteria: bool) -> str:
    """How a criterion of the report is cited: its STT; in a plan of tasks, the task's own code ('2a')."""
    return cited(item) if has_criteria else task_cited(item)


def task_cited(item: PlanItem) -> str:
    """The task's code as on sheet `Tiến độ` where several share one STT ("2a", "1a mục II"), else cited(item)."""
    letter = task_letter(item)
    if not letter:
        return cited(item)
    code, _, section = cited(item).partition(" mục ")
    return f"{code}{letter}" + (f" mục {section}" if section else "")


def item_name(item: PlanItem, has_criteria: bool = True) -> str:
    """What the report calls the item: its criterion, or in a plan of tasks only, the task's first line."""
    if has_criteria:
        return item.criterion
    return item.solution_lines[0] if item.solution_lines else item.solution


@dataclass(frozen=True, slots=True)  # one per item × unit: 60,000 at 4,000 units
class UnitReport:
    """One assigned unit's report on an item; progress is None when the unit has not reported."""

    entry: EntryRow
    progress: Progress | None

    @property
    def label(self) -> str:
        return self.entry.unit.label

    @property
    def status(self) -> Status | None:
        return self.progress.status if self.progress else None


class _Judged:
    """What follows from a level and the units' lines, for a task and for a criterion alike."""

    @property
    def level(self) -> str:
        raise NotImplementedError

    def lines(self, name: str) -> list[str]:
        raise NotImplementedError

    @property
    def done(self) -> bool:
        return self.level in DONE_LEVELS

    @property
    def open(self) -> bool:
        return self.level in OPEN_LEVELS

    @property
    def evidence_lines(self) -> list[str]:
        return self.lines("evidence")


@dataclass
class ItemSummary(_Judged):
    """What the units reported for one plan item in the period, lead units first."""

    item: PlanItem
    reports: list[UnitReport] = field(default_factory=list)

    @property
    def reported(self) -> list[UnitReport]:
        return [r for r in self.reports if r.status is not None]

    @property
    def recurring(self) -> bool:
        return self.item.schedule.kind in RECURRING_KINDS

    @property
    def level(self) -> str:
        """The item's level of completion by the rule in this module's docstring."""
        reported = self.reported
        if not reported:
            return NO_RESULT
        acting = [r.status for r in reported if r.status is not Status.NOT_APPLICABLE]
        if not acting:
            return Status.NOT_APPLICABLE.value
        lead_missing = any(r.status is None and r.entry.role is Role.LEAD for r in self.reports)
        if all(s is Status.DONE for s in acting) and not lead_missing:
            return RECURRING if self.recurring else Status.DONE.value
        if any(s in (Status.DONE, Status.IN_PROGRESS) for s in acting):
            return RECURRING if self.recurring else Status.IN_PROGRESS.value
        return Status.NOT_STARTED.value

    def lines(self, name: str) -> list[str]:
        """'Unit: text' for each unit that wrote the progress field `name` (result, evidence, ...)."""
        return [f"{label}: {value}" for label, value in self.written(name)]

    def written(self, name: str) -> list[tuple[str, str]]:
        """(unit, text) for each unit that wrote the progress field `name`."""
        return [(r.label, getattr(r.progress, name)) for r in self.reports if r.progress and getattr(r.progress, name)]

    @property
    def result_lines(self) -> list[str]:
        return self.lines("result")

    @property
    def statuses(self) -> list[str]:
        """Each assigned unit's status text; '' for a unit that has not reported."""
        return [r.status.value if r.status else "" for r in self.reports]


@dataclass(frozen=True)
class Counts:
    """What the report counts, each by its own name."""

    criteria: int  # tiêu chí (level 1 items)
    sub_criteria: int  # tiêu chí thành phần
    tasks: int  # lượt nhiệm vụ: item × assigned unit
    tasks_reported: int
    units: int
    units_reported: int
    levels: dict[str, int]  # item level → items (criteria and sub-criteria)

    @property
    def items(self) -> int:
        return self.criteria + self.sub_criteria


def summarise(data: MasterData, period: Period) -> list[ItemSummary]:
    """One summary per plan item: each assigned unit's report, lead units first."""
    records = data.period_records(period)
    summaries = {item.code: ItemSummary(item) for item in data.plan.items}
    for entry in sorted(data.plan.entry_rows(), key=lambda r: r.role is not Role.LEAD):
        record = records.get(entry.key)
        progress = record.progress if record and record.progress.status else None
        summaries[entry.item.code].reports.append(UnitReport(entry, progress))
    return list(summaries.values())


def count(summaries: list[ItemSummary], has_criteria: bool = True) -> Counts:
    """The counts of the report: criteria as criteria (tasks sharing one STT counted once), tasks as lượt."""
    units = {r.entry.unit.code for s in summaries for r in s.reports}
    reporting = {r.entry.unit.code for s in summaries for r in s.reported}
    levels = {level: 0 for level in LEVELS}
    grouped = criteria(summaries, has_criteria)
    for criterion in grouped:
        levels[criterion.level] += 1
    return Counts(criteria=sum(c.item.level == 1 for c in grouped),
                  sub_criteria=sum(c.item.level > 1 for c in grouped),
                  tasks=sum(len(s.reports) for s in summaries),
                  tasks_reported=sum(len(s.reported) for s in summaries),
                  units=len(units), units_reported=len(reporting), levels=levels)


@dataclass
class CriterionSummary(_Judged):
    """One criterion (or sub-criterion) of the report: its tasks' summaries, usually one; several where tasks share
    one STT (2a, 2b). In a plan of tasks without a criterion column, each task stands alone."""

    tasks: list[ItemSummary]

    @property
    def item(self) -> PlanItem:
        return self.tasks[0].item

    @property
    def several(self) -> bool:
        return len(self.tasks) > 1

    @property
    def reports(self) -> list[UnitReport]:
        return [r for t in self.tasks for r in t.reports]

    @property
    def level(self) -> str:
        return combine_levels([t.level for t in self.tasks])

    def lines(self, name: str) -> list[str]:
        return [line for t in self.tasks for line in t.lines(name)]


def combine_levels(levels: list[str]) -> str:
    """The level of a criterion from its tasks' levels (the rule in this module's docstring); one task: its own."""
    acting = [level for level in levels if level != Status.NOT_APPLICABLE.value]
    if not acting:
        return Status.NOT_APPLICABLE.value
    if all(level == NO_RESULT for level in acting):
        return NO_RESULT
    if all(level in DONE_LEVELS for level in acting):
        return RECURRING if RECURRING in acting else Status.DONE.value
    if any(level in (*DONE_LEVELS, Status.IN_PROGRESS.value) for level in acting):
        return Status.IN_PROGRESS.value
    return Status.NOT_STARTED.value


def criteria(summaries: list[ItemSummary], has_criteria: bool = True) -> list[CriterionSummary]:
    """The tasks grouped by criterion, in plan order: the tasks under one STT of one section are one criterion."""
    groups: dict[tuple[str, ...], CriterionSummary] = {}
    for summary in summaries:
        groups.setdefault(criterion_key(summary.item, has_criteria), CriterionSummary([])).tasks.append(summary)
    return list(groups.values())


def criterion_key(item: PlanItem, has_criteria: bool = True) -> tuple[str, ...]:
    """What makes tasks one criterion: the STT shown, in its section; in a plan of tasks, each task is its own."""
    return (item.section_code, item.section, item.display_code) if has_criteria else (item.code,)


def late_items(summaries: list[ItemSummary], overdue_codes: set[str]) -> list[ItemSummary]:
    """The items with a row past the plan's deadline (overdue_codes: those status_of lists as such, by
    status.past_plan_deadline), in plan order: what the report calls "quá thời hạn Kế hoạch" is what `status`
    lists, never a second rule."""
    return [s for s in summaries if s.item.code in overdue_codes]
