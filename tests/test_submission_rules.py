"""Rules over what a unit sends back, through the commands it and the Office run: data typed into a copy of the
entry sheet, a copy split pre-filled and returned untouched, a status typed without diacritics."""
from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_excel import read_master
from cchc_excel.cli import main

ROW = {"G": "Hoàn thành", "H": "Đã ban hành", "I": "Quyết định số 1/QĐ-SKHĐT", "J": "01/06/2021", "M": "Nguyễn Văn B",
       "N": "10/06/2021"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def codes(output_json):
    import json
    return {(p["sheet"], p["cell"], p["code"]) for f in json.loads(output_json) for p in f["issues"]}


def copy_entry_sheet(source, target, title, cells=None, *, real=None, state="visible"):
    """What a unit does in Excel or LibreOffice: duplicate `Tiến độ`, type into the copy (cells), the real sheet
    (real) as given."""
    workbook = openpyxl.load_workbook(source)
    copy = workbook.copy_worksheet(workbook["Tiến độ"])
    copy.title = title
    copy.sheet_state = state
    for ref, value in (cells or {}).items():
        copy[ref] = value
    for ref, value in (real or {}).items():
        workbook["Tiến độ"][ref] = value
    workbook.save(target)
    return target


def row_cells(row, values=ROW):
    return {f"{column}{row}": value for column, value in values.items()}


@pytest.mark.parametrize("title, state", [("Tiến độ (2)", "visible"), ("Copy of Tiến độ", "hidden"),
                                          ("Tiến độ_2", "visible")])
def test_data_typed_into_a_copy_of_the_entry_sheet_rejects_the_file(loop, tmp_path, title, state):
    _, _, copies = loop
    path = copy_entry_sheet(copies["Phong-DKKD"], tmp_path / "ban-sao.xlsx", title, row_cells(5) | row_cells(7),
                            state=state)
    result = run("validate", path, "--json")
    assert result.exit_code == 1
    assert codes(result.output) == {(title, "G5", "STRUCT_017")}
    master = tmp_path / "tong-hop.xlsx"
    result = run("merge-submissions", path, "--master", master, "--period", "2021-H1")
    assert result.exit_code == 1 and "STRUCT_017" in result.output
    assert not master.exists()  # nothing was accepted: no master made from nothing


def test_a_copy_holding_what_the_entry_sheet_holds_or_no_entry_table_is_no_problem(loop, tmp_path):
    _, _, copies = loop
    filled = row_cells(5) | row_cells(6)
    backup = copy_entry_sheet(copies["Phong-DKKD"], tmp_path / "du-phong.xlsx", "Tiến độ (2)", filled, real=filled)
    workbook = openpyxl.load_workbook(backup)
    notes = workbook.create_sheet("Ghi chú")  # the unit's own notes, another table
    notes.append(["STT", "Nội dung", "Người cập nhật"])
    notes.append(["1", "Hỏi lại Văn phòng", "Nguyễn Văn B"])
    workbook["Tiến độ (2)"]["N5"] = date(2021, 6, 10)  # the same day as a date cell
    workbook.save(backup)
    result = run("validate", backup, "--json")
    assert result.exit_code == 0, result.output
    master = tmp_path / "tong-hop.xlsx"
    assert run("merge-submissions", backup, "--master", master, "--period", "2021-H1").exit_code == 1  # 13 missing
    records = read_master(master).records
    assert {key[1] for key in records} == {"1", "2"}


def test_a_backup_copy_older_than_the_entry_sheet_is_no_problem_but_a_row_only_the_copy_holds_is(loop, tmp_path):
    _, _, copies = loop
    filled = row_cells(5) | row_cells(6)
    older = filled | {"H6": "Đã ban hành và triển khai"}  # the backup, made before the unit corrected Tiến độ
    path = copy_entry_sheet(copies["Phong-DKKD"], tmp_path / "sua.xlsx", "Tiến độ (2)", older, real=filled)
    result = run("validate", path, "--json")
    assert result.exit_code == 0 and not codes(result.output), result.output
    master = tmp_path / "tong-hop.xlsx"
    run("merge-submissions", path, "--master", master, "--period", "2021-H1")
    assert {key[1] for key in read_master(master).records} == {"1", "2"}  # Tiến độ's rows, as corrected
    path = copy_entry_sheet(copies["Phong-DKKD"], tmp_path / "them.xlsx", "Tiến độ (2)", older | row_cells(7),
                            real=filled)
    result = run("validate", path, "--json")
    assert result.exit_code == 1 and codes(result.output) == {("Tiến độ (2)", "G7", "STRUCT_017")}


def test_only_the_entry_sheet_is_read_when_the_file_holds_the_tools_sheets_only(loop, monkeypatch):
    """The identity comes from the document properties (model/identity.py): no other sheet is parsed."""
    from cchc_excel.io.reader import WorkbookData
    from cchc_excel.validate import validate_file
    from cchc_excel import builtin_plan

    _, _, copies = loop
    plan = builtin_plan()
    read = []
    for method in ("sheet", "pair_rows"):  # the metadata is read by pair_rows
        original = getattr(WorkbookData, method)
        monkeypatch.setattr(WorkbookData, method,
                            lambda self, name, original=original: read.append(name) or original(self, name))
    assert validate_file(copies["Phong-DKKD"], plan, today=date(2021, 6, 20)).report.valid
    assert set(read) == {"Tiến độ"}
    read.clear()
    path = copy_entry_sheet(copies["Phong-DKKD"], copies["Phong-DKKD"].with_name("x.xlsx"), "Tiến độ (2)")
    assert validate_file(path, plan, today=date(2021, 6, 20)).report.valid  # an empty copy
    # saved by openpyxl, which writes the properties in a shape of its own: the metadata sheet is read instead
    assert set(read) == {"Tiến độ", "Tiến độ (2)", "_cchc_meta"}


def fill_rows(path, rows, values, target=None):
    workbook = openpyxl.load_workbook(path)
    for row in rows:
        for column, value in values.items():
            workbook["Tiến độ"][f"{column}{row}"] = value
    workbook.save(target or path)
    return target or path


def merged(master, *args):
    import json
    result = run("merge-submissions", *args, "--master", master, "--json")
    return result.exit_code, json.loads(result.output)


def test_a_copy_split_prefilled_and_returned_untouched_is_no_report_for_the_period(loop, tmp_path):
    _, _, copies = loop
    master = tmp_path / "tong-hop.xlsx"
    h1 = fill_rows(copies["Phong-DKKD"], range(5, 8), {"G": "Đang thực hiện", "H": "Kết quả 6 tháng", "M": "A",
                                                       "N": "13/06/2021"})
    assert merged(master, h1, "--period", "2021-H1")[1]["added"] == 3
    assert run("split", master, "--period", "2021-Q3", "-o", tmp_path / "q3").exit_code == 0
    q3 = tmp_path / "q3" / "Phong-DKKD_2021-Q3.xlsx"
    sheet = openpyxl.load_workbook(q3)["Tiến độ"]
    assert (sheet["H5"].value, sheet["N5"].value) == ("Kết quả 6 tháng", "13/06/2021")  # split pre-fills them

    code, result = merged(master, q3, "--period", "2021-Q3")  # sent back unopened
    assert code == 1 and (result["added"], result["rejected_rows"]) == (0, 3)
    assert {(p["cell"], p["code"]) for p in result["files"][0]["issues"]} == {
        ("N5", "VAL_020"), ("N6", "VAL_020"), ("N7", "VAL_020")}
    assert not any(key[0].code == "2021-Q3" for key in read_master(master).records)

    # the unit updates one row and its date: that row is its report; the others are still last period's
    fill_rows(q3, [6], {"H": "Kết quả quý III", "N": "20/08/2021"})
    code, result = merged(master, q3, "--period", "2021-Q3")
    assert (result["added"], result["rejected_rows"]) == (1, 2)
    records = read_master(master).records
    assert [key[1:] for key in records if key[0].code == "2021-Q3"] == [("2", "DKKD")]
    assert records[next(k for k in records if k[0].code == "2021-Q3")].progress.updated_on == date(2021, 8, 20)
    result = run("validate", q3, "--json")
    assert result.exit_code == 1
    assert codes(result.output) == {("Tiến độ", "N5", "VAL_020"), ("Tiến độ", "N7", "VAL_020")}


def test_a_status_typed_without_diacritics_is_read_with_a_warning_and_kept_as_the_list_gives_it(loop, tmp_path):
    _, _, copies = loop
    path = tmp_path / "khong-dau.xlsx"
    workbook = openpyxl.load_workbook(copies["Phong-DKKD"])
    for ref, value in (row_cells(5, ROW | {"G": "Hoan thanh"}) | row_cells(6, ROW | {"G": "DANG THUC HIEN"})
                       | row_cells(7, ROW | {"G": "Xong"})).items():
        workbook["Tiến độ"][ref] = value
    workbook.save(path)
    result = run("validate", path, "--json")
    assert codes(result.output) == {("Tiến độ", "G5", "VAL_003"), ("Tiến độ", "G6", "VAL_003"),
                                    ("Tiến độ", "G7", "VAL_002"),
                                    ("Tiến độ", "J6", "VAL_025")}  # ROW's Ngày hoàn thành on a row not done
    master = tmp_path / "tong-hop.xlsx"
    code, merge = merged(master, path, "--period", "2021-H1")
    assert (merge["added"], merge["rejected_rows"]) == (2, 1)
    data = openpyxl.load_workbook(master)["Dữ liệu 2021-H1"]
    header = [cell.value for cell in data[1]]
    statuses = {row[header.index("STT")]: row[header.index("Tình trạng")] for row in data.iter_rows(min_row=2,
                                                                                                   values_only=True)}
    assert statuses == {"1": "Hoàn thành", "2": "Đang thực hiện"}


def test_a_completion_carried_forward_by_split_is_no_warning_and_one_after_the_update_is(loop, tmp_path):
    _, _, copies = loop
    master = tmp_path / "tong-hop.xlsx"
    h1 = fill_rows(copies["Phong-DKKD"], [5], ROW | {"N": "13/06/2021"})  # done 01/06/2021
    assert merged(master, h1, "--period", "2021-H1")[1]["added"] == 1
    assert run("split", master, "--period", "2021-Q3", "-o", tmp_path / "q3").exit_code == 0
    q3 = tmp_path / "q3" / "Phong-DKKD_2021-Q3.xlsx"
    fill_rows(q3, [5], {"N": "20/08/2021"})  # the unit confirms the row done last period
    fill_rows(q3, [6], ROW | {"N": "20/08/2021"})  # reported done this period, dated in the last one
    fill_rows(q3, [7], ROW | {"J": "25/08/2021", "N": "20/08/2021"})  # done after its row was updated
    result = run("validate", q3, "--json")
    assert result.exit_code == 0, result.output
    assert codes(result.output) == {("Tiến độ", "J6", "VAL_011"), ("Tiến độ", "J7", "VAL_021")}
    code, merge = merged(master, q3, "--period", "2021-Q3")
    assert (merge["added"], merge["rejected_rows"]) == (3, 0)


def split_from_the_first_quarter(tmp_path):
    """The master after Phòng ĐKKD reported rows 5 and 6 for Q1 (updated 10/03/2021), and its H1 copy split from
    it, pre-filled: 10/03/2021 is inside H1's data window (from 15/12/2020)."""
    shared, master = tmp_path / "dung-chung.xlsx", tmp_path / "tong-hop.xlsx"
    assert run("init", "--period", "2021-Q1", "-o", shared).exit_code == 0
    assert run("split", shared, "--period", "2021-Q1", "-o", tmp_path / "q1").exit_code == 0
    q1 = fill_rows(tmp_path / "q1" / "Phong-DKKD_2021-Q1.xlsx", [5, 6], ROW | {"J": "01/03/2021", "N": "10/03/2021"})
    assert merged(master, q1, "--period", "2021-Q1")[1]["added"] == 2
    assert run("split", master, "--period", "2021-H1", "-o", tmp_path / "h1").exit_code == 0
    return master, tmp_path / "h1" / "Phong-DKKD_2021-H1.xlsx"


def test_a_half_year_copy_split_from_the_first_quarter_returned_untouched_is_no_report_but_a_resplit_is(tmp_path):
    master, h1 = split_from_the_first_quarter(tmp_path)

    code, result = merged(master, h1, "--period", "2021-H1")  # sent back unopened
    assert (result["added"], result["rejected_rows"]) == (0, 2)
    assert {(p["cell"], p["code"]) for p in result["files"][0]["issues"]} == {("N5", "VAL_022"), ("N6", "VAL_022")}

    fill_rows(h1, [5], {"N": "10/06/2021"})  # confirmed for H1: no VAL_011 on its completion carried from Q1
    code, result = merged(master, h1, "--period", "2021-H1")
    assert (result["added"], result["rejected_rows"]) == (1, 1)
    assert {(p["cell"], p["code"]) for p in result["files"][0]["issues"]} == {("N6", "VAL_022")}

    # split again for H1: row 5 now holds H1's own values (no rule against them), row 6 still Q1's
    assert run("split", master, "--period", "2021-H1", "-o", tmp_path / "h1-lan-2").exit_code == 0
    code, result = merged(master, tmp_path / "h1-lan-2" / "Phong-DKKD_2021-H1.xlsx", "--period", "2021-H1")
    assert (result["unchanged"], result["rejected_rows"]) == (1, 1)
    assert {(p["cell"], p["code"]) for p in result["files"][0]["issues"]} == {("N6", "VAL_022")}


def test_a_copy_of_last_period_names_this_period_in_running_text_and_in_english(loop, tmp_path):
    """VAL_020 (the update date before the period) and VAL_022 (the date split pre-filled) say the period as the
    report does inside a sentence ('quý III năm 2021'), and the English text says it in English."""
    _, _, copies = loop
    tmp_path = tmp_path / "lan-nay"  # beside the loop's own files
    tmp_path.mkdir()
    shared, master = tmp_path / "dung-chung.xlsx", tmp_path / "tong-hop.xlsx"
    h1 = fill_rows(copies["Phong-DKKD"], [5], ROW | {"N": "13/06/2021"}, target=tmp_path / "h1.xlsx")
    assert merged(master, h1, "--period", "2021-H1")[1]["added"] == 1
    assert run("split", master, "--period", "2021-Q3", "-o", tmp_path / "q3").exit_code == 0
    assert run("init", "--period", "2021-Q1", "-o", shared).exit_code == 0
    assert run("split", shared, "--period", "2021-Q1", "-o", tmp_path / "q1").exit_code == 0
    q1 = fill_rows(tmp_path / "q1" / "Phong-DKKD_2021-Q1.xlsx", [5], ROW | {"J": "01/03/2021", "N": "10/03/2021"})
    q1_master = tmp_path / "tong-hop-q1.xlsx"
    assert merged(q1_master, q1, "--period", "2021-Q1")[1]["added"] == 1
    assert run("split", q1_master, "--period", "2021-H1", "-o", tmp_path / "h1-tu-q1").exit_code == 0
    cases = [(tmp_path / "q3" / "Phong-DKKD_2021-Q3.xlsx", "VAL_020", "trước kỳ báo cáo quý III năm 2021 (",
              "is before the period Q3 2021 ("),
             (tmp_path / "h1-tu-q1" / "Phong-DKKD_2021-H1.xlsx", "VAL_022", "cho kỳ 6 tháng đầu năm 2021 nên",
              "not updated for the period first half of 2021, so")]
    for path, code, vi, en in cases:
        for lang, text in (("vi", vi), ("en", en)):
            result = run("validate", path, "--lang", lang)
            lines = [line for line in result.output.splitlines() if "'Tiến độ'!N5" in line and code in line]
            assert result.exit_code == 1 and len(lines) == 1 and text in lines[0], result.output
        assert not any(word in lines[0] for word in ("Quý", "quý", "tháng đầu năm")), lines[0]


def test_a_row_reported_without_its_update_date_is_refused_and_never_blocks_a_dated_one(loop, tmp_path):
    """Merge orders two values of a row by Ngày cập nhật: an undated row used to be taken, then win or lose by the
    files' times alone (an undated value in the master beat a dated one saved before that merge)."""
    import os
    import time
    _, _, copies = loop
    master = tmp_path / "tong-hop.xlsx"
    dated = fill_rows(copies["Phong-DKKD"], [5], ROW | {"H": "Bản có ngày"}, target=tmp_path / "co-ngay.xlsx")
    hour_ago = time.time() - 3600
    os.utime(dated, (hour_ago, hour_ago))  # saved before the undated copy is merged
    undated = fill_rows(copies["Phong-DKKD"], [5, 6], ROW | {"H": "Bản không ngày", "N": None},
                        target=tmp_path / "khong-ngay.xlsx")
    fill_rows(undated, [6], {"N": "10/06/2021"})

    result = run("validate", undated, "--json")
    assert result.exit_code == 1 and codes(result.output) == {("Tiến độ", "N5", "VAL_023")}
    code, merge = merged(master, undated, "--period", "2021-H1")
    assert code == 1 and (merge["added"], merge["rejected_rows"]) == (1, 1)
    assert {(p["cell"], p["code"]) for p in merge["files"][0]["issues"]} == {("N5", "VAL_023")}

    code, merge = merged(master, dated, "--period", "2021-H1")
    assert merge["added"] == 1 and not merge["files"][0]["issues"]
    records = read_master(master).records
    results = {key[1]: record.progress.result for key, record in records.items() if key[2] == "DKKD"}
    assert results == {"1": "Bản có ngày", "2": "Bản không ngày"}  # row 6 was dated


def test_a_prefilled_row_whose_update_date_was_emptied_is_no_report_for_the_period(tmp_path):
    master, h1 = split_from_the_first_quarter(tmp_path)
    fill_rows(h1, [5], {"N": None})  # the date emptied, the rest as split pre-filled it
    fill_rows(h1, [6], {"N": "10/06/2021"})  # confirmed for H1

    result = run("validate", h1, "--json")
    assert result.exit_code == 1 and codes(result.output) == {("Tiến độ", "N5", "VAL_024")}
    import json
    assert "10/03/2021" in json.loads(result.output)[0]["issues"][0]["message"]  # the date split pre-filled
    code, merge = merged(master, h1, "--period", "2021-H1")
    assert code == 1 and (merge["added"], merge["rejected_rows"]) == (1, 1)
    assert [key[1:] for key in read_master(master).records if key[0].code == "2021-H1"] == [("2", "DKKD")]


def test_an_update_date_after_today_is_refused_and_one_after_the_period_is_not(loop, tmp_path):
    """A year typed wrong (2031 for 2021) would win every later merge of the row: refused (VAL_009) whether typed as
    text or as a date cell. A date after the period's end but not after today is a unit reporting late: taken."""
    from datetime import datetime
    _, _, copies = loop
    path = fill_rows(copies["Phong-DKKD"], [5, 6, 7], ROW, target=tmp_path / "ngay.xlsx")
    fill_rows(path, [5], {"N": "10/06/2031"})
    fill_rows(path, [6], {"N": datetime(2031, 6, 10)})
    fill_rows(path, [7], {"N": "20/07/2021"})  # after H1's end (14/06/2021), long before today
    result = run("validate", path, "--json")
    assert result.exit_code == 1
    assert codes(result.output) == {("Tiến độ", "N5", "VAL_009"), ("Tiến độ", "N6", "VAL_009")}
    code, merge = merged(tmp_path / "tong-hop.xlsx", path, "--period", "2021-H1")
    assert (merge["added"], merge["rejected_rows"]) == (1, 2)
    assert [record.progress.updated_on for record in read_master(tmp_path / "tong-hop.xlsx").records.values()] == [
        date(2021, 7, 20)]
