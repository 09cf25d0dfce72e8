"""Mistakes in a plan workbook's Đơn vị and Thông tin sheets, and periods typed with the wrong year, through init,
split and status: one clear coded message naming the cells, nothing written, no cascade of wrong ones."""
from __future__ import annotations

import json
from datetime import date

import openpyxl
from click.testing import CliRunner

from cchc_excel import load_plan
from cchc_excel.cli import main
from conftest import FACTS, UNITS, make_plan

APPENDIX = [["1", "Rà soát", "Rà soát quy trình", "Văn phòng Sở", "Phòng Quản lý xây dựng", "Quý II/2022"],
            ["2", "Số hóa", "Số hóa hồ sơ", "Phòng Tổng hợp - Quy hoạch", "Các phòng, TT", "Tháng 9/2022"]]


def invoke(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


def coded(output: str) -> list[tuple[str, str]]:
    """(code, cell) of every problem line the command printed."""
    found = []
    for line in output.splitlines():
        if line.strip().startswith("[") and "]" in line:
            code, _, rest = line.strip()[1:].partition("] ")
            found.append((code, rest.partition(":")[0].rpartition("!")[2]))
    return found


def test_two_unit_rows_with_one_code_are_refused_naming_both_rows(tmp_path):
    units = UNITS + [["VP", "Văn phòng Sở (bộ phận một cửa)", "VP-1C", "", "Đơn vị trực thuộc", ""]]
    plan = make_plan(tmp_path / "ke-hoach.xlsx", APPENDIX, units=units)
    shared = tmp_path / "dung-chung.xlsx"
    result = invoke("init", "--plan", plan, "--period", "2022-H1", "-o", shared, code=2)
    assert coded(result.output) == [("UNIT_007", "A8")]
    assert '"VP"' in result.output and "dòng 2" in result.output and "Văn phòng Sở (bộ phận một cửa)" in result.output
    assert not shared.exists()
    english = invoke("init", "--plan", plan, "--period", "2022-H1", "-o", shared, "--lang", "en", code=2)
    assert "UNIT_007" in english.output and "row 2" in english.output


def test_split_refuses_a_shared_workbook_whose_units_sheet_got_a_second_row_with_one_code(tmp_path):
    shared = tmp_path / "dung-chung.xlsx"
    invoke("init", "--plan", make_plan(tmp_path / "ke-hoach.xlsx", APPENDIX), "--period", "2022-H1", "-o", shared)
    book = openpyxl.load_workbook(shared)
    sheet = book["Đơn vị"]
    headers = [c.value for c in sheet[1]]
    first = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, headers.index("Mã") + 1).value == "QLXD")
    row = [c.value for c in sheet[first]]
    row[headers.index("Tên đơn vị")], row[headers.index("Tên viết tắt")] = "Phòng QLXD (bản sao)", "QLXD-2"
    sheet.append(row)
    book.save(shared)
    units = tmp_path / "gui"
    result = invoke("split", shared, "--period", "2022-H1", "-o", units, code=2)
    assert [code for code, _ in coded(result.output)] == ["UNIT_007"] and f"dòng {first}" in result.output
    assert not units.exists() or not list(units.glob("*.xlsx"))


def units_with(code: str, kind: str, extra: list | None = None) -> list[list]:
    return [row[:4] + [kind] + row[5:] if row[0] == code else row for row in UNITS] + (extra or [])


def test_a_kind_typed_without_diacritics_is_read(tmp_path):
    plan = make_plan(tmp_path / "ke-hoach.xlsx", APPENDIX, units=units_with("QLXD", "Don vi truc thuoc"))
    shared = tmp_path / "dung-chung.xlsx"
    result = invoke("init", "--plan", plan, "--period", "2022-H1", "-o", shared)
    assert not coded(result.output)
    units = {r[0]: r for r in openpyxl.load_workbook(shared)["Đơn vị"].iter_rows(values_only=True)}
    assert "Đơn vị trực thuộc" in units["QLXD"]
    invoke("split", shared, "--period", "2022-H1", "-o", tmp_path / "gui")
    assert any("QLXD" in p.name for p in (tmp_path / "gui").glob("*.xlsx"))


