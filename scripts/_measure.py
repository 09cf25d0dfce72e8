"""Measuring a command in a fresh process: CPU and wall seconds and peak memory of its whole process tree.

CPU is the user + system time of the process and every process it waited for (worker pools included),
from getrusage(RUSAGE_CHILDREN) before and after. Peak memory is the largest sum, sampled every 20 ms, of
the proportional set size (PSS: pages shared by forked workers counted once in all) of the process and its
descendants, read from /proc; where /proc is missing, the largest single process's peak RSS instead.
"""
from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class Cost:
    cpu_s: float
    wall_s: float
    peak_mb: float
    output: str


def _children(pid: int) -> list[int]:
    found = []
    for task in (PROC / str(pid) / "task").glob("*"):
        try:
            found.extend(int(p) for p in (task / "children").read_text().split())
        except OSError:
            pass
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_mb(pid: int) -> float:
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _pss_kb(current)
        stack.extend(_children(current))
    return total / 1024


def compile_package() -> None:
    """Byte-compile the package, as pip does when it installs it, so that a measured command loads cached bytecode
    as on a user's machine. Where PYTHONDONTWRITEBYTECODE is set (as on this project's machines) nothing is ever
    cached and each fresh process compiles every module it imports again (0.1-0.3 s of CPU for the package): a
    cost of that setting, not of the tool, which the naive script (pandas comes compiled) does not pay."""
    import compileall

    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "cchc_excel"), quiet=1)


def run(command: list[str], *, env: dict | None = None, ok=(0, 1)) -> Cost:
    """Run a command to its end; its cost (CPU and wall seconds, peak MB of its process tree) and stdout.
    The package is byte-compiled first (compile_package)."""
    compile_package()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_pss_mb(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    if PROC.exists():
        sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{out[-2000:]}\n{err[-4000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if not PROC.exists():
        peak[0] = after.ru_maxrss / 1024
    return Cost(cpu, wall, peak[0], out)


def instructions(command: list[str]) -> int | None:
    """The machine instructions the command's whole process tree ran in user space (valgrind's callgrind, which
    follows forked worker processes), or None where valgrind is not installed. Unlike CPU seconds on a shared
    machine (which drift by a quarter from minute to minute), the count is the same from run to run: the one
    measure that tells a few per cent apart. It counts no system time and weighs every instruction alike."""
    if shutil.which("valgrind") is None:
        return None
    compile_package()
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                          capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"valgrind {' '.join(command)} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return sum(int(count.replace(",", "")) for count in re.findall(r"I\s+refs:\s+([\d,]+)", done.stderr))
