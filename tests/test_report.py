"""The report for Sở Nội vụ, built from a master made through the real commands: the Word report (opened with
python-docx), the appendix workbook and the follow-up workbook (openpyxl)."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from cchc_excel import parse_period, read_master
from cchc_excel.cli import main
from cchc_excel.sheets.report_sections import HEADINGS
from conftest import Text

SAMPLES = Path(__file__).parent.parent / "workbooks" / "mau"
TRICKY = {"H5": Text("=1+1"), "H6": Text("+84 cuộc họp"), "H7": Text("@Sở Nội vụ"), "H8": Text("- gạch đầu dòng")}
APPENDIX_COLUMNS = ["STT", "Tiêu chí / nhiệm vụ", "Giải pháp", "Chủ trì", "Phối hợp", "Thời gian", "Kết quả",
                    "Tài liệu kiểm chứng", "Mức độ hoàn thành", "Ghi chú"]


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
        sheet[f"N{row}"] = "12/06/2021"
    sheet["L5"] = "Đề nghị Sở Nội vụ tập huấn phần mềm iGate"
    for ref, value in TRICKY.items():
        sheet[ref] = value
        sheet[ref].data_type = "s"
    workbook.save(inbox / copy.name)
    invoke("merge-submissions", inbox, "--master", master, "--period", "2021-H1", code=1)
    report = folder / "BAO-CAO.docx"
    result = invoke("report", master, "--period", "2021-H1", "-o", report, "--number", "12/BC-SKHĐT",
                    "--date", "20/06/2021", "--follow-up", folder / "THEO-DOI.xlsx")
    assert str(folder / "BAO-CAO-phu-luc.xlsx") in result.output
    return master, report, folder / "BAO-CAO-phu-luc.xlsx", folder / "THEO-DOI.xlsx"


@pytest.fixture(scope="module")
def document(built):
    return docx.Document(str(built[1]))


def paragraphs(document):
    """Every paragraph's text, in reading order, the header and signature tables included."""
    body = document.element.body
    return ["".join(t.text or "" for t in p.iter(docx.oxml.ns.qn("w:t"))) for p in body.iter(docx.oxml.ns.qn("w:p"))]


def test_sections_present_and_in_order(document):
    texts = paragraphs(document)
    order = ["UBND TỈNH TRÀ VINH", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "Độc lập - Tự do - Hạnh phúc", "Số: 12/BC-SKHĐT", "Trà Vinh, ngày 20 tháng 6 năm 2021", "BÁO CÁO",
             "Kết quả thực hiện Kế hoạch số 707/KH-SKHĐT ngày 15/4/2021 khắc phục",
             "Kính gửi: Sở Nội vụ tỉnh Trà Vinh.", "Căn cứ Quyết định số 684/QĐ-UBND", "Căn cứ Kế hoạch số 707",
             *HEADINGS, "Trên đây là báo cáo", "Nơi nhận:", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Vương Hải Khoa"]
    positions = [next(i for i, t in enumerate(texts) if t.startswith(start)) for start in order]
    assert positions == sorted(positions)
    assert texts[-1].startswith("- Lưu: VT") or any(t.startswith("- Lưu: VT") for t in texts[positions[-4]:])


def test_fonts_sizes_spacing_and_margins(document):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    body = [p for p in document.paragraphs if p.text.startswith(("Căn cứ", "Trên đây"))]
    assert body and all(p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY for p in body)
    assert all(Mm(10) <= p.paragraph_format.first_line_indent <= Mm(12.7) for p in body)
    assert all(p.paragraph_format.space_before == Pt(6) for p in body)
    sizes = {r.font.size for p in document.paragraphs for r in p.runs if r.text.strip()}
    assert sizes and all(Pt(13) <= s <= Pt(14) for s in sizes)
    assert all(r.font.name in (None, "Times New Roman") for p in document.paragraphs for r in p.runs)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.bottom_margin.mm)) == (20, 20)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)


