"""Overdue rows: not reported after the units' deadline, or not done after the plan's own deadline."""
from __future__ import annotations

from datetime import date
from pathlib import Path

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
    # "Trong năm 2021 …" items are due by 31/12/2021; "Thường xuyên" items (6–12) too, but under way they are kept
    # up ("Duy trì thường xuyên"), not overdue; "khi có thay đổi" (5) has no due date.
    assert vp == {code: "plan_deadline" for code in ("1", "2", "2.1", "2.2", "2.3", "3", "4")
                  if "2021" in builtin.item(code).timeframe
                  and any(r.unit.code == "VP" for r in builtin.entry_rows() if r.item.code == code)}
    assert {row["due"] for row in units["VP"].overdue} == {"2021-12-31"}
    assert {row["reason"] for row in units["DKKD"].overdue} == {"not_reported"}
    assert units["DKKD"].counts == {"Chưa báo cáo": 15} and not units["DKKD"].submitted


def test_status_as_of_a_day_judges_a_quarter_deadline_and_gives_iso_due_dates(plan_file, tmp_path):
    import json

    from click.testing import CliRunner

    from cchc_excel import load_plan
    from cchc_excel.cli import main

    plan = load_plan(plan_file([["1", "Rà soát", "Rà soát quy trình", "Văn phòng Sở", "", "Quý II/2022"],
                                ["2", "Số hóa", "Số hóa hồ sơ", "Văn phòng Sở", "", "Tháng 9/2022"]]))
    period = parse_period("2022-H1")
    copy = write_shared_workbook(plan, period, tmp_path / "vp.xlsx", unit_code="VP")
    workbook = openpyxl.load_workbook(copy)
    for row in (5, 6):
        for col, value in zip("GHMN", ("Đang thực hiện", "Đang làm", "A", date(2022, 6, 10))):
            workbook["Tiến độ"][f"{col}{row}"] = value
    workbook.save(copy)
    master = tmp_path / "m.xlsx"
    merge_submissions([copy], master, period=period, plan=plan, today=date(2022, 6, 12))

    def overdue(as_of):
        result = CliRunner().invoke(main, ["status", str(master), "--period", "2022-H1", "--as-of", as_of, "--json"])
        assert result.exit_code == 0, result.output
        report = json.loads(result.output)
        return report["today"], [(r["item"], r["reason"], r["due"]) for u in report["units"] if u["unit"] == "VP"
                                 for r in u["overdue"]]

    assert overdue("20/06/2022") == ("2022-06-20", [])
    assert overdue("01/07/2022") == ("2022-07-01", [("1", "plan_deadline", "2022-06-30")])
    assert overdue("01/10/2022")[1] == [("1", "plan_deadline", "2022-06-30"), ("2", "plan_deadline", "2022-09-30")]
    bad = CliRunner().invoke(main, ["status", str(master), "--period", "2022-H1", "--as-of", "31/02/2022"])
    assert bad.exit_code == 2 and bad.output.startswith("Lỗi OPT_002: ") and "31/02/2022" in bad.output


def test_the_units_deadline_is_the_one_the_merged_files_were_made_with(tmp_path):
    import json

    from click.testing import CliRunner

    from cchc_excel.cli import main

    def run(*args):
        return CliRunner().invoke(main, [str(a) for a in args])

    def deadline(period):
        result = run("status", master, "--period", period, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.output)["deadline"]

    master = tmp_path / "tong-hop.xlsx"
    for period, given in (("2021-Q1", "10/04/2021"), ("2021-H1", "05/07/2021")):
        copy = tmp_path / f"{period}.xlsx"
        assert run("init", "--period", period, "--deadline", given, "-o", copy).exit_code == 0
        assert run("merge-submissions", copy, "--master", master, "--period", period).exit_code in (0, 1)
        assert deadline(period) == "-".join(reversed(given.split("/")))  # not the earlier period's, not the default
    assert deadline("2021-Q1") == "2021-04-10"  # each period keeps its own, the master's current one or not
    copy = tmp_path / "again.xlsx"  # a Q1 file made without --deadline after all: the master keeps what it has
    assert run("init", "--period", "2021-Q1", "-o", copy).exit_code == 0
    assert run("merge-submissions", copy, "--master", master, "--period", "2021-Q1").exit_code in (0, 1)
    assert (deadline("2021-Q1"), deadline("2021-H1")) == ("2021-03-15", "2021-07-05")


