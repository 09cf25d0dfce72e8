"""The master's tables: wrapped text, rows tall enough for it, printed true to size with the key columns."""
from __future__ import annotations

from datetime import date, datetime

import openpyxl

from cchc_excel import builtin_plan, merge_submissions, parse_period
from conftest import TODAY


def test_master_wraps_sizes_rows_and_prints_legibly(filled, tmp_path):
    long_result = "Đã ban hành kế hoạch;\n- tổ chức tập huấn cho toàn bộ công chức, viên chức của đơn vị\n- kiểm tra"
    path = filled({"G5": "Đang thực hiện", "H5": long_result, "M5": "Nguyễn Văn B", "N5": date(2021, 6, 1),
                   "G6": "Chưa thực hiện", "M6": "Nguyễn Văn B"})
    merge_submissions([path], tmp_path / "m.xlsx", period=parse_period("2021-H1"), plan=builtin_plan(),
                      today=TODAY, now=datetime(2021, 6, 20, 9))
    sheet = openpyxl.load_workbook(tmp_path / "m.xlsx")["Dữ liệu 2021-H1"]
    headers = [c.value for c in sheet[1]]
    column = headers.index("Kết quả thực hiện") + 1
    long_row = next(r for r in (2, 3) if sheet.cell(r, column).value == long_result)
    result = sheet.cell(long_row, column)
    assert result.alignment.wrap_text and result.alignment.vertical == "top"
    assert result.font.name == "Times New Roman" and result.font.size == 12
    assert sheet.row_dimensions[long_row].height >= 4 * 15  # four lines in a 40-wide column
    short = sheet.row_dimensions[5 - long_row].height  # only the unit's name may wrap there
    assert short is None or short < sheet.row_dimensions[long_row].height
    assert sheet.print_title_cols == "$A:$D" and sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.scale in (None, 100) and not sheet.sheet_properties.pageSetUpPr.fitToPage
