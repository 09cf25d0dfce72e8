"""Appendices as agencies type them, each loaded as typed: the exact task × unit × role × due date table."""
from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from cchc_excel import PlanError, Role, load_plan, parse_period, write_shared_workbook
from conftest import make_workbook

H1_END = date(2022, 6, 14)  # the end of the 2022-H1 reporting data: recurring tasks are due at their period's end
L, P = Role.LEAD, Role.PARTNER


def same_plan_from_its_shared_workbook(plan, tmp_path):
    """The shared workbook's `Kế hoạch` sheet is the appendix as issued, and reads back as the same plan."""
    path = write_shared_workbook(plan, parse_period("2022-H1"), tmp_path / "shared.xlsx")
    again = load_plan(path)
    assert again.fingerprint() == plan.fingerprint() and again.shape.columns == plan.shape.columns
    assert table(again) == table(plan)
    return openpyxl.load_workbook(path)["Kế hoạch"]


def table(plan) -> list[tuple[str, str, str, date | None]]:
    """(task key, unit code, role, due date) of every entry row, in order."""
    return [(r.item.code, r.unit.code, r.role.name[0], r.item.schedule.due_for(H1_END)) for r in plan.entry_rows()]


PROVINCE_UNITS = [
    ["Mã", "Tên đơn vị", "Tên viết tắt", "Tên gọi khác", "Loại", "Thành viên"],
    ["SNV", "Sở Nội vụ", "", "", "Đơn vị trực thuộc", ""],
    ["STP", "Sở Tư pháp", "", "", "Đơn vị trực thuộc", ""],
    ["VP", "Văn phòng UBND tỉnh", "VP UBND tỉnh", "VPUBND", "Đơn vị trực thuộc", ""],
    ["STTTT", "Sở Thông tin và Truyền thông", "Sở TT&TT", "", "Đơn vị trực thuộc", ""],
    ["HUYEN", "UBND các huyện, thành phố", "", "", "Nhóm đơn vị", "HCT; HGQ"],
    ["HCT", "UBND huyện Châu Thành", "", "", "Đơn vị trực thuộc", ""],
    ["HGQ", "UBND thành phố Rạch Giá", "", "", "Đơn vị trực thuộc", ""],
    ["BNV", "Bộ Nội vụ", "", "", "Cơ quan bên ngoài", ""],
]
PROVINCE_FACTS = [["Địa danh", "Kiên Giang"], ["Người ký", "Lâm Minh Thành"], ["Chức vụ người ký", "CHỦ TỊCH"]]


def province_plan(tmp_path, rows, merges=(), header=None, title=True, facts=PROVINCE_FACTS):
    lead = [["ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"], [None],
            ["PHỤ LỤC"], ["NHIỆM VỤ KHẮC PHỤC HẠN CHẾ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH"],
            ["(Kèm theo Kế hoạch số 138/KH-UBND ngày 13 tháng 9 năm 2019 của Ủy ban nhân dân tỉnh Kiên Giang)"],
            [None]] if title else []
    sheets = {"Phụ lục": lead + [header] + rows, "Thông tin": facts, "Đơn vị": PROVINCE_UNITS}
    return make_workbook(tmp_path / "plan.xlsx", sheets, {"Phụ lục": list(merges)})


