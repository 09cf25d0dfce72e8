"""What `cchc-excel validate --annotate` costs on a file with many marked rows.

Builds, from the shared workbook of the built-in plan, a copy whose Tiến độ sheet holds ROWS data rows (the
plan's rows repeated, each with an invalid status: every row is marked, VAL_002, and every repeat is also a
duplicate row, STRUCT_013), then runs in a fresh process (scripts/_measure.py: CPU seconds of the process
tree, wall seconds, peak PSS): `validate` alone, and `validate --annotate` into a fresh folder.
Target: 99,000 marked rows annotated in under 30 s and 1 GiB.
Run: python scripts/bench_annotate.py [ROWS] [--json]
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import run  # noqa: E402

ROW = re.compile(r'<row r="(\d+)".*?</row>', re.S)
REF = re.compile(r' r="([A-Z]+)\d+"')
TARGET = "xl/worksheets/sheet3.xml"  # Tiến độ: the third sheet xlsxwriter writes


def make_file(rows: int, folder: Path) -> Path:
    """A submission whose entry sheet has rows data rows, each with the invalid status "xong"."""
    from cchc_excel import builtin_plan, parse_period, write_shared_workbook

    shared = write_shared_workbook(builtin_plan(), parse_period("2021-H1"), folder / "shared.xlsx")
    with zipfile.ZipFile(shared) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = parts[TARGET].decode("utf-8")
    start, end = sheet.index("<sheetData>") + len("<sheetData>"), sheet.index("</sheetData>")
    templates = [m.group(0) for m in ROW.finditer(sheet[start:end]) if int(m.group(1)) >= 5]
    head = "".join(m.group(0) for m in ROW.finditer(sheet[start:end]) if int(m.group(1)) < 5)
    assert templates, "the shared workbook's entry sheet has no rows"
    body = []
    for number in range(5, rows + 5):
        row = templates[(number - 5) % len(templates)]
        row = re.sub(r'<row r="\d+"', f'<row r="{number}"', row, count=1)
        row = REF.sub(lambda m: f' r="{m.group(1)}{number}"', row)
        row = re.sub(r'<c r="G\d+" s="(\d+)"/>', lambda m: f'<c r="G{number}" s="{m.group(1)}" t="inlineStr">'
                     '<is><t>xong</t></is></c>', row, count=1)
        body.append(row)
    sheet = sheet[:start] + head + "".join(body) + sheet[end:]
    sheet = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:N{rows + 4}"/>', sheet, count=1)
    target = folder / f"don-vi-{rows}.xlsx"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, sheet.encode("utf-8") if name == TARGET else data)
    return target


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--json"]
    rows = int(args[0]) if args else 99_000
    with tempfile.TemporaryDirectory(prefix="bench-annotate-") as tmp:
        folder = Path(tmp)
        source = make_file(rows, folder)
        base = [sys.executable, "-m", "cchc_excel", "validate", str(source), "--json"]
        results = {}
        for label, command in (("validate", base), ("validate --annotate", base + ["--annotate", str(folder / "out")])):
            cost = run(command)
            results[label] = {"cpu_s": round(cost.cpu_s, 2), "wall_s": round(cost.wall_s, 2),
                              "peak_mb": round(cost.peak_mb, 1)}
        copy = folder / "out" / source.name
        results["copy_mb"] = round(copy.stat().st_size / 2**20, 2) if copy.exists() else None
    if "--json" in sys.argv:
        print(json.dumps({"rows": rows, **results}, indent=1))
        return
    print(f"{rows:,} marked rows; CPU of the process tree, wall, peak PSS; annotated copy {results['copy_mb']} MB")
    for label in ("validate", "validate --annotate"):
        r = results[label]
        print(f"{label:>20}: CPU {r['cpu_s']:7.2f} s  wall {r['wall_s']:7.2f} s  peak {r['peak_mb']:8.1f} MB")


if __name__ == "__main__":
    main()
