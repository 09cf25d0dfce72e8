"""Validation rules on filled copies of real shared workbooks: (cell, code) pairs, not prose."""
from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest

from cchc_excel import builtin_plan, load_plan
from cchc_excel.validate import validate_file
from conftest import TODAY, Text

ALL_ROWS = range(5, 64)


def found(path, plan=None, today=TODAY):
    report = validate_file(path, plan or builtin_plan(), today=today).report
    return {(p.cell, p.code) for p in report.problems}, report


def severities(report):
    return {p.code: p.severity for p in report.problems}


def test_a_clean_filled_shared_workbook_is_valid(filled):
    problems, report = found(filled(rows=ALL_ROWS))
    assert problems == set() and report.valid and report.errors == report.warnings == 0


def test_an_untouched_template_and_a_clean_unit_copy_are_valid(templates, filled):
    assert found(templates["shared"])[0] == set()
    assert found(filled(template="DKKD", rows=range(5, 5 + 10)))[0] == set()


def test_status_rules(filled):
    path = filled({
        "H5": "Đã làm một phần",                         # content without a status
        "G6": "Xong", "M6": "A",                         # not one of the four
        "G7": "hoàn thành", "H7": "x", "I7": "QĐ số 1/QĐ-SKHĐT", "J7": date(2021, 5, 1), "M7": "A",
        "G8": unicodedata.normalize("NFD", "Đang thực hiện"), "H8": "x", "M8": "A",
        "G9": "Hoàn thành", "M9": "A",                   # done without result, evidence, date
        "G10": "Đang thực hiện", "M10": "A",             # in progress without a result
        "G11": "Không phát sinh", "M11": "A",            # not applicable without a reason
    } | {f"N{row}": date(2021, 6, 10) for row in range(6, 12)})
    problems, report = found(path)
    assert problems == {
        ("G5", "VAL_001"), ("M5", "VAL_012"), ("N5", "VAL_023"), ("G6", "VAL_002"), ("G7", "VAL_003"), ("G8", "VAL_015"),
        ("H9", "VAL_004"), ("I9", "VAL_004"), ("J9", "VAL_004"), ("H10", "VAL_005"), ("H11", "VAL_006"),
    }
    assert severities(report)["VAL_003"] == "warning" and severities(report)["VAL_002"] == "error"


def test_pasted_over_dropdown_is_still_checked(filled):
    def paste(workbook):  # pasting removes the list validation; the value is checked anyway
        workbook["Tiến độ"].data_validations.dataValidation.clear()
    problems, _ = found(filled({"G12": "Done", "M12": "A", "H12": "x", "N12": date(2021, 6, 10)}, edit=paste))
    assert problems == {("G12", "VAL_002")}


def test_evidence_must_cite_a_document(filled):
    row = {"G": "Hoàn thành", "H": "x", "J": date(2021, 5, 1), "M": "A", "N": date(2021, 6, 10)}
    cells = {f"{c}5": v for c, v in row.items()} | {f"{c}6": v for c, v in row.items()}
    cells |= {f"{c}7": v for c, v in row.items()}
    cells |= {"I5": "Có báo cáo", "I6": "Công văn 45/SKHĐT-VP", "I7": "Báo cáo ngày 3/5/2021"}
    problems, report = found(filled(cells))
    assert problems == {("I5", "VAL_007")} and report.valid  # a warning never makes a file invalid


def test_dates(filled):
    base = {"G": "Hoàn thành", "H": "x", "I": "Kế hoạch số 1/KH-SKHĐT", "M": "A", "N": date(2021, 6, 18)}
    cells = {f"{c}{r}": v for r in range(5, 13) for c, v in base.items()}
    cells |= {
        "J5": Text("31/02/2021"),          # impossible date
        "J6": Text("5/15/2021"),           # US month-first: no 15th month
        "J7": Text("15.5.2021"),           # a date typed with dots: read day first, warned
        "J12": Text("15/5/2021"),          # a date typed as the template asks: read day first, no warning
        "J8": date(2021, 7, 1),            # in the future of TODAY (20/06/2021)
        "J9": date(2021, 6, 16),           # after the cut-off (14/06/2021)
        "J10": date(2020, 11, 30),         # before the period (15/12/2020)
        "J11": 44331,                      # an Excel serial number: 14/05/2021
        "N11": datetime(2021, 6, 1, 8, 30),
    }
    problems, _ = found(filled(cells))
    assert problems == {("J5", "VAL_008"), ("J6", "VAL_008"), ("J7", "VAL_016"), ("J8", "VAL_009"),
                        ("J9", "VAL_010"), ("J10", "VAL_011")}


