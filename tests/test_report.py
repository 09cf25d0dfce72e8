"""The report for Sở Nội vụ, built from a master made through the real commands, checked with openpyxl."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_excel import read_master
from cchc_excel.cli import main
from cchc_excel.io.office import soffice_path
from conftest import Text

SAMPLES = Path(__file__).parent.parent / "workbooks" / "mau"
TRICKY = {"H5": Text("=1+1"), "H6": Text("+84 cuộc họp"), "H7": Text("@Sở Nội vụ"), "H8": Text("- gạch đầu dòng")}


def invoke(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """init → split → the sample replies plus Phòng Đầu tư XDCB's copy with formula-like text → merge → report."""
    folder = tmp_path_factory.mktemp("report")
    shared, master, inbox = folder / "dung-chung.xlsx", folder / "tong-hop.xlsx", folder / "inbox"
    invoke("init", "--period", "2021-H1", "-o", shared)
    invoke("split", shared, "--period", "2021-H1", "-o", folder / "gui")
    shutil.copytree(SAMPLES, inbox)
    copy = folder / "gui" / "Phong-Dau-tu-XDCB_2021-H1.xlsx"
    workbook = openpyxl.load_workbook(copy)
    sheet = workbook["Tiến độ"]
    for row in range(5, sheet.max_row + 1):
        sheet[f"G{row}"], sheet[f"H{row}"], sheet[f"M{row}"] = "Đang thực hiện", f"Tiến độ {row}", "Phạm Văn C"
    for ref, value in TRICKY.items():
        sheet[ref] = value
        sheet[ref].data_type = "s"
    workbook.save(inbox / copy.name)
    invoke("merge-submissions", inbox, "--master", master, "--period", "2021-H1", code=1)
    report = folder / "bao-cao.xlsx"
    invoke("report", master, "--period", "2021-H1", "-o", report, "--number", "12/BC-SKHĐT", "--date", "20/06/2021")
    return master, report


@pytest.fixture(scope="module")
def sheet(built):
    return openpyxl.load_workbook(built[1])["Báo cáo"]


def texts(sheet):
    return {cell.coordinate: cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None}


def find(sheet, pattern):
    return next(cell for row in sheet.iter_rows() for cell in row
                if isinstance(cell.value, str) and re.search(pattern, cell.value))


