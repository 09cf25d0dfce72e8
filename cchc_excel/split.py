"""Per-unit copies for a reporting period, carrying forward each unit's last merged values."""
from __future__ import annotations

import gc
import pickle
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from operator import attrgetter
from pathlib import Path

from .io.master_file import SOURCE, MasterBook, give_back_memory
from .io.pool import process_pool, worker_count
from .model.periods import Period
from .model.errors import OptionError
from .model.plan import Plan
from .model.plan_changes import plan_changes, recoded_units
from .model.problems import Problem
from .model.status import period_deadline_warnings
from .model.text import ascii_slug
from .io.files import require_deadline, require_period, write_shared_workbook


@dataclass(frozen=True)
class Carried:
    """What split --plan pre-filled: what the plan given differs in from the source's (model/plan_changes.py), the
    rows pre-filled, the rows left empty as new (a task added or reworded, a unit new or with another code) and the
    rows of the source's plan with no data yet."""

    changes: tuple[tuple, ...] = ()
    filled: int = 0
    new: int = 0
    unreported: int = 0


@dataclass(frozen=True)
class SplitResult:
    """The unit copies written, REPORT_002 when their deadline is not before Sở Nội vụ's and PLAN_016 for a unit
    whose code changed in the plan given; with a plan given, what was carried onto its copies."""

    paths: tuple[Path, ...]
    warnings: tuple[Problem, ...] = ()
    carried: Carried | None = None


def split_workbook(source: str | Path, period: Period, folder: str | Path, *, deadline: date | None = None,
                   overwrite: bool = False, plan: Plan | None = None) -> list[Path]:
    """Write one copy per unit with rows in the plan; source is a shared workbook or a master.

    plan: a revised version of the source's plan (a unit gone or added, tasks added or removed mid-year): the copies
    are of that plan, each row pre-filled from the source's data of the same task and unit code, if any."""
    return list(split_copies(source, period, folder, deadline=deadline, overwrite=overwrite, plan=plan).paths)