def test_files_of_a_period_made_with_different_deadlines_are_told_which_the_master_takes(tmp_path):
    import json

    from click.testing import CliRunner

    from cchc_excel.cli import main

    def run(*args):
        return CliRunner().invoke(main, [str(a) for a in args])

    def told(result):
        files = json.loads(result.output)["files"]
        return {Path(f["file"]).name: [(i["code"], i["severity"], i["value"]) for i in f["issues"]] for f in files}

    master = tmp_path / "tong-hop.xlsx"
    first, second = tmp_path / "dot-1.xlsx", tmp_path / "dot-2.xlsx"
    assert run("init", "--period", "2021-Q1", "--deadline", "10/04/2021", "-o", first).exit_code == 0
    assert run("init", "--period", "2021-Q1", "--deadline", "20/04/2021", "-o", second).exit_code == 0
    alone = run("merge-submissions", first, "--master", master, "--period", "2021-Q1", "--json")
    assert told(alone) == {"dot-1.xlsx": []}  # one deadline: the master takes it
    both = run("merge-submissions", first, second, "--master", master, "--period", "2021-Q1", "--json")
    assert told(both) == {"dot-1.xlsx": [], "dot-2.xlsx": [("MERGE_013", "warning", "20/04/2021")]}
    status = json.loads(run("status", master, "--period", "2021-Q1", "--json").output)
    assert status["deadline"] == "2021-04-10"  # the files disagree: the master keeps the deadline it had
    text = run("merge-submissions", first, second, "--master", tmp_path / "moi.xlsx", "--period", "2021-Q1")
    assert text.output.count("MERGE_013") == 2 and "15/03/2021" in text.output  # a new master: the plan's deadline


def test_deadlines_written_with_dots_or_dashes_are_read_and_unreadable_ones_are_said(plan_file, tmp_path):
    import json

    from click.testing import CliRunner

    from cchc_excel import load_plan
    from cchc_excel.cli import main

    texts = ["Trước ngày 30.6.2022", "Trước 30-6-2022", "Trước 31/2/2022", "Tháng 13/2022", "Đầu năm 2022",
             "Quý I, II/2022", "Năm 2022 và những năm tiếp theo", "Trước 30/6/2022"]
    path = plan_file([[str(n), f"Tiêu chí {n}", "Làm", "Văn phòng Sở", "", text] for n, text in enumerate(texts, 1)])
    init = CliRunner().invoke(main, ["init", "--plan", str(path), "--period", "2022-H1", "-o",
                                     str(tmp_path / "d.xlsx")])
    assert init.exit_code == 0, init.output
    said = {line.split("!")[1].split(":")[0] for line in init.output.splitlines() if "[PLAN_013]" in line}
    assert said == {"F4", "F5", "F6"}  # 31/2, tháng 13, đầu năm: no due date, and the user is told
    plan, period = load_plan(path), parse_period("2022-H1")
    copy = write_shared_workbook(plan, period, tmp_path / "vp.xlsx", unit_code="VP")
    workbook = openpyxl.load_workbook(copy)
    for row in range(5, 5 + len(texts)):
        for col, value in zip("GHMN", ("Đang thực hiện", "Đang làm", "A", date(2022, 6, 10))):
            workbook["Tiến độ"][f"{col}{row}"] = value
    workbook.save(copy)
    master = tmp_path / "m.xlsx"
    merge_submissions([copy], master, period=period, plan=plan, today=date(2022, 6, 12))
    result = CliRunner().invoke(main, ["status", str(master), "--period", "2022-H1", "--as-of", "01/07/2022", "--json"])
    assert result.exit_code == 0, result.output
    overdue = {r["item"]: r["due"] for u in json.loads(result.output)["units"] for r in u["overdue"]}
    assert overdue == {"1": "2022-06-30", "2": "2022-06-30", "6": "2022-06-30", "8": "2022-06-30"}
    assert plan.item("7").schedule.due_for(date(2023, 12, 14)) == date(2023, 12, 31)  # yearly, not once in 2022
