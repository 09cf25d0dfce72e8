"""Any agency's plan end to end: from the appendix alone to the shared workbook, the report header, the master."""
from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_excel import PlanError, load_plan
from cchc_excel.cli import main
from conftest import make_workbook

APPENDIX = [
    ["ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"],
    ["PHỤ LỤC"],
    ["(Kèm theo Kế hoạch số 138/KH-UBND ngày 13 tháng 9 năm 2019 của Ủy ban nhân dân tỉnh Kiên Giang)"],
    [],
    ["TT", "Nhiệm vụ", "Cơ quan chủ trì/phối hợp", "Thời gian hoàn thành", "Sản phẩm"],
    ["I", "CẢI CÁCH THỂ CHẾ"],
    [1, "Rà soát văn bản", "Sở Tư pháp (chủ trì); Sở Nội vụ, UBND các huyện, thành phố (phối hợp)", "Quý II/2022",
     "Báo cáo"],
    ["II", "CẢI CÁCH TTHC"],
    [1, "Công khai TTHC", "Văn phòng UBND tỉnh; Sở Nội vụ", "Hằng năm", "Danh mục"],
    [None, "Nơi nhận:"],
]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_plan_command_from_the_appendix_alone_to_the_shared_workbook(tmp_path):
    appendix = make_workbook(tmp_path / "phu-luc.xlsx", {"Sheet1": APPENDIX})
    result = run("plan", appendix, "-o", tmp_path / "ke-hoach.xlsx")
    assert result.exit_code == 0, result.output
    assert "Địa danh" in result.output and "Người ký" in result.output and "UBND các huyện, thành phố" in result.output
    book = openpyxl.load_workbook(tmp_path / "ke-hoach.xlsx")
    facts = {row[0]: row[1] for row in book["Thông tin"].iter_rows(values_only=True)}
    assert (facts["Số, ký hiệu"], facts["Cơ quan ban hành"]) == ("138/KH-UBND", "Ủy ban nhân dân tỉnh Kiên Giang")
    assert facts["Ngày ban hành"].date() == date(2019, 9, 13) and facts["Cơ quan chủ quản"] is None
    units = [row for row in book["Đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert [(u[1], u[4]) for u in units] == [
        ("Sở Tư pháp", "Đơn vị trực thuộc"), ("Sở Nội vụ", "Đơn vị trực thuộc"),
        ("UBND các huyện, thành phố", "Nhóm đơn vị"), ("Văn phòng UBND tỉnh", "Đơn vị trực thuộc")]
    with pytest.raises(PlanError) as caught:
        load_plan(tmp_path / "ke-hoach.xlsx")  # not yet: the place, the signer and the group's members
    assert {p.code for p in caught.value.problems} == {"PLAN_010", "UNIT_006"}

    # The Office fills what was listed, then init takes the plan as is.
    facts_sheet, unit_sheet = book["Thông tin"], book["Đơn vị"]
    for row in facts_sheet.iter_rows():
        row[1].value = {"Địa danh": "Kiên Giang", "Người ký": "Lâm Minh Thành"}.get(row[0].value, row[1].value)
    unit_sheet.append(["CT", "UBND huyện Châu Thành", "", "", "Đơn vị trực thuộc", ""])
    unit_sheet.cell(4, 6).value = "CT"
    book.save(tmp_path / "ke-hoach.xlsx")
    plan = load_plan(tmp_path / "ke-hoach.xlsx")
    assert [(r.item.code, r.item.display_code, r.unit.name, r.role.value) for r in plan.entry_rows()] == [
        ("I.1", "1", "Sở Tư pháp", "Chủ trì"), ("I.1", "1", "Sở Nội vụ", "Phối hợp"),
        ("I.1", "1", "UBND huyện Châu Thành", "Phối hợp"),
        ("II.1", "1", "Văn phòng UBND tỉnh", "Chủ trì"), ("II.1", "1", "Sở Nội vụ", "Phối hợp")]
    result = run("init", "--plan", tmp_path / "ke-hoach.xlsx", "--period", "2022-H1", "-o", tmp_path / "chung.xlsx")
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(tmp_path / "chung.xlsx")["Kế hoạch"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"
    assert ["TT", "Nhiệm vụ", "Cơ quan chủ trì/phối hợp", "Thời gian hoàn thành", "Sản phẩm"] in cells
    assert ["I", "CẢI CÁCH THỂ CHẾ", None, None, None] in cells