def test_header_block(sheet):
    assert [sheet[ref].value for ref in ("A1", "A2", "A4", "D1", "D2", "D4")] == [
        "UBND TỈNH TRÀ VINH", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Số: 12/BC-SKHĐT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Trà Vinh, ngày 20 tháng 6 năm 2021"]
    assert not sheet["A1"].font.b and sheet["A2"].font.b and sheet["D1"].font.b and sheet["D2"].font.b
    assert sheet["D4"].font.i and not sheet["A4"].font.b
    assert all(sheet[ref].font.name == "Times New Roman" for ref in ("A1", "A2", "D1", "D4"))
    assert sheet["A1"].font.sz == 13


def test_header_rules_are_drawn(built):
    with zipfile.ZipFile(built[1]) as archive:
        drawings = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/drawings/drawing")]
    assert sum(d.count("<xdr:sp>") + d.count("<xdr:sp ") for d in drawings) >= 2


def test_title_recipient_and_narrative(built, sheet):
    assert find(sheet, r"^BÁO CÁO$").font.b
    summary = find(sheet, r"^Kết quả thực hiện Kế hoạch số").value
    assert "707/KH-SKHĐT ngày 15/4/2021" in summary and summary.endswith("6 tháng đầu năm 2021")
    assert find(sheet, r"^Kính gửi:").value == "Kính gửi: Sở Nội vụ tỉnh Trà Vinh."
    narrative = find(sheet, r"^Thực hiện Kế hoạch số").value
    assert "83,804/100 điểm, xếp hạng 8/16, tăng 4 hạng so với năm 2019" in narrative
    assert "4/4 đơn vị đã báo cáo" in narrative
    statuses = [r.progress.status.value for r in read_master(built[0]).records.values()]
    counts = ", ".join(f"{statuses.count(s)} {s.lower()}" for s in
                       ("Chưa thực hiện", "Đang thực hiện", "Hoàn thành", "Không phát sinh"))
    assert f"trong 59 nhiệm vụ của các đơn vị có {counts}, {59 - len(statuses)} chưa báo cáo" in narrative


def test_table_has_every_item_and_each_units_results(built, sheet):
    header = find(sheet, r"^STT$").row
    assert [sheet.cell(header, c).value for c in range(1, 9)] == [
        "STT", "Tiêu chí", "Giải pháp", "Đơn vị chủ trì", "Kết quả thực hiện", "Tài liệu kiểm chứng", "Tình trạng",
        "Ghi chú"]
    codes = [sheet.cell(r, 1).value for r in range(header + 1, header + 16)]
    assert codes == ["1", "2", "2.1", "2.2", "2.3", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
    data = read_master(built[0])
    for record in data.records.values():
        row = header + 1 + codes.index(record.item_code)
        unit = data.plan.registry.owner_of(record.unit_code)
        assert f"{unit.label}: {record.progress.result}" in sheet.cell(row, 5).value.split("\n")
        if record.progress.evidence:
            assert f"{unit.label}: {record.progress.evidence}" in sheet.cell(row, 6).value
    assert "Phòng ĐKKD: khó khăn: Thiếu nhân lực" in sheet.cell(header + 1 + codes.index("3"), 8).value
    assert f"C{header + 2}:C{header + 5}" in {str(r) for r in sheet.merged_cells.ranges}  # 2–2.3 share a solution
    assert sheet.cell(header + 1, 5).font.sz == 12


def test_formula_like_results_stay_text(built):
    workbook = openpyxl.load_workbook(built[1])
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells if c.parent.title == "Báo cáo")
    results = "\n".join(c.value for c in cells if c.parent.title == "Báo cáo" and c.column == 5 and c.value)
    for value in TRICKY.values():
        assert f"Phòng Đầu tư XDCB: {value}" in results


def test_signature_and_recipients(sheet):
    assert find(sheet, r"^KT\. GIÁM ĐỐC$").font.b and find(sheet, r"^PHÓ GIÁM ĐỐC$").font.b
    name = find(sheet, r"^Vương Hải Khoa$")
    assert name.font.b
    received = find(sheet, r"^Nơi nhận:$")
    assert received.font.b and received.font.i
    lines = [sheet.cell(r, 1).value for r in range(received.row + 1, sheet.max_row + 1) if sheet.cell(r, 1).value]
    assert lines[0] == "- Như trên;" and lines[-1].startswith("- Lưu: VT")


def test_print_setup(built, sheet):
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "landscape")
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth in (None, 1) and setup.fitToHeight == 0
    m = sheet.page_margins
    assert 20 <= m.top * 25.4 <= 25 and 20 <= m.bottom * 25.4 <= 25
    assert 30 <= m.left * 25.4 <= 35 and 15 <= m.right * 25.4 <= 20
    header = find(sheet, r"^STT$").row
    assert sheet.print_title_rows == f"${header}:${header}"
    assert "&P" in sheet.oddHeader.center.text
    assert all(c.font.name == "Times New Roman" for row in sheet.iter_rows() for c in row if c.value)


