"""The report sent agrees with itself and with its appendix: section III of the Word report never praises a
criterion as done and lists it as overdue, each count equals the criteria its sentence lists, and the counts
match the levels of Phụ lục I. Masters made through the real commands (init → split → units' copies → merge)."""
from __future__ import annotations

import re

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from cchc_excel import parse_period
from cchc_excel.cli import main

DONE_LEVELS = ("Hoàn thành", "Duy trì thường xuyên")
OPEN_LEVELS = ("Đang thực hiện", "Chưa thực hiện", "Chưa có kết quả")
IN_TEXT = {"2021-Y": "năm 2021", "2021-H1": "6 tháng đầu năm 2021", "2021-Q3": "quý III năm 2021"}


def invoke(*args, codes=(0,)):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in codes, result.output
    return result


def fill_copy(path, period, status_of_row) -> None:
    """A unit's reply: every row given a status by status_of_row(row), with a result, a name and a date."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Tiến độ"]
    for row in range(5, sheet.max_row + 1):
        sheet[f"G{row}"], sheet[f"H{row}"] = status_of_row(row), f"Kết quả dòng {row}"
        sheet[f"M{row}"], sheet[f"N{row}"] = "Nguyễn Văn A", period.end
    workbook.save(path)


@pytest.fixture(scope="module", params=["2021-Y", "2021-H1", "2021-Q3"])
def report(request, tmp_path_factory):
    """One unit has everything under way; VP Sở has finished most of its rows and not started one; the report
    is dated after the year's end, so the plan's yearly and "Thường xuyên" deadlines have passed."""
    code = request.param
    period, folder = parse_period(code), tmp_path_factory.mktemp(code)
    invoke("init", "--period", code, "-o", folder / "shared.xlsx")
    invoke("split", folder / "shared.xlsx", "--period", code, "-o", folder / "units")
    fill_copy(folder / "units" / f"Trung-tam-XTDT-HTDN_{code}.xlsx", period, lambda row: "Đang thực hiện")
    fill_copy(folder / "units" / f"VP-So_{code}.xlsx", period,
              lambda row: "Chưa thực hiện" if row == 6 else "Hoàn thành")
    replies = [folder / "units" / f"{unit}_{code}.xlsx" for unit in ("Trung-tam-XTDT-HTDN", "VP-So")]
    invoke("merge-submissions", *replies, "--master", folder / "m.xlsx", "--period", code, codes=(0, 1))
    invoke("report", folder / "m.xlsx", "--period", code, "-o", folder / "bc.docx", "--date", "05/01/2022")
    texts = [p.text for p in docx.Document(str(folder / "bc.docx")).paragraphs]
    return code, texts, folder / "bc-phu-luc.xlsx"


def listed(texts, pattern: str) -> tuple[int | None, list[str]] | None:
    """The count and the codes of the one paragraph matching pattern (groups: count, list), or None."""
    found = [m for t in texts if (m := re.match(pattern, t))]
    assert len(found) <= 1
    if not found:
        return None
    count, items = found[0].groups()
    codes = [re.sub(r"^tiêu chí (thành phần )?|\s*\(.*\)$", "", i.strip()) for i in (items or "").split(", ") if i]
    return int(count) if count else None, codes


def listed_late(texts) -> tuple[int | None, list[str]] | None:
    """The count and codes of section III's sentence on criteria "quá thời hạn Kế hoạch", or None without one."""
    overdue = [t for t in texts if "quá thời hạn kế hoạch" in t.lower()]
    assert len(overdue) <= 1
    return listed(overdue, r"(?:Trong đó, )?(\d*)\D*?[Qq]uá thời hạn Kế hoạch mà chưa hoàn thành: (.*)\.$")


def appendix_levels(path) -> dict[str, str]:
    """Phụ lục I: each criterion's code → its level of completion."""
    sheet = openpyxl.load_workbook(path)["Phụ lục I"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "STT")
    level = rows[header].index("Mức độ hoàn thành")
    return {str(r[0]): r[level] for r in rows[header + 1:] if r[0] is not None and r[level]}


def test_no_criterion_both_praised_and_overdue(report):
    code, texts, appendix = report
    done = listed(texts, r"Đã hoàn thành hoặc duy trì thường xuyên (\d+) [^(]*?(?: \((.*)\))?\. ")
    still_open = listed(texts, r"Còn (\d+) .*? chưa hoàn thành: (.*)\.$")
    late = listed_late(texts)
    late_codes = late[1] if late else []
    assert not set(done[1]) & set(late_codes), f"{code}: praised as done and listed as overdue"
    assert not set(done[1]) & set(still_open[1])
    assert set(late_codes) <= set(still_open[1])
    for count, codes in (done, still_open) + ((late,) if late else ()):
        assert count == len(codes) == len(set(codes)), "a sentence listing criteria says how many"
    levels = appendix_levels(appendix)
    assert sorted(done[1]) == sorted(c for c, v in levels.items() if v in DONE_LEVELS)
    assert sorted(still_open[1]) == sorted(c for c, v in levels.items() if v in OPEN_LEVELS)
    assert late_codes, "the report is dated after every yearly deadline: some criteria are overdue"
    assert {"6", "7", "12"} <= set(done[1])  # "Thường xuyên" tasks under way are kept up, not overdue


