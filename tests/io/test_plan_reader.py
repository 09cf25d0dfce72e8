"""The plan importer on appendix variants made inline, and on broken ones (clear errors, no half plan)."""
from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from cchc_excel import PlanError, Role, WorkbookReadError, load_plan
from conftest import FACTS, UNITS, make_workbook

ITEM_1 = ["1", "Sáng kiến", "- Viết sáng kiến\n- Nhân rộng sáng kiến", "Văn phòng Sở",
          "Các phòng, TT", "Thường xuyên"]


def problems(err: PlanError) -> set[tuple[str, str, str]]:
    return {(p.code, p.sheet, p.cell) for p in err.problems}


def test_merged_cells_float_codes_bullets_and_spacer_rows(plan_file):
    path = plan_file([
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        ITEM_1,
        [None] * 6,
        [2, "Văn bản QPPL", "Rà soát văn bản", "Phòng Tổng hợp - Quy hoạch", "Sở Nội vụ", "Trong năm 2022"],
        [2.1, "Tính khả thi", None, None, None, None],
        [2.2, "Tính kịp thời", None, None, None, None],
        [None] * 6,
    ], merges=["C7:C9", "D7:D9", "E7:E9", "F7:F9"], lead_rows=2)
    plan = load_plan(path)
    assert [i.code for i in plan.items] == ["1", "2", "2.1", "2.2"]
    assert plan.item("1").solution_lines == ("Viết sáng kiến", "Nhân rộng sáng kiến")
    sub = plan.item("2.2")
    assert (sub.solution, sub.lead_text, sub.timeframe) == ("Rà soát văn bản", "Phòng Tổng hợp - Quy hoạch",
                                                             "Trong năm 2022")
    assert sub.inherited == {"solution", "lead", "partner", "timeframe"}
    assert sub.schedule.year == 2022
    assert [(r.item.code, r.unit.code, r.role) for r in plan.entry_rows() if r.item.code == "2.1"] == [
        ("2.1", "THQH", Role.LEAD)]


def test_blank_cells_under_a_parent_are_inherited_without_merges(plan_file):
    plan = load_plan(plan_file([
        ["2", "Văn bản QPPL", "Rà soát", "Văn phòng Sở", "", "Thường xuyên"],
        ["2.1", "Tính khả thi", "", "", "", ""],
    ]))
    assert plan.item("2.1").lead_text == "Văn phòng Sở"
    assert plan.item("2.1").inherited == {"solution", "lead", "timeframe"}


def test_header_in_other_spacing_case_and_unicode_form(plan_file):
    header = [unicodedata.normalize("NFD", h) for h in
              [" stt ", "LĨNH VỰC / TIÊU CHÍ / TIÊU CHÍ THÀNH PHẦN", "giải  pháp", "Đơn vị\nchủ trì thực hiện",
               "ĐƠN VỊ PHỐI HỢP", "Thời gian thực hiện:"]]
    plan = load_plan(plan_file([ITEM_1], header=header, sheet="Sheet1"))
    assert plan.item("1").criterion == "Sáng kiến"


def test_decomposed_text_is_stored_nfc(plan_file):
    nfd = [unicodedata.normalize("NFD", str(v)) for v in ITEM_1]
    plan = load_plan(plan_file([nfd]))
    item = plan.item("1")
    assert item.criterion == "Sáng kiến" and unicodedata.is_normalized("NFC", item.solution)
    assert [r.unit.code for r in plan.entry_rows()] == ["VP", "THQH", "QLXD"]


def test_section_headings_and_continued_rows(plan_file):
    plan = load_plan(plan_file([
        ["I", "CẢI CÁCH THỂ CHẾ", None, None, None, None],
        ITEM_1,
        [None, None, "- Báo cáo kết quả", None, None, None],
    ], merges=["A3:A4", "B3:B4"]))
    item = plan.item("1")
    assert item.section == "CẢI CÁCH THỂ CHẾ"
    assert item.solution_lines == ("Viết sáng kiến", "Nhân rộng sáng kiến", "Báo cáo kết quả")


def test_a_parent_whose_children_carry_the_work(plan_file):
    plan = load_plan(plan_file([
        ["3", "Cải cách TTHC", None, None, None, None],
        ["3.1", "Công khai TTHC", "Niêm yết", "Văn phòng Sở", None, "Thường xuyên"],
    ]))
    assert [r.item.code for r in plan.entry_rows()] == ["3.1"]