def test_an_unreadable_kind_is_said_once_without_cascades_on_its_group_and_appendix_cells(tmp_path):
    group = [["NHOM", "Nhóm quy hoạch - xây dựng", "", "", "Nhóm đơn vị", "THQH; QLXD"]]
    plan = make_plan(tmp_path / "ke-hoach.xlsx", APPENDIX, units=units_with("QLXD", "Phòng chuyên môn", group))
    result = invoke("init", "--plan", plan, "--period", "2022-H1", "-o", tmp_path / "d.xlsx", code=2)
    assert coded(result.output) == [("UNIT_004", "E4")]  # no UNIT_005 on the group, no UNIT_001 in the appendix


def test_a_day_of_month_fact_is_read_from_ngay_and_its_error_gives_a_day_as_example(tmp_path):
    def facts_with(value):
        return FACTS + [["Ngày hạn báo cáo Sở Nội vụ", value]]

    plan = make_plan(tmp_path / "ke-hoach.xlsx", APPENDIX, facts=facts_with("ngày 25"))
    invoke("init", "--plan", plan, "--period", "2022-H1", "-o", tmp_path / "d.xlsx")
    assert load_plan(plan).facts.report_due_day == 25
    bad = make_plan(tmp_path / "sai.xlsx", APPENDIX, facts=facts_with("hai mươi"))
    result = invoke("init", "--plan", bad, "--period", "2022-H1", "-o", tmp_path / "e.xlsx", code=2)
    assert coded(result.output) == [("PLAN_011", "B7")]
    assert "ví dụ 20" in result.output and "83,804" not in result.output


def test_init_and_split_refuse_a_period_in_a_year_before_the_plan(tmp_path):
    plan = make_plan(tmp_path / "ke-hoach.xlsx", APPENDIX)  # issued 01/03/2022
    shared = tmp_path / "dung-chung.xlsx"
    result = invoke("init", "--plan", plan, "--period", "2021-Q1", "-o", shared, code=2)
    assert result.output.startswith("Lỗi OPT_006: ") and "01/03/2022" in result.output and "2022-Q1" in result.output
    assert not shared.exists()
    english = invoke("init", "--plan", plan, "--period", "2021-Y", "-o", shared, "--lang", "en", code=2)
    assert english.output.startswith("Error OPT_006: ") and "2022-Y" in english.output
    invoke("init", "--plan", plan, "--period", "2022-Q1", "-o", shared)  # the plan's year: its data may start before
    units = tmp_path / "gui"
    result = invoke("split", shared, "--period", "2021-H1", "-o", units, code=2)
    assert "OPT_006" in result.output and not units.exists()
    invoke("split", shared, "--period", "2022-H1", "-o", units)
    assert len(list(units.glob("*.xlsx"))) == 3


def test_status_of_a_period_never_merged_is_refused_not_a_table_of_overdue_units(tmp_path):
    plan = make_plan(tmp_path / "ke-hoach.xlsx", APPENDIX)
    shared = tmp_path / "dung-chung.xlsx"
    invoke("init", "--plan", plan, "--period", "2022-H1", "-o", shared)
    book = openpyxl.load_workbook(shared)
    for col, value in zip("GHMN", ("Đang thực hiện", "Đang làm", "Nguyễn Văn A", date(2022, 6, 1))):
        book["Tiến độ"][f"{col}5"] = value
    book.save(tmp_path / "vp.xlsx")
    master = tmp_path / "tong-hop.xlsx"
    invoke("merge-submissions", tmp_path / "vp.xlsx", "--master", master, "--period", "2022-H1", code=1)  # units missing
    merged = json.loads(invoke("status", master, "--period", "2022-H1", "--as-of", "20/06/2022", "--json").output)
    assert any(u["submitted"] for u in merged["units"])
    for period in ("2021-Y", "2022-Q3"):  # a slip of the year; a period not merged yet
        result = invoke("status", master, "--period", period, "--as-of", "20/03/2023", code=2)
        assert result.output.startswith("Lỗi REPORT_001: ") and "quá hạn" not in result.output
        assert "CHƯA BÁO CÁO" not in result.output
    result = invoke("status", master, "--period", "2021-Y", "--json", "--lang", "en", code=2)
    assert result.output.startswith("Error REPORT_001: ")
