"""--annotate: a highlighted, commented copy; the original file is never changed."""
from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from cchc_excel.cli import main


def test_annotated_copy_marks_cells_and_leaves_the_original_alone(filled, tmp_path):
    source = filled({"G7": "xong", "M7": "A", "G8": "Hoàn thành", "H8": "x", "J8": "1.1.2021", "M8": "A",
                     "I8": "có báo cáo"}, name="don-vi.xlsx")
    before = source.read_bytes()
    result = CliRunner().invoke(main, ["validate", str(source), "--annotate", str(tmp_path / "marked")])
    assert result.exit_code == 1
    assert source.read_bytes() == before
    sheet = openpyxl.load_workbook(tmp_path / "marked" / "don-vi.xlsx")["Tiến độ"]
    assert sheet["G7"].fill.fgColor.rgb.endswith("FFC7CE") and "VAL_002" in sheet["G7"].comment.text
    assert sheet["I8"].fill.fgColor.rgb.endswith("FFEB9C")  # a warning only: yellow
    assert "VAL_007" in sheet["I8"].comment.text and "Kế hoạch số 123/KH-SKHĐT" in sheet["I8"].comment.text
    assert "VAL_016" in sheet["J8"].comment.text
    assert sheet["A5"].comment is None and sheet["G9"].fill.fgColor.rgb in ("00000000", None)


def test_no_copy_for_a_clean_or_unreadable_file_and_never_over_the_source(filled, tmp_path):
    clean = filled(rows=range(5, 64), name="sach.xlsx")
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"x")
    result = CliRunner().invoke(main, ["validate", str(clean), str(junk), "--annotate", str(tmp_path / "out")])
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    bad = filled({"G7": "xong", "M7": "A"}, name="bad.xlsx")
    before = bad.read_bytes()
    result = CliRunner().invoke(main, ["validate", str(bad), "--annotate", str(tmp_path)])
    assert result.exit_code == 2 and "ghi đè lên tệp gốc" in result.output
    assert bad.read_bytes() == before


def test_a_marked_cell_in_a_hidden_row_or_column_is_shown(filled, tmp_path):
    def hide(workbook):
        sheet = workbook["Tiến độ"]
        sheet.row_dimensions[7].hidden = True
        sheet.column_dimensions.group("H", "I", hidden=True)  # one <col> element for both columns
        sheet.row_dimensions[9].hidden = True  # nothing marked there: stays hidden
    source = filled({"G7": "xong", "M7": "A", "G8": "Đang thực hiện", "M8": "A"}, edit=hide)
    assert CliRunner().invoke(main, ["validate", str(source), "--annotate", str(tmp_path / "m")]).exit_code == 1
    sheet = openpyxl.load_workbook(tmp_path / "m" / source.name)["Tiến độ"]
    assert "VAL_002" in sheet["G7"].comment.text and "VAL_005" in sheet["H8"].comment.text
    assert not sheet.row_dimensions[7].hidden and sheet.row_dimensions[9].hidden
    assert not any(d.hidden for d in sheet.column_dimensions.values() if d.min <= 8 <= d.max)
