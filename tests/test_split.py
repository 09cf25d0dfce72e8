"""split: copies carry each row's latest merged value; split and merge at the size where worker processes are used."""
from __future__ import annotations

from datetime import date

import pytest

from cchc_excel import load_plan, merge_submissions, parse_period, read_master, split_workbook, write_plan_workbook
from cchc_excel import write_shared_workbook
from cchc_excel.io.pool import PARALLEL_FROM
from cchc_excel.model.errors import OutputExistsError
from cchc_excel.model.plan import Plan, PlanItem
from cchc_excel.model.units import Unit, UnitKind, UnitRegistry

PERIOD = parse_period("2021-H1")
UNITS = PARALLEL_FROM + 2


@pytest.fixture(scope="module")
def many(builtin, tmp_path_factory):
    """A plan whose items go to UNITS units, read back from its workbook."""
    folder = tmp_path_factory.mktemp("many")
    group = "Các đơn vị trong tỉnh"
    registry = UnitRegistry([Unit(f"U{i:03d}", f"Đơn vị số {i}", f"ĐV {i}") for i in range(1, UNITS + 1)]
                            + [Unit("ALL", group, kind=UnitKind.GROUP, all_internal=True)])
    items = tuple(PlanItem(i.code, i.criterion, i.solution, group, "", i.timeframe) for i in builtin.items)
    write_plan_workbook(Plan(builtin.facts, items, registry), folder / "plan.xlsx")
    return load_plan(folder / "plan.xlsx"), folder


def test_split_and_merge_many_units_through_worker_processes(many, tmp_path):
    from cchc_excel.io.entry import read_meta
    from cchc_excel.io.reader import read_workbook

    plan, folder = many
    shared = write_shared_workbook(plan, PERIOD, tmp_path / "shared.xlsx")
    copies = split_workbook(shared, PERIOD, tmp_path / "copies")
    assert len(copies) == UNITS
    for number, path in enumerate(copies, start=1):  # in plan order, each with its own unit
        with read_workbook(path) as book:
            assert read_meta(book).unit_code == f"U{number:03d}" and path.name.startswith(f"DV-{number}_")
    with pytest.raises(OutputExistsError) as caught:  # raised in a worker, reaches the caller whole
        split_workbook(shared, PERIOD, tmp_path / "copies")
    assert caught.value.code == "READ_006" and caught.value.params["path"].endswith(".xlsx")

    inbox = tmp_path / "inbox"
    for unit in plan.registry.internal:
        values = {(item.code, unit.code): ("Đang thực hiện", f"Kết quả {unit.code} {item.code}", "", None, "", "",
                                           "Nguyễn Văn An", date(2021, 6, 10)) for item in plan.items}
        write_shared_workbook(plan, PERIOD, inbox / f"{unit.code}.xlsx", unit_code=unit.code, values=values)
    result = merge_submissions([inbox], tmp_path / "tong-hop.xlsx", period=PERIOD, plan=plan, today=date(2021, 6, 20))
    assert result.clean and result.count("added") == UNITS * 15
    data = read_master(tmp_path / "tong-hop.xlsx")
    assert data.records[PERIOD, "12", f"U{UNITS:03d}"].progress.result == f"Kết quả U{UNITS:03d} 12"

    again = split_workbook(tmp_path / "tong-hop.xlsx", parse_period("2021-Q3"), tmp_path / "q3")
    with read_workbook(again[-1]) as book:  # carried forward from the master
        assert book.sheet("Tiến độ").raw(5, 8) == f"Kết quả U{UNITS:03d} 1"


def _master_of_two_periods(builtin, path):
    """2021-Q1: every item of VP and ĐKKD; 2021-H1: VP only (each result names its period and unit)."""
    from datetime import datetime

    from cchc_excel import write_master
    from cchc_excel.model.progress import MasterData, Progress, Record, Source, Status

    data, at = MasterData(builtin), datetime(2021, 6, 18, 9)
    for period, units in ((parse_period("2021-Q1"), ("VP", "DKKD")), (PERIOD, ("VP",))):
        for n, item in enumerate(builtin.items):
            for unit in units:
                record = Record(period, item.code, unit, Progress(Status.DONE, result=f"{period.code} {unit}"),
                                Source(f"{unit}.xlsx", "cd" * 32, "Tiến độ", 5 + n, at))
                data.records[record.key] = record
    return write_master(path, data, PERIOD)


