"""Benchmark of merge-submissions at province scale, against an honest floor and a naive script.

For each N (default 250, 1000, 4000) it makes a plan with the built-in plan's items assigned over N
units and one filled per-unit submission per unit (Vietnamese text of realistic length, a mix of
statuses), then runs each phase in a fresh process and measures CPU seconds of the whole process tree
(workers included), wall seconds and peak memory of the tree (PSS; scripts/_measure.py):
  (a) the floor: the same number of reading processes as the tool (io/pool.py), each opening its files
      with python-calamine and reading the entry sheet only, hashing the file as the tool does; the main
      process writes the rows once as one streamed data sheet with the tool's own writer settings
      (inline strings, deflate level 1: sheets/table_xml.py, sheets/package.py) beside the same frame
      (plan sheets, metadata) the tool writes. No validation, no provenance, no comparison.
  (b) `cchc-excel merge-submissions` into a fresh master;
  (c) the naive script: pandas.read_excel (openpyxl) of every file, concat, to_excel.
Targets (2 cores, CPU): b/a <= 1.3, b/c <= 0.15, peak memory of b under 300 MB, cost linear in N.
With --instructions, (a) and (b) also run once each under valgrind's callgrind (a few minutes at N = 1,000), which
counts the instructions of the whole process tree: the same from run to run, where CPU seconds are not.
A shared machine's CPU seconds for one command drift by up to a quarter from minute to minute, so (a) and (b)
are run --repeat times (default 3) in turns, a b, b a, a b, ...: each is reported by its median run, with the
ratios of the pairs run side by side (lowest and highest); (c) runs once (it is ten times slower).
Run: python scripts/bench_merge.py [N ...] [--repeat K] [--skip-naive] [--instructions] [--json]
"""
from __future__ import annotations

import json
import random
import sys
import tempfile
from datetime import timedelta
from statistics import median
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import instructions, run  # noqa: E402

PERIOD = "2021-H1"
WORDS = ("triển khai thực hiện kế hoạch cải cách hành chính năm 2021 tổ chức hội nghị quán triệt văn bản "
         "hướng dẫn công chức viên chức tiếp nhận hồ sơ trực tuyến mức độ bốn cổng dịch vụ công tỉnh "
         "rà soát thủ tục niêm yết công khai đúng quy định báo cáo định kỳ kiểm tra đôn đốc").split()
STATUSES = ("Hoàn thành", "Đang thực hiện", "Đang thực hiện", "Chưa thực hiện", "Không phát sinh")


def text(rng: random.Random, low: int, high: int) -> str:
    words, size = [], rng.randint(low, high)
    while sum(len(w) + 1 for w in words) < size:
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def make_plan(units: int, folder: Path):
    """A plan workbook with the built-in plan's items over N units; (plan as read back, its path)."""
    from cchc_excel import builtin_plan, load_plan, write_plan_workbook
    from cchc_excel.model.plan import Plan, PlanItem
    from cchc_excel.model.units import Unit, UnitKind, UnitRegistry

    group = "Các đơn vị trong tỉnh"
    registry = UnitRegistry([Unit(f"U{i:04d}", f"Đơn vị số {i}", f"ĐV {i}") for i in range(1, units + 1)]
                            + [Unit("ALL", group, kind=UnitKind.GROUP, all_internal=True)])
    base = builtin_plan()
    items = tuple(PlanItem(i.code, i.criterion, i.solution, group, "", i.timeframe) for i in base.items)
    plan_path = folder / "plan.xlsx"
    write_plan_workbook(Plan(base.facts, items, registry), plan_path)
    return load_plan(plan_path), plan_path


def values_of(rng: random.Random, plan, unit_code: str, period) -> dict:
    """A unit's input values for every item: a realistic mix of statuses and text lengths, dates in the period."""
    values = {}
    days = (period.end - period.start).days - 5
    for item in plan.items:
        status = rng.choice(STATUSES)
        done = period.start + timedelta(days=rng.randint(0, days))
        values[(item.code, unit_code)] = (
            status, text(rng, 150, 600), f"Kế hoạch số {rng.randint(1, 999)}/KH-SKHĐT ngày {done:%d/%m/%Y}",
            done if status == "Hoàn thành" else None, text(rng, 0, 200), text(rng, 0, 150),
            "Nguyễn Văn An", period.end - timedelta(days=4))
    return values


def make_inbox(plan, period_code: str, inbox: Path, seed: int) -> Path:
    """One filled per-unit copy per unit of the plan, for the period."""
    from cchc_excel import parse_period, write_shared_workbook

    period, rng = parse_period(period_code), random.Random(seed)
    for unit in plan.registry.internal:
        write_shared_workbook(plan, period, inbox / f"{unit.code}.xlsx", unit_code=unit.code,
                              values=values_of(rng, plan, unit.code, period))
    return inbox


def _floor_read(path: Path) -> list[tuple]:
    import hashlib

    import python_calamine

    hashlib.sha256(path.read_bytes()).hexdigest()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name("Tiến độ").to_python()[4:]
    return [tuple(v if v != "" else None for v in row) for row in rows]


def floor(inbox: Path, out: Path, plan_path: Path) -> None:
    from cchc_excel import load_plan, parse_period
    from cchc_excel.io.pool import process_pool, worker_count
    from cchc_excel.model import layout
    from cchc_excel.sheets.master import Table, write_master_workbook

    plan, period = load_plan(plan_path), parse_period(PERIOD)
    files = sorted(inbox.glob("*.xlsx"))
    workers = worker_count(len(files))
    if workers:
        with process_pool(workers, None, ()) as pool:
            rows = [row for chunk in pool.map(_floor_read, files, chunksize=16) for row in chunk]
    else:
        rows = [row for path in files for row in _floor_read(path)]
    headers = layout.PROGRESS_HEADERS
    write_master_workbook(out, plan, period, period.default_deadline(),
                          [Table(layout.period_sheet(layout.SHEET_DATA, period.code), headers, len(rows), rows)])


