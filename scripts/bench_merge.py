"""Benchmark of merge-submissions at province scale.

For each N (default 250, 1000, 4000) it makes a plan with the built-in plan's items assigned over N
units and one filled per-unit submission per unit (Vietnamese text of realistic length, a mix of
statuses), then measures, each phase in its own process (wall seconds, peak memory):
  (a) the floor: read every inbox file's cells with python-calamine, write the rows once with xlsxwriter;
  (b) `cchc-excel merge-submissions` into a fresh master;
  (c) the naive script: pandas.read_excel (openpyxl) of every file, concat, to_excel.
Targets (2 cores): b/a <= 2.0, b/c <= 0.2, peak memory of b under 500 MB, cost linear in N.
Memory of b counts the main process plus each reading worker at its peak (an upper bound).
Run: python scripts/bench_merge.py [N ...] [--skip-naive]
"""
from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

PERIOD = "2021-H1"
WORKERS = 2  # reading processes merge-submissions starts on this 2-core machine (counted in its memory)
WORDS = ("triển khai thực hiện kế hoạch cải cách hành chính năm 2021 tổ chức hội nghị quán triệt văn bản "
         "hướng dẫn công chức viên chức tiếp nhận hồ sơ trực tuyến mức độ bốn cổng dịch vụ công tỉnh "
         "rà soát thủ tục niêm yết công khai đúng quy định báo cáo định kỳ kiểm tra đôn đốc").split()


def text(rng: random.Random, low: int, high: int) -> str:
    words, size = [], rng.randint(low, high)
    while sum(len(w) + 1 for w in words) < size:
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def make_inbox(units: int, folder: Path) -> tuple[Path, Path]:
    from cchc_excel import builtin_plan, load_plan, parse_period, write_plan_workbook, write_shared_workbook
    from cchc_excel.model.plan import Plan, PlanItem
    from cchc_excel.model.units import Unit, UnitKind, UnitRegistry

    group = "Các đơn vị trong tỉnh"
    registry = UnitRegistry([Unit(f"U{i:04d}", f"Đơn vị số {i}", f"ĐV {i}") for i in range(1, units + 1)]
                            + [Unit("ALL", group, kind=UnitKind.GROUP, all_internal=True)])
    base = builtin_plan()
    items = tuple(PlanItem(i.code, i.criterion, i.solution, group, "", i.timeframe) for i in base.items)
    plan_path = folder / "plan.xlsx"
    write_plan_workbook(Plan(base.facts, items, registry), plan_path)
    plan, period = load_plan(plan_path), parse_period(PERIOD)
    rng = random.Random(units)
    inbox = folder / "inbox"
    statuses = ("Hoàn thành", "Đang thực hiện", "Đang thực hiện", "Chưa thực hiện", "Không phát sinh")
    for unit in plan.registry.internal:
        values = {}
        for item in plan.items:
            status = rng.choice(statuses)
            done = date(2021, 1, 10) + timedelta(days=rng.randint(0, 150))
            values[(item.code, unit.code)] = (
                status, text(rng, 150, 600), f"Kế hoạch số {rng.randint(1, 999)}/KH-SKHĐT ngày {done:%d/%m/%Y}",
                done if status == "Hoàn thành" else None, text(rng, 0, 200), text(rng, 0, 150),
                "Nguyễn Văn An", date(2021, 6, 10))
        write_shared_workbook(plan, period, inbox / f"{unit.code}.xlsx", unit_code=unit.code, values=values)
    return plan_path, inbox


def floor(inbox: Path, out: Path) -> None:
    import python_calamine
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    row_number = 0
    for path in sorted(inbox.glob("*.xlsx")):
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        rows = [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]
        for row in rows[book.sheet_names.index("Tiến độ")][4:]:
            sheet.write_row(row_number, 0, [v if v != "" else None for v in row])
            row_number += 1
    workbook.close()


def naive(inbox: Path, out: Path) -> None:
    import pandas as pd

    frames = [pd.read_excel(path, sheet_name="Tiến độ", header=3, engine="openpyxl")
              for path in sorted(inbox.glob("*.xlsx"))]
    pd.concat(frames, ignore_index=True).to_excel(out, index=False)


def run_phase(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of a phase run in a fresh process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--phase", *args], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"phase {args[0]} failed:\n{done.stdout}\n{done.stderr}")
    return wall, json.loads(done.stdout.strip().splitlines()[-1])["peak_mb"]


def phase(name: str, inbox: str, out: str, plan: str) -> None:
    if name == "floor":
        floor(Path(inbox), Path(out))
    elif name == "naive":
        naive(Path(inbox), Path(out))
    else:
        from click.testing import CliRunner

        from cchc_excel.cli import main
        result = CliRunner().invoke(main, ["merge-submissions", inbox, "--master", out, "--period", PERIOD,
                                           "--plan", plan, "--json"])
        summary = json.loads(result.output)
        assert summary["added"] > 0 and not summary["rejected_rows"], result.output[-2000:]
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest reading process
    print(json.dumps({"peak_mb": own + WORKERS * worker if worker else own}))


def main(sizes: list[int], skip_naive: bool) -> None:
    print(f"{'N':>6} {'files':>6} {'rows':>7} {'floor a':>9} {'merge b':>9} {'naive c':>9} {'b/a':>6} {'b/c':>6} "
          f"{'mem a':>7} {'mem b':>7} {'mem c':>7}")
    for units in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-merge-{units}-") as tmp:
            folder = Path(tmp)
            plan, inbox = make_inbox(units, folder)
            a, mem_a = run_phase(["floor", str(inbox), str(folder / "floor.xlsx"), str(plan)])
            b, mem_b = run_phase(["merge", str(inbox), str(folder / "master.xlsx"), str(plan)])
            c, mem_c = (float("nan"), float("nan")) if skip_naive else \
                run_phase(["naive", str(inbox), str(folder / "naive.xlsx"), str(plan)])
            print(f"{units:>6} {units:>6} {units * 15:>7} {a:>8.1f}s {b:>8.1f}s {c:>8.1f}s {b / a:>6.2f} "
                  f"{b / c:>6.2f} {mem_a:>6.0f}M {mem_b:>6.0f}M {mem_c:>6.0f}M", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--phase"]:
        phase(*sys.argv[2:6])
    else:
        numbers = [int(a) for a in sys.argv[1:] if a.isdigit()] or [250, 1000, 4000]
        main(numbers, "--skip-naive" in sys.argv)
