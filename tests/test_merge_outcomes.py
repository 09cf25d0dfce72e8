"""What a merge tells the Office: rows older than the master's, validation warnings, identical files, the period
of what is missing; on the console, in --json and in the master's log."""
from __future__ import annotations

import json
import os
import shutil
import unicodedata
from datetime import date
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from cchc_excel import builtin_plan, parse_period, read_master, write_shared_workbook
from cchc_excel.cli import main
from cchc_excel.render import say
from conftest import fill

PERIOD = parse_period("2021-H1")


def row(status: str, result: str, updated: date, **more) -> dict:
    """The input cells of entry row 5 (item 1 of the unit's copy)."""
    return {"G5": status, "H5": result, "M5": "Nguyễn Văn B", "N5": updated} | more


def merge(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["merge-submissions", *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def log_of(master) -> list[tuple]:
    workbook = openpyxl.load_workbook(master, read_only=True)
    sheet = next(workbook[name] for name in workbook.sheetnames if name.startswith("Nhật ký"))
    return [r for r in sheet.iter_rows(min_row=2, values_only=True)]


def test_a_correction_dated_earlier_than_the_master_is_kept_as_history_and_the_office_is_told(tmp_path, templates):
    typo = fill(templates["DKKD"], tmp_path / "typo.xlsx", row("Đang thực hiện", "Kết quả SAI", date(2021, 6, 14)))
    fixed = fill(templates["DKKD"], tmp_path / "fixed.xlsx", row("Đang thực hiện", "Kết quả ĐÃ SỬA", date(2021, 6, 12)))
    master = tmp_path / "tong-hop.xlsx"
    merge(str(typo), "--master", str(master), "--period", "2021-H1")
    _, text = merge(str(fixed), "--master", str(master), "--period", "2021-H1")
    line = next(line for line in text.splitlines() if line.endswith(str(fixed) + " (+0, ~0, =0, ✗0"
                                                                     + say("older_count", n=1) + ")"))
    assert line.startswith(say("accepted")) and "MERGE_014" in text
    data = read_master(master)
    assert data.records[PERIOD, "1", "DKKD"].progress.result == "Kết quả SAI"  # the later Ngày cập nhật still wins
    assert [s.record.progress.result for s in data.history] == ["Kết quả ĐÃ SỬA"]
    told = [r for r in log_of(master) if r[1] == "fixed.xlsx"]
    assert told[0][3] == "Chấp nhận" and "1 dòng cũ hơn" in told[0][10]
    assert [(r[3], r[8], r[9]) for r in told[1:]] == [("Cảnh báo", "MERGE_014", "'Tiến độ'")]
    _, out = merge(str(fixed), "--master", str(master), "--period", "2021-H1", "--json", "--dry-run")
    result = json.loads(out)
    assert result["older"] == result["files"][0]["older"] == 1 and result["files"][0]["changed"] == 0
    assert [(i["code"], i["severity"], i["sheet"]) for i in result["files"][0]["issues"]] == [
        ("MERGE_014", "warning", "Tiến độ")]


def test_merge_keeps_and_shows_the_warnings_of_validate_without_rejecting_rows(tmp_path, templates):
    warned = fill(templates["DKKD"], tmp_path / "DKKD.xlsx", row("đang thực hiện", "Kết\u200b quả", date(2021, 6, 10)))
    master = tmp_path / "tong-hop.xlsx"
    _, out = merge(str(warned), "--master", str(master), "--period", "2021-H1", "--json", "--dry-run")
    result = json.loads(out)["files"][0]
    assert (result["status"], result["added"], result["rejected_rows"]) == ("accepted", 1, 0)
    assert sorted((i["code"], i["severity"], i["cell"]) for i in result["issues"]) == [
        ("VAL_003", "warning", "G5"), ("VAL_019", "warning", "H5")]
    _, text = merge(str(warned), "--master", str(master), "--period", "2021-H1")
    shown = [line.strip() for line in text.splitlines() if "VAL_0" in line]
    assert len(shown) == 2 and all(line.startswith(say("warning") + ": [VAL_0") for line in shown)
    assert read_master(master).records[PERIOD, "1", "DKKD"].progress.result == "Kết quả"
    assert sorted((r[1], r[3], r[8], r[9]) for r in log_of(master) if r[8]) == [
        ("DKKD.xlsx", "Cảnh báo", "VAL_003", "'Tiến độ'!G5"), ("DKKD.xlsx", "Cảnh báo", "VAL_019", "'Tiến độ'!H5")]


def test_the_same_file_sent_twice_is_read_and_counted_once(tmp_path, templates):
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    first = fill(templates["DKKD"], inbox / "vp.xlsx", row("Đang thực hiện", "x", date(2021, 6, 10))
                 | {"G6": "abc", "H6": "y", "M6": "A", "N6": date(2021, 6, 10)})  # row 6 rejected (VAL_002)
    shutil.copy(first, inbox / "vp - Copy.xlsx")  # sorts before vp.xlsx
    master = tmp_path / "tong-hop.xlsx"
    _, out = merge(str(inbox), "--master", str(master), "--period", "2021-H1", "--json")
    result = json.loads(out)
    assert (result["added"], result["rejected_rows"], result["superseded"]) == (1, 1, 0)
    outcomes = {f["file"]: f for f in result["files"]}
    copy = outcomes[str(inbox / "vp - Copy.xlsx")]
    assert (copy["status"], copy["rejected_rows"], [(i["code"], i["severity"]) for i in copy["issues"]]) == (
        "skipped", 0, [("MERGE_015", "warning")])
    assert str(first) in copy["issues"][0]["message"] and copy["sha256"] == outcomes[str(first)]["sha256"]
    data = read_master(master)
    assert data.history == [] and data.records[PERIOD, "1", "DKKD"].source.file == "vp.xlsx"
    assert [(r[3], r[8]) for r in log_of(master) if r[1] == "vp - Copy.xlsx"] == [("Bỏ qua", None),
                                                                                  ("Cảnh báo", "MERGE_015")]
    assert result["files"][-1]["file"] == str(inbox / "vp - Copy.xlsx")  # told after the file it repeats


def test_what_is_missing_is_said_with_its_period(tmp_path, templates):
    q3 = write_shared_workbook(builtin_plan(), parse_period("2021-Q3"), tmp_path / "Q3.xlsx", unit_code="DKKD")
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    fill(templates["DKKD"], inbox / "h1.xlsx", row("Đang thực hiện", "x", date(2021, 6, 10)))
    fill(q3, inbox / "q3.xlsx", row("Đang thực hiện", "y", date(2021, 9, 10)))
    master = tmp_path / "tong-hop.xlsx"
    code, text = merge(str(inbox), "--master", str(master))
    result = json.loads(merge(str(inbox), "--master", str(master), "--json", "--dry-run")[1])
    assert code == 1 and result["missing"]
    missing = [line for line in text.splitlines() if any(unit in line for unit in result["missing"])]
    assert len(missing) == len(result["missing"]) and all(f"{result['period']})" in line for line in missing)
    logged = [r[10] for r in log_of(master) if r[3] == "Còn thiếu"]
    assert len(logged) == len(result["missing"]) and all(f"{result['period']})" in text for text in logged)


def test_a_correction_dated_earlier_in_the_same_inbox_is_told_an_older_copy_is_not(tmp_path, templates):
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    sent = [("a-sai.xlsx", "Kết quả SAI", date(2021, 6, 14)), ("b-sua.xlsx", "Kết quả ĐÃ SỬA", date(2021, 6, 12)),
            ("c-cu.xlsx", "Bản đầu", date(2021, 6, 1))]
    for n, (name, text, day) in enumerate(sent):  # saved in this order, the old copy c-cu.xlsx first
        path = fill(templates["DKKD"], inbox / name, row("Đang thực hiện", text, day))
        os.utime(path, (1_623_000_000 + 3600 * ((n + 1) % 3),) * 2)
    _, out = merge(str(inbox), "--master", str(tmp_path / "tong-hop.xlsx"), "--period", "2021-H1", "--json")
    outcomes = {Path(f["file"]).name: f for f in json.loads(out)["files"]}
    assert [(outcomes[name]["added"], outcomes[name]["superseded"], outcomes[name]["older"],
             [i["code"] for i in outcomes[name]["issues"]]) for name, _, _ in sent] == [
        (1, 0, 0, []), (0, 1, 1, ["MERGE_014"]), (0, 1, 0, [])]
    assert read_master(tmp_path / "tong-hop.xlsx").records[PERIOD, "1", "DKKD"].progress.result == "Kết quả SAI"


def test_a_file_whose_every_filled_row_is_refused_is_refused_not_partly_accepted(tmp_path, templates):
    wrong = fill(templates["DKKD"], tmp_path / "sai.xlsx", row("Xongroi", "Kết quả", date(2021, 6, 10)))
    master = tmp_path / "tong-hop.xlsx"
    code, out = merge(str(wrong), "--master", str(master), "--period", "2021-H1", "--json")
    result = json.loads(out)
    assert code == 1 and [(f["status"], f["rejected_rows"]) for f in result["files"]] == [("rejected", 1)]
    assert not master.exists()  # nothing was taken: no master made from nothing
    right = fill(templates["DKKD"], tmp_path / "dung.xlsx", row("Đang thực hiện", "Kết quả", date(2021, 6, 10)) |
                 {"G6": "Xongroi", "H6": "Kết quả", "M6": "Nguyễn Văn B", "N6": date(2021, 6, 10)})
    code, out = merge(str(right), "--master", str(master), "--period", "2021-H1", "--json")
    assert [(f["status"], f["added"], f["rejected_rows"]) for f in json.loads(out)["files"]] == [("partial", 1, 1)]


def test_two_files_of_the_same_day_with_other_values_the_one_saved_first_is_told(tmp_path, templates):
    fixed = fill(templates["DKKD"], tmp_path / "sua.xlsx", row("Đang thực hiện", "Kết quả ĐÃ SỬA", date(2021, 6, 12)))
    typo = fill(templates["DKKD"], tmp_path / "typo.xlsx", row("Đang thực hiện", "Kết quả SAI", date(2021, 6, 12)))
    os.utime(fixed, (1_623_400_000, 1_623_400_000))
    os.utime(typo, (1_623_500_000, 1_623_500_000))  # the wrong copy saved last (from an e-mail, say)
    master = tmp_path / "tong-hop.xlsx"
    _, out = merge(str(tmp_path / "sua.xlsx"), str(tmp_path / "typo.xlsx"), "--master", str(master), "--period",
                   "2021-H1", "--json")
    files = {Path(f["file"]).name: f for f in json.loads(out)["files"]}
    assert [(i["code"], i["severity"]) for i in files["sua.xlsx"]["issues"]] == [("MERGE_016", "warning")]
    assert not files["typo.xlsx"]["issues"]
    data = read_master(master)
    assert data.records[PERIOD, "1", "DKKD"].progress.result == "Kết quả SAI"  # file time decides
    assert [s.reason for s in data.history] == ["Cùng Ngày cập nhật trong cùng lần gộp; lấy typo.xlsx, tệp lưu sau"]
    _, text = merge(str(tmp_path / "sua.xlsx"), str(tmp_path / "typo.xlsx"), "--master", str(tmp_path / "moi.xlsx"),
                    "--period", "2021-H1")
    assert any(line.endswith("sua.xlsx (+0, ~0, =0, ✗0" + say("replaced_count", n=1) + ")")
               for line in text.splitlines()), text


def test_many_warnings_of_one_kind_are_told_three_then_counted_in_one_line(tmp_path, templates):
    """A unit whose keyboard writes decomposed text has VAL_015 in every text cell: merge shows three, then one
    MERGE_017 with how many more and where; validate still lists each cell."""
    rows = range(5, 13)
    decomposed = unicodedata.normalize("NFD", "Đã triển khai thực hiện")
    typed = {f"{column}{r}": decomposed for r in rows for column in "HKL"}
    unit = fill(templates["DKKD"], tmp_path / "DKKD.xlsx", typed, rows=rows)
    master = tmp_path / "tong-hop.xlsx"
    _, out = merge(str(unit), "--master", str(master), "--period", "2021-H1", "--json")
    issues = json.loads(out)["files"][0]["issues"]
    assert [(i["code"], i["cell"]) for i in issues] == [("VAL_015", "H5"), ("VAL_015", "K5"), ("VAL_015", "L5"),
                                                        ("MERGE_017", "")]
    assert issues[-1]["value"] == str(3 * len(rows) - 3) and "H6, K6, L6, H7" in issues[-1]["message"]
    assert issues[-1]["severity"] == "warning" and str(unit) in issues[-1]["message"]
    assert read_master(master).records[PERIOD, "1", "DKKD"].progress.result == "Đã triển khai thực hiện"
    assert [r[8] for r in log_of(master) if r[8]] == ["VAL_015"] * 3 + ["MERGE_017"]
    _, text = merge(str(unit), "--master", str(tmp_path / "lan-hai.xlsx"), "--period", "2021-H1")
    assert text.count("VAL_015") == 4 and text.count("MERGE_017") == 1  # three shown, one named in the count
    checked = CliRunner().invoke(main, ["validate", str(unit), "--json"])
    assert [i["code"] for i in json.loads(checked.output)[0]["issues"]].count("VAL_015") == 3 * len(rows)