def test_period_in_running_text_is_lower_case(report):
    code, texts, appendix = report
    words, label = IN_TEXT[code], parse_period(code).label()
    assert any(f"báo cáo kết quả thực hiện {words} (số liệu từ ngày" in t for t in texts)
    assert any("Trên đây là báo cáo kết quả thực hiện Kế hoạch số" in t and f" {words} của " in t for t in texts)
    assert any(t.startswith("Kết quả thực hiện Kế hoạch số") and t.endswith(f", {words}") for t in texts)
    if label != words:
        assert not [t for t in texts if label in t]
    workbook = openpyxl.load_workbook(appendix)
    titles = [str(c.value) for name in ("Phụ lục I", "Phụ lục II") for row in workbook[name].iter_rows(max_row=6)
              for c in row if isinstance(c.value, str)]
    assert any(words.upper() in t for t in titles if "PHỤ LỤC" not in t)
    assert not [t for t in titles if label.upper() in t and label.upper() != words.upper()]


def test_period_words_for_every_kind():
    from cchc_excel.model.periods import KINDS, Period
    from cchc_excel.sheets.report_text import period_words
    assert [period_words(Period(2021, kind)) for kind in KINDS] == [
        "quý I năm 2021", "6 tháng đầu năm 2021", "quý III năm 2021", "9 tháng đầu năm 2021", "năm 2021"]


def test_status_and_the_report_list_the_same_criteria_past_the_plans_deadline(tmp_path):
    """One rule (model/status.past_plan_deadline) for `status --json` and the Word report, on one master. Năm
    2021 judged on 05/01/2022: the yearly (1) and "Thường xuyên" (6–12) deadlines, 31/12/2021, have passed; "khi
    có thay đổi" (5) has none. A "Thường xuyên" task some unit has under way or done is kept up ("Duy trì thường
    xuyên"): none of its rows is overdue, even a unit's "Chưa thực hiện" (9, 11); one nobody has started is."""
    import json
    period = parse_period("2021-Y")
    invoke("init", "--period", "2021-Y", "-o", tmp_path / "shared.xlsx")
    invoke("split", tmp_path / "shared.xlsx", "--period", "2021-Y", "-o", tmp_path / "units")
    statuses = {"VP-So": {"1": "Đang thực hiện", "5": "Chưa thực hiện", "7": "Đang thực hiện", "8": "Chưa thực hiện",
                          "9": "Đang thực hiện", "10": "Hoàn thành", "11": "Chưa thực hiện", "12": "Không phát sinh"},
                "Trung-tam-XTDT-HTDN": {"5": "Hoàn thành", "6": "Chưa thực hiện", "9": "Chưa thực hiện",
                                        "11": "Đang thực hiện"}}
    replies = [tmp_path / "units" / f"{unit}_2021-Y.xlsx" for unit in statuses]
    for path, by_item in zip(replies, statuses.values()):
        workbook = openpyxl.load_workbook(path)
        sheet = workbook["Tiến độ"]
        for row in range(5, sheet.max_row + 1):
            status = by_item.get(sheet[f"A{row}"].value)
            if status:
                sheet[f"G{row}"], sheet[f"H{row}"], sheet[f"M{row}"] = status, f"Kết quả dòng {row}", "Nguyễn Văn A"
                sheet[f"N{row}"] = period.end
            if status == "Hoàn thành":
                sheet[f"I{row}"], sheet[f"J{row}"] = "Kế hoạch số 1/KH-SKHĐT ngày 1/5/2021", "01/12/2021"
        workbook.save(path)
    invoke("merge-submissions", *replies, "--master", tmp_path / "m.xlsx", "--period", "2021-Y", codes=(0, 1))
    result = invoke("status", tmp_path / "m.xlsx", "--period", "2021-Y", "--as-of", "05/01/2022", "--json",
                    codes=(0, 1))
    overdue = {row["item"] for unit in json.loads(result.output)["units"] for row in unit["overdue"]
               if row["reason"] == "plan_deadline"}
    invoke("report", tmp_path / "m.xlsx", "--period", "2021-Y", "-o", tmp_path / "bc.docx", "--date", "05/01/2022")
    late = listed_late([p.text for p in docx.Document(str(tmp_path / "bc.docx")).paragraphs])
    assert late is not None and sorted(late[1]) == sorted(overdue) == ["1", "6", "8"]


SHARED_STT = [["1", "Công tác chỉ đạo", "Ban hành kế hoạch", "Văn phòng Sở", "", "Quý I/2022"],
              ["2", "Cải cách thủ tục hành chính", "Rà soát thủ tục hành chính", "Phòng Quản lý xây dựng", "",
               "Quý II/2022"],
              [None, None, "Công bố thủ tục hành chính", "Văn phòng Sở", "", "Quý III/2022"],
              ["3", "Hiện đại hóa hành chính", "Số hóa hồ sơ", "Văn phòng Sở", "Phòng Quản lý xây dựng", "Năm 2022"]]