def test_province_sections_restarting_numbers_combined_units_column_and_a_signature_below(tmp_path):
    header = ["TT", "Nội dung công việc", "Cơ quan chủ trì/phối hợp", "Thời gian hoàn thành", "Sản phẩm"]
    path = province_plan(tmp_path, [
        ["I.", "CẢI CÁCH THỂ CHẾ", None, None, None],
        [1, "Rà soát văn bản QPPL", "Sở Tư pháp (chủ trì); Sở Nội vụ, VP UBND tỉnh (phối hợp)", "Quý II/2022",
         "Báo cáo rà soát"],
        [2, "Kiểm tra thi hành", "Sở Tư pháp", "6 tháng đầu năm", "Kết luận kiểm tra"],
        ["II.", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", None, None, None],
        [1, "Công khai TTHC", "- Chủ trì: Văn phòng UBND tỉnh\n- Phối hợp: UBND các huyện, thành phố",
         "Tháng 9/2022", None],
        [None, "Tổng cộng: 3 nhiệm vụ", None, None, None],
        ["Nơi nhận:", None, "KT. CHỦ TỊCH", None, None],
    ], header=header)
    plan = load_plan(path)
    assert table(plan) == [
        ("I.1", "STP", "L", date(2022, 6, 30)), ("I.1", "SNV", "P", date(2022, 6, 30)),
        ("I.1", "VP", "P", date(2022, 6, 30)),
        ("I.2", "STP", "L", date(2019, 6, 30)),  # "6 tháng đầu năm" of the plan's year (2019)
        ("II.1", "VP", "L", date(2022, 9, 30)), ("II.1", "HCT", "P", date(2022, 9, 30)),
        ("II.1", "HGQ", "P", date(2022, 9, 30)),
    ]
    item = plan.item("II.1")
    assert (item.display_code, item.section_code, item.section) == ("1", "II.", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH")
    assert item.criterion == "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"  # no criterion column: the section names it
    assert plan.item("I.1").extras == ("Báo cáo rà soát",) and plan.shape.extra_headers == ("Sản phẩm",)
    assert [(p.code, p.cell) for p in plan.warnings] == [("PLAN_012", "A13")]
    facts = plan.facts
    assert (facts.number, facts.date, facts.agency, facts.parent_body) == (
        "138/KH-UBND", date(2019, 9, 13), "Ủy ban nhân dân tỉnh Kiên Giang", "")
    sheet = same_plan_from_its_shared_workbook(plan, tmp_path)
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG" and "138/KH-UBND" in values[3][0]
    assert values[5] == ["TT", "Nội dung công việc", "Cơ quan chủ trì/phối hợp", "Thời gian hoàn thành", "Sản phẩm"]
    assert values[6][:2] == ["I.", "CẢI CÁCH THỂ CHẾ"] and values[7][0] == "1" and values[9][:2] == ["II.",
                                                                                                      "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"]


def test_two_row_header_sections_without_dot_sub_criteria_without_parents_and_date_cells(tmp_path):
    header_top = ["STT", "Tiêu chí, tiêu chí thành phần", "Nhiệm vụ", "Cơ quan thực hiện", None, "Thời gian",
                  "Ghi chú"]
    header_sub = [None, None, None, "Chủ trì", "Phối hợp", "Hoàn thành", None]
    path = province_plan(tmp_path, [
        header_sub,
        ["I", "Công tác chỉ đạo, điều hành", None, None, None, None, None],
        ["1.3.2", "Tỷ lệ thực hiện kế hoạch", "Theo dõi kế hoạch", "Sở Nội vụ", "Sở Tư pháp", date(2022, 6, 30),
         "Mất 0,5 điểm"],
        ["II", "Cải cách TTHC", None, None, None, None, None],
        ["3.4.5", "Số hóa hồ sơ", "Số hóa kết quả", "Sở TT&TT", None, "Trước ngày 30 tháng 6 năm 2022", None],
    ], header=header_top, merges=["A7:A8", "B7:B8", "C7:C8", "D7:E7", "G7:G8"])
    plan = load_plan(path)
    assert table(plan) == [
        ("1.3.2", "SNV", "L", date(2022, 6, 30)), ("1.3.2", "STP", "P", date(2022, 6, 30)),
        ("3.4.5", "STTTT", "L", date(2022, 6, 30)),
    ]
    assert plan.item("1.3.2").timeframe == "30/06/2022"  # a date cell, shown as the agency reads it
    assert plan.item("1.3.2").extras == ("Mất 0,5 điểm",)
    assert [(c.field, c.header, c.group) for c in plan.shape.columns][3:6] == [
        ("lead", "Chủ trì", "Cơ quan thực hiện"), ("partner", "Phối hợp", "Cơ quan thực hiện"),
        ("timeframe", "Hoàn thành", "Thời gian")]
    sheet = same_plan_from_its_shared_workbook(plan, tmp_path)
    assert "D6:E6" in {str(r) for r in sheet.merged_cells.ranges} and sheet.print_title_rows == "$6:$7"


def test_several_tasks_under_one_merged_criterion_each_with_its_units_and_deadline(tmp_path):
    header = ["STT", "Tiêu chí", "Giải pháp", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"]
    path = province_plan(tmp_path, [
        ["2.1", "Tính khả thi của văn bản", "Rà soát quy trình", "Sở Tư pháp", "Sở Nội vụ", "Tháng 9/2022"],
        [None, None, "Tập huấn cán bộ", "Sở Nội vụ", None, "Trước 30/6/2022"],
        [None, None, "- Tổng hợp báo cáo", None, None, None],
        ["2.2", "Tính kịp thời", "Theo dõi", "Văn phòng UBND tỉnh", None, "Quý IV/2022"],
    ], header=header, merges=["A8:A10", "B8:B10"])
    plan = load_plan(path)
    assert table(plan) == [
        ("2.1a", "STP", "L", date(2022, 9, 30)), ("2.1a", "SNV", "P", date(2022, 9, 30)),
        ("2.1b", "SNV", "L", date(2022, 6, 30)),
        ("2.2", "VP", "L", date(2022, 12, 31)),
    ]
    second = plan.item("2.1b")
    assert (second.display_code, second.criterion) == ("2.1", "Tính khả thi của văn bản")
    assert second.solution_lines == ("Tập huấn cán bộ", "Tổng hợp báo cáo")  # a row continued, not a task
    sheet = same_plan_from_its_shared_workbook(plan, tmp_path)
    assert {"A7:A8", "B7:B8"} <= {str(r) for r in sheet.merged_cells.ranges}  # two tasks under one STT


def test_no_coordinating_column_unit_cell_forms_numbers_and_recurring_deadlines(tmp_path):
    header = ["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian thực hiện"]
    path = province_plan(tmp_path, [
        [2.9, "Rà soát", "Sở Nội vụ & Sở Tư pháp", "Hằng năm"],
        [2.1, "Kiểm tra", "Sở Nội vụ và Sở Tư pháp./.", "6 tháng/lần"],
        [3, "Cập nhật", "1. Sở Tư pháp\n2. Văn phòng UBND tỉnh", "Thường xuyên"],
        [None, "- Công bố trên Cổng thông tin", None, None],  # a line of task 3 typed on its own row
        [4, "Báo cáo", "a) Sở Nội vụ\n(tổng hợp chung)", "Khi có thay đổi"],
    ], header=header)
    plan = load_plan(path)
    assert table(plan) == [
        ("2.9", "SNV", "L", date(2022, 12, 31)), ("2.9", "STP", "L", date(2022, 12, 31)),
        ("2.10", "SNV", "L", date(2022, 6, 30)), ("2.10", "STP", "L", date(2022, 6, 30)),
        ("3", "STP", "L", date(2022, 12, 31)), ("3", "VP", "L", date(2022, 12, 31)),
        ("4", "SNV", "L", None),
    ]
    assert plan.item("4").assignments[0].scope == "tổng hợp chung"  # a note on its own line, not a unit
    assert plan.item("3").solution_lines == ("Cập nhật", "Công bố trên Cổng thông tin")
    assert not plan.warnings
    same_plan_from_its_shared_workbook(plan, tmp_path)


def test_criterion_merged_over_numbered_tasks_with_result_and_note_columns(tmp_path):
    header = ["STT", "Tiêu chí, tiêu chí thành phần", "Nhiệm vụ, giải pháp khắc phục", "Cơ quan chủ trì",
              "Cơ quan phối hợp", "Thời gian hoàn thành", "Kết quả cần đạt", "Ghi chú"]
    path = province_plan(tmp_path, [
        [1, "Công khai TTHC", "Niêm yết TTHC", "Văn phòng UBND tỉnh", "UBND các huyện, thành phố",
         "Quý III/2022", "100% TTHC", None],
        [2, None, "Cập nhật CSDL", "Sở TT&TT", None, "Tháng 12/2022", "CSDL đầy đủ", "Mới"],
        [None, None, None, None, None, None, None, "Bổ sung 2022"],  # a note alone in an extra column
        [None, None, None, None, None, None, None, None],
        ["Nơi nhận:", None, None, None, None, None, None, None],
        ["- Bộ Nội vụ;", None, None, None, None, None, None, None],
    ], header=header, merges=["B8:B9"])
    plan = load_plan(path)
    assert table(plan) == [
        ("1", "VP", "L", date(2022, 9, 30)), ("1", "HCT", "P", date(2022, 9, 30)), ("1", "HGQ", "P", date(2022, 9, 30)),
        ("2", "STTTT", "L", date(2022, 12, 31)),
    ]
    assert plan.item("2").criterion == "Công khai TTHC" and "criterion" in plan.item("2").merged_above
    assert plan.item("2").extras == ("CSDL đầy đủ", "Mới\nBổ sung 2022")
    assert [p.code for p in plan.warnings] == ["PLAN_012"]
    same_plan_from_its_shared_workbook(plan, tmp_path)


def test_lettered_full_width_sections_points_column_and_an_unreadable_deadline(tmp_path):
    header = ["STT", "Lĩnh vực/Tiêu chí", "Giải pháp", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian", "Điểm"]
    facts = PROVINCE_FACTS + [["Số, ký hiệu", "45/KH-UBND"], ["Ngày ban hành", "02/03/2022"],
                              ["Cơ quan ban hành", "UBND huyện Châu Thành"]]
    path = province_plan(tmp_path, [
        ["A", "CHỈ SỐ PAPI", None, None, None, None, None],
        [1, "Công khai", "Niêm yết", "Sở Nội vụ", None, "Sau khi có hướng dẫn", 1.5],
        ["B. CHỈ SỐ PCI", "B. CHỈ SỐ PCI", "B. CHỈ SỐ PCI", "B. CHỈ SỐ PCI", "B. CHỈ SỐ PCI", "B. CHỈ SỐ PCI",
         "B. CHỈ SỐ PCI"],
        [1, "Chi phí thời gian", "Giảm thời gian", "Sở Tư pháp", "Sở Nội vụ", "Năm 2023", 2],
    ], header=header, title=False, facts=facts, merges=["A4:G4"])
    plan = load_plan(path)
    assert table(plan) == [
        ("A.1", "SNV", "L", None),
        ("B.1", "STP", "L", date(2023, 12, 31)), ("B.1", "SNV", "P", date(2023, 12, 31)),
    ]
    assert [(p.code, p.cell, p.value) for p in plan.warnings] == [("PLAN_013", "F3", "Sau khi có hướng dẫn")]
    assert plan.item("B.1").section == "CHỈ SỐ PCI" and plan.item("A.1").extras == ("1.5",)
    same_plan_from_its_shared_workbook(plan, tmp_path)


def test_unknown_names_are_reported_one_by_one_with_the_split_made(tmp_path):
    header = ["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian"]
    path = province_plan(tmp_path, [[1, "Rà soát", "Sở Y tế, Sở Tài chính và Sở Nội vụ", "Quý II/2022"]],
                         header=header)
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    unknown = [p for p in caught.value.problems if p.code == "UNIT_001"]
    assert [(p.cell, p.value) for p in unknown] == [("C8", "Sở Y tế"), ("C8", "Sở Tài chính")]
    assert '"Sở Y tế" | "Sở Tài chính" | "Sở Nội vụ"' in unknown[0].message()


@pytest.mark.parametrize("line, expected", [
    ("(Kèm theo Kế hoạch số 138/KH-UBND ngày 13 tháng 9 năm 2019 của Ủy ban nhân dân tỉnh Kiên Giang)",
     {"number": "138/KH-UBND", "date": "13/9/2019", "agency": "Ủy ban nhân dân tỉnh Kiên Giang"}),
    ("(Kèm theo Kế hoạch số: 45/KH-UBND, ngày 02/3/2022 của UBND huyện Châu Thành)",
     {"number": "45/KH-UBND", "date": "2/3/2022", "agency": "UBND huyện Châu Thành"}),
    ("(Ban hành kèm theo Quyết định số 12/QĐ-SNV ngày 5 tháng 1 năm 2023)",
     {"number": "12/QĐ-SNV", "date": "5/1/2023"}),
    ("PHỤ LỤC", {}),
])
def test_facts_from_the_title_block(line, expected):
    from cchc_excel.io.plan_reader import title_facts

    assert title_facts(("PHỤ LỤC", line)) == expected


def test_a_date_cell_shown_as_a_month_or_a_year_is_due_at_its_end_and_shown_so(tmp_path):
    """An appendix typed with date cells formatted to show a month ("06/2022", "Tháng 12/2022") or a year: the cell
    holds the 1st, but the agency reads "by June 2022". It used to be shown and due as 01/06/2022."""
    header = ["STT", "Tiêu chí", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"]
    path = province_plan(tmp_path, [
        ["1", "Chỉ đạo điều hành", "Ban hành kế hoạch", "Sở Nội vụ", None, date(2022, 6, 1)],
        ["2", "Cải cách TTHC", "Công khai TTHC", "Sở Tư pháp", None, date(2022, 12, 1)],
        ["3", "Số hóa", "Số hóa hồ sơ", "Sở TT&TT", None, date(2022, 1, 1)],
        ["4", "Kiểm tra", "Kiểm tra thi hành", "Sở Nội vụ", None, date(2022, 9, 30)],
    ], header=header)
    workbook = openpyxl.load_workbook(path)
    formats = {"F8": "mm/yyyy", "F9": '"Tháng "m/yyyy', "F10": "yyyy", "F11": "dd/mm/yyyy"}
    for cell, number_format in formats.items():
        workbook["Phụ lục"][cell].number_format = number_format
    workbook.save(path)
    plan = load_plan(path)
    assert [(i.code, i.timeframe) for i in plan.items] == [
        ("1", "Tháng 6/2022"), ("2", "Tháng 12/2022"), ("3", "Năm 2022"), ("4", "30/09/2022")]
    assert [due for *_, due in table(plan)] == [date(2022, 6, 30), date(2022, 12, 31), date(2022, 12, 31),
                                                date(2022, 9, 30)]
