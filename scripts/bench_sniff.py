"""The container guard's cost per unit file: `sniff` (read the file, its zip directory, inflate and check every
XML part but the worksheets), beside python-calamine opening the same file (directory, workbook, styles,
shared strings).

For each file the best of LOOPS timings (robust to other load on the machine), averaged over the files.
Run: python scripts/bench_sniff.py [--units N] [--inbox FOLDER] [--loops LOOPS]
(default: 250 filled unit copies made as scripts/bench_merge.py makes them).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_merge import PERIOD, make_inbox, make_plan  # noqa: E402


def per_file_best(files: list[Path], loops: int, action) -> float:
    """Microseconds per file: each file's best timing over the loops, averaged."""
    best = [float("inf")] * len(files)
    for _ in range(loops):
        for index, path in enumerate(files):
            start = time.perf_counter()
            action(path)
            best[index] = min(best[index], time.perf_counter() - start)
    return sum(best) / len(files) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=250)
    parser.add_argument("--inbox", type=Path)
    parser.add_argument("--loops", type=int, default=20)
    options = parser.parse_args()
    import python_calamine
    from cchc_excel.io.reader import sniff

    inbox = options.inbox
    if inbox is None:
        folder = Path(tempfile.mkdtemp(prefix="bench-sniff-"))
        plan, _ = make_plan(options.units, folder)
        inbox = make_inbox(plan, PERIOD, folder / "inbox", seed=1)
    files = sorted(inbox.glob("*.xlsx"))

    def guard(path: Path) -> None:
        archive, _parts = sniff(path)
        archive.close()

    def calamine(path: Path) -> None:
        python_calamine.CalamineWorkbook.from_path(str(path)).close()
    print(f"{len(files)} files, per-file best of {options.loops}:")
    print(f"  sniff (container guard):    {per_file_best(files, options.loops, guard):7.1f} us/file")
    print(f"  python-calamine open only:  {per_file_best(files, options.loops, calamine):7.1f} us/file")


if __name__ == "__main__":
    main()
