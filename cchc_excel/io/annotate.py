"""Annotated copies of checked files: problem cells highlighted and commented, every problem in a list sheet.

The copy is made from what the safe reader accepted (the same guards and limits as validation), written
with xlsxwriter; the untrusted file is never handed to another parser. The original is only read; the copy
goes to another folder, atomically, never through a planted link, one name per input path.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

from ..model import layout
from ..model.cells import parse_a1
from ..model.errors import OutputExistsError, WorkbookReadError
from ..model.problems import ERROR, FileReport
from ..sheets.annotated import CopiedSheet, Listed, Mark, write_annotated_workbook
from .files import atomic_write
from .reader import WorkbookData, read_workbook


def annotation_names(paths) -> dict[str, str]:
    """The copy's file name for each input path: its own name, or with a short tag of the path when two
    inputs share a name (x.xlsx in two folders), so that no copy overwrites another."""
    paths = list(dict.fromkeys(map(str, paths)))
    stems: dict[str, int] = defaultdict(int)
    for path in paths:
        stems[Path(path).stem.casefold()] += 1
    names = {}
    for path in paths:
        stem = Path(path).stem
        tag = hashlib.sha256(str(Path(path).absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:8]
        names[path] = f"{stem}.xlsx" if stems[stem.casefold()] == 1 else f"{stem}-{tag}.xlsx"
    return names


def annotate(report: FileReport, folder: str | Path, lang: str = "vi", name: str | None = None,
             book: WorkbookData | None = None) -> Path | None:
    """Write an annotated copy of the report's file into folder; None when there is nothing to mark.

    book: the file as the reader opened it to check it (its sheets already read are not read again);
    without it, the file is opened again through the reader.
    """
    located = [p for p in report.problems if p.sheet]
    if not located or not report.readable:
        return None
    source = Path(report.file)
    target = Path(folder) / (name or f"{source.stem}.xlsx")
    if target.resolve() == source.resolve():
        raise OutputExistsError("READ_012", path=str(target))
    try:
        sheets = _copied_sheets(book) if book is not None else _reopened(source)
    except WorkbookReadError:
        return None  # the file changed since it was checked: nothing safe to copy
    names = {sheet.name for sheet in sheets}
    by_cell: dict[tuple[str, int, int], list] = defaultdict(list)
    for problem in located:
        sheet = problem.sheet if problem.sheet in names else layout.SHEET_PROGRESS
        row, col = parse_a1(problem.cell or "A1") or (1, 1)
        by_cell[sheet, row, col].append(problem)
    said = {id(p): p.message(lang) for p in report.problems}  # each message rendered once
    marks = {key: Mark(ERROR if any(p.severity == ERROR for p in problems) else "warning",
                       "\n".join(f"[{p.code}] {said[id(p)]}" for p in problems))
             for key, problems in sorted(by_cell.items())}
    listed = [Listed(p.sheet or "", p.cell or "", p.code, p.severity, said[id(p)]) for p in report.problems]
    return atomic_write(target, lambda temp: write_annotated_workbook(temp, sheets, marks, listed), overwrite=True)


def _reopened(source: Path) -> list[CopiedSheet]:
    with read_workbook(source) as book:
        return _copied_sheets(book)


def _copied_sheets(book: WorkbookData) -> list[CopiedSheet]:
    """Every sheet the reader accepts, as values (a sheet over the limits is left out)."""
    sheets = []
    for sheet_name in book.sheet_names:
        try:
            data = book.sheet(sheet_name)
        except WorkbookReadError:
            continue
        sheets.append(CopiedSheet(data.name, data.visibility, data.rows))
    return sheets
