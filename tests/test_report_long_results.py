"""Phụ lục I prints every unit's result, however long: a criterion given to twelve communes, each writing an
ordinary sentence, and one commune writing a long result, need far more than the 409 pt a row can have. The
appendix is printed through LibreOffice and every sentence, and the last words of the long result, are read
back from the PDF."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date

import openpyxl
import pytest
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple
from click.testing import CliRunner

from cchc_excel.cli import main
from cchc_excel.io.office import soffice_path
from cchc_excel.sheets.report_rows import CONTINUED, MAX_ROW_HEIGHT
from conftest import APPENDIX_HEADER, FACTS, make_plan

COMMUNES = ["An Hóa", "An Khánh", "An Phước", "Giao Long", "Hữu Định", "Phú Túc", "Quới Sơn", "Sơn Hòa",
            "Tam Phước", "Tân Phú", "Tân Thạch", "Thành Triệu"]
LONG = " ".join(f"Nội dung số {i}: đã triển khai tại xã theo kế hoạch." for i in range(1, 51)) + " HẾT-DÀI."


def invoke(*args, codes=(0,)):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in codes, result.output
    return result


def sentence(number: int) -> str:
    return (f"đã niêm yết 85% thủ tục hành chính tại bộ phận một cửa, cập nhật danh mục mới theo quyết định "
            f"công bố của tỉnh; còn 15% chờ hướng dẫn. CUỐI{number:02d}")


@pytest.fixture(scope="module")
def appendix(tmp_path_factory):
    """The district's plan: criterion 1 led by Phòng Nội vụ with the twelve communes, criterion 2 Phòng Nội vụ's
    alone; every unit reports; Phòng Nội vụ's result of criterion 2 is 50 sentences long."""
    folder = tmp_path_factory.mktemp("long")
    units = [["Mã", "Tên đơn vị", "Tên viết tắt", "Tên gọi khác", "Loại", "Thành viên"],
             ["PNV", "Phòng Nội vụ", "", "", "Đơn vị trực thuộc", ""]]
    units += [[f"X{i:02d}", f"UBND xã {name}", "", "", "Đơn vị trực thuộc", ""] for i, name in enumerate(COMMUNES)]
    units += [["XA", "UBND các xã", "", "", "Nhóm đơn vị", "; ".join(f"X{i:02d}" for i in range(len(COMMUNES)))]]
    plan = make_plan(folder / "kh.xlsx", [["1", "Công khai TTHC", "Niêm yết TTHC", "Phòng Nội vụ", "UBND các xã",
                                           "Quý II/2022"],
                                          ["2", "Báo cáo CCHC", "Báo cáo định kỳ", "Phòng Nội vụ", "", "Quý II/2022"]],
                     header=APPENDIX_HEADER, facts=FACTS, units=units)
    invoke("init", "--plan", plan, "--period", "2022-H1", "-o", folder / "dc.xlsx")
    invoke("split", folder / "dc.xlsx", "--period", "2022-H1", "-o", folder / "u")
    for number, path in enumerate(sorted((folder / "u").glob("*.xlsx"))):
        workbook = openpyxl.load_workbook(path)
        sheet = workbook["Tiến độ"]
        for row in range(5, sheet.max_row + 1):
            if sheet[f"A{row}"].value:
                long = str(sheet[f"A{row}"].value) == "2"
                sheet[f"G{row}"], sheet[f"H{row}"] = "Đang thực hiện", LONG if long else sentence(number)
                sheet[f"M{row}"], sheet[f"N{row}"] = "Cán bộ", date(2022, 6, 10)
        workbook.save(path)
    invoke("merge-submissions", folder / "u", "--master", folder / "m.xlsx", "--period", "2022-H1", codes=(0, 1))
    return folder


def test_no_row_is_taller_than_a_spreadsheet_row_can_be(appendix):
    invoke("report", appendix / "m.xlsx", "--period", "2022-H1", "-o", appendix / "bc.docx", "--date", "18/06/2022")
    sheet = openpyxl.load_workbook(appendix / "bc-phu-luc.xlsx")["Phụ lục I"]
    heights = [sheet.row_dimensions[r].height or 0 for r in range(1, sheet.max_row + 1)]
    assert max(heights) < MAX_ROW_HEIGHT
    result = next(c.column for row in sheet.iter_rows() for c in row if c.value == "Kết quả")
    texts = [str(row[0].value) for row in sheet.iter_rows(min_col=result, max_col=result) if row[0].value]
    assert sum(text.count("đã niêm yết 85%") for text in texts) == len(COMMUNES) + 1
    assert len([t for t in texts if "đã niêm yết 85%" in t]) == len(COMMUNES) + 1  # one row a unit
    joined = " ".join(t.replace(CONTINUED + "\n", "") for t in texts)
    assert " ".join(LONG.split()) in " ".join(joined.split())  # cut where it wraps, nothing lost


PRINTING = pytest.mark.skipif(soffice_path() is None or not shutil.which("pdftotext"),
                              reason="needs LibreOffice (libreoffice-calc-nogui) and poppler-utils to print it")