def test_page_number_from_page_two_and_rules(built, document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    with zipfile.ZipFile(built[1]) as archive:
        headers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/header")]
        xml = archive.read("word/document.xml").decode()
    assert any(" PAGE " in h for h in headers)
    summary_at = xml.index("Kết quả thực hiện Kế hoạch số 707")
    next_paragraph = xml[summary_at:xml.index("Kính gửi")]
    assert '<w:bottom w:val="single"' in next_paragraph  # the rule under the trích yếu
    assert xml[:summary_at].count('<w:bottom w:val="single"') == 2  # under the agency and the Tiêu ngữ


def test_results_difficulties_and_proposals_attributed(built, document):
    texts = paragraphs(document)
    data = read_master(built[0])
    part = {h: texts.index(h) for h in HEADINGS}
    section_two = "\n".join(texts[part[HEADINGS[1]]:part[HEADINGS[2]]])
    for record in data.records.values():
        unit = data.plan.registry.owner_of(record.unit_code)
        if record.progress.result:
            assert f"- {unit.label}: {record.progress.result.rstrip('.')}" in section_two
    section_three = "\n".join(texts[part[HEADINGS[2]]:part[HEADINGS[3]]])
    assert "Tiêu chí 3, Phòng ĐKKD: Thiếu nhân lực" in section_three
    proposals = [(r.item_code, data.plan.registry.owner_of(r.unit_code).label, r.progress.proposals)
                 for r in data.records.values() if r.progress.proposals]
    section_five = "\n".join(texts[part[HEADINGS[4]]:])
    assert proposals and all(f"Tiêu chí {c}, {u}: {p.rstrip('.')}" in section_five for c, u, p in proposals)
    for text in TRICKY.values():
        assert f"Phòng Đầu tư XDCB: {text}" in section_two


def test_places_for_the_office_are_marked(document):
    marked = [r for p in document.paragraphs for r in p.runs if r.text.startswith("[Văn phòng ghi:")]
    assert len(marked) >= 4 and all(r.font.highlight_color is not None and r.italic for r in marked)
    causes = next(i for i, p in enumerate(document.paragraphs) if p.text == "3. Nguyên nhân")
    assert document.paragraphs[causes + 1].text.startswith("[Văn phòng ghi: nguyên nhân")


def test_counts_say_what_they_count(document):
    text = "\n".join(paragraphs(document))
    assert "12 tiêu chí và 3 tiêu chí thành phần bị trừ điểm, giao 59 lượt nhiệm vụ cho 4 đơn vị" in text
    assert "Trong 15 tiêu chí, tiêu chí thành phần (12 tiêu chí, 3 tiêu chí thành phần)" in text


def all_text(path):
    if path.suffix == ".docx":
        return "\n".join(paragraphs(docx.Document(str(path))))
    book = openpyxl.load_workbook(path)
    return "\n".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)


def test_nothing_internal_in_what_is_sent(built):
    master, report, appendix, followup = built
    assert openpyxl.load_workbook(appendix).sheetnames == ["Phụ lục I", "Phụ lục II"]
    for sent in (report, appendix):
        text = all_text(sent)
        assert "Chưa báo cáo" not in text and "Chưa nộp" not in text and "Quá hạn" not in text
        assert "_cchc" not in text and "SHA-256" not in text
    book = openpyxl.load_workbook(followup)
    assert book.sheetnames == ["Chưa báo cáo", "Quá hạn"]
    missing = list(book["Chưa báo cáo"].iter_rows(min_row=4, values_only=True))
    assert {(r[0], r[2]) for r in missing} == {("Phòng Đăng ký kinh doanh", c) for c in ("2", "2.2", "2.3")}


def test_appendix_table(built):
    sheet = openpyxl.load_workbook(built[2])["Phụ lục I"]
    assert [sheet.cell(r, 1).value for r in (1, 3)] == [
        "PHỤ LỤC I", "(Kèm theo Báo cáo số 12/BC-SKHĐT ngày 20 tháng 6 năm 2021 của Sở Kế hoạch và Đầu tư)"]
    assert [c.value for c in sheet[5]] == APPENDIX_COLUMNS
    codes = [sheet.cell(r, 1).value for r in range(6, 21)]
    assert codes == ["1", "2", "2.1", "2.2", "2.3", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
    assert "C7:C10" in {str(r) for r in sheet.merged_cells.ranges}  # 2–2.3 share a solution
    assert sheet.print_title_rows == "$5:$5"
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.scale or 100) == (9, "landscape", 100)  # 100 % is the default
    assert not sheet.sheet_properties.pageSetUpPr or not sheet.sheet_properties.pageSetUpPr.fitToPage
    cells = [c for row in sheet.iter_rows() for c in row if c.value]
    assert all(c.font.name == "Times New Roman" and c.font.sz >= 11 for c in cells)
    assert all(c.data_type != "f" for c in cells)
    with zipfile.ZipFile(built[2]) as archive:
        styles = archive.read("xl/styles.xml").decode()
    assert '<name val="Times New Roman"/>' in styles.split("<font>", 2)[1]  # the workbook's default font


def test_item_level_in_the_appendix(built):
    sheet = openpyxl.load_workbook(built[2])["Phụ lục I"]
    levels = {sheet.cell(r, 1).value: sheet.cell(r, 9).value for r in range(6, 21)}
    assert set(levels.values()) <= {"Hoàn thành", "Duy trì thường xuyên", "Đang thực hiện", "Chưa thực hiện",
                                    "Không phát sinh", "Chưa có kết quả"}
    assert "đơn vị xong" not in "".join(levels.values())