@pytest.mark.parametrize("layout", ["per period", "first layout"])
def test_split_carries_each_rows_latest_value_from_the_periods_before(builtin, tmp_path, layout):
    from conftest import first_layout

    from cchc_excel.io.entry import read_meta
    from cchc_excel.io.reader import read_workbook

    master = _master_of_two_periods(builtin, tmp_path / "tong-hop.xlsx")
    if layout == "first layout":
        first_layout(master)
    results = {}
    for path in split_workbook(master, parse_period("2021-Q3"), tmp_path / "q3"):
        with read_workbook(path) as book:
            sheet = book.sheet("Tiến độ")
            results[read_meta(book).unit_code] = {sheet.raw(row, 8) for row in range(5, 5 + len(builtin.items))}
    assert results["VP"] == {"2021-H1 VP"}  # its newest period
    assert results["DKKD"] == {"2021-Q1 DKKD"}  # not in 2021-H1: the period before
    assert all(found == {""} for unit, found in results.items() if unit not in ("VP", "DKKD"))


def test_split_prefills_the_latest_update_of_periods_ending_together(tmp_path):  # hunt2 r21
    """Quý III and 9 tháng end on the same day (9 tháng sorts after Quý III): a unit answers both; the next period's
    copy holds, row by row, the values with the latest Ngày cập nhật, whatever the order of the periods' names."""
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from cchc_excel.cli import main
    from test_merge import fill_copy

    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, [str(arg) for arg in args])

    shared = tmp_path / "dung-chung.xlsx"
    assert run("init", "--period", "2021-M9", "-o", shared).exit_code == 0
    copies = {}
    for code in ("M9", "Q3"):
        assert run("split", shared, "--period", f"2021-{code}", "-o", tmp_path / code).exit_code == 0
        copies[code] = next((tmp_path / code).glob("Phong-DKKD_*.xlsx"))
    done = {"G": "Hoàn thành", "H": "Đã hoàn thành", "I": "Kế hoạch số 5/KH-SKHĐT ngày 12/9/2021",
            "J": date(2021, 9, 12), "N": date(2021, 9, 12)}
    # row 5: the 9-month copy on 10/09, Quý III's on 12/09 (newer); row 6: the 9-month copy updated again on 13/09
    fill_copy(copies["M9"], lambda r: {"H": "Đang làm (9 tháng)", "N": date(2021, 9, 13 if r == 6 else 10)})
    fill_copy(copies["Q3"], lambda r: done)
    master = tmp_path / "tong-hop.xlsx"
    for code in ("M9", "Q3"):
        merged = run("merge-submissions", copies[code], "--master", master, "--period", f"2021-{code}")
        assert "Thêm" in merged.output and merged.exit_code in (0, 1), merged.output
    assert run("split", master, "--period", "2021-Y", "-o", tmp_path / "Y").exit_code == 0
    sheet = load_workbook(next((tmp_path / "Y").glob("Phong-DKKD_*.xlsx")))["Tiến độ"]
    assert (sheet["G5"].value, sheet["H5"].value, sheet["N5"].value) == ("Hoàn thành", "Đã hoàn thành", "12/09/2021")
    assert (sheet["G6"].value, sheet["H6"].value, sheet["N6"].value) == (
        "Đang thực hiện", "Đang làm (9 tháng)", "13/09/2021")
    later = [row for row in range(7, sheet.max_row + 1) if sheet[f"A{row}"].value]
    assert later and all(sheet[f"G{row}"].value == "Hoàn thành" for row in later)


