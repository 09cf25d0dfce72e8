"""What years of history cost: each command on a master holding Y years of quarterly periods.

For N units (the built-in plan's items over N units, as scripts/bench_merge.py) it builds, through the
tool's library, a master per Y holding Y years of quarterly periods (Quý I, 6 tháng, Quý III, Năm), every
unit reporting every item each period, some values replaced (history) and one log row per file, and one
inbox of N filled copies for the next period. Then, for each Y, each in a fresh process (CPU seconds of
the whole process tree, wall seconds, peak PSS of the tree: scripts/_measure.py):
  merge   `cchc-excel merge-submissions` of the new period into a copy of the master (Y = 0: a fresh master)
  status  `cchc-excel status` of that period         report  `cchc-excel report -o X.xlsx` of that period
  split   `cchc-excel split` for that period         frame   `progress_frame(master, period)`
  again   the same period merged again from a second inbox, every row of it changed (units sending corrected
          copies): the master then holds the period's old and new values at once
Targets (2 cores): merge with 4 years <= 1.5 x the fresh merge; status, report, frame, split with 4 years
<= 1.5 x with none; peak <= 300 MB at N = 4,000 and 4 years.
Run: python scripts/bench_history.py [--units N] [--years Y ...] [--json] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import run  # noqa: E402
from bench_merge import make_inbox, make_plan, values_of  # noqa: E402

NEW_PERIOD = "2026-Q3"  # history is the 4 x Y periods before it (dates must not lie in the future)
KINDS = ("Q1", "H1", "Q3", "Y")
REPLACED = 0.05  # share of rows with an older value in history
COMMANDS = ("merge", "status", "report", "split", "frame", "again")


def build_history(plan, years: int, path: Path, seed: int) -> None:
    """Write a master of years of quarterly periods, one period at a time as merges would; periods a master
    already at path holds (a shorter history kept by --keep) are left as they are."""
    from cchc_excel import parse_period, read_master, write_master
    from cchc_excel.io.master_file import MasterBook
    from cchc_excel.model.progress import MasterData, Progress, Record, Source, Superseded

    rng = random.Random(seed)
    new = parse_period(NEW_PERIOD)
    every = [parse_period(f"{year}-{kind}") for year in range(new.year - years - 1, new.year + 1) for kind in KINDS]
    have: set = set()
    if path.exists():
        with MasterBook(path) as master:
            have = set(master.periods)
    wanted = [p for p in every if p < new][-4 * years:]
    for period in [p for p in wanted if p not in have]:
        data = read_master(path, periods=[period]) if path.exists() else MasterData(plan)
        merged_at = datetime.combine(period.end, datetime.min.time()) + timedelta(days=3, hours=9)
        for unit in plan.registry.internal:
            sha = f"{rng.getrandbits(256):064x}"
            for row, ((code, _), cells) in enumerate(values_of(rng, plan, unit.code, period).items(), start=5):
                record = Record(period, code, unit.code, Progress.from_cells(cells),
                                Source(f"{unit.code}.xlsx", sha, "Tiến độ", row, merged_at))
                data.records[record.key] = record
                if rng.random() < REPLACED:
                    data.history.append(Superseded(record, merged_at, f"Thay bằng {unit.code}.xlsx"))
            data.log.append((f"{merged_at:%d/%m/%Y %H:%M:%S}", f"{unit.code}.xlsx", sha, "Chấp nhận", 15, 0, 0, 0,
                             "", "", ""))
        write_master(path, data, period)


def commands(master: Path, inboxes: tuple[Path, Path], plan_path: Path, out: Path) -> dict[str, list[str]]:
    cli = [sys.executable, "-m", "cchc_excel"]

    def merge(inbox: Path) -> list[str]:
        return [*cli, "merge-submissions", str(inbox), "--master", str(master), "--period", NEW_PERIOD, "--plan",
                str(plan_path), "--json"]

    frame = ("from pathlib import Path; from cchc_excel import parse_period, progress_frame; "
             f"f = progress_frame(Path({str(master)!r}), parse_period({NEW_PERIOD!r})); assert len(f)")
    return {
        "merge": merge(inboxes[0]),
        "status": cli + ["status", str(master), "--period", NEW_PERIOD, "--json"],
        "report": cli + ["report", str(master), "--period", NEW_PERIOD, "-o", str(out / "bao-cao.xlsx"), "--force"],
        "split": cli + ["split", str(master), "--period", NEW_PERIOD, "-o", str(out / "ban-sao"), "--force"],
        "frame": [sys.executable, "-c", frame],
        "again": merge(inboxes[1]),
    }


def measure(units: int, years_list: list[int], folder: Path, quiet: bool) -> list[dict]:
    """Each command's cost for each number of years; progress on stdout (stderr when quiet: --json)."""
    out = sys.stderr if quiet else sys.stdout
    plan, plan_path = make_plan(units, folder)
    inbox = folder / "inbox"
    again = folder / "inbox-again"  # the same units' corrected copies: other values in every row
    for each, seed in ((inbox, units), (again, units + 1)):
        if len(list(each.glob("*.xlsx"))) != units:  # else made by an earlier run with --keep and the same --units
            make_inbox(plan, NEW_PERIOD, each, seed=seed)
    results = []
    for years in years_list:
        history = folder / f"history-{years}.xlsx"
        if years and not history.exists():
            shorter = [folder / f"history-{y}.xlsx" for y in range(years - 1, 0, -1)]
            kept = next((path for path in shorter if path.exists()), None)
            if kept:  # only the older periods are added to a copy of it
                shutil.copy(kept, history)
            build_history(plan, years, history, seed=years)
        work = folder / f"run-{years}"
        shutil.rmtree(work, ignore_errors=True)  # left by an interrupted run with --keep
        work.mkdir()
        master = work / "tong-hop.xlsx"
        if years:
            shutil.copy(history, master)
        for name, command in commands(master, (inbox, again), plan_path, work).items():
            if name == "again":  # saved after the first merge: their values are the later ones
                for path in again.glob("*.xlsx"):
                    os.utime(path)
            cost = run(command)
            if name in ("merge", "again"):
                summary = json.loads(cost.output)
                counted = "added" if name == "merge" else "changed"
                assert summary[counted] == units * len(plan.items), cost.output[-2000:]
            results.append({"years": years, "command": name, "cpu_s": round(cost.cpu_s, 3),
                            "wall_s": round(cost.wall_s, 3), "peak_mb": round(cost.peak_mb, 1)})
            print(f"{years:>5} {name:>7} {cost.cpu_s:>8.2f} {cost.wall_s:>8.2f} {cost.peak_mb:>8.0f}", file=out, flush=True)
        size = master.stat().st_size / 2**20
        print(f"      master after both merges: {size:.1f} MiB ({years * 4 + 1} periods)", file=out, flush=True)
        shutil.rmtree(work)
    return results


