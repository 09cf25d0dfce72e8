"""The report for Sở Nội vụ from the master: the Word report, its appendix workbook, and the Office's follow-up.

Everything is judged as of the report date (options.day, default today), the same rule as
`status --as-of`: which tasks are overdue, the date line, the appendix's "(Kèm theo Báo cáo … ngày …)".
What is sent (the Word report and the appendix workbook) names no unit as not having reported; that is
in the follow-up workbook, written only when asked for.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .io.files import atomic_write, require_replaceable, require_suffix
from .io.master_file import MASTER, read_master
from .model.errors import ReportError
from .model.periods import Period, period_words
from .model.plan import PlanFacts
from .model.problems import Problem
from .model.status import deadline_warnings, status_of
from .model.summary import count, late_items, summarise
from .sheets.report_text import ReportOptions

__all__ = ["ReportFiles", "ReportOptions", "appendix_path", "write_report"]


@dataclass(frozen=True)
class ReportFiles:
    """What one report run wrote: the Word report (None with an .xlsx output), the appendix, the follow-up, the PDFs."""

    appendix: Path
    report: Path | None = None
    followup: Path | None = None
    warnings: tuple[Problem, ...] = ()  # REPORT_002 (the units' deadline is not before Sở Nội vụ's), REPORT_003/004
    pdfs: tuple[Path, ...] = ()  # the sent files printed, when asked for

    @property
    def sent(self) -> tuple[Path, ...]:
        """The files that go to Sở Nội vụ."""
        return tuple(p for p in (self.report, self.appendix) if p)


def appendix_path(output: str | Path) -> Path:
    """BAO-CAO.docx → BAO-CAO-phu-luc.xlsx beside it; an .xlsx output is the appendix itself."""
    output = Path(output)
    return output if output.suffix.lower() == ".xlsx" else output.with_name(f"{output.stem}-phu-luc.xlsx")


def write_report(master: str | Path, period: Period, output: str | Path, options: ReportOptions = ReportOptions(),
                 *, followup: str | Path | None = None, today: date | None = None,
                 overwrite: bool = False, pdf: bool = False) -> ReportFiles:
    """Write the report for a period from the master; ReportError when the period has no data.

    output ending in .docx: the Word report and, beside it, the appendix workbook; ending in .xlsx: the
    appendix workbook alone. followup: the Office's follow-up workbook, if wanted. pdf: also each sent file
    printed by LibreOffice beside it (BAO-CAO.pdf), written as the other files are.
    """
    from .io.office import export
    from .sheets.followup import write_followup_workbook
    from .sheets.report import write_appendix_workbook
    from .sheets.report_docx import write_report_docx

    output = require_suffix(output, ".docx", ".xlsx", example=_docx_example(Path(output)))
    if followup:
        require_suffix(followup, ".xlsx")
    data = read_master(master, periods=[period], expect=MASTER, history=False)
    if not data.period_records(period):
        raise ReportError("REPORT_001", path=str(master), period=period.label())
    day = options.day or today or date.today()
    summaries = summarise(data, period)
    status = status_of(data, period, day, summaries)
    if options.due:
        status.due = options.due
        status.warnings = deadline_warnings(data.plan.facts, status.deadline, options.due)
    counts = count(summaries, data.plan.has_criteria)
    late_codes = {row["item"] for unit in status.units for row in unit.overdue if row["reason"] == "plan_deadline"}
    late = late_items(summaries, late_codes)
    sent = [appendix_path(output)] + ([output] if output.suffix.lower() != ".xlsx" else [])
    targets = sent + ([Path(followup)] if followup else []) + ([pdf_path(p) for p in sent] if pdf else [])
    for target in targets:  # refuse before writing anything, not after the first file
        require_replaceable(target, overwrite)
    appendix = atomic_write(appendix_path(output), lambda temp: write_appendix_workbook(
        temp, data, period, options, day, summaries, counts), overwrite=overwrite)
    report = None
    if output.suffix.lower() != ".xlsx":
        report = atomic_write(output, lambda temp: write_report_docx(
            temp, data.plan.facts, period, options, day, summaries, counts, late=late,
            has_criteria=data.plan.has_criteria), overwrite=overwrite)
    written = None
    if followup:
        written = atomic_write(followup, lambda temp: write_followup_workbook(temp, data, period, status),
                               overwrite=overwrite)
    dated = date_warnings(data.plan.facts, period, options.day) if options.day else ()
    files = ReportFiles(appendix, report, written, tuple(status.warnings) + dated)
    return replace(files, pdfs=tuple(export(p, pdf_path(p), overwrite=overwrite) for p in files.sent)) if pdf else files


def date_warnings(facts: PlanFacts, period: Period, day: date) -> tuple[Problem, ...]:
    """REPORT_003 when the report is dated (--date) before the plan it reports on was issued, REPORT_004 before the
    end of the period's data (a slip typing the year): the report is written all the same."""
    shown = {"day": f"{day:%d/%m/%Y}", "plan": facts.number, "issued": f"{facts.date:%d/%m/%Y}",
             "period": period_words(period), "period_en": period.label("en"), "end": f"{period.end:%d/%m/%Y}"}
    return tuple(Problem(code, params=shown) for code, limit in (("REPORT_003", facts.date), ("REPORT_004", period.end))
                 if day < limit)


def pdf_path(path: Path) -> Path:
    """BAO-CAO.docx → BAO-CAO.pdf beside it."""
    return path.with_suffix(".pdf")


def _docx_example(output: Path) -> str:
    """BC.pdf → "BC.docx --pdf" (the PDF comes from the Word report); BC.ods → "BC.docx"."""
    return output.with_name(output.stem + ".docx").name + (" --pdf" if output.suffix.lower() == ".pdf" else "")
