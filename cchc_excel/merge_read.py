"""Reading the returned workbooks of a merge: each file's outcome (accepted, partly, refused, with its problems) and
the rows it brings, read by worker processes when there are many (io/pool.py).

Each file is validated against the master's plan (validate.py); its rows come back as one FileRows, which merge.py
turns into candidates and resolves against the master.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .io.entry import input_cells
from .io.inbox import sha256_of
from .io.pool import Crashed, pooled, worker_count
from .merge_result import ACCEPTED, PARTIAL, REJECTED, FileOutcome, fold_warnings
from .model import layout
from .model.errors import PlanError, WorkbookReadError
from .model.messages import Scope
from .model.periods import Period
from .model.plan import Plan
from .model.problems import ERROR, Problem
from .model.progress import Progress, Record, Source, packed_cells
from .model.text import clean, parse_vn_date
from .rules.values import read_date
from .validate import validate_file


@dataclass(frozen=True)
class FileRows:
    """The candidates of one file as a worker sends them back: what every row shares, once, then one plain
    tuple a row, (item code, unit code, Excel row, its input cells as Progress.from_packed_cells takes them);
    cheaper to pickle than records."""

    period: Period
    sha256: str
    sheet: str
    merged_at: datetime
    mtime: float
    path: str
    rows: list[tuple[str, str, int, tuple]]
    deadline: date | None = None  # the units' deadline the file was made with (init, split --deadline)

    def candidates(self, period: Period, file: str) -> list[Candidate]:
        """The rows as candidates of period (equal to the file's: one object for all the files of a period), from the
        file as the master names it (merge's inbox walk: its name there, not the worker's path)."""
        sha256, sheet, merged_at = self.sha256, self.sheet, self.merged_at
        found_in = (self.mtime, self.path)  # one for all the file's rows (not the file's rows: they can go)
        from_cells = Progress.from_packed_cells
        return [(Record(period, item, unit, from_cells(cells), Source(file, sha256, sheet, row, merged_at)), found_in)
                for item, unit, row, cells in self.rows]


# A row read: its record, and its file's time and path as found in the inbox (outcomes are credited by path, not
# by name). A plain tuple: one is made per row read, and a NamedTuple costs 10 times more
Candidate = tuple[Record, tuple[float, str]]


def first_accepted_plan(files: list[Path], options: tuple) -> Plan:
    """The plan carried by the first file that is accepted against it; the built-in plan when none is."""
    from .io.builtin import builtin_plan
    from .io.plan_reader import plan_from_book
    from .io.reader import read_workbook

    for path in files:
        try:
            with read_workbook(path) as book:
                plan = plan_from_book(book, str(path))
        except (PlanError, WorkbookReadError):
            continue
        if read_submission(path, plan, *options)[0].status in (ACCEPTED, PARTIAL):
            return plan
    return builtin_plan()


_worker_plan: Plan | None = None
# files a worker reads per message: one message per file costs as much as reading it, and each message costs the
# main process too (0.03 s CPU less at 1,000 files with 16 than with 8); the last message waits for 16 files
READ_CHUNK = 16


@contextmanager
def reading(files: list[Path], plan: Plan, options: tuple):
    """(outcome, FileRows or None) of each file, in order; read by worker processes, started at once, when many.

    A file whose reading kills its worker process (and then its own single-use one: io/pool.py) is refused
    with READ_017; the files read with it are read again, the rest of the inbox is merged.
    """
    workers = worker_count(len(files))
    if not workers:
        yield (read_submission(path, plan, *options) for path in files)
        return
    plan.compute_lookups()  # once here, not once in each worker (forked after it)
    with pooled(_read_in_worker, files, options, workers, _start_worker, (plan,), chunk=READ_CHUNK) as results:
        yield (_crashed(Path(str(result.job))) if isinstance(result, Crashed) else result for result in results)


def _crashed(path: Path) -> tuple[FileOutcome, None]:
    """The refusal of a file whose reading killed its own worker process (the rest of the inbox is merged)."""
    return FileOutcome(str(path), REJECTED, problems=[Problem("READ_017", params={"path": str(path)})]), None


def _start_worker(plan: Plan) -> None:
    global _worker_plan
    _worker_plan = plan
    gc.enable()  # the parent's pause (merge._collector_paused) came with the fork


def _read_in_worker(path: Path, options: tuple):
    assert _worker_plan is not None, "set by the pool's initializer before any file"
    return read_submission(path, _worker_plan, *options)


def read_submission(path: Path, plan: Plan, period: Period | None, strict: bool, now: datetime,
                    today: date | None) -> tuple[FileOutcome, FileRows | None]:
    """One file's outcome and, unless it is refused whole, its rows (those with a row error left out and counted)."""
    digests: list[str | None] = []  # of the bytes validated, when the reader held the file whole
    validation = validate_file(path, plan, today=today, then=lambda book, _report: digests.append(book.digest()))
    try:  # the reader's size check comes before the hash
        sha, mtime = (digests[0], path.stat().st_mtime) if digests and digests[0] else \
            sha256_of(path) if validation.report.readable else ("", path.stat().st_mtime)
    except OSError as err:  # the file went away or became unreadable after it was checked
        return FileOutcome(str(path), REJECTED, problems=[Problem("READ_014", params={
            "path": str(path), "detail": err.strerror or type(err).__name__})]), None
    outcome = FileOutcome(str(path), ACCEPTED, sha)
    entry = validation.entry
    errors = [p for p in validation.report.problems if p.severity == ERROR]
    # the warnings stay with the file, its rows still taken: the Office sees them (console, --json, the log)
    warnings = fold_warnings([p for p in validation.report.problems if p.severity != ERROR], str(path))
    if entry is not None and entry.period and period and entry.period != period:
        errors.insert(0, Problem("MERGE_006", value=entry.period.code, params={"expected": period.code}))
    if entry is not None and entry.meta is not None and entry.meta.get("plan_fingerprint") and \
            entry.meta.get("plan_fingerprint") != plan.fingerprint():  # another plan: say which, not the units
        errors = [_other_plan(path, entry.meta, plan)]
        warnings = []  # another plan's rows: their warnings are no news
    outcome.problems = errors + warnings
    if entry is None or entry.period is None or entry.sheet is None or (strict and errors) or any(
            p.scope is not Scope.ROW for p in errors):
        outcome.status = REJECTED
        outcome.rejected_rows = sum(row.has_input for row in entry.rows) if entry else 0
        return outcome, None
    bad_rows = {p.row for p in errors}
    outcome.period = entry.period
    rows = []
    date1904 = entry.date1904
    days: dict[str, date | None] = {}  # the date of each text date met: they repeat from row to row
    for row in entry.rows:
        raw = input_cells(row.values)
        if not any(raw) and not row.has_input:  # a true cell is filled (ProgressRow.has_input)
            continue
        if bad_rows and row.excel_row in bad_rows:
            outcome.rejected_rows += 1
            continue
        rows.append((*row.entry.key, row.excel_row, _cells(raw, date1904, days)))
    # a file whose every filled row was refused is refused, not 'partly accepted' (its period still counts)
    outcome.status = (REJECTED if not rows else PARTIAL) if outcome.rejected_rows else ACCEPTED
    return outcome, FileRows(entry.period, sha, entry.sheet.name, now, mtime, str(path), rows,
                              _meta_date(entry.meta.get("deadline") if entry.meta is not None else None))


def _other_plan(path: Path, meta, plan: Plan) -> Problem:
    """PLAN_014 for a file made from another version of the master's plan, saying what the two differ in (units,
    tasks) from the plan the file carries; its fingerprint only when that plan does not read."""
    from .io.plan_reader import plan_from_book
    from .io.reader import read_workbook
    from .model.plan_changes import plan_changes

    found = meta.get("plan_number")
    fingerprint = meta.get("plan_fingerprint")
    try:
        with read_workbook(path) as book:
            changes = plan_changes(plan, plan_from_book(book, str(path)))
    except (PlanError, WorkbookReadError):
        changes = []
    if not changes:
        changes = [("unknown", f"{fingerprint[:8]} ≠ {plan.fingerprint()[:8]}")]
    return Problem("PLAN_014", value=f"{found} ({fingerprint[:8]})", params={
        "path": path.name, "found": found, "expected": plan.facts.number, "changes": changes})


def _meta_date(value: object) -> date | None:
    """A date the metadata holds (ISO text, or a date cell if an application made it one); None for anything else."""
    if not isinstance(value, str):
        return parse_vn_date(value)  # a date cell; anything else is no date
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


_DATES_AT = tuple(n for n, header in enumerate(layout.INPUT_COLUMNS) if header in layout.DATE_COLUMNS)
_ALL_TEXT = frozenset((str,))


def _cells(raw: tuple, date1904: bool, days: dict[str, date | None]) -> tuple:
    """A row's input cells (input_cells) as the master keeps them: dates as dates, clean text (the status is parsed
    by Progress), the long texts packed (packed_cells). days: the date of each text date parsed so far, and where
    this row's are added."""
    cells = list(raw) if _ALL_TEXT.issuperset(map(type, raw)) else [  # the reader already cleaned text
        value if isinstance(value, str) else clean(value) for value in raw]
    for n in _DATES_AT:
        value = raw[n]
        if value.__class__ is not str:
            cells[n] = read_date(value, date1904)[0]
        elif value in days:
            cells[n] = days[value]
        else:
            cells[n] = days[value] = parse_vn_date(value)
    return packed_cells(cells)
