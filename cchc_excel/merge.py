"""Merging returned workbooks into the master.

Every row that comes in ends in the master or in the log with a reason; a superseded value goes to the
history; input files are only read; the master is written to a temporary file and moved into place,
with the previous version kept as a backup, and left untouched on --dry-run or any failure. One merge at a
time holds the master's lock (io/lock.py) from reading it to writing it; one broken file is that file's
coded refusal, never the end of the run; a value older than the master's never replaces it.
"""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager, nullcontext
from datetime import date, datetime
from pathlib import Path

from .model.errors import MergeError
from .model.progress import MasterData, Record, Superseded, signature
from .io.inbox import walk_named
from .io.files import require_suffix
from .io.lock import LOCK_TIMEOUT, master_lock, office_lock
from .io.master_file import SOURCE, MasterBook, write_master
from .model.periods import Period, period_for
from .model.plan import Plan
from .model.status import units_deadline
from .model.problems import Problem
from .model.text import printable
from .merge_read import Candidate, first_accepted_plan, reading
from .merge_result import ACCEPTED, PARTIAL, SKIPPED, FileOutcome, MergeResult, log_rows


def collect_inbox(inboxes, master: str | Path) -> tuple[list[Path], list[FileOutcome]]:
    """The workbooks to read (sorted, folders searched recursively) and the entries skipped, with why."""
    files, skipped, _ = _collect(inboxes, master)
    return files, skipped


def _collect(inboxes, master: str | Path) -> tuple[list[Path], list[FileOutcome], dict[str, str]]:
    """collect_inbox, and the name the master records for each workbook (io/inbox.walk_named)."""
    master = Path(master).resolve()
    files, skipped, names = walk_named(inboxes, {master, _backup_path(master).resolve()})
    return files, [FileOutcome(s.path, SKIPPED, problems=[s.problem], name=s.name) for s in skipped], names


def _backup_path(master: Path) -> Path:
    return master.with_name(f"{master.stem}.bak{master.suffix}")


def merge_submissions(inboxes, master: str | Path, *, period: Period | None = None, strict: bool = False,
                      dry_run: bool = False, plan: Plan | None = None, now: datetime | None = None,
                      today: date | None = None, progress=None, lock_timeout: float = LOCK_TIMEOUT) -> MergeResult:
    """Merge every workbook of the inboxes into the master; see the module docstring for the guarantees.

    Unless dry_run, the master's lock is held from reading the master to writing it (MERGE_012 when another
    merge keeps it past lock_timeout seconds); a master open in Excel or LibreOffice is refused (MERGE_005).
    """
    master = require_suffix(master, ".xlsx")
    _refuse_open_master(master)
    with _collector_paused(), nullcontext() if dry_run else master_lock(master, lock_timeout):
        return _merge(inboxes, master, period, strict, dry_run, plan, now, today, progress)


