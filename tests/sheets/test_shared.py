"""The shared workbook written by init, opened with openpyxl as a user's Excel would see it."""
from __future__ import annotations

import zipfile
from datetime import date

import openpyxl
import pytest

from cchc_excel import builtin_plan, load_plan, parse_period, write_shared_workbook
from cchc_excel.model.layout import PROGRESS_HEADERS, STATUSES
from cchc_excel.sheets.shared import date_rule
from conftest import Text


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    path = tmp_path_factory.mktemp("shared") / "shared.xlsx"
    write_shared_workbook(builtin_plan(), parse_period("2021-Q1"), path)
    return openpyxl.load_workbook(path), path


def test_sheets_and_their_visibility(shared):
    workbook, _ = shared
    assert workbook.sheetnames == ["Hướng dẫn", "Kế hoạch", "Tiến độ", "Đơn vị", "Danh mục", "_cchc_meta"]
    states = {ws.title: ws.sheet_state for ws in workbook.worksheets}
    assert states == {"Hướng dẫn": "visible", "Kế hoạch": "visible", "Tiến độ": "visible", "Đơn vị": "visible",
                      "Danh mục": "hidden", "_cchc_meta": "veryHidden"}
    assert all(ws.protection.sheet and not ws.protection.password for ws in workbook.worksheets)


def test_progress_headers_and_rows(shared):
    sheet = shared[0]["Tiến độ"]
    assert [c.value for c in sheet[4]] == list(PROGRESS_HEADERS)
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert len(rows) == 59
    assert rows[0][:6] == ["1", "Sáng kiến hoặc giải pháp mới trong cải cách hành chính",
                           "Các phòng, Trung tâm trực thuộc Sở đẩy mạnh việc viết sáng kiến/giải pháp hữu ích "
                           "về công tác CCHC", "Văn phòng Sở", "Chủ trì", "Trong năm 2021 và các năm tiếp theo"]
    assert all(row[6:] == [None] * 8 for row in rows)
    assert {row[0] for row in rows} == {"1", "2", "2.1", "2.2", "2.3"} | {str(n) for n in range(3, 13)}
    assert all(isinstance(row[0], str) for row in rows)  # codes are text: 2.10 never becomes 2.1
    keys = [(row[0], row[3]) for row in rows]
    assert len(keys) == len(set(keys))  # the stable key: item + unit
    assert "Quý I/2021" in sheet["A2"].value and "15/12/2020" in sheet["A2"].value and "14/03/2021" in sheet["A2"].value


def test_locks_validations_and_formats(shared):
    sheet = shared[0]["Tiến độ"]
    assert all(sheet.cell(5, col).protection.locked for col in range(1, 7))
    assert not any(sheet.cell(5, col).protection.locked for col in range(7, 15))
    assert all(sheet.cell(row, col).number_format == "@" for row in (5, 63) for col in range(7, 15))  # Text
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert rules["G5:G63"].type == "list" and rules["G5:G63"].formula1 == "'Danh mục'!$A$2:$A$5"
    assert rules["J5:J63"].type == "custom" and rules["N5:N63"].type == "custom"
    assert rules["J5:J63"].formula1 == date_rule("J5")[1:] and len(date_rule("J5")) <= 255  # Excel's limit
    assert "15/06/2021" in rules["J5:J63"].error and "ngày/tháng/năm" in rules["J5:J63"].error
    assert {str(v.sqref) for v in rules.values() if v.promptTitle} == {f"{c}5:{c}63" for c in "GHIJKLMN"}
    assert all(v.prompt for v in rules.values())
    lists = shared[0]["Danh mục"]
    assert [lists.cell(r, 1).value for r in range(2, 6)] == list(STATUSES)
    formulas = [rule.formula[0] for cf in sheet.conditional_formatting for rule in cf.rules]
    assert formulas == ['AND($G5="Hoàn thành",OR($H5="",$I5="",$J5=""))',
                        'AND($N5="",COUNTA($G5:$L5)>0)']  # a row with content and no Ngày cập nhật (VAL_023)
    assert [str(cf.sqref) for cf in sheet.conditional_formatting] == ["A5:N63", "N5:N63"]
    assert sheet.freeze_panes == "B5" and sheet.auto_filter.ref == "A4:N63"
    assert sheet.cell(5, 1).font.name == "Times New Roman"
    assert sheet.cell(5, 3).alignment.wrap_text