def test_tasks_under_one_stt_are_one_criterion(tmp_path, plan_file):
    """README: several tasks under one merged STT are keys 2a, 2b of one criterion. The report counts 3 criteria,
    gives criterion 2 one level ("Đang thực hiện": 2a done, 2b under way) and cites its tasks as tasks; the task
    past its deadline (2b, Quý III, judged on 01/10/2022) makes criterion 2 late, never also praised as done.
    Phụ lục I (a row per task), Phụ lục II (a row per criterion) and the follow-up workbook agree."""
    plan = plan_file(SHARED_STT, merges=["A3:A4", "B3:B4"])
    assert "3 tiêu chí" in invoke("init", "--plan", plan, "--period", "2022-H1", "-o", tmp_path / "dc.xlsx").output
    invoke("split", tmp_path / "dc.xlsx", "--period", "2022-H1", "-o", tmp_path / "u")
    period, statuses = parse_period("2022-H1"), {"1": "Hoàn thành", "2a": "Hoàn thành", "2b": "Đang thực hiện",
                                                 "3": "Đang thực hiện"}
    for path in sorted((tmp_path / "u").glob("*.xlsx")):
        workbook = openpyxl.load_workbook(path)
        sheet = workbook["Tiến độ"]
        for row in range(5, sheet.max_row + 1):
            sheet[f"G{row}"], sheet[f"H{row}"] = statuses[sheet[f"A{row}"].value], f"Kết quả dòng {row}"
            sheet[f"M{row}"], sheet[f"N{row}"] = "Nguyễn Văn A", period.end
            if sheet[f"G{row}"].value == "Hoàn thành":
                sheet[f"I{row}"], sheet[f"J{row}"] = f"Kế hoạch số {row}/KH-SXD ngày 1/3/2022", "01/03/2022"
        workbook.save(path)
    invoke("merge-submissions", tmp_path / "u", "--master", tmp_path / "m.xlsx", "--period", "2022-H1", codes=(0, 1))
    invoke("report", tmp_path / "m.xlsx", "--period", "2022-H1", "-o", tmp_path / "bc.docx", "--date", "01/10/2022",
           "--follow-up", tmp_path / "theo-doi.xlsx")
    texts = [p.text for p in docx.Document(str(tmp_path / "bc.docx")).paragraphs]
    assert any("Kế hoạch gồm 3 tiêu chí và 0 tiêu chí thành phần" in t for t in texts)
    assert any(t.startswith("Trong 3 tiêu chí") and ": 1 hoàn thành, 2 đang thực hiện;" in t for t in texts)
    assert [t for t in texts if t.startswith("Tiêu chí 2.")] == ["Tiêu chí 2. Cải cách thủ tục hành chính — Đang thực hiện."]
    tasks = [t for t in texts if t.startswith("- Nhiệm vụ 2")]
    assert tasks == ["- Nhiệm vụ 2a. Rà soát thủ tục hành chính — Hoàn thành.",
                     "- Nhiệm vụ 2b. Công bố thủ tục hành chính — Đang thực hiện."]
    done = listed(texts, r"Đã hoàn thành hoặc duy trì thường xuyên (\d+) [^(]*?(?: \((.*)\))?\. ")
    still_open = listed(texts, r"Còn (\d+) .*? chưa hoàn thành: (.*)\.$")
    assert done == (1, ["1"]) and still_open == (2, ["2", "3"])
    assert listed_late(texts) == (1, ["2"])
    assert any(t.endswith("quá thời hạn Kế hoạch mà chưa hoàn thành: tiêu chí 2 (nhiệm vụ 2b).") for t in texts)
    appendix = openpyxl.load_workbook(tmp_path / "bc-phu-luc.xlsx")
    rows = list(appendix["Phụ lục I"].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "STT")
    level = rows[header].index("Mức độ hoàn thành")
    assert [r[level] for r in rows[header + 1:] if r[0] == "2"] == ["Hoàn thành", "Đang thực hiện"]
    labels = [r[0] for r in appendix["Phụ lục II"].iter_rows(values_only=True)]
    by_criterion = labels[labels.index("Tiêu chí") + 1:labels.index("Tổng cộng", labels.index("Tiêu chí"))]
    assert by_criterion == ["1. Công tác chỉ đạo", "2. Cải cách thủ tục hành chính", "3. Hiện đại hóa hành chính"]
    assert any("3 tiêu chí và 0 tiêu chí thành phần" in str(label) for label in labels)
    overdue = list(openpyxl.load_workbook(tmp_path / "theo-doi.xlsx")["Quá hạn"].iter_rows(values_only=True))
    assert [r[1] for r in overdue if r[3] and "Kế hoạch" in str(r[3])] == ["2b"]