def test_statistics_agree_with_the_data_and_have_a_chart(built):
    values = openpyxl.load_workbook(built[1], data_only=True)["Thống kê"]
    rows = {r[0]: r[1:] for r in values.iter_rows(min_row=5, max_row=9, values_only=True)}
    data = read_master(built[0])
    vp = [r.progress.status.value for k, r in data.period_records(__import__("cchc_excel").parse_period("2021-H1")).items()
          if k[1] == "VP"]
    assert rows["Văn phòng Sở"][:5] == (vp.count("Chưa thực hiện"), vp.count("Đang thực hiện"),
                                        vp.count("Hoàn thành"), vp.count("Không phát sinh"), 0)
    assert rows["Văn phòng Sở"][5] == 15  # a formula, read through its stored value
    assert rows["Tổng cộng"][5] == 59 and rows["Tổng cộng"][4] == 59 - len(data.records)
    formulas = openpyxl.load_workbook(built[1])["Thống kê"]
    assert formulas["G5"].value.startswith("=SUM(")
    with zipfile.ZipFile(built[1]) as archive:
        assert any(n.startswith("xl/charts/chart") for n in archive.namelist())
    book = openpyxl.load_workbook(built[1])
    missing = [r for r in book["Chưa nộp"].iter_rows(min_row=4, values_only=True)]
    assert {(r[0], r[1]) for r in missing} == {("Phòng Đăng ký kinh doanh", c) for c in ("2", "2.2", "2.3")}
    assert book["Quá hạn"]["A4"].value


def test_empty_period_and_zero_padded_dates(built, tmp_path):
    result = invoke("report", built[0], "--period", "2021-Q3", "-o", tmp_path / "r.xlsx", code=2)
    assert "chưa có dữ liệu" in result.output and not (tmp_path / "r.xlsx").exists()
    invoke("report", built[0], "--period", "2021-H1", "-o", tmp_path / "r.xlsx", "--date", "05/02/2022",
           "--signer", "Nguyễn Văn D")
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Báo cáo"]
    assert sheet["D4"].value == "Trà Vinh, ngày 05 tháng 02 năm 2022" and sheet["A4"].value == "Số:       /BC-SKHĐT"
    assert find(sheet, r"^Nguyễn Văn D$")


@pytest.mark.skipif(soffice_path() is None or not shutil.which("pdftotext"),
                    reason="LibreOffice and poppler-utils are not installed here; install libreoffice-calc-nogui "
                           "and poppler-utils to check the PDF")
def test_pdf_is_a4_landscape_with_the_whole_table(built, tmp_path):
    report = tmp_path / "bao-cao.xlsx"
    result = invoke("report", built[0], "--period", "2021-H1", "-o", report, "--date", "20/06/2021", "--pdf")
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.exists() and str(pdf) in result.output
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
                           capture_output=True, text=True).stdout
    for text in ("UBND TỈNH TRÀ VINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO", "Kính gửi", "STT",
                 "Ghi chú"):
        assert text in first, text
    header_line = next(line for line in first.splitlines() if "STT" in line and "Tình trạng" in line)
    assert "Ghi chú" in header_line  # the right-most column is on the same page as the first
    everything = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Vương Hải Khoa" in everything and "Thiếu nhân lực" in everything


def test_rates_are_formulas_with_their_values(built):
    values = openpyxl.load_workbook(built[1], data_only=True)["Thống kê"]
    formulas = openpyxl.load_workbook(built[1])["Thống kê"]
    header = [c.value for c in values[4]]
    assert header[-4:] == ["Tổng", "Tỷ lệ xong", "Có tài liệu kiểm chứng", "Tỷ lệ có tài liệu"]
    row = next(r for r in values.iter_rows(min_row=5) if r[0].value == "Văn phòng Sở")
    counts = dict(zip(header, (c.value for c in row)))
    settled = counts["Hoàn thành"] + counts["Không phát sinh"]
    assert counts["Tỷ lệ xong"] == pytest.approx(settled / counts["Tổng"])
    assert counts["Tỷ lệ có tài liệu"] == pytest.approx(counts["Có tài liệu kiểm chứng"] / counts["Tổng"])
    assert formulas.cell(row[0].row, 8).value.startswith("=IF(")


def test_pdf_without_libreoffice_says_so_and_keeps_the_workbook(built, tmp_path, monkeypatch):
    import cchc_excel.io.office

    monkeypatch.setattr(cchc_excel.io.office, "soffice_path", lambda: None)
    result = invoke("report", built[0], "--period", "2021-H1", "-o", tmp_path / "r.xlsx", "--pdf", code=2)
    assert "Chưa cài LibreOffice" in result.output and (tmp_path / "r.xlsx").exists()