def test_the_1904_date_system(filled):
    def to_1904(workbook):
        from openpyxl.utils.datetime import CALENDAR_MAC_1904
        workbook.epoch = CALENDAR_MAC_1904
    cells = {"G5": "Hoàn thành", "H5": "x", "I5": "KH số 1/KH-SKHĐT", "J5": date(2021, 5, 14), "M5": "A",
             "N5": date(2021, 6, 1)}
    path = filled(cells, edit=to_1904)
    problems, _ = found(path)
    assert problems == set()
    from cchc_excel.io.reader import read_workbook
    book = read_workbook(path)
    assert book.date1904 and book.sheet("Tiến độ").raw(5, 10) == date(2021, 5, 14)


def test_text_limits_control_characters_and_decomposed_text(filled):
    cells = {"G5": "Đang thực hiện", "H5": "x" * 40000, "M5": "A",
             "G6": "Đang thực hiện", "H6": "Tiến độ_x0007_ tốt", "M6": "A",
             "G7": "Đang thực hiện", "H7": unicodedata.normalize("NFD", "Đã triển khai"), "M7": "A"}
    cells |= {f"N{row}": date(2021, 6, 10) for row in (5, 6, 7)}
    problems, report = found(filled(cells))
    assert problems == {("H5", "VAL_013"), ("H6", "VAL_014"), ("H7", "VAL_015")}
    assert severities(report)["VAL_015"] == "warning"


def test_formulas_and_merged_cells_in_the_entry_area(filled):
    def merge(workbook):
        workbook["Tiến độ"].merge_cells("K8:L8")
    problems, _ = found(filled({"H6": "=1+1", "K7": "=SUM(1,2)"}, edit=merge))
    assert problems == {("H6", "STRUCT_015"), ("K7", "STRUCT_015"), ("K8", "STRUCT_014")}


def swap_columns(sheet, first, second):
    for row in range(4, sheet.max_row + 1):
        a, b = sheet[f"{first}{row}"], sheet[f"{second}{row}"]
        a.value, b.value = b.value, a.value


@pytest.mark.parametrize("cells, edit, expected", [
    ({"G4": "Trạng thái"}, None, {("G4", "STRUCT_003")}),
    ({"G4": None}, None, {("G4", "STRUCT_002")}),
    ({"H4": "Tình trạng"}, None, {("H4", "STRUCT_004"), ("H4", "STRUCT_002")}),
    ({}, lambda s: swap_columns(s, "K", "L"), {("K4", "STRUCT_005"), ("L4", "STRUCT_005")}),
    ({"G4": "  TÌNH  trạng ", "H4": unicodedata.normalize("NFD", "Kết quả thực hiện")}, None, set()),
])
def test_headers(filled, cells, edit, expected):
    problems, _ = found(filled(cells, edit=edit and (lambda wb: edit(wb["Tiến độ"]))))
    assert problems == expected


def test_rows_deleted_added_duplicated_or_edited(filled):
    def edit(workbook):
        sheet = workbook["Tiến độ"]
        sheet.delete_rows(9)                                   # 2 – Văn phòng Sở is gone
        sheet.cell(10, 3, "Giải pháp đã bị sửa")               # plan text edited (row of 2 – Phòng ĐKKD)
        for col in range(1, 7):
            sheet.cell(63, col, sheet.cell(5, col).value)      # row 5 again, at the end
            sheet.cell(64, col, sheet.cell(5, col).value)
        sheet.cell(64, 1, "13")                                # an item the plan does not have
    problems, _ = found(filled(edit=edit))
    assert problems == {("", "STRUCT_011"), ("C10", "STRUCT_010"), ("A63", "STRUCT_013"), ("A64", "STRUCT_012")}