def test_statistics_agree_with_the_data(built):
    values = openpyxl.load_workbook(built[2], data_only=True)["Phụ lục II"]
    header = next(r for r in range(1, 20) if values.cell(r, 1).value == "Đơn vị")
    names = [c.value for c in values[header]]
    assert names[1:] == ["Chưa thực hiện", "Đang thực hiện", "Hoàn thành", "Không phát sinh", "Chưa có kết quả",
                         "Tổng số lượt nhiệm vụ", "Tỷ lệ hoàn thành (%)", "Có tài liệu kiểm chứng",
                         "Tỷ lệ có tài liệu kiểm chứng (%)"]
    rows = {r[0]: r[1:] for r in values.iter_rows(min_row=header + 1, max_row=header + 5, values_only=True)}
    data = read_master(built[0])
    vp = [r.progress.status.value for k, r in data.period_records(parse_period("2021-H1")).items() if k[1] == "VP"]
    assert rows["Văn phòng Sở"][:4] == tuple(vp.count(s) for s in ("Chưa thực hiện", "Đang thực hiện", "Hoàn thành",
                                                                   "Không phát sinh"))
    assert rows["Văn phòng Sở"][5] == 15 and rows["Tổng cộng"][5] == 59
    assert rows["Tổng cộng"][4] == 59 - len(data.records)
    settled = rows["Văn phòng Sở"][2] + rows["Văn phòng Sở"][3]
    assert rows["Văn phòng Sở"][6] == pytest.approx(settled / 15)
    formulas = openpyxl.load_workbook(built[2])["Phụ lục II"]
    assert formulas.cell(header + 1, 7).value.startswith("=SUM(") and formulas.cell(header + 1, 8).value.startswith("=IF(")
    with zipfile.ZipFile(built[2]) as archive:
        assert any(n.startswith("xl/charts/chart") for n in archive.namelist())