@pytest.fixture(scope="module")
def printed(appendix) -> list[str]:
    """The text of each page of the appendix printed to PDF by `report --pdf` (once for the module)."""
    invoke("report", appendix / "m.xlsx", "--period", "2022-H1", "-o", appendix / "in.docx", "--date", "18/06/2022",
           "--pdf")
    return subprocess.run(["pdftotext", str(appendix / "in-phu-luc.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout.split("\f")


@PRINTING
def test_every_unit_and_the_end_of_a_long_result_are_printed(appendix, printed):
    pages = printed
    printed_text = " ".join(" ".join(pages).split())
    assert sorted(re.findall(r"CUỐI(\d\d)", printed_text)) == [f"{n:02d}" for n in range(len(COMMUNES) + 1)]
    sheet = openpyxl.load_workbook(appendix / "in-phu-luc.xlsx")["Phụ lục I"]
    result = next(c.column for row in sheet.iter_rows() for c in row if c.value == "Kết quả")
    cells = [str(row[0].value) for row in sheet.iter_rows(min_row=6, min_col=result, max_col=result) if row[0].value]
    assert len(cells) > len(COMMUNES) + 2
    assert all(" ".join(cell.split()) in printed_text for cell in cells)  # each row of it printed whole
    first = " ".join(pages[0].split())
    assert "Công khai TTHC" in first and "CUỐI00" in first  # page 1 is not the table's header alone


def test_the_chart_starts_a_page_when_it_does_not_fit_under_its_table(appendix):
    """Phụ lục II's chart used to be cut by the page when the table of units above it left too little room (the
    district's 8 units): now it starts a page then, and stays under its table when it fits (tests/sheets/golden)."""
    invoke("report", appendix / "m.xlsx", "--period", "2022-H1", "-o", appendix / "pl.xlsx", "--date", "18/06/2022")
    sheet = openpyxl.load_workbook(appendix / "pl.xlsx")["Phụ lục II"]
    chart_row = sheet._charts[0].anchor._from.row  # 0-based: a break "after row N" puts it first on a page
    assert chart_row in [b.id for b in sheet.row_breaks.brk]
    total = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Tổng cộng")
    assert chart_row == total + 1  # one blank row under the table's total, on the table's page


def test_a_page_inside_a_task_names_the_task_again(appendix):
    """Criterion 1's results (one row a commune) run over several pages: each page where it continues opens
    with its STT and "Công khai TTHC (tiếp theo)", and no merged cell runs over a page break."""
    invoke("report", appendix / "m.xlsx", "--period", "2022-H1", "-o", appendix / "p.docx", "--date", "18/06/2022")
    sheet = openpyxl.load_workbook(appendix / "p-phu-luc.xlsx")["Phụ lục I"]
    starts = [b.id + 1 for b in sheet.row_breaks.brk]  # rows (1-based) starting a page
    inside = [r for r in starts if sheet.cell(r, 1).value == "1"]
    assert len(inside) >= 3
    assert all(sheet.cell(r, 2).value == f"Công khai TTHC {CONTINUED}" for r in inside)
    assert sheet.cell(6, 2).value == "Công khai TTHC"  # the task's own first row is not "continued"
    for merged in sheet.merged_cells.ranges:
        assert not any(merged.min_row < r <= merged.max_row for r in starts), merged.coord


@PRINTING
def test_every_printed_page_of_a_task_names_it(printed):
    pages = [" ".join(page.split()) for page in printed if page.strip()]
    communes = [page for page in pages if re.search(r"CUỐI(0[1-9]|1\d)", page)]  # criterion 1's rows
    assert len(communes) >= 3
    assert "Công khai TTHC" in communes[0]
    assert all(f"Công khai TTHC {CONTINUED}" in page for page in communes[1:])


def test_the_streamed_table_is_laid_out_as_excel_requires(appendix):
    """Phụ lục I's rows below its header are streamed into the sheet's XML (sheets/report_body.py): rows in order,
    each row's cells in column order and once, every merge counted, none overlapping, every cell a merge covers
    written (in its format: the borders show), and every row given its measured height. Excel refuses a sheet
    that breaks the first three."""
    from defusedxml import ElementTree

    invoke("report", appendix / "m.xlsx", "--period", "2022-H1", "-o", appendix / "xml.xlsx", "--date", "18/06/2022")
    with zipfile.ZipFile(appendix / "xml.xlsx") as archive:
        root = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    rows = root.findall("m:sheetData/m:row", ns)
    numbers = [int(row.get("r")) for row in rows]
    assert numbers == sorted(set(numbers))
    cells = {}
    for row in rows:
        columns = [column_index_from_string(re.match(r"[A-Z]+", c.get("r")).group()) for c in row.findall("m:c", ns)]
        assert columns == sorted(set(columns)), row.get("r")
        cells.update({(int(row.get("r")), col): c for col, c in zip(columns, row.findall("m:c", ns))})
        assert row.get("ht") and row.get("customHeight") == "1" or not columns  # the blank row: the default height
    merges = root.find("m:mergeCells", ns)
    refs = [m.get("ref") for m in merges.findall("m:mergeCell", ns)]
    assert int(merges.get("count")) == len(refs) > len(COMMUNES)
    covered = set()
    for ref in refs:
        (top, left), (bottom, right) = (coordinate_to_tuple(end) for end in ref.split(":"))
        area = {(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)}
        assert not area & covered, ref
        covered |= area
        assert all((r, c) in cells and cells[(r, c)].get("s") for r, c in area), ref
    assert max(numbers) == max(r for r, _ in cells) and root.find("m:dimension", ns).get("ref").endswith(
        str(max(numbers)))
