"""The Sở Nội vụ deadline and the units' deadline: plan facts (read from the plan workbook), options, and the
warning when the units' deadline leaves the Office no time."""
from __future__ import annotations

import dataclasses
from datetime import date

import openpyxl
from click.testing import CliRunner

from cchc_excel import load_plan, parse_period, write_plan_workbook
from cchc_excel.cli import main


def invoke(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


def plan_with(builtin, tmp_path, **days):
    path = tmp_path / "ke-hoach.xlsx"
    write_plan_workbook(dataclasses.replace(builtin, facts=dataclasses.replace(builtin.facts, **days)), path)
    return path


def test_deadlines_are_plan_facts(builtin, tmp_path):
    plan = load_plan(plan_with(builtin, tmp_path, report_due_day=10, units_due_day=5))
    assert (plan.facts.report_due_day, plan.facts.units_due_day) == (10, 5)
    shared = tmp_path / "dung-chung.xlsx"
    invoke("init", "--plan", tmp_path / "ke-hoach.xlsx", "--period", "2021-M9", "-o", shared)
    guide = "\n".join(str(c.value) for row in openpyxl.load_workbook(shared)["Hướng dẫn"].iter_rows() for c in row
                      if c.value)
    assert "9 tháng đầu năm 2021" in guide and "Hạn gửi tệp về Văn phòng: ngày 05/09/2021" in guide


def test_a_day_past_the_month_is_its_last_day():
    assert parse_period("2021-Q1").due_on(31) == date(2021, 3, 31) and parse_period("2021-H1").due_on(31) == date(
        2021, 6, 30)


def test_a_bad_deadline_fact_is_refused(builtin, tmp_path):
    path = plan_with(builtin, tmp_path)
    book = openpyxl.load_workbook(path)
    facts = book["Thông tin"]
    facts.append(["Ngày hạn báo cáo Sở Nội vụ", 40])
    book.save(path)
    result = invoke("init", "--plan", path, "--period", "2021-H1", "-o", tmp_path / "x.xlsx", code=2)
    assert "PLAN_011" in result.output or "Ngày hạn báo cáo Sở Nội vụ" in result.output


def test_units_deadline_not_before_the_report_deadline_is_a_warning(builtin, tmp_path):
    plan = plan_with(builtin, tmp_path, report_due_day=15)  # the units' deadline stays the 15th
    master = tmp_path / "tong-hop.xlsx"
    shared = tmp_path / "dung-chung.xlsx"
    invoke("init", "--plan", plan, "--period", "2021-H1", "-o", shared)
    copy = tmp_path / "vp.xlsx"
    book = openpyxl.load_workbook(shared)
    sheet = book["Tiến độ"]
    for col, value in zip("GHMN", ("Đang thực hiện", "Đang làm", "Nguyễn Văn A", date(2021, 6, 1))):
        sheet[f"{col}5"] = value
    book.save(copy)
    invoke("merge-submissions", copy, "--master", master, "--period", "2021-H1", "--plan", plan, code=1)
    status = invoke("status", master, "--period", "2021-H1", "--json")
    assert '"code": "REPORT_002"' in status.output and '"due": "2021-06-15"' in status.output
    report = invoke("report", master, "--period", "2021-H1", "-o", tmp_path / "r.docx", "--date", "17/06/2021")
    assert "REPORT_002" in report.output
    later = invoke("report", master, "--period", "2021-H1", "-o", tmp_path / "r2.docx", "--due", "20/06/2021")
    assert "REPORT_002" not in later.output


def test_init_and_split_warn_when_the_units_deadline_is_not_before_the_report_deadline(builtin, tmp_path):
    plan = plan_with(builtin, tmp_path, report_due_day=15)  # the units' deadline stays the 15th
    shared = tmp_path / "dung-chung.xlsx"
    result = invoke("init", "--plan", plan, "--period", "2021-H1", "-o", shared)
    assert "Cảnh báo: [REPORT_002]" in result.output and "15/06/2021" in result.output
    english = invoke("init", "--plan", plan, "--period", "2021-H1", "-o", tmp_path / "en.xlsx", "--lang", "en")
    assert "Warning: [REPORT_002]" in english.output
    early = invoke("init", "--plan", plan, "--period", "2021-H1", "-o", tmp_path / "early.xlsx",
                   "--deadline", "10/06/2021")
    assert "REPORT_002" not in early.output
    split = invoke("split", shared, "--period", "2021-H1", "-o", tmp_path / "gui")
    assert "REPORT_002" in split.output and len(list((tmp_path / "gui").glob("*.xlsx"))) > 1
    split = invoke("split", shared, "--period", "2021-H1", "-o", tmp_path / "gui2", "--deadline", "12/06/2021")
    assert "REPORT_002" not in split.output


def test_init_with_the_default_deadlines_has_no_deadline_warning_and_a_late_one_has(tmp_path):
    result = invoke("init", "--period", "2021-Q3", "-o", tmp_path / "dung-chung.xlsx")
    assert "REPORT_002" not in result.output
    late = invoke("init", "--period", "2021-Q3", "-o", tmp_path / "late.xlsx", "--deadline", "20/09/2021")
    assert "[REPORT_002]" in late.output and "20/09/2021" in late.output


def test_a_deadline_before_the_periods_data_start_is_refused_and_nothing_is_written(tmp_path):
    target = tmp_path / "dung-chung.xlsx"
    result = invoke("init", "--period", "2021-Q3", "--deadline", "01/01/2021", "-o", target, code=2)
    assert "OPT_005" in result.output and "15/06/2021" in result.output and not target.exists()
    assert "của kỳ quý III năm 2021 (" in result.output  # the period as a sentence says it; in English, in English
    result = invoke("init", "--period", "2021-Q3", "--deadline", "01/01/2021", "-o", target, "--lang", "en", code=2)
    assert "Error OPT_005: " in result.output and "the data of Q3 2021 even start" in result.output
    invoke("init", "--period", "2021-Q3", "-o", target)
    units = tmp_path / "don-vi"
    result = invoke("split", target, "--period", "2021-Q3", "--deadline", "15/09/2020", "-o", units, code=2)
    assert "OPT_005" in result.output and not units.exists()
    invoke("split", target, "--period", "2021-Q3", "--deadline", "20/09/2021", "-o", units)
    meta = dict(r[:2] for r in openpyxl.load_workbook(next(units.glob("*.xlsx")))["_cchc_meta"].iter_rows(values_only=True))
    assert meta["deadline"] == "2021-09-20"