def test_a_unit_copy_holding_another_units_row(filled):
    def edit(workbook):
        sheet = workbook["Tiến độ"]
        sheet.cell(5, 4, "Văn phòng Sở")  # the first row of item 1 now claims Văn phòng Sở
    problems, _ = found(filled(template="DKKD", edit=edit))
    assert problems == {("A5", "STRUCT_009"), ("", "STRUCT_011")}


def test_no_metadata_another_plan_or_format(filled, plan_file, templates):
    problems, _ = found(filled(edit=lambda wb: wb.remove(wb["_cchc_meta"])))
    assert problems == {("", "STRUCT_006")}
    other = load_plan(plan_file([["1", "Sáng kiến", "Viết", "Văn phòng Sở", "", "Thường xuyên"]]))
    problems, report = found(templates["shared"], plan=other)
    assert problems == {("", "STRUCT_008")} and "707/KH-SKHĐT" in report.problems[0].message()

    def bump(workbook):
        workbook["_cchc_meta"]["B2"] = 99
    assert found(filled(edit=bump))[0] == {("", "STRUCT_007")}

    def damage(workbook):
        meta = workbook["_cchc_meta"]
        next(row for row in meta.iter_rows() if row[0].value == "period")[1].value = "kỳ lạ"
    assert found(filled(edit=damage))[0] == {("", "STRUCT_016")}


def test_renamed_entry_sheet(filled):
    def rename(workbook):
        workbook["Tiến độ"].title = "Tien do"
    problems, report = found(filled(edit=rename))
    assert {code for _, code in problems} == {"STRUCT_001"} and report.problems[0].sheet == "Tien do"


def test_every_problem_is_reported_not_only_the_first(filled):
    cells = {f"G{r}": "sai" for r in ALL_ROWS} | {f"M{r}": "A" for r in ALL_ROWS}
    cells |= {f"N{r}": date(2021, 6, 10) for r in ALL_ROWS}
    problems, report = found(filled(cells))
    assert problems == {(f"G{r}", "VAL_002") for r in ALL_ROWS} and report.errors == 59


def test_files_of_two_plans_checked_in_turn_each_against_its_own(templates, plan_file, tmp_path):
    """What rows are matched against is made once per plan: a run that changes plan gets the new plan's rows."""
    from cchc_excel import parse_period, write_shared_workbook
    other = load_plan(plan_file([["1", "Sáng kiến", "Viết", "Văn phòng Sở", "", "Thường xuyên"],
                                 ["2", "Cải cách", "Rà soát", "Phòng Quản lý xây dựng", "", "Quý II"]]))
    other_file = write_shared_workbook(other, parse_period("2021-H1"), tmp_path / "other.xlsx")
    for path, plan in [(other_file, other), (templates["shared"], builtin_plan()), (other_file, other),
                       (templates["shared"], builtin_plan())]:
        problems, report = found(path, plan=plan)
        assert problems == set(), (path.name, report.problems)
    problems, _ = found(other_file, plan=builtin_plan())
    assert problems == {("", "STRUCT_008")}


def test_a_workbook_without_styles_is_checked(filled, tmp_path):
    # styles.xml is optional (every value then shows as General): its absence is no traceback (found reviewing
    # the reader, issue 13)
    import re
    import zipfile
    source, path = filled(rows=range(5, 8)), tmp_path / "khong-kieu.xlsx"
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = re.sub(rb'<Relationship [^>]*Target="styles.xml"/>', b"", data)
            if info.filename != "xl/styles.xml":
                copy.writestr(info, data)
    problems, report = found(path)
    assert report.readable and problems == set()


