"""The Office's job on the built-in plan and sample data: python3 scripts/run_demo.py [OUTPUT_DIR].

Creates .venv, installs cchc_excel, then runs the commands and prints where each result is.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from _setup import BIN, ROOT, ensure_environment

PERIOD = "2021-H1"


def run(*args: str) -> None:
    print("$ cchc-excel " + " ".join(args), flush=True)
    subprocess.run([str(BIN / "cchc-excel"), *args], check=True)


if __name__ == "__main__":
    ensure_environment()
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "out" / "demo"
    out.mkdir(parents=True, exist_ok=True)
    shared = out / "ke-hoach-707-dung-chung.xlsx"
    run("init", "--period", PERIOD, "-o", str(shared), "--force")
    print("\nKết quả / results:")
    print(f"  Tệp dùng chung (gửi các đơn vị): {shared}")