def naive(inbox: Path, out: Path) -> None:
    import pandas as pd

    frames = [pd.read_excel(path, sheet_name="Tiến độ", header=3, engine="openpyxl")
              for path in sorted(inbox.glob("*.xlsx"))]
    pd.concat(frames, ignore_index=True).to_excel(out, index=False)


def phase(name: str, inbox: str, out: str, plan: str) -> None:
    if name == "floor":
        floor(Path(inbox), Path(out), Path(plan))
    elif name == "naive":
        naive(Path(inbox), Path(out))


def _median(costs: list) -> dict:
    """The median of each measure over runs (each on its own: the run with median CPU need not have median memory)."""
    return {"cpu_s": median(c.cpu_s for c in costs), "wall_s": median(c.wall_s for c in costs),
            "peak_mb": median(c.peak_mb for c in costs)}


def _plain(cost) -> dict:
    return {"cpu_s": cost.cpu_s, "wall_s": cost.wall_s, "peak_mb": cost.peak_mb}


def _measure(units: int, repeat: int, skip_naive: bool, count: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench-merge-{units}-") as tmp:
        folder = Path(tmp)
        plan, plan_path = make_plan(units, folder)
        inbox = make_inbox(plan, PERIOD, folder / "inbox", seed=units)
        me = [sys.executable, __file__, "--phase"]
        floor_run = me + ["floor", str(inbox), str(folder / "floor.xlsx"), str(plan_path)]
        merge_run = [sys.executable, "-m", "cchc_excel", "merge-submissions", str(inbox), "--master",
                     str(folder / "master.xlsx"), "--period", PERIOD, "--plan", str(plan_path), "--json"]
        floors, merges = [], []
        for turn in range(repeat):
            (folder / "master.xlsx").unlink(missing_ok=True)  # each merge into a fresh master
            for command in ((floor_run, merge_run) if turn % 2 == 0 else (merge_run, floor_run)):
                (floors if command is floor_run else merges).append(run(command))
            summary = json.loads(merges[-1].output)
            assert summary["added"] == units * len(plan.items) and not summary["rejected_rows"], merges[-1].output[-2000:]
        c = None if skip_naive else run(me + ["naive", str(inbox), str(folder / "naive.xlsx"), str(plan_path)])
        (folder / "master.xlsx").unlink(missing_ok=True)  # the counted merge, too, into a fresh master
        counted = [instructions(floor_run), instructions(merge_run)] if count else [None, None]
    a, b = _median(floors), _median(merges)
    pairs = [m.cpu_s / f.cpu_s for f, m in zip(floors, merges)]
    return {"units": units, "rows": units * len(plan.items), "runs": repeat,
            "floor": a, "merge": b, "naive": _plain(c) if c else None,
            "floor_runs": [_plain(f) for f in floors], "merge_runs": [_plain(m) for m in merges],
            "cpu_merge_vs_floor": b["cpu_s"] / a["cpu_s"], "cpu_merge_vs_floor_pairs": [min(pairs), max(pairs)],
            "cpu_merge_vs_naive": b["cpu_s"] / c.cpu_s if c else None,
            "instructions": {"floor": counted[0], "merge": counted[1],
                             "merge_vs_floor": counted[1] / counted[0] if counted[0] and counted[1] else None}}


def main(sizes: list[int], repeat: int, skip_naive: bool, count: bool, as_json: bool) -> None:
    results = []
    if not as_json:
        print(f"{'N':>6} {'rows':>7} | {'CPU a':>7} {'CPU b':>7} {'CPU c':>7} {'b/a':>5} {'pairs':>9} {'b/c':>5} | "
              f"{'wall a':>7} {'wall b':>7} {'b/a':>5} | {'mem a':>6} {'mem b':>6} {'mem c':>6}  (median of {repeat})")
    for units in sizes:
        row = _measure(units, repeat, skip_naive, count)
        results.append(row)
        if not as_json:
            a, b, c, nan = row["floor"], row["merge"], row["naive"] or {}, float("nan")
            low, high = row["cpu_merge_vs_floor_pairs"]
            print(f"{units:>6} {row['rows']:>7} | {a['cpu_s']:>6.2f}s {b['cpu_s']:>6.2f}s {c.get('cpu_s', nan):>6.2f}s "
                  f"{row['cpu_merge_vs_floor']:>5.2f} {low:>4.2f}-{high:<4.2f} "
                  f"{row['cpu_merge_vs_naive'] or nan:>5.2f} | {a['wall_s']:>6.2f}s {b['wall_s']:>6.2f}s "
                  f"{b['wall_s'] / a['wall_s']:>5.2f} | {a['peak_mb']:>5.0f}M {b['peak_mb']:>5.0f}M "
                  f"{c.get('peak_mb', nan):>5.0f}M", flush=True)
            counted = row["instructions"]
            if counted["merge_vs_floor"]:
                print(f"{'':>6} instructions (callgrind, process tree): a {counted['floor'] / 1e9:.2f} G, "
                      f"b {counted['merge'] / 1e9:.2f} G, b/a {counted['merge_vs_floor']:.3f}", flush=True)
    if as_json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--phase"]:
        phase(*sys.argv[2:6])
    else:
        args = sys.argv[1:]
        repeat = int(args.pop(args.index("--repeat") + 1)) if "--repeat" in args else 3
        numbers = [int(a) for a in args if a.isdigit()] or [250, 1000, 4000]
        main(numbers, max(repeat, 1), "--skip-naive" in args, "--instructions" in args, "--json" in args)