def test_print_setup(shared):
    """Every sheet A4 landscape; the wide sheets true to size (12 pt, never shrunk to one page width), split
    over pages across with their key columns repeated; the guide fits its one column to the width."""
    sheets = {sheet.title: sheet for sheet in shared[0].worksheets[:4]}
    for sheet in sheets.values():
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    for name in ("Kế hoạch", "Tiến độ", "Đơn vị"):
        sheet = sheets[name]
        assert not sheet.sheet_properties.pageSetUpPr or not sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.scale in (None, 100) and sheet.page_setup.pageOrder == "overThenDown"
        assert sheet.print_title_cols == "$A:$B"
    assert sheets["Hướng dẫn"].sheet_properties.pageSetUpPr.fitToPage
    progress = sheets["Tiến độ"]
    assert progress.print_title_rows == "$4:$4"
    assert "&P" in progress.oddFooter.center.text
    assert progress.row_dimensions[4].height >= 30  # "Ngày hoàn thành" takes two lines


def test_times_new_roman_is_the_default_font(shared):
    _, path = shared
    with zipfile.ZipFile(path) as archive:
        styles = archive.read("xl/styles.xml").decode()
    first_font = styles[styles.index("<fonts"):styles.index("</font>")]
    assert 'val="Times New Roman"' in first_font and '<sz val="12"/>' in first_font


def test_plan_sheet_is_the_appendix_with_item_2_merged(shared):
    sheet = shared[0]["Kế hoạch"]
    assert sheet["A1"].value == "PHỤ LỤC"
    assert "707/KH-SKHĐT" in sheet["A3"].value
    assert {"C7:C10", "D7:D10"} <= {str(r) for r in sheet.merged_cells.ranges}


def test_metadata(shared):
    meta = {row[0]: row[1] for row in shared[0]["_cchc_meta"].iter_rows(values_only=True)}
    plan = builtin_plan()
    assert meta["format"] == "cchc_excel/shared" and meta["format_version"] == 1
    assert meta["plan_number"] == "707/KH-SKHĐT" and meta["plan_fingerprint"] == plan.fingerprint()
    assert (meta["period"], meta["period_start"], meta["period_end"], meta["deadline"]) == (
        "2021-Q1", "2020-12-15", "2021-03-14", "2021-03-15")
    assert meta["unit"] is None and meta["row_count"] == 59 and meta["generator"].startswith("cchc_excel ")
    assert meta["Số, ký hiệu"] == "707/KH-SKHĐT" and meta["Người ký"] == "Vương Hải Khoa"  # the plan's facts


def test_the_shared_workbook_reads_back_as_the_same_plan(shared):
    assert load_plan(shared[1]).fingerprint() == builtin_plan().fingerprint()


def test_guide_names_period_deadline_and_statuses(shared):
    text = "\n".join(str(c.value) for row in shared[0]["Hướng dẫn"].iter_rows() for c in row if c.value)
    for needle in ("Quý I/2021", "15/03/2021", "20/03/2021", *STATUSES, "Kế hoạch số 123/KH-SKHĐT ngày 20/5/2021"):
        assert needle in text


def test_output_is_deterministic(tmp_path):
    plan, period = builtin_plan(), parse_period("2021-Y")
    first = write_shared_workbook(plan, period, tmp_path / "a.xlsx", deadline=date(2021, 12, 16))
    second = write_shared_workbook(plan, period, tmp_path / "b.xlsx", deadline=date(2021, 12, 16))
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.namelist() == b.namelist()
        assert all(a.read(name) == b.read(name) for name in a.namelist())