def split_copies(source: str | Path, period: Period, folder: str | Path, *, deadline: date | None = None,
                 overwrite: bool = False, plan: Plan | None = None) -> SplitResult:
    """split_workbook, with the deadline's warnings and, with a plan given, what was carried onto its copies."""
    require_deadline(period, deadline)  # before the master is read
    with MasterBook(source, expect=SOURCE) as master:
        revised = None if plan is None else _revision(master.plan, plan, Path(source).name)
        plan = plan or master.plan
        require_period(plan, period)  # before any copy is written
        plan.unit_index  # built before the master's rows are read: what stays is not scattered among what goes
        wanted = _carried_rows(master.plan, plan)
        latest, fresh = _latest_values(master, period, wanted)
    units = [u for u in plan.registry.internal if u.code in plan.unit_index]
    names = [ascii_slug(u.label) or u.code for u in units]
    counts = Counter(names)
    jobs = []
    for unit, name in zip(units, names):
        path = Path(folder) / f"{name if counts[name] == 1 else name + '-' + unit.code}_{period.code}.xlsx"
        values = {key: latest.pop(key) for key in plan.unit_index[unit.code] if key in latest}
        jobs.append((unit.code, path, values, frozenset(key for key in values if key not in fresh)))
    del latest
    carried = None if revised is None else _carried(revised[0], [plan.unit_index[u.code] for u in units], jobs,
                                                    wanted)
    options = (plan, period, deadline, overwrite)
    warnings = tuple(period_deadline_warnings(plan.facts, period, deadline)) + (revised[1] if revised else ())
    workers = worker_count(len(jobs))
    if not workers:
        return SplitResult(tuple(_write_copy(options, *job) for job in jobs), warnings, carried)
    packed = _packed(jobs)
    gc.collect()
    give_back_memory()
    gc.freeze()  # what this process holds stays shared with the forked writers: their collector leaves it be
    try:
        with process_pool(workers, _start_writer, options) as pool:  # the copies are written side by side
            paths = pool.map(_write_in_worker, packed, chunksize=max(1, len(packed) // (workers * 8)))
            return SplitResult(tuple(paths), warnings, carried)
    finally:
        gc.unfreeze()


_worker_options: tuple | None = None


def _start_writer(*options) -> None:
    global _worker_options
    _worker_options = options


def _packed(jobs: list[tuple[str, Path, dict, frozenset]]) -> list[tuple[str, Path, bytes, frozenset]]:
    """Each unit's values (already pickled row by row) pickled as one, its objects freed as it goes, before the
    writers are forked: otherwise handing them to the writers touches (reference counts) every page they
    share, which then gets copied."""
    packed = []
    jobs.reverse()
    while jobs:  # jobs is emptied
        unit_code, path, values, carried = jobs.pop()
        packed.append((unit_code, path, pickle.dumps(values, pickle.HIGHEST_PROTOCOL), carried))
    return packed


def _write_in_worker(job: tuple[str, Path, bytes, frozenset]) -> Path:
    assert _worker_options is not None, "set by the pool's initializer before any job"
    unit_code, path, values, carried = job
    return _write_copy(_worker_options, unit_code, path, pickle.loads(values), carried)


def _write_copy(options: tuple, unit_code: str, path: Path, values: dict[tuple[str, str], bytes],
                carried: frozenset[tuple[str, str]]) -> Path:
    """One unit's copy; values are its rows' last merged values, each pickled; carried, the rows whose values come
    from an earlier period (the others are the period's own)."""
    plan, period, deadline, overwrite = options
    return write_shared_workbook(plan, period, path, deadline=deadline, overwrite=overwrite, unit_code=unit_code,
                                 values={key: pickle.loads(cells) for key, cells in values.items()}, carried=carried)


def _revision(source: Plan, plan: Plan, name: str) -> tuple[tuple[tuple, ...], tuple[Problem, ...]]:
    """What plan (given by --plan) differs in from the source's plan, and PLAN_016 for each unit whose code
    changed; PLAN_015 when it is another plan altogether (a revision keeps the plan's number and date)."""
    if (plan.facts.number, plan.facts.date) != (source.facts.number, source.facts.date):
        raise OptionError("PLAN_015", path=name, found=_named(plan), expected=_named(source))
    recoded = tuple(Problem("PLAN_016", params={"what": f"{old.name} ({old.code} → {now.code})"})
                    for old, now in recoded_units(source, plan))
    return tuple(plan_changes(source, plan)), recoded


def _carried(changes: tuple[tuple, ...], rows_of_units: list, jobs: list, wanted) -> Carried:
    """What split --plan carried: the rows pre-filled (jobs' values), those new to the plan given (not wanted) and
    the others, of the units given copies."""
    rows = sum(map(len, rows_of_units))
    new = sum(key not in wanted for keys in rows_of_units for key in keys)
    filled = sum(len(job[2]) for job in jobs)
    return Carried(changes, filled, new, rows - filled - new)


def _named(plan: Plan) -> str:
    return f"{plan.facts.number}, {plan.facts.date:%d/%m/%Y}"


def _carried_rows(source: Plan, plan: Plan):
    """The rows of plan to pre-fill from the source's data: all of them when it is the source's plan; of a revised
    version, the rows of a task with the same STT, criterion and solution in both given to the same unit code in
    both (a task renumbered or reworded starts empty: no value lands on another task)."""
    if plan.fingerprint() == source.fingerprint():
        return plan.entry_index.keys()
    before = {item.code: (item.criterion, item.solution) for item in source.items}
    same = {item.code for item in plan.items if before.get(item.code) == (item.criterion, item.solution)}
    return {key for key in plan.entry_index if key[0] in same and key in source.entry_index}


def _latest_values(master: MasterBook, period: Period, wanted) -> tuple[dict[tuple[str, str], bytes],
                                                                        set[tuple[str, str]]]:
    """Each wanted row's input values (by item and unit code) as last merged up to the period, pickled; and the rows
    whose values are the period's own (merged already: not carried forward).

    The periods whose data end by the period's end are read from the latest back, and only until every row of the
    plan has its values (usually the period itself or the one before). Periods whose data end on the same day
    (Quý III and 9 tháng) are read together, and a row found in several of them takes the values with the latest
    Ngày cập nhật, then the latest merge: the order of the periods' names says nothing of which is newer.

    Neither the records nor their texts as str objects are kept: a row's values pickled take half the memory
    (UTF-8 against Python's two bytes a character for Vietnamese), and a period of 4,000 units is 60,000 rows."""
    latest: dict[tuple[str, str], bytes] = {}
    fresh: set[tuple[str, str]] = set()
    periods = sorted((p for p in master.all_periods() if p.end <= period.end), key=attrgetter("end"), reverse=True)
    for _, group in groupby(periods, key=attrgetter("end")):
        found = _newest_of(master, list(group), wanted - latest.keys())
        latest.update((key, cells) for key, (cells, _) in found.items())
        fresh.update(key for key, (_, of) in found.items() if of == period)
        if wanted <= latest.keys():
            break
    return latest, fresh


def _newest_of(master: MasterBook, periods: list[Period], wanted) -> dict[tuple[str, str], tuple[bytes, Period]]:
    """Each wanted row's values (pickled) in periods whose data end on the same day, with the period they come from:
    of several, those with the latest Ngày cập nhật, then the latest merge."""
    found: dict[tuple[str, str], tuple[bytes, Period]] = {}
    newest: dict[tuple[str, str], tuple[date, datetime]] = {}  # only where there is more than one period
    for each in periods:
        for key, cells, merged_at in master.values(each):
            if key not in wanted:
                continue
            if len(periods) > 1:
                updated = cells[-1]  # Ngày cập nhật is the last input cell
                moment = (updated if isinstance(updated, date) else date.min, merged_at)
                if key in newest and newest[key] >= moment:
                    continue
                newest[key] = moment
            found[key] = (pickle.dumps(cells, pickle.HIGHEST_PROTOCOL), each)
    return found
