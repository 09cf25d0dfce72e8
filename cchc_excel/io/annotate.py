"""Annotated copies of checked files: problem cells highlighted, each with a comment saying what is wrong.

The original is only read; the copy is written to another folder, never over its source.
"""
from __future__ import annotations

import tempfile
import warnings
from collections import defaultdict
from pathlib import Path

from ..model import layout
from ..model.errors import OutputExistsError
from ..model.problems import ERROR, FileReport

FILLS = {ERROR: "FFC7CE", "warning": "FFEB9C"}


def annotate(report: FileReport, folder: str | Path, lang: str = "vi") -> Path | None:
    """Write an annotated copy of the report's file into folder; None when there is nothing to mark."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    located = [p for p in report.problems if p.sheet]
    if not located or not report.readable:
        return None
    source = Path(report.file)
    target = Path(folder) / f"{source.stem}.xlsx"
    if target.resolve() == source.resolve():
        raise OutputExistsError("READ_012", path=str(target))
    with tempfile.TemporaryDirectory(prefix="cchc-ods-") as folder_for_ods:
        readable = source  # an .ods is marked on its .xlsx copy made by LibreOffice (openpyxl reads no .ods)
        if source.suffix.lower() == ".ods":
            from .office import convert
            readable = convert(source, "xlsx", folder_for_ods)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not keep
            workbook = openpyxl.load_workbook(readable)
    by_cell: dict[tuple[str, str], list] = defaultdict(list)
    for problem in located:
        sheet = problem.sheet if problem.sheet in workbook.sheetnames else layout.SHEET_PROGRESS
        by_cell[sheet, problem.cell or "A1"].append(problem)
    for (sheet_name, cell_ref), problems in sorted(by_cell.items()):
        if sheet_name not in workbook.sheetnames:
            continue
        cell = workbook[sheet_name][cell_ref]
        _unhide(workbook[sheet_name], cell)
        worst = ERROR if any(p.severity == ERROR for p in problems) else "warning"
        cell.fill = PatternFill("solid", start_color=FILLS[worst], end_color=FILLS[worst])
        text = "\n".join(f"[{p.code}] {p.message(lang)}" for p in problems)
        cell.comment = Comment(text, "cchc-excel", width=360, height=40 + 60 * len(problems))
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target


def _unhide(sheet, cell) -> None:
    """Show the row and column of a marked cell, hidden or filtered out by the user."""
    if cell.row in sheet.row_dimensions:
        sheet.row_dimensions[cell.row].hidden = False
    for dimension in sheet.column_dimensions.values():
        if dimension.hidden and (dimension.min or 0) <= cell.column <= (dimension.max or 0):
            dimension.hidden = False