def test_broken_appendix_lists_every_problem_with_its_cell(plan_file):
    path = plan_file([
        ITEM_1,
        ["1", "Trùng STT", "x", "Văn phòng Sở", None, "Thường xuyên"],
        ["x.1", "STT sai", "x", "Văn phòng Sở", None, "Thường xuyên"],
        ["4.1", "Không có tiêu chí cha", "x", "Văn phòng Sở", None, "Thường xuyên"],
        ["5", "Thiếu chủ trì", "x", None, None, "Thường xuyên"],
        ["6", "Đơn vị lạ", "x", "Phòng Kế toán", "Văn phòng Sỏ", "Thường xuyên"],
        [None, "Không STT", "x", "Văn phòng Sở", None, "Thường xuyên"],
    ])
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert problems(caught.value) == {
        ("PLAN_005", "Phụ lục", "A3"), ("PLAN_003", "Phụ lục", "A4"),
        ("PLAN_007", "Phụ lục", "D6"), ("UNIT_001", "Phụ lục", "D7"), ("UNIT_001", "Phụ lục", "E7"),
        ("PLAN_004", "Phụ lục", "A8"),
    }
    unknown = [p for p in caught.value.problems if p.cell == "E7"][0]
    assert "Văn phòng Sở" in unknown.message() and "Có phải là" in unknown.message()
    assert "Did you mean" in unknown.message("en")
    assert "'Phụ lục'!D6" in str(caught.value)


def test_missing_column_lists_the_accepted_spellings_and_a_missing_table(plan_file):
    header = ["STT", "Tiêu chí", "Giải pháp", "Đơn vị chủ trì", "Đơn vị phối hợp"]
    with pytest.raises(PlanError) as caught:
        load_plan(plan_file([ITEM_1[:5]], header=header))
    assert problems(caught.value) == {("PLAN_002", "Phụ lục", "A1")}
    assert "Thời gian thực hiện" in str(caught.value) and "\"Thời hạn hoàn thành\"" in str(caught.value)
    with pytest.raises(PlanError) as caught:
        load_plan(plan_file([["a", "b"]], header=["Cột 1", "Cột 2"]))
    assert {p.code for p in caught.value.problems} == {"PLAN_001"}


def test_empty_appendix(plan_file):
    with pytest.raises(PlanError) as caught:
        load_plan(plan_file([[None] * 6]))
    assert {p.code for p in caught.value.problems} == {"PLAN_008"}


def test_bad_facts_and_units(tmp_path):
    facts = [row for row in FACTS if row[0] != "Người ký"] + [["Ngày ban hành", "31/02/2022"]]
    units = UNITS + [["X", "Đơn vị X", "", "", "Phòng ban", ""], ["Y", "Nhóm Y", "", "", "Nhóm đơn vị", "ZZ"],
                     ["VP2", "Văn phòng Sở", "", "", "Đơn vị trực thuộc", ""]]
    path = make_workbook(tmp_path / "p.xlsx", {"Phụ lục": [["STT", "Tiêu chí", "Giải pháp", "Đơn vị chủ trì",
                                                              "Đơn vị phối hợp", "Thời gian"], ITEM_1],
                                               "Thông tin": facts, "Đơn vị": units})
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert {(p.code, p.cell) for p in caught.value.problems} == {
        ("PLAN_010", ""), ("PLAN_011", "B6"), ("UNIT_004", "E8"), ("UNIT_005", "F9"), ("UNIT_003", "B10")}


def test_missing_sheets(tmp_path):
    path = make_workbook(tmp_path / "p.xlsx", {"Phụ lục": [["STT"]]})
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert {(p.code, p.sheet) for p in caught.value.problems} >= {("PLAN_009", "Đơn vị"), ("PLAN_009", "Thông tin")}


def test_facts_in_vietnamese_number_and_date_text(plan_file):
    facts = FACTS[:1] + [["Ngày ban hành", "01/03/2022"], ["Điểm đạt được", "83,804"], ["Xếp hạng", "8"]] + FACTS[2:]
    plan = load_plan(plan_file([ITEM_1], facts=facts))
    assert plan.facts.date == date(2022, 3, 1) and str(plan.facts.score) == "83.804" and plan.facts.rank == 8


@pytest.mark.parametrize("content, code", [
    (b"%PDF-1.4 not a workbook", "READ_002"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "READ_007"),
    (b"PK\x03\x04truncated", "READ_005"),
])
def test_files_that_are_not_workbooks(tmp_path, content, code):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookReadError) as caught:
        load_plan(path)
    assert caught.value.code == code and str(path) in str(caught.value)


def test_missing_and_lock_files(tmp_path):
    with pytest.raises(WorkbookReadError) as caught:
        load_plan(tmp_path / "none.xlsx")
    assert caught.value.code == "READ_001"
    lock = tmp_path / "~$plan.xlsx"
    lock.write_bytes(b"owner")
    with pytest.raises(WorkbookReadError) as caught:
        load_plan(lock)
    assert caught.value.code == "READ_004"