def test_text_that_looks_like_a_formula_stays_text(plan_file, tmp_path):
    plan = load_plan(plan_file([["1", Text("=1+1"), Text("=HYPERLINK(\"http://x\")"), "Văn phòng Sở", "", "+84 tháng"],
                                ["2", "@SUM(A1)", "- gạch đầu dòng", "Văn phòng Sở", "", "-"]]))
    path = write_shared_workbook(plan, parse_period("2022-H1"), tmp_path / "s.xlsx")
    sheet = openpyxl.load_workbook(path)["Tiến độ"]
    assert [sheet.cell(5, c).value for c in (2, 3, 6)] == ["=1+1", "=HYPERLINK(\"http://x\")", "+84 tháng"]
    assert all(sheet.cell(r, c).data_type == "s" for r in (5, 6) for c in (2, 3, 6))
    assert [sheet.cell(6, c).value for c in (2, 3, 6)] == ["@SUM(A1)", "- gạch đầu dòng", "-"]


def test_existing_output_is_not_overwritten(tmp_path):
    target = tmp_path / "shared.xlsx"
    target.write_bytes(b"keep me")
    with pytest.raises(FileExistsError):
        write_shared_workbook(builtin_plan(), parse_period("2021-Q1"), target)
    assert target.read_bytes() == b"keep me"
    write_shared_workbook(builtin_plan(), parse_period("2021-Q1"), target, overwrite=True)
    assert zipfile.is_zipfile(target) and [p.name for p in tmp_path.iterdir()] == ["shared.xlsx"]


def test_carried_forward_values_are_written_as_staff_would_type_them(tmp_path):
    plan = builtin_plan()
    entry = next(r for r in plan.entry_rows() if r.unit.code == "DKKD")
    values = {entry.key: ("Hoàn thành", "100%", "KH số 1/KH-SKHĐT", date(2021, 6, 5), "", "", "B", date(2021, 6, 10))}
    path = write_shared_workbook(plan, parse_period("2021-Q3"), tmp_path / "DKKD.xlsx", unit_code="DKKD", values=values)
    sheet = openpyxl.load_workbook(path)["Tiến độ"]
    assert [sheet.cell(5, c).value for c in range(7, 15)] == ["Hoàn thành", "100%", "KH số 1/KH-SKHĐT", "05/06/2021",
                                                             None, None, "B", "10/06/2021"]
    assert sheet.cell(5, 10).number_format == "@"


def test_a_unit_copy_carries_the_whole_registry_outside_its_shared_strings(tmp_path):
    """Every reading of a submission parses its shared strings: they must not grow with the plan's units."""
    from cchc_excel import validate_file
    from cchc_excel.model.plan import Plan, PlanItem
    from cchc_excel.model.units import Unit, UnitKind, UnitRegistry

    base = builtin_plan()
    group = "Các đơn vị trong tỉnh"
    registry = UnitRegistry([Unit(f"U{i:03d}", f"Đơn vị số {i}") for i in range(1, 301)]
                            + [Unit("ALL", group, kind=UnitKind.GROUP, all_internal=True)])
    items = tuple(PlanItem(i.code, i.criterion, i.solution, group, "", i.timeframe) for i in base.items[:3])
    plan = load_plan(_written_plan(Plan(base.facts, items, registry), tmp_path))
    copy = write_shared_workbook(plan, parse_period("2021-H1"), tmp_path / "U007.xlsx", unit_code="U007")
    with zipfile.ZipFile(copy) as parts:
        shared = parts.read("xl/sharedStrings.xml")
    assert b"U299" not in shared and shared.count(b"<si>") < 300
    units = openpyxl.load_workbook(copy)["_cchc_units"]
    assert units.sheet_state == "veryHidden" and units.max_row == 302 and units["A301"].value == "U300"
    report = validate_file(copy, None).report  # the copy's own plan, rebuilt from what it carries
    assert report.valid and not report.problems


def _written_plan(plan, folder):
    from cchc_excel import write_plan_workbook
    write_plan_workbook(plan, folder / "plan.xlsx")
    return folder / "plan.xlsx"
