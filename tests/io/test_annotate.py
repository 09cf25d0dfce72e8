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


def test_the_copy_is_made_from_the_reader_never_by_openpyxl_and_escapes_control_characters(filled, tmp_path,
                                                                                          monkeypatch):
    source = filled({"G7": "_x001B_[2J_x001B_[31mxong", "M7": "A"}, name="don-vi.xlsx")  # ESC, escaped as Excel does

    def refuse(*args, **kwargs):
        raise AssertionError("the untrusted file was opened with openpyxl")
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    result = CliRunner().invoke(main, ["validate", str(source), "--annotate", str(tmp_path / "marked")])
    assert result.exit_code == 1 and "\x1b" not in result.output and "\\x1b[2J" in result.output
    monkeypatch.undo()
    sheet = openpyxl.load_workbook(tmp_path / "marked" / "don-vi.xlsx")["Tiến độ"]  # valid XML everywhere
    assert "VAL_002" in sheet["G7"].comment.text and "\x1b" not in sheet["G7"].comment.text
    assert sheet["C5"].value and sheet["G7"].value == "\\x1b[2J\\x1b[31mxong"


def test_two_inputs_of_the_same_name_get_two_copies_and_no_link_is_followed(filled, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = filled({"G7": "xong", "M7": "A"}, name="a/x.xlsx")
    second = filled({"G8": "sai", "M8": "B"}, name="b/x.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "quan-trong.txt"
    victim.write_text("giữ nguyên")
    result = CliRunner().invoke(main, ["validate", str(first), "--annotate", str(out)])
    (out / "x.xlsx").unlink()
    (out / "x.xlsx").symlink_to(victim)
    result = CliRunner().invoke(main, ["validate", str(first), "--annotate", str(out)])
    assert result.exit_code == 1 and victim.read_text() == "giữ nguyên" and not (out / "x.xlsx").is_symlink()
    result = CliRunner().invoke(main, ["validate", str(first), str(second), "--annotate", str(out)])
    copies = sorted(p.name for p in out.glob("x-*.xlsx"))
    assert result.exit_code == 1 and len(copies) == 2
    marked = {name: openpyxl.load_workbook(out / name)["Tiến độ"] for name in copies}
    assert sorted(bool(s["G7"].comment) for s in marked.values()) == [False, True]
    assert sorted(bool(s["G8"].comment) for s in marked.values()) == [False, True]


def test_a_merged_range_down_to_the_last_row_is_refused_before_it_is_mapped(tmp_path):
    from conftest import raw_xlsx, sheet_xml
    from cchc_excel import WorkbookReadError
    from cchc_excel.io.reader import read_workbook
    import pytest

    xml = sheet_xml('<row r="5"><c r="G5"><v>1</v></c></row>').replace(
        "</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="G5:G1048576"/></mergeCells>')
    with pytest.raises(WorkbookReadError) as caught:
        read_workbook(raw_xlsx(tmp_path / "m.xlsx", xml)).sheet("Tiến độ")
    assert caught.value.code == "READ_010"


def test_a_marked_cell_in_a_hidden_row_or_column_is_shown(filled, tmp_path):
    def hide(workbook):
        sheet = workbook["Tiến độ"]
        sheet.row_dimensions[7].hidden = True
        sheet.column_dimensions.group("H", "I", hidden=True)  # one <col> element for both columns
    source = filled({"G7": "xong", "M7": "A", "G8": "Đang thực hiện", "M8": "A"}, edit=hide)
    assert CliRunner().invoke(main, ["validate", str(source), "--annotate", str(tmp_path / "m")]).exit_code == 1
    sheet = openpyxl.load_workbook(tmp_path / "m" / source.name)["Tiến độ"]
    assert "VAL_002" in sheet["G7"].comment.text and "VAL_005" in sheet["H8"].comment.text
    assert not sheet.row_dimensions[7].hidden  # the copy is made from values: nothing marked is hidden
    assert not any(d.hidden for d in sheet.column_dimensions.values() if d.min <= 8 <= d.max)


def test_past_the_comment_limit_cells_are_filled_and_every_problem_is_in_the_list(filled, tmp_path, monkeypatch):
    from cchc_excel.sheets import annotated
    from cchc_excel.validate import validate_file

    monkeypatch.setattr(annotated, "COMMENT_LIMIT", 3)
    cells = {f"G{r}": "xong" for r in range(5, 12)} | {f"M{r}": "A" for r in range(5, 12)}
    source = filled(cells, name="nhieu-loi.xlsx")
    result = CliRunner().invoke(main, ["validate", str(source), "--annotate", str(tmp_path / "m")])
    assert result.exit_code == 1, result.output
    book = openpyxl.load_workbook(tmp_path / "m" / source.name)
    sheet, listed = book["Tiến độ"], book["Danh sách lỗi"]
    commented = sorted(c.coordinate for row in sheet.iter_rows() for c in row if c.comment)
    assert len(commented) == 3 and "VAL_002" in sheet[commented[0]].comment.text
    assert all(sheet[f"G{r}"].fill.fgColor.rgb.endswith("FFC7CE") for r in range(5, 12))  # every mark filled
    assert book.active.title == "Danh sách lỗi"  # some marks have no comment: the copy opens on the list
    report = validate_file(source, None).report  # the plan it carries, as the CLI
    rows = list(listed.iter_rows(values_only=True))
    assert rows[0] == ("Sheet", "Ô", "Mã lỗi", "Mức độ", "Nội dung")
    assert [(r[0], r[1], r[2]) for r in rows[1:]] == [(p.sheet, p.cell, p.code) for p in report.problems]
    assert {r[3] for r in rows[1:]} <= {"Lỗi", "Cảnh báo"} and all(r[4] for r in rows[1:])


def test_the_copy_keeps_values_and_types_and_reads_the_file_once(filled, tmp_path, monkeypatch):
    from datetime import datetime
    import cchc_excel.io.annotate as annotate_module

    source = filled({"G7": "xong", "M7": "  A  ", "H8": "a & <b> c", "J8": datetime(2021, 3, 4), "K8": 12.5,
                     "L8": True, "N9": datetime(2021, 5, 6, 7, 8)}, name="kieu.xlsx")

    def refuse(*args, **kwargs):
        raise AssertionError("the file was opened a second time for its copy")
    monkeypatch.setattr(annotate_module, "read_workbook", refuse)
    result = CliRunner().invoke(main, ["validate", str(source), "--annotate", str(tmp_path / "m")])
    assert result.exit_code == 1, result.output
    monkeypatch.undo()
    original = openpyxl.load_workbook(source)["Tiến độ"]
    copy = openpyxl.load_workbook(tmp_path / "m" / source.name)["Tiến độ"]
    assert copy["H8"].value == "a & <b> c" and copy["K8"].value == 12.5 and copy["L8"].value is True
    assert copy["J8"].value == datetime(2021, 3, 4) and copy["J8"].number_format == "dd/mm/yyyy"
    assert copy["N9"].value == datetime(2021, 5, 6, 7, 8)
    for ref in ("A5", "C5", "D9", "F12"):
        assert copy[ref].value == original[ref].value
    assert copy.max_row == original.max_row


def test_the_grid_writer_escapes_what_xml_cannot_hold(tmp_path):
    from datetime import date
    from cchc_excel.sheets.annotated import CopiedSheet, Mark, write_annotated_workbook

    rows = [["\x1b[31m đỏ", float("inf"), date(1890, 1, 2), None, ""], [], ["_x0041_ ok"]]
    path = tmp_path / "g.xlsx"
    write_annotated_workbook(path, [CopiedSheet("Tiến độ", "visible", rows)],
                             {("Tiến độ", 2, 3): Mark("warning", "ghi \x07 chú"), ("Tiến độ", 9, 1): Mark("error", "x")})
    sheet = openpyxl.load_workbook(path)["Tiến độ"]
    assert sheet["A1"].value == "\\x1b[31m đỏ" and sheet["B1"].value == "inf" and sheet["C1"].value == "1890-01-02"
    assert sheet["C2"].fill.fgColor.rgb.endswith("FFEB9C") and "\x07" not in sheet["C2"].comment.text
    assert sheet["A9"].fill.fgColor.rgb.endswith("FFC7CE")
    from cchc_excel.io.reader import read_workbook
    with read_workbook(path) as book:  # as Excel reads it: "_x0041_" typed by a user is not "A"
        assert book.sheet("Tiến độ").rows[2][0] == "_x0041_ ok"


def test_sheet_names_from_outside_never_clash_with_the_plain_names_or_the_list(tmp_path):
    from cchc_excel.sheets.annotated import CopiedSheet, Mark, write_annotated_workbook

    names = ["Tiến độ", "Sheet3", "bad[name]", "Danh sách lỗi"]  # the third falls back to Sheet3, taken
    sheets = [CopiedSheet(name, "visible", [[name]]) for name in names]
    path = tmp_path / "n.xlsx"
    write_annotated_workbook(path, sheets, {("bad[name]", 1, 1): Mark("error", "x")})
    book = openpyxl.load_workbook(path)
    assert len(book.sheetnames) == 5 and book.sheetnames[:2] == ["Tiến độ", "Sheet3"]
    assert [book.worksheets[i]["A1"].value for i in range(4)] == names
    assert book.worksheets[2]["A1"].comment.text == "x"
    assert [c.value for c in book.worksheets[4][1]] == ["Sheet", "Ô", "Mã lỗi", "Mức độ", "Nội dung"]
