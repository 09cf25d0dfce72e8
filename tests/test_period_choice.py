"""A period typed with the wrong year: init and split refuse a year before the plan was issued, status says the
master holds no merged data for a period never merged instead of listing every unit as overdue."""
from __future__ import annotations

import json
from datetime import date

import openpyxl
from click.testing import CliRunner

from cchc_excel.cli import main
from conftest import make_plan

APPENDIX = [["1", "Rà soát", "Rà soát quy trình", "Văn phòng Sở", "Phòng Quản lý xây dựng", "Quý II/2022"],
            ["2", "Số hóa", "Số hóa hồ sơ", "Phòng Tổng hợp - Quy hoạch", "", "Tháng 9/2022"]]


def invoke(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


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
