"""The Office's job on the built-in plan and the shipped sample data: python3 scripts/run_demo.py [OUTPUT_DIR].

Creates .venv, installs cchc_excel, then runs init → split → validate → merge-submissions → status → report
on the sample replies in workbooks/mau/ (one of them with mistakes, one unit not replying) and prints where
each result is. The report is also printed to PDF where LibreOffice is installed. The samples are only read.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from _setup import BIN, ROOT, ensure_environment

PERIOD = "2021-H1"
SAMPLES = ROOT / "workbooks" / "mau"


def run(*args: str) -> int:
    """Run cchc-excel; 0 (clean) and 1 (problems found in the sample data) are both expected here."""
    print("\n$ cchc-excel " + " ".join(args), flush=True)
    code = subprocess.call([str(BIN / "cchc-excel"), *args])
    if code not in (0, 1):
        sys.exit(f"cchc-excel {args[0]} could not run (exit {code})")
    return code


if __name__ == "__main__":
    ensure_environment()
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "out" / "demo"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shared, copies, marked = out / "ke-hoach-707-dung-chung.xlsx", out / "gui-don-vi", out / "danh-dau-loi"
    master = out / "tong-hop.xlsx"
    run("init", "--period", PERIOD, "-o", str(shared))
    run("split", str(shared), "--period", PERIOD, "-o", str(copies))
    replies = sorted(str(p) for p in SAMPLES.glob("*.xlsx"))
    run("validate", *replies, "--annotate", str(marked))
    run("merge-submissions", str(SAMPLES), "--master", str(master), "--period", PERIOD)
    run("status", str(master), "--period", PERIOD)
    report, followup = out / "bao-cao-so-noi-vu.docx", out / "theo-doi-noi-bo.xlsx"
    pdf = ["--pdf"] if shutil.which("soffice") or shutil.which("libreoffice") else []
    run("report", str(master), "--period", PERIOD, "-o", str(report), "--follow-up", str(followup), *pdf)
    print("\nKết quả / results:")
    print(f"  Tệp dùng chung:                {shared}")
    print(f"  Bản sao gửi từng đơn vị:       {copies}")
    print(f"  Tệp mẫu đơn vị gửi về:         {SAMPLES}")
    print(f"  Bản đánh dấu lỗi:              {marked}")
    print(f"  Tệp tổng hợp (và nhật ký gộp): {master}")
    appendix = report.with_name(f"{report.stem}-phu-luc.xlsx")
    print(f"  Báo cáo gửi Sở Nội vụ:         {report}" + (f" (và {report.with_suffix('.pdf').name})" if pdf else ""))
    print(f"  Phụ lục kèm báo cáo:           {appendix}" + (f" (và {appendix.with_suffix('.pdf').name})" if pdf else ""))
    print(f"  Theo dõi nội bộ (không gửi):   {followup}")