def ratios(results: list[dict]) -> dict[str, float]:
    """Each command's CPU with the most history over its CPU with none (merge: over the fresh merge)."""
    most = max(r["years"] for r in results)
    cpu = {(r["years"], r["command"]): r["cpu_s"] for r in results}
    if most == 0 or (0, "merge") not in cpu:
        return {}
    return {(f"{c}_vs_fresh" if c == "merge" else f"{c}_vs_none"): round(cpu[most, c] / cpu[0, c], 3)
            for c in COMMANDS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--years", type=int, nargs="+", default=[0, 4])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build in DIR and keep what was built (inbox, history-Y.xlsx) for the next run with the "
                             "same --units, which uses it again instead of building it (hours at 4,000 units)")
    args = parser.parse_args()
    years = sorted(set(args.years) | {0})
    if not args.json:
        print(f"N = {args.units} units, new period {NEW_PERIOD}; CPU of the process tree, wall, peak PSS\n"
              f"{'years':>5} {'command':>7} {'CPU s':>8} {'wall s':>8} {'peak MB':>8}")
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        results = measure(args.units, years, args.keep, args.json)
    else:
        with tempfile.TemporaryDirectory(prefix=f"bench-history-{args.units}-") as tmp:
            results = measure(args.units, years, Path(tmp), args.json)
    found = ratios(results)
    if load:  # other work on the machine inflates wall time far more than CPU time: say how busy it was
        print(f"load average before {load[0]:.1f}, after {os.getloadavg()[0]:.1f}", file=sys.stderr)
    if args.json:
        print(json.dumps(results + [{"ratio": found}], indent=1))
    else:
        print("ratios (CPU, most history / none):", ", ".join(f"{k} {v:.2f}" for k, v in found.items()))


if __name__ == "__main__":
    main()
