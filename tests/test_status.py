"""Overdue rows: not reported after the units' deadline, or not done after the plan's own deadline."""
from __future__ import annotations

from datetime import date

import openpyxl

from cchc_excel import master_status, merge_submissions, parse_period, write_shared_workbook


def test_overdue_rules(builtin, tmp_path):
    period = parse_period("2021-Y")
    copy = write_shared_workbook(builtin, period, tmp_path / "vp.xlsx", unit_code="VP")
    workbook = openpyxl.load_workbook(copy)
    sheet = workbook["Tiến độ"]
    for row in range(5, sheet.max_row + 1):
        status = "Chưa thực hiện" if sheet.cell(row, 1).value == "1" else "Đang thực hiện"
        for col, value in zip("GHMN", (status, "Đang làm", "A", date(2021, 12, 1))):
            sheet[f"{col}{row}"] = value
    workbook.save(copy)
    master = tmp_path / "m.xlsx"
    merge_submissions([copy], master, period=period, today=date(2021, 12, 10))
    early = master_status(master, period, today=date(2021, 12, 10))
    assert all(not u.overdue for u in early.units if u.code == "VP")
    late = master_status(master, period, today=date(2022, 1, 5))
    units = {u.code: u for u in late.units}
    vp = {row["item"]: row["reason"] for row in units["VP"].overdue}
    # "Trong năm 2021 …" items are due by 31/12/2021; "Thường xuyên" items have no deadline of their own.
    assert vp == {code: "plan_deadline" for code in ("1", "2", "2.1", "2.2", "2.3", "3", "4")}
    assert {row["reason"] for row in units["DKKD"].overdue} == {"not_reported"}
    assert units["DKKD"].counts == {"Chưa báo cáo": 15} and not units["DKKD"].submitted