def test_overdue_judged_as_of_the_report_date(built, tmp_path):
    invoke("report", built[0], "--period", "2021-H1", "-o", tmp_path / "r.docx", "--date", "05/06/2021",
           "--follow-up", tmp_path / "f.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "f.xlsx")["Quá hạn"]
    assert "05/06/2021" in sheet["A1"].value
    assert not [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[4] == "31/12/2021"]
    invoke("report", built[0], "--period", "2021-H1", "-o", tmp_path / "r2.docx", "--date", "05/01/2022",
           "--follow-up", tmp_path / "f2.xlsx")
    late = openpyxl.load_workbook(tmp_path / "f2.xlsx")["Quá hạn"]
    assert "05/01/2022" in late["A1"].value and any(r[4] == "31/12/2021" for r in late.iter_rows(min_row=4, values_only=True))


def test_xlsx_output_is_the_appendix_alone(built, tmp_path):
    invoke("report", built[0], "--period", "2021-H1", "-o", tmp_path / "phu-luc.xlsx", "--date", "05/02/2022")
    assert [p.name for p in tmp_path.iterdir()] == ["phu-luc.xlsx"]
    sheet = openpyxl.load_workbook(tmp_path / "phu-luc.xlsx")["Phụ lục I"]
    assert sheet["A3"].value == "(Kèm theo Báo cáo số       /BC-SKHĐT ngày 5 tháng 2 năm 2022 của Sở Kế hoạch và Đầu tư)"


def test_empty_period_zero_padded_date_and_signer(built, tmp_path):
    result = invoke("report", built[0], "--period", "2021-Q3", "-o", tmp_path / "r.docx", code=2)
    assert "chưa có dữ liệu" in result.output and not list(tmp_path.iterdir())
    invoke("report", built[0], "--period", "2021-H1", "-o", tmp_path / "r.docx", "--date", "05/02/2022",
           "--signer", "Nguyễn Văn D")
    texts = paragraphs(docx.Document(str(tmp_path / "r.docx")))
    assert "Trà Vinh, ngày 05 tháng 02 năm 2022" in texts and "Số:       /BC-SKHĐT" in texts
    assert "Nguyễn Văn D" in texts


def test_existing_files_are_not_replaced(built, tmp_path):
    (tmp_path / "r-phu-luc.xlsx").write_bytes(b"keep")
    result = invoke("report", built[0], "--period", "2021-H1", "-o", tmp_path / "r.docx", code=2)
    assert "--force" in result.output and not (tmp_path / "r.docx").exists()
    assert (tmp_path / "r-phu-luc.xlsx").read_bytes() == b"keep"


def test_an_open_output_is_refused_before_anything_is_written_and_kept(built, tmp_path):
    folder = tmp_path / "open"
    folder.mkdir()
    for name in ("BC.pdf", "BC.docx"):  # the PDF (open in LibreOffice) as the Word report: the same code
        for old in ("BC.docx", "BC-phu-luc.xlsx", "BC.pdf", "BC-phu-luc.pdf"):
            (folder / old).write_bytes(b"old " + old.encode())
        (folder / f".~lock.{name}#").write_bytes(b",user,host,27.11.2026 20:00,")
        result = invoke("report", built[0], "--period", "2021-H1", "-o", folder / "BC.docx", "--pdf", "--force",
                        code=2)
        assert result.output.startswith(f"Lỗi WRITE_003: Tệp {folder / name} đang mở"), result.output
        assert all((folder / old).read_bytes() == b"old " + old.encode()
                   for old in ("BC.docx", "BC-phu-luc.xlsx", "BC.pdf", "BC-phu-luc.pdf"))
        assert not [p for p in folder.iterdir() if p.name.startswith(".cchc-")]
        (folder / f".~lock.{name}#").unlink()


def test_an_existing_pdf_is_not_replaced_without_force(built, tmp_path):
    (tmp_path / "r-phu-luc.pdf").write_bytes(b"keep")
    result = invoke("report", built[0], "--period", "2021-H1", "-o", tmp_path / "r.docx", "--pdf", code=2)
    assert "READ_006" in result.output and "--force" in result.output and not (tmp_path / "r.docx").exists()
    assert (tmp_path / "r-phu-luc.pdf").read_bytes() == b"keep"


def test_pdf_without_libreoffice_says_so_and_keeps_the_files(built, tmp_path, monkeypatch):
    import cchc_excel.io.office

    monkeypatch.setattr(cchc_excel.io.office, "soffice_path", lambda: None)
    result = invoke("report", built[0], "--period", "2021-H1", "-o", tmp_path / "r.docx", "--pdf", code=2)
    assert "Chưa cài LibreOffice" in result.output
    assert (tmp_path / "r.docx").exists() and (tmp_path / "r-phu-luc.xlsx").exists()


def test_lines_of_a_cell_stay_apart_in_the_word_report(tmp_path):
    """A unit types two results and two documents one per line (Alt+Enter, as the cell's prompt asks), and two
    difficulties, one ending with its own full stop: the Word report keeps them apart ("; ", or the line's own
    punctuation) instead of running them together; Phụ lục I keeps the line breaks."""
    invoke("init", "--period", "2021-H1", "-o", tmp_path / "dc.xlsx")
    invoke("split", tmp_path / "dc.xlsx", "--period", "2021-H1", "-o", tmp_path / "gui")
    copy = tmp_path / "gui" / "VP-So_2021-H1.xlsx"
    workbook = openpyxl.load_workbook(copy)
    sheet = workbook["Tiến độ"]
    assert sheet["A5"].value == "1"
    sheet["G5"], sheet["H5"] = "Hoàn thành", "Đã ban hành Kế hoạch CCHC năm 2021\nĐã bố trí 120 triệu đồng kinh phí"
    sheet["I5"] = "Kế hoạch số 45/KH-SKHĐT ngày 10/3/2021\nQuyết định số 12/QĐ-SKHĐT ngày 11/3/2021"
    sheet["J5"], sheet["K5"] = "11/03/2021", "- Thiếu nhân lực.\n- Phần mềm chưa kết nối"
    sheet["M5"], sheet["N5"] = "Nguyễn Thị Lan", "12/06/2021"
    workbook.save(copy)
    invoke("merge-submissions", copy, "--master", tmp_path / "m.xlsx", "--period", "2021-H1", code=1)  # others missing
    invoke("report", tmp_path / "m.xlsx", "--period", "2021-H1", "-o", tmp_path / "bc.docx", "--date", "20/06/2021")
    texts = [p.text for p in docx.Document(str(tmp_path / "bc.docx")).paragraphs]
    assert ("- VP Sở: Đã ban hành Kế hoạch CCHC năm 2021; Đã bố trí 120 triệu đồng kinh phí (tài liệu kiểm chứng: Kế "
            "hoạch số 45/KH-SKHĐT ngày 10/3/2021; Quyết định số 12/QĐ-SKHĐT ngày 11/3/2021).") in texts
    assert "- Tiêu chí 1, VP Sở: Thiếu nhân lực. Phần mềm chưa kết nối." in texts
    rows = openpyxl.load_workbook(tmp_path / "bc-phu-luc.xlsx")["Phụ lục I"].iter_rows(values_only=True)
    assert "VP Sở: Kế hoạch số 45/KH-SKHĐT ngày 10/3/2021\nQuyết định số 12/QĐ-SKHĐT ngày 11/3/2021" in next(
        r for r in rows if r[0] == "1")
