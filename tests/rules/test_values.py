"""Values read as the user saw them: numbers, dates and TRUE/FALSE in text columns, invisible characters,
hyperlinks and date cells that an application reading month first may have swapped."""
from __future__ import annotations

from datetime import date, datetime

import openpyxl

from cchc_excel import builtin_plan, merge_submissions, parse_period, write_report
from cchc_excel.io.master_file import read_master
from cchc_excel.validate import validate_file
from conftest import TODAY

ROW = {"G": "Đang thực hiện", "H": "Đã triển khai", "M": "Nguyễn Văn B", "N": date(2021, 6, 10)}


def _row(number: int, **cells) -> dict:
    return {f"{c}{number}": v for c, v in (ROW | cells).items()}


def _formatted(formats: dict[str, str], links: dict[str, str] | None = None):
    def edit(workbook):
        sheet = workbook["Tiến độ"]
        for ref, number_format in formats.items():
            sheet[ref].number_format = number_format
        for ref, url in (links or {}).items():
            sheet[ref].hyperlink = url
    return edit


def _check_and_merge(path, tmp_path):
    report = validate_file(path, builtin_plan(), today=TODAY).report
    merge_submissions([path], tmp_path / "tong-hop.xlsx", period=parse_period("2021-H1"), today=TODAY,
                      now=datetime(2021, 6, 20, 9))
    records = read_master(tmp_path / "tong-hop.xlsx").records
    merged = {r.source.row: r.progress for r in records.values()}
    return {(p.cell, p.code): p.value for p in report.problems}, merged


def test_numbers_dates_and_booleans_in_text_columns_are_kept_as_shown(filled, tmp_path):
    cells = _row(5, H=1, K=datetime(2026, 5, 3), L=1234, I=True) | _row(6, H=0.5, K=3.25, L=44362)
    path = filled(cells, edit=_formatted({"H5": "0%", "K5": "dd/mm/yyyy", "L5": "#,##0", "H6": "0.00%",
                                          "L6": "mm/dd/yyyy"}))
    problems, merged = _check_and_merge(path, tmp_path)
    assert {cell: value for (cell, code), value in problems.items() if code == "VAL_017"} == {
        "H5": "100%", "K5": "03/05/2026", "L5": "1.234", "I5": "TRUE", "H6": "50,00%", "K6": "3,25",
        "L6": "06/15/2021"}
    assert (merged[5].result, merged[5].difficulties, merged[5].proposals, merged[5].evidence) == (
        "100%", "03/05/2026", "1.234", "TRUE")
    assert (merged[6].result, merged[6].difficulties, merged[6].proposals) == ("50,00%", "3,25", "06/15/2021")


def test_invisible_characters_are_named_and_the_cleaned_value_accepted(filled, tmp_path):
    cells = (_row(5, G="\ufeffĐang thực hiện") | _row(6, G="Chưa\u00a0thực hiện", H="")
             | _row(7, H="Đã\u200b triển\u00a0khai\u2060"))
    problems, merged = _check_and_merge(filled(cells), tmp_path)
    assert {key for key in problems if key[1] != "VAL_019"} == set()  # no VAL_002/VAL_003 for a hidden character
    assert problems[("G5", "VAL_019")] == "Đang thực hiện" and problems[("H7", "VAL_019")] == "Đã triển khai"
    assert [merged[r].status.value for r in (5, 6)] == ["Đang thực hiện", "Chưa thực hiện"]
    assert merged[7].result == "Đã triển khai"


def test_a_hyperlink_keeps_its_address_in_the_master(filled, tmp_path):
    url = "https://ioffice.example.vn/vb?id=12&so=123"
    cells = _row(5, I="Kế hoạch số 123/KH-SKHĐT ngày 20/5/2021") | _row(6, I=url)
    path = filled(cells, edit=_formatted({}, {"I5": url, "I6": url}))
    _, merged = _check_and_merge(path, tmp_path)
    assert merged[5].evidence == f"Kế hoạch số 123/KH-SKHĐT ngày 20/5/2021 ({url})"
    assert merged[6].evidence == url  # the address is the text: not repeated
    files = write_report(tmp_path / "tong-hop.xlsx", parse_period("2021-H1"), tmp_path / "bao-cao.xlsx", today=TODAY)
    texts = [str(c.value) for sheet in openpyxl.load_workbook(files.appendix).worksheets
             for row in sheet.iter_rows() for c in row if c.value]
    assert any(f"Kế hoạch số 123/KH-SKHĐT ngày 20/5/2021 ({url})" in text for text in texts)


def test_a_date_cell_shown_month_first_is_flagged(filled, tmp_path):
    cells = _row(5, N=date(2021, 6, 5)) | _row(6, N=date(2021, 6, 5)) | _row(7, N=date(2021, 6, 6))
    path = filled(cells, edit=_formatted({"N5": "mm/dd/yyyy", "N6": "dd/mm/yyyy", "N7": "mm/dd/yyyy"}))
    problems, merged = _check_and_merge(path, tmp_path)
    assert {cell for cell, code in problems if code == "VAL_018"} == {"N5"}  # 6/6 cannot be swapped
    assert merged[5].updated_on == date(2021, 6, 5)  # kept as read, for the unit to confirm


def test_a_number_beyond_every_date_in_a_date_formatted_text_cell_is_kept_as_a_number(filled, tmp_path):
    path = filled(_row(5, H=3000000, L=1e20), edit=_formatted({"H5": "dd/mm/yyyy", "L5": "mm/dd/yyyy"}))
    problems, merged = _check_and_merge(path, tmp_path)
    assert {cell: value for (cell, code), value in problems.items() if code == "VAL_017"} == {
        "H5": "3000000", "L5": "100000000000000000000"}
    assert (merged[5].result, merged[5].proposals) == ("3000000", "100000000000000000000")
