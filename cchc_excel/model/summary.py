"""What the units reported for each plan item in a period, summed up for the report."""
from __future__ import annotations

from dataclasses import dataclass, field

from .periods import Period
from .plan import PlanItem, Role
from .progress import MasterData, Status
from .status import NOT_REPORTED, SETTLED

DONE = Status.DONE.value


@dataclass
class ItemSummary:
    """What the units reported for one plan item in the period."""

    item: PlanItem
    statuses: list[str] = field(default_factory=list)  # one per assigned unit; NOT_REPORTED when missing
    result_lines: list[str] = field(default_factory=list)
    evidence_lines: list[str] = field(default_factory=list)
    note_lines: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        reported = [s for s in self.statuses if s != NOT_REPORTED]
        if not reported:
            return NOT_REPORTED
        if len(reported) == len(self.statuses) and all(s in SETTLED for s in reported):
            return DONE if DONE in reported else Status.NOT_APPLICABLE.value
        if any(s in (DONE, Status.IN_PROGRESS.value) for s in reported):
            return Status.IN_PROGRESS.value
        return Status.NOT_STARTED.value

    @property
    def status_text(self) -> str:
        done = sum(s in SETTLED for s in self.statuses)
        return f"{self.status}\n({done}/{len(self.statuses)} đơn vị xong)" if self.statuses else self.status


def summarise(data: MasterData, period: Period) -> list[ItemSummary]:
    """One summary per plan item: each unit's result and evidence on its own line, lead units first."""
    records = data.period_records(period)
    summaries = {item.code: ItemSummary(item) for item in data.plan.items}
    rows = sorted(data.plan.entry_rows(), key=lambda r: r.role is not Role.LEAD)
    for entry in rows:
        summary = summaries[entry.item.code]
        record = records.get(entry.key)
        label = entry.unit.label
        if record is None:
            summary.statuses.append(NOT_REPORTED)
            continue
        progress = record.progress
        summary.statuses.append(progress.status.value if progress.status else NOT_REPORTED)
        for lines, value, prefix in ((summary.result_lines, progress.result, ""),
                                     (summary.evidence_lines, progress.evidence, ""),
                                     (summary.note_lines, progress.difficulties, "khó khăn: "),
                                     (summary.note_lines, progress.proposals, "đề xuất: ")):
            if value:
                lines.append(f"{label}: {prefix}{value}")
    return list(summaries.values())
