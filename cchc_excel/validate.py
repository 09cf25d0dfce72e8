"""Checking submitted workbooks: the reader's guards, the structure rules, then the value rules."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from .io.entry import EntrySheet
from .model import layout
from .rules.structure import read_entry_sheet
from .io.entry import read_meta
from .io.plan_reader import plan_from_book
from .model.errors import PlanError, WorkbookReadError
from .model.plan import Plan
from .model.problems import FileReport, Problem
from .io.reader import DEFAULT_LIMITS, ReadLimits, read_workbook
from .rules.values import check_rows, context_for


@dataclass
class Validation:
    """A file's report, and what was read from it (None when the file could not be read)."""

    report: FileReport
    entry: EntrySheet | None = None


def validate_file(path: str | Path, plan: Plan | None, *, today: date | None = None,
                  limits: ReadLimits = DEFAULT_LIMITS, then: Callable | None = None) -> Validation:
    """Check one workbook against the plan; every problem is reported, none raised.

    With no plan, the plan the workbook carries (its `Kế hoạch` sheet, facts and units in its metadata,
    checked against its fingerprint): a unit checks its own copy and gets the Office's answer.
    then(book, report), when given, is called after the checks with the workbook still open (an annotated
    copy is made from the sheets already read, not from a second reading).
    """
    report = FileReport(str(path))
    try:
        book = read_workbook(path, limits)
    except WorkbookReadError as err:
        report.problems.append(Problem(err.code, params=err.params))
        report.readable = False
        return Validation(report)
    if book.macro:
        report.problems.append(Problem("READ_011", params={"path": str(path)}))
    try:
        with book:
            plan = plan or embedded_plan(book, str(path))
            if plan is None:
                report.problems.append(_plan_sheets_lost(book, str(path)))
                return Validation(report)
            entry = read_entry_sheet(book, plan)
            context = context_for(book, entry, today or date.today(), plan.facts.example_document())
            report.problems.extend(entry.problems)
            if context is not None:
                report.problems.extend(check_rows(entry.rows, context))
            if then is not None:
                then(book, report)
    except WorkbookReadError as err:  # a sheet that cannot be parsed
        report.problems.append(Problem(err.code, params=err.params))
        report.readable = False
        return Validation(report)
    return Validation(report, entry)


def embedded_plan(book, shown: str) -> Plan | None:
    """The plan a workbook made by cchc-excel carries; the built-in plan when it carries none (or carries the built-in
    plan's fingerprint but its plan sheets were deleted); None when it was made for another plan whose sheets no
    longer read (STRUCT_019: checking it against the built-in plan would say it belongs to the wrong plan)."""
    from .io.builtin import builtin_plan

    meta = read_meta(book)
    if meta is None:
        return builtin_plan()
    try:
        return plan_from_book(book, shown)
    except PlanError:
        builtin = builtin_plan()
        return builtin if meta.get("plan_fingerprint") in ("", builtin.fingerprint()) else None


def _plan_sheets_lost(book, shown: str) -> Problem:
    """STRUCT_019: the template's sheets the carried plan is read from, deleted or renamed (else edited)."""
    names = set(book.sheet_names)
    lost = [name for name in (layout.SHEET_PLAN, layout.SHEET_UNITS) if name not in names
            and not (name == layout.SHEET_UNITS and layout.SHEET_REGISTRY in names)]
    return Problem("STRUCT_019", params={"sheets": ", ".join(lost or [layout.SHEET_PLAN]), "path": shown})


def validate(paths, plan: Plan | None = None, *, today: date | None = None) -> list[FileReport]:
    """The report of each file, in the order given."""
    return [validate_file(path, plan, today=today).report for path in paths]


def validate_annotated(paths, plan: Plan | None, folder: str | Path, *, lang: str = "vi",
                       today: date | None = None) -> list[tuple[FileReport, Path | None]]:
    """The report of each file, in the order given, and its annotated copy in folder (None: nothing to mark);
    each copy is made from the sheets read while its file was checked, one output name per input path."""
    from .io.annotate import annotate, annotation_names

    paths = list(paths)
    names = annotation_names(paths)
    results = []
    for path in paths:
        written: list[Path | None] = []
        validation = validate_file(path, plan, today=today, then=lambda book, report: written.append(
            annotate(report, folder, lang, names[str(path)], book=book)))
        results.append((validation.report, written[0] if written else None))
    return results