def test_split_moves_a_master_onto_a_revised_plan(builtin, loop, tmp_path):  # hunt2 r16
    """Mid-year a unit leaves and a task is reworded: split --plan makes the copies of the revised plan, each row
    pre-filled from the master's data of the same task (same STT and text) and unit; they merge into a new master."""
    from dataclasses import replace

    from click.testing import CliRunner
    from openpyxl import load_workbook

    from cchc_excel.cli import main
    from cchc_excel.model.units import UnitKind, UnitRegistry
    from test_merge import fill_copy

    _, _, copies = loop
    master = tmp_path / "tong-hop.xlsx"
    merge_submissions([fill_copy(copies["VP-So"], lambda r: {})], master, period=PERIOD, today=date(2021, 6, 20))
    registry = UnitRegistry([replace(u, kind=UnitKind.EXTERNAL) if u.code == "DKKD" else
                             replace(u, members=tuple(m for m in u.members if m != "DKKD")) for u in builtin.registry])
    items = tuple(replace(i, solution=i.solution + " (sửa đổi)") if i.code == "3" else i for i in builtin.items)
    write_plan_workbook(Plan(builtin.facts, items, registry), tmp_path / "ke-hoach-sua.xlsx")
    runner = CliRunner()
    made = runner.invoke(main, ["split", str(master), "--period", "2021-Q3", "--plan", str(tmp_path / "ke-hoach-sua.xlsx"),
                                "-o", str(tmp_path / "q3")])
    assert made.exit_code == 0, made.output
    names = sorted(p.name for p in (tmp_path / "q3").glob("*.xlsx"))
    assert "Phong-DKKD_2021-Q3.xlsx" not in names and "VP-So_2021-Q3.xlsx" in names
    sheet = load_workbook(tmp_path / "q3" / "VP-So_2021-Q3.xlsx")["Tiến độ"]
    results = {sheet[f"A{row}"].value: sheet[f"H{row}"].value for row in range(5, sheet.max_row + 1)}
    assert results["3"] in ("", None)  # reworded: nothing carried onto it
    assert all(value == f"Kết quả dòng {row}" for row, (code, value) in enumerate(results.items(), start=5)
               if code != "3")
    fill_copy(tmp_path / "q3" / "VP-So_2021-Q3.xlsx", lambda r: {}, updated=date(2021, 9, 10))
    merged = runner.invoke(main, ["merge-submissions", str(tmp_path / "q3" / "VP-So_2021-Q3.xlsx"), "--master",
                                  str(tmp_path / "tong-hop-sua.xlsx"), "--period", "2021-Q3", "--plan",
                                  str(tmp_path / "ke-hoach-sua.xlsx")])
    assert "Chấp nhận" in merged.output and "PLAN_014" not in merged.output, merged.output


def test_split_onto_a_revised_plan_checks_the_plan_and_says_what_it_carried(builtin, loop, tmp_path):  # verify2 n3
    """split --plan refuses a plan of another number or date (PLAN_015: a revision keeps both); on a revision it says
    what differs, how many rows it pre-filled and left empty, and warns of a unit whose code changed (PLAN_016):
    its copy starts empty."""
    from dataclasses import replace

    from click.testing import CliRunner
    from openpyxl import load_workbook

    from cchc_excel.cli import main
    from cchc_excel.model.units import UnitRegistry
    from cchc_excel.split import split_copies
    from test_merge import fill_copy

    _, _, copies = loop
    master = tmp_path / "tong-hop.xlsx"
    merge_submissions([fill_copy(copies["VP-So"], lambda r: {}), fill_copy(copies["Phong-DKKD"], lambda r: {})],
                      master, period=PERIOD, today=date(2021, 6, 20))
    runner = CliRunner()

    def split(plan_path, folder, *more):
        return runner.invoke(main, ["split", str(master), "--period", "2021-Q3", "--plan", str(plan_path), "-o",
                                    str(tmp_path / folder), *more])

    for facts in (replace(builtin.facts, number="99/KH-UBND"), replace(builtin.facts, date=date(2021, 5, 1))):
        write_plan_workbook(Plan(facts, builtin.items, builtin.registry), tmp_path / "khac.xlsx")
        refused = split(tmp_path / "khac.xlsx", "khac")
        assert (refused.exit_code, "PLAN_015" in refused.output) == (2, True), refused.output
        assert not (tmp_path / "khac").exists() or not list((tmp_path / "khac").iterdir())
    registry = UnitRegistry([replace(u, code="DK") if u.code == "DKKD" else
                             replace(u, members=tuple("DK" if m == "DKKD" else m for m in u.members))
                             for u in builtin.registry])
    items = tuple(replace(i, solution=i.solution + " (sửa đổi)") if i.code == "3" else i for i in builtin.items)
    write_plan_workbook(Plan(builtin.facts, items, registry), tmp_path / "ke-hoach-sua.xlsx")
    made = split(tmp_path / "ke-hoach-sua.xlsx", "q3", "--lang", "en")
    assert made.exit_code == 0 and "PLAN_016" in made.output, made.output
    carried = split_copies(master, parse_period("2021-Q3"), tmp_path / "q3", overwrite=True,
                           plan=load_plan(tmp_path / "ke-hoach-sua.xlsx")).carried
    assert carried.changes == (("units_recoded", "Phòng Đăng ký kinh doanh (DKKD → DK)", 1),
                               ("items_reworded", "3", 1))
    revised = load_plan(tmp_path / "ke-hoach-sua.xlsx").unit_index
    assert carried.filled == len(revised["VP"]) - 1  # all but task 3, reworded
    assert carried.new == len(revised["DK"]) + sum(key[0] == "3" for key in revised["VP"] | revised["XTDT"]
                                                   | revised["DTXDCB"])
    sheet = load_workbook(tmp_path / "q3" / "Phong-DKKD_2021-Q3.xlsx")["Tiến độ"]
    assert all(sheet[f"H{row}"].value in ("", None) for row in range(5, sheet.max_row + 1))
