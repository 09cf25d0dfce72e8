"""How long `cchc-excel validate` takes on one small file, start-up included, and per file in bulk.

Run: python scripts/bench_validate.py [RUNS]. Target: one file from the CLI well under a second.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cchc_excel import builtin_plan, parse_period, write_shared_workbook
from cchc_excel.validate import validate


def main(runs: int = 7) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-validate-"))
    plan = builtin_plan()
    shared = write_shared_workbook(plan, parse_period("2021-H1"), folder / "shared.xlsx")
    command = [sys.executable, "-m", "cchc_excel", "validate", str(shared)]
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
    copies = [shared] * 200
    start = time.perf_counter()
    validate(copies, plan)
    bulk = (time.perf_counter() - start) / len(copies)
    print(f"CLI validate, one file ({len(plan.entry_rows())} rows), start-up included: "
          f"median {statistics.median(walls):.3f} s, max {max(walls):.3f} s over {runs} runs")
    print(f"library validate, per file over {len(copies)} files: {bulk * 1000:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