@contextmanager
def _collector_paused():
    """Python's cycle collector off for the merge, back as it was after: a merge makes a few objects per row
    (records, sources) and no reference cycles that need collecting before it ends, and the collector's
    passes over them cost 0.1 s CPU at 1,000 files (the workers run theirs: _start_worker)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _warn_if_open(outcome: FileOutcome, path: Path, listed: dict[Path, frozenset[str] | None]) -> None:
    """MERGE_018 (a warning) on a file open in Excel or LibreOffice: what is merged is its last saved state. Each
    folder is listed once, when its first file has been read (listed: the folders' entries so far), rather than
    looked in twice for each file."""
    folder = path.parent
    if folder not in listed:
        try:
            listed[folder] = frozenset(os.listdir(folder))
        except OSError:
            listed[folder] = None  # looked in for each file, as office_lock does alone
    lock = office_lock(path, listed[folder])
    if lock is not None:
        outcome.problems.append(Problem("MERGE_018", params={"lock": printable(lock.name)}))


def _refuse_open_master(master: Path) -> None:
    lock = office_lock(master)
    if lock is not None:
        raise MergeError("MERGE_005", path=str(master), lock=lock.name)


def _merge(inboxes, master: Path, period: Period | None, strict: bool, dry_run: bool, plan: Plan | None,
           now: datetime | None, today: date | None, progress) -> MergeResult:
    now = now or datetime.now().replace(microsecond=0)
    files, skipped, names = _collect(inboxes, master)
    result = MergeResult(str(master), period.code if period else None, dry_run, now, files=list(skipped))
    candidates: list[Candidate] = []
    periods: dict[Period, Period] = {}  # of the candidates, each as one object (Periods hash and compare slowly)
    made_with: list[tuple[FileOutcome, Period, date | None]] = []  # each file's period and units' deadline
    with MasterBook(master, expect=SOURCE) if master.exists() else nullcontext() as book:
        if book is None:  # a new master knows its plan: --plan, or the plan of the first file accepted with its own
            plan = plan or first_accepted_plan(files, (period, strict, now, today))
        elif plan is not None and plan.fingerprint() != book.plan.fingerprint():
            raise MergeError("MERGE_008", path=str(master), found=book.plan.facts.number, expected=plan.facts.number,
                             changes=_changes(book.plan, plan))
        else:
            plan = book.plan  # the plan sheets only: the workers start before the data is read
        with reading(files, plan, (period, strict, now, today)) as outcomes:
            read: list[tuple[FileOutcome, tuple[Period, date | None] | None, list[Candidate]]] = []
            listed: dict[Path, frozenset[str] | None] = {}  # each folder's entries: _warn_if_open
            for path, (outcome, rows) in zip(files, outcomes):
                outcome.name = names.get(str(path)) or path.name  # the file's rows and log rows name it so
                _warn_if_open(outcome, path, listed)
                # its rows as candidates at once (the rows as they came are let go), its period and units' deadline
                read.append((outcome, (rows.period, rows.deadline), rows.candidates(periods.setdefault(
                    rows.period, rows.period), printable(outcome.name))) if rows else (outcome, None, []))
                if progress:
                    progress(path)
        # only the period merged into is read, once the reading processes are gone (its rows, the rows read and
        # theirs are never all held at once); the other periods are copied as they are when writing
        data = book.read([period] if period else [], history=False) if book else MasterData(plan)
        repeats = _repeats([outcome for outcome, _, _ in read])
        for outcome, made, found in read:
            if outcome.path in repeats:
                continue
            result.files.append(outcome)
            candidates.extend(found)
            if made is not None:
                made_with.append((outcome, *made))
        del read
        result.files.extend(repeats.values())  # after the files read
        chosen = period or _single_period(result.files) or data.period or period_for(today or now.date())
        chosen = periods.get(chosen, chosen)  # the candidates' own object: found by identity
        data.deadline = _deadline(data, chosen, {day for _, of, day in made_with if of == chosen})
        if data.deadline:
            data.deadlines[chosen] = data.deadline
        _other_deadlines(made_with, chosen, data.deadline or units_deadline(plan.facts, chosen))
        if book is not None:
            book.load(data, set(periods) | {chosen}, history=False)
    _apply(data, candidates, result, now)
    del candidates  # the rows that lost, or that the master already held, are let go before the master is written
    result.period = chosen.code
    result.missing = _missing(data, chosen)
    data.log.extend(log_rows(result))
    result.written = master.exists() or any(f.status in (ACCEPTED, PARTIAL) for f in result.files)
    if not dry_run and result.written:
        _refuse_open_master(master)  # opened while the files were read: its next save would undo the merge
        backup = _backup_path(master) if master.exists() else None
        write_master(master, data, chosen, backup=backup)
        result.backup = str(backup) if backup else None
    return result


def _deadline(data: MasterData, period: Period, given: set[date | None]) -> date | None:
    """The units' deadline the master keeps for the period merged into: the one its files were made with when
    they agree, else the one the master has for that period (None: the plan's, units_deadline)."""
    dates = given - {None}
    if len(dates) == 1:
        return dates.pop()
    return data.deadline_of(period)


def _other_deadlines(made_with: list[tuple[FileOutcome, Period, date | None]], period: Period, kept: date) -> None:
    """MERGE_013 (a warning) on each file of the period made with another units' deadline than the one the master
    keeps, when the period's files do not agree on one."""
    made = [(outcome, day) for outcome, of, day in made_with if day is not None and of == period]
    if len({day for _, day in made}) > 1:
        for outcome, day in made:
            if day != kept:
                outcome.problems.append(Problem("MERGE_013", value=f"{day:%d/%m/%Y}", params={
                    "period": period.code, "kept": f"{kept:%d/%m/%Y}"}))


def _changes(master: Plan, found: Plan) -> list[tuple]:
    """What found differs from the master's plan in (model/plan_changes.py); their fingerprints when nothing it
    names differs."""
    from .model.plan_changes import plan_changes
    return plan_changes(master, found) or [("unknown", f"{found.fingerprint()[:8]} ≠ {master.fingerprint()[:8]}")]


def _repeats(outcomes: list[FileOutcome]) -> dict[str, FileOutcome]:
    """The files byte for byte the same as another of this merge (the SHA-256 their reading computed), by path: each
    skipped (MERGE_015), naming the one taken, the one of the shortest name ("vp.xlsx", not "vp - Copy.xlsx" or
    "vp (1).xlsx"), then the first in order. A copy is read like any file; only the rare copy costs a reading."""
    taken: dict[str, str] = {}
    for outcome in sorted(outcomes, key=lambda o: (len(Path(o.path).name), o.path)):
        if outcome.sha256:
            taken.setdefault(outcome.sha256, outcome.path)
    return {o.path: FileOutcome(o.path, SKIPPED, o.sha256, problems=[Problem("MERGE_015", params={"first": first})],
                                name=o.name) for o in outcomes if o.sha256 and (first := taken[o.sha256]) != o.path}


def _apply(data: MasterData, candidates: list[Candidate], result: MergeResult, now: datetime) -> None:
    """Resolve candidates of one key (later Ngày cập nhật, then later file time wins) against the master.

    Against the master the same order holds: a value older than the master's goes to history, not in.
    History is added in key order (period, item code, unit code), whatever order the keys are resolved in.
    """
    outcomes = {f.path: f for f in result.files if f.status != SKIPPED}
    known = data.known | {signature(s.record) for s in data.history}  # the same old version merged again is no news
    replaced: list[tuple[tuple, list[Superseded]]] = []  # each key's history, sorted by key at the end
    kept_older: dict[str, list[tuple[Record, Record]]] = {}  # by file: its rows older than the master's, and those
    tied: dict[str, list[tuple[Record, Record]]] = {}  # by file: its rows beaten by file time alone, and the winners
    for period, groups in _by_key(candidates).items():
        existing_of = data.period_records(period) if data.records else {}
        for (item, unit), group in groups.items():
            old: list[Superseded] = []
            winner = _resolve(group, outcomes, (known, old, kept_older, tied), now) if isinstance(group, list) else group
            record, (_, path) = winner
            outcome = outcomes[path]
            existing = existing_of.get((item, unit))
            if existing is None:
                outcome.added += 1
                data.records[period, item, unit] = record
            elif existing.progress == record.progress:
                outcome.unchanged += 1
            elif _older(winner, existing):  # an older inbox merged after a newer one never rolls the master back
                outcome.superseded += 1
                outcome.older += 1
                kept_older.setdefault(path, []).append((record, existing))
                if signature(record) not in known:
                    old.append(Superseded(record, now, _older_reason(record, existing)))
            else:
                old.append(Superseded(existing, now, f"Thay bằng {record.source.file}"))
                outcome.changed += 1
                data.records[period, item, unit] = record
            if old:
                replaced.append(((period, item, unit), old))
    replaced.sort(key=lambda pair: pair[0])  # keys are unique: the Superseded lists are never compared
    data.history.extend(entry for _, old in replaced for entry in old)
    for path, pairs in kept_older.items():
        outcomes[path].problems.append(_older_warning(pairs))
    for path, pairs in tied.items():
        outcomes[path].problems.append(_tie_warning(pairs))


def _older_warning(pairs: list[tuple[Record, Record]]) -> Problem:
    """MERGE_014 (a warning) for a file's rows the master did not take, its own value being later: how many, which
    Excel rows, and the latest Ngày cập nhật the master holds for them."""
    dates = [existing.progress.updated_on for _, existing in pairs if existing.progress.updated_on]
    first = pairs[0][0]
    return Problem("MERGE_014", sheet=first.source.sheet, value=str(len(pairs)), params={
        "rows": _rows_shown(pairs), "period": first.period.code,
        "kept": f"{max(dates):%d/%m/%Y}" if dates else "không ghi"})


def _tie_warning(pairs: list[tuple[Record, Record]]) -> Problem:
    """MERGE_016 (a warning) for a file's rows that another file of the merge, with the same Ngày cập nhật but other
    values, beat only by being saved later: which Excel rows, the date, the file taken."""
    first, winner = pairs[0]
    return Problem("MERGE_016", sheet=first.source.sheet, value=str(len(pairs)), params={
        "rows": _rows_shown(pairs), "period": first.period.code,
        "updated": f"{first.progress.updated_on:%d/%m/%Y}" if first.progress.updated_on else "không ghi",
        "winner": winner.source.file})


def _rows_shown(pairs: list[tuple[Record, Record]]) -> str:
    """The Excel rows of a warning's records (the first of each pair), in order: the first ten, then '…'."""
    rows = sorted(record.source.row for record, _ in pairs)
    return ", ".join(map(str, rows[:10])) + (", …" if len(rows) > 10 else "")


def _resolve(group: list[Candidate], outcomes: dict[str, FileOutcome], kept: tuple, now: datetime) -> Candidate:
    """The winner of several candidates of one key; the others are counted superseded, and go to old (history).

    kept: (known, old, kept_older, tied) of _apply. A loser saved after the winner's file, beaten by its later Ngày
    cập nhật, may be a correction dated too early: counted older, with the winner, for MERGE_014. A loser of another
    file with the same Ngày cập nhật and other values lost to file time alone: with the winner, for MERGE_016."""
    known, old, kept_older, tied = kept
    group.sort(key=lambda c: (c[0].progress.updated_on or date.min, *c[1], c[0].source.row))  # c[1]: mtime, path
    winner, (won_at, won_in) = group[-1]
    won_on = winner.progress.updated_on
    for loser, (mtime, path) in group[:-1]:
        outcomes[path].superseded += 1
        reason = f"Bản cũ hơn trong cùng lần gộp; thay bằng {winner.source.file}"
        if mtime > won_at and path != won_in and won_on is not None and (loser.progress.updated_on or date.min) < won_on:
            outcomes[path].older += 1
            kept_older.setdefault(path, []).append((loser, winner))
        elif path != won_in and loser.progress.updated_on == won_on and loser.progress != winner.progress:
            tied.setdefault(path, []).append((loser, winner))
            reason = f"Cùng Ngày cập nhật trong cùng lần gộp; lấy {winner.source.file}, tệp lưu sau"
        if not known or signature(loser) not in known:
            old.append(Superseded(loser, now, reason))
    return group[-1]


def _by_key(candidates: list[Candidate]) -> dict[Period, dict[tuple[str, str], Candidate | list[Candidate]]]:
    """The candidates by period, then by (item code, unit code): a key's one candidate, or the list of several.

    Grouped by period first: a Period hashes and compares slowly, and the candidates of a period share one
    Period object, so each run of them looks their period up once."""
    by_period: dict[Period, dict[tuple[str, str], Candidate | list[Candidate]]] = {}
    period: Period | None = None
    groups: dict[tuple[str, str], Candidate | list[Candidate]] = {}
    for candidate in candidates:
        record = candidate[0]
        if record.period is not period:
            period = record.period
            groups = by_period.setdefault(period, {})
        row_key = (record.item_code, record.unit_code)
        found = groups.setdefault(row_key, candidate)
        if found is not candidate:
            if isinstance(found, list):
                found.append(candidate)
            else:
                groups[row_key] = [found, candidate]
    return by_period


def _older(candidate: Candidate, existing: Record) -> bool:
    """Whether an incoming value is older than the master's: by Ngày cập nhật, then by the file's time."""
    (record, (mtime, _)), old = candidate, existing.progress.updated_on
    new = record.progress.updated_on
    if new is not None and old is not None and new != old:
        return new < old
    return datetime.fromtimestamp(mtime) < existing.source.merged_at


def _older_reason(record: Record, existing: Record) -> str:
    def day(value: date | None) -> str:
        return f"{value:%d/%m/%Y}" if value else "không ghi"

    return (f"Cũ hơn giá trị đang có (Ngày cập nhật {day(record.progress.updated_on)}, giá trị đang có "
            f"{day(existing.progress.updated_on)} từ {existing.source.file}): không thay")


def _single_period(files: list[FileOutcome]) -> Period | None:
    """The one period of every accepted file (even one whose rows were all blank), if they share one."""
    periods = {f.period for f in files if f.period is not None}
    return periods.pop() if len(periods) == 1 else None


def _missing(data: MasterData, period: Period) -> dict[str, list[str]]:
    have = data.period_records(period)
    missing: dict[str, list[str]] = {}
    for key, entry in data.plan.entry_index.items():  # the entry rows in order, each with its key made once
        if key not in have:
            missing.setdefault(entry.unit.name, []).append(entry.item.code)
    return missing
