"""Words of the Word report that come from the plan workbook as offices fill it: a solution of several bullets, a
"Tên kế hoạch" written as the plan's own title. Plan → init → split → a unit's reply → merge → report, through the
CLI; the .docx read with python-docx."""
from __future__ import annotations

from datetime import date

import docx
import openpyxl
from click.testing import CliRunner

from cchc_excel.cli import main
from conftest import FACTS, make_plan

DISTRICT = [["Số, ký hiệu", "45/KH-UBND"], ["Ngày ban hành", date(2022, 3, 10)],
            ["Cơ quan ban hành", "Ủy ban nhân dân huyện Châu Thành"], ["Địa danh", "Châu Thành"],
            ["Người ký", "Lê Thị Hồng Nhung"]]
UNITS = [["Mã", "Tên đơn vị", "Tên viết tắt", "Tên gọi khác", "Loại", "Thành viên"],
         ["PNV", "Phòng Nội vụ", "P.NV", "", "Đơn vị trực thuộc", ""],
         ["PTP", "Phòng Tư pháp", "", "", "Đơn vị trực thuộc", ""]]
APPENDIX = [["1", "Công tác chỉ đạo", "- Ban hành kế hoạch CCHC năm 2022 đúng hạn\n- Bố trí kinh phí thực hiện\n"
             "- Theo dõi, đôn đốc", "Phòng Nội vụ", "Phòng Tư pháp", "Hằng quý"],
            ["1.1", "Ban hành kế hoạch CCHC", None, None, None, None],
            ["2", "Cải cách thể chế", "Rà soát văn bản", "Phòng Tư pháp", "", "Năm 2022"]]


def invoke(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


def report_of(folder, facts, appendix=APPENDIX, merges=("C2:C3", "D2:D3", "E2:E3", "F2:F3")):
    """The Word report's paragraphs and the document for a plan; one unit reported."""
    folder.mkdir(exist_ok=True)
    plan = make_plan(folder / "kh.xlsx", appendix, facts=facts, units=UNITS, merges=list(merges))
    invoke("init", "--plan", plan, "--period", "2022-Q1", "-o", folder / "dc.xlsx")
    invoke("split", folder / "dc.xlsx", "--period", "2022-Q1", "-o", folder / "u")
    copy = sorted((folder / "u").glob("*.xlsx"))[0]
    workbook = openpyxl.load_workbook(copy)
    sheet = workbook["Tiến độ"]
    sheet["G5"], sheet["H5"], sheet["M5"], sheet["N5"] = "Đang thực hiện", "Đang làm", "Nguyễn Văn A", "20/03/2022"
    workbook.save(copy)
    invoke("merge-submissions", copy, "--master", folder / "m.xlsx", "--period", "2022-Q1", code=1)
    invoke("report", folder / "m.xlsx", "--period", "2022-Q1", "-o", folder / "bc.docx", "--date", "25/03/2022")
    document = docx.Document(str(folder / "bc.docx"))
    return [p.text for p in document.paragraphs], document


def test_section_four_gives_every_bullet_of_a_solution(tmp_path):
    """Criterion 1.1 shares the merged solution of 1: section IV gives its three bullets, not the first alone."""
    texts, _ = report_of(tmp_path, DISTRICT)
    assert ("- Tiêu chí 1.1: Ban hành kế hoạch CCHC năm 2022 đúng hạn; Bố trí kinh phí thực hiện; Theo dõi, đôn "
            "đốc (chủ trì: P.NV; thời gian: Hằng quý).") in texts


def test_plan_name_written_as_the_plans_title(tmp_path):
    """"Tên kế hoạch" typed as the plan's own title, "Kế hoạch khắc phục …": the trích yếu and the căn cứ say
    "Kế hoạch số 45/KH-UBND … khắc phục …", never "Kế hoạch số … kế hoạch khắc phục …"."""
    facts = DISTRICT + [["Tên kế hoạch", "Kế hoạch khắc phục hạn chế, tồn tại trong công tác CCHC năm 2021"]]
    texts, _ = report_of(tmp_path, facts)
    assert ("Kết quả thực hiện Kế hoạch số 45/KH-UBND ngày 10/3/2022 khắc phục hạn chế, tồn tại trong công tác CCHC "
            "năm 2021, quý I năm 2022") in texts
    assert any(t.startswith("Căn cứ Kế hoạch số 45/KH-UBND ngày 10/3/2022 của Ủy ban nhân dân huyện Châu Thành về "
                            "khắc phục hạn chế, tồn tại") for t in texts)
    assert not [t for t in texts if "kế hoạch khắc phục" in t.lower()]


def test_plan_name_starting_with_an_acronym_keeps_it(tmp_path):
    facts = FACTS + [["Tên kế hoạch", "CCHC năm 2022"]]
    texts, _ = report_of(tmp_path, facts)
    assert any(t.startswith("Kết quả thực hiện Kế hoạch số 12/KH-SXD ngày 1/3/2022 CCHC năm 2022") for t in texts)


def test_district_committee_header_on_two_lines(tmp_path):
    """NĐ 30: a UBND huyện with no governing body line is headed "ỦY BAN NHÂN DÂN" / "HUYỆN CHÂU THÀNH", not wrapped
    by the cell's width ("ỦY BAN NHÂN DÂN HUYỆN" / "CHÂU THÀNH"); a Sở under its UBND tỉnh keeps one line."""
    _, document = report_of(tmp_path, DISTRICT)
    header = [p.text for p in document.tables[0].cell(0, 0).paragraphs if p.text]
    assert header == ["ỦY BAN NHÂN DÂN", "HUYỆN CHÂU THÀNH"]
    _, document = report_of(tmp_path / "so", FACTS)
    assert [p.text for p in document.tables[0].cell(0, 0).paragraphs if p.text] == ["UBND TỈNH BẾN TRE", "SỞ XÂY DỰNG"]