def test_a_copy_whose_plan_sheets_were_deleted_is_told_so_not_checked_against_the_builtin_plan(builtin, tmp_path):
    """A unit deletes the reference sheets (Hướng dẫn, Kế hoạch, Đơn vị) before sending. Its own validate used to
    fall back to the built-in 707 plan and call the file another plan's (STRUCT_008); now it says which sheets are
    gone and how to check the file. The Office, with the plan, takes the rows; a 707 copy still checks alone."""
    import dataclasses
    import json

    import openpyxl
    from click.testing import CliRunner

    from cchc_excel import write_plan_workbook
    from cchc_excel.cli import main

    def run(*args):
        return CliRunner().invoke(main, [str(a) for a in args])

    other = dataclasses.replace(builtin, facts=dataclasses.replace(builtin.facts, number="45/KH-UBND"))
    write_plan_workbook(other, tmp_path / "ke-hoach.xlsx")
    copies = {}
    for name, plan in (("khac", ["--plan", tmp_path / "ke-hoach.xlsx"]), ("707", [])):
        assert run("init", *plan, "--period", "2021-H1", "-o", tmp_path / f"{name}.xlsx").exit_code == 0
        assert run("split", tmp_path / f"{name}.xlsx", "--period", "2021-H1", "-o", tmp_path / name).exit_code == 0
        workbook = openpyxl.load_workbook(next((tmp_path / name).glob("Phong-DKKD*.xlsx")))
        for column, value in {"G": "Đang thực hiện", "H": "Đang làm", "M": "Nguyễn Văn B", "N": "10/06/2021"}.items():
            workbook["Tiến độ"][f"{column}5"] = value
        for sheet in ("Hướng dẫn", "Kế hoạch", "Đơn vị"):
            del workbook[sheet]
        copies[name] = tmp_path / f"DKKD-{name}.xlsx"
        workbook.save(copies[name])
    alone = run("validate", copies["khac"], "--json")
    issues = json.loads(alone.output)[0]["issues"]
    assert alone.exit_code == 1 and [i["code"] for i in issues] == ["STRUCT_019"], alone.output
    assert "Kế hoạch" in issues[0]["message"] and "--plan" in issues[0]["message"] and "707" not in alone.output
    assert run("validate", copies["khac"], "--plan", tmp_path / "ke-hoach.xlsx").exit_code == 0
    assert run("validate", copies["707"]).exit_code == 0  # the built-in plan is the one it carries
    merged = run("merge-submissions", copies["khac"], "--master", tmp_path / "tong-hop.xlsx", "--period", "2021-H1",
                 "--plan", tmp_path / "ke-hoach.xlsx", "--json")
    assert json.loads(merged.output)["added"] == 1, merged.output


def test_a_completion_date_on_a_row_not_done_is_a_warning(loop, tmp_path):  # verify2 n2
    """A row typed "Đang thực hiện" with a Ngày hoàn thành, and a pre-filled "Hoàn thành" row reopened with its old
    date left behind: VAL_025 on the date's cell (a warning: the file stays valid); a done row has none."""
    import json

    import openpyxl
    from click.testing import CliRunner

    from cchc_excel.cli import main
    from test_merge import fill_copy

    def run(*args):
        return CliRunner().invoke(main, [str(a) for a in args])

    def codes(path):
        result = run("validate", path, "--json")
        return result.exit_code, {(i["cell"], i["code"]) for i in json.loads(result.output)[0]["issues"]}

    done = {"G": "Hoàn thành", "I": "Kế hoạch số 5/KH-UBND ngày 01/3/2021", "J": date(2021, 3, 1)}
    copy = fill_copy(loop[2]["VP-So"], lambda r: done if r == 5 else {"J": date(2021, 5, 5)} if r == 6 else {})
    assert codes(copy) == (0, {("J6", "VAL_025")})
    merged = run("merge-submissions", copy, "--master", tmp_path / "tong-hop.xlsx", "--period", "2021-H1")
    assert "Chấp nhận" in merged.output and (tmp_path / "tong-hop.xlsx").exists(), merged.output  # others missing: 1
    assert run("split", tmp_path / "tong-hop.xlsx", "--period", "2021-Q3", "-o", tmp_path / "q3").exit_code == 0
    path = tmp_path / "q3" / "VP-So_2021-Q3.xlsx"
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Tiến độ"]
    assert (sheet["G5"].value, sheet["J5"].value) == ("Hoàn thành", "01/03/2021")
    for row in range(5, sheet.max_row + 1):
        sheet[f"N{row}"] = "10/09/2021"
    sheet["G5"], sheet["H5"] = "Đang thực hiện", "Mở lại: đang bổ sung"
    workbook.save(path)
    assert ("J5", "VAL_025") in codes(path)[1]
