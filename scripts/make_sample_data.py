"""Write workbooks/mau/: the per-unit copies of the built-in plan for 2021-H1, filled as staff would.

Three units reply (Phòng Đầu tư XDCB does not): Văn phòng Sở and Trung tâm XTĐT&HTDN correctly, Phòng ĐKKD
with the mistakes the Office sees most (a status typed by hand, "Hoàn thành" without evidence, a date in the
wrong order, a missing name). Run: python scripts/make_sample_data.py
"""
from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import openpyxl

from cchc_excel import builtin_plan, parse_period
from cchc_excel.split import split_workbook
from cchc_excel import write_shared_workbook

OUT = Path(__file__).resolve().parent.parent / "workbooks" / "mau"
PERIOD = parse_period("2021-H1")

RESULTS = {
    "Hoàn thành": ("Đã ban hành văn bản triển khai và tổ chức thực hiện đầy đủ trong kỳ.",
                   "Kế hoạch số {n}/KH-SKHĐT ngày {d:%d/%m/%Y}"),
    "Đang thực hiện": ("Đã phổ biến đến công chức, viên chức; đang theo dõi, đôn đốc thực hiện.", ""),
    "Không phát sinh": ("Trong kỳ không phát sinh thủ tục thay đổi nên không phải cập nhật.", ""),
}
PEOPLE = {"VP": "Trần Thị Mai", "XTDT": "Lê Văn Hùng", "DKKD": "Nguyễn Thị Lan"}


def status_for(code: str, row: int) -> str:
    return "Không phát sinh" if code == "5" else ("Hoàn thành" if row % 3 == 0 else "Đang thực hiện")


def fill(path: Path, unit: str, mistakes: bool) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Tiến độ"]
    for row in range(5, sheet.max_row + 1):
        code = sheet.cell(row, 1).value
        status = status_for(code, row)
        done = date(2021, 5, 1 + row % 27)
        result, evidence = RESULTS[status]
        values = {"G": status, "H": result, "I": evidence.format(n=100 + row, d=done) or None,
                  "J": done if status == "Hoàn thành" else None, "M": PEOPLE[unit], "N": date(2021, 6, 10)}
        for column, value in values.items():
            sheet[f"{column}{row}"] = value
    if mistakes:
        sheet["G6"] = "Xong"                           # not one of the four statuses
        sheet["I8"], sheet["G8"] = None, "Hoàn thành"  # done without evidence
        sheet["J8"] = "5/28/2021"                      # month first: not a date
        sheet["M9"] = None                             # who filled the row?
        sheet["K10"] = "Thiếu nhân lực tiếp nhận hồ sơ trực tuyến."
    workbook.save(path)


def main() -> None:
    plan = builtin_plan()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.xlsx"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        shared = write_shared_workbook(plan, PERIOD, Path(tmp) / "shared.xlsx")
        copies = split_workbook(shared, PERIOD, Path(tmp) / "copies")
        for path in copies:
            unit = next(u.code for u in plan.registry.internal if path.name.startswith(_prefix(u)))
            if unit in PEOPLE:
                fill(path, unit, mistakes=unit == "DKKD")
                target = OUT / path.name
                target.write_bytes(path.read_bytes())
                print(target)


def _prefix(unit) -> str:
    from cchc_excel.model.text import ascii_slug
    return ascii_slug(unit.label) + "_"


if __name__ == "__main__":
    main()
