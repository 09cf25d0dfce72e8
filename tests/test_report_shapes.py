"""The report of a plan laid out otherwise than the 707 plan: its own extra columns and its section headings
in Phụ lục I as the plan issued them, codes as typed, results grouped under the sections in the Word report."""
from __future__ import annotations

import docx
import openpyxl
import pytest

from shaped_plans import TASKS_ONLY, WITH_EXTRAS, build_master, invoke

RESULT_HEADERS = ["Kết quả", "Tài liệu kiểm chứng", "Mức độ hoàn thành", "Ghi chú"]


def report(folder, appendix):
    _, master = build_master(folder, appendix)
    result = invoke("report", master, "--period", "2022-H1", "-o", folder / "bc.docx", "--date", "20/06/2022")
    assert "REPORT_002" not in result.output
    sheet = openpyxl.load_workbook(folder / "bc-phu-luc.xlsx")["Phụ lục I"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    texts = [p.text for p in docx.Document(str(folder / "bc.docx")).paragraphs]
    return sheet, rows, texts


@pytest.fixture(scope="module")
def with_extras(tmp_path_factory):
    return report(tmp_path_factory.mktemp("extras"), WITH_EXTRAS)


@pytest.fixture(scope="module")
def tasks_only(tmp_path_factory):
    return report(tmp_path_factory.mktemp("tasks"), TASKS_ONLY)


def widths_in_pixels(sheet) -> list[int]:
    """Each column's width in pixels (7 a width unit); openpyxl groups equal neighbours."""
    widths = {}
    for dimension in sheet.column_dimensions.values():
        for col in range(dimension.min, dimension.max + 1):
            widths[col] = round(dimension.width * 7)
    return [widths[col] for col in range(1, sheet.max_column + 1)]


def test_the_plans_extra_columns_follow_the_timeframe_and_its_note_is_the_reports_note(with_extras):
    sheet, rows, _ = with_extras
    assert rows[0] == ["STT", "Tiêu chí / nhiệm vụ", "Giải pháp", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm",
                       "Kết quả cần đạt", "Điểm", *RESULT_HEADERS]
    task = next(r for r in rows if r[0] == "1.3.2")
    assert task[6:9] == ["Kế hoạch tuyên truyền được ban hành", "Hoàn thành 100% nhiệm vụ tuyên truyền", "0,5"]
    assert task[11] == "Hoàn thành"
    assert task[12].split("\n") == ["Ưu tiên thực hiện sớm", "Sở Nội vụ: Thiếu kinh phí (So-Noi-vu)",
                                    "Văn phòng UBND tỉnh: Thiếu kinh phí (Van-phong-UBND-tinh)"]
    assert next(r for r in rows if r[0] == "1.4")[12] == "Sở Nội vụ: Thiếu kinh phí (So-Noi-vu)"
    widths = widths_in_pixels(sheet)
    assert sum(widths) <= 880 and min(widths[1:]) >= 44  # A4 landscape at 100 %: see test_report_pdf.py


def test_section_headings_are_headings_not_criteria(with_extras):
    sheet, rows, texts = with_extras
    codes = [r[0] for r in rows[1:]]
    assert codes == ["I.", "1.3.2", "1.4", "II", "2.1"]  # as typed
    for heading, title in ((rows[1], "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"), (rows[4], "CẢI CÁCH THỂ CHẾ")):
        assert heading[1] == title and heading[2:] == [None] * 11  # no result, no level
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"B6:M6", "B9:M9"} <= merged and sheet["A6"].font.b and sheet["B6"].font.b
    assert any(t.startswith("Trong 3 tiêu chí, tiêu chí thành phần") for t in texts)  # the sections not counted


def test_word_results_are_grouped_under_the_plans_sections(with_extras):
    _, _, texts = with_extras
    order = ["2. Kết quả thực hiện từng tiêu chí", "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
             "Tiêu chí thành phần 1.3.2. Mức độ hoàn thành kế hoạch tuyên truyền", "- Sở Nội vụ: Đã hoàn thành",
             "Tiêu chí thành phần 1.4. Kiểm tra công tác", "II. CẢI CÁCH THỂ CHẾ",
             "Tiêu chí thành phần 2.1. Rà soát văn bản", "III. ĐÁNH GIÁ CHUNG"]
    positions = [next(i for i, t in enumerate(texts) if t.startswith(start)) for start in order]
    assert positions == sorted(positions)


def test_a_plan_of_tasks_keeps_its_own_task_column_and_numbering(tasks_only):
    sheet, rows, texts = tasks_only
    assert rows[0] == ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm", *RESULT_HEADERS]
    assert [r[:2] for r in rows[1:]] == [["I", "CẢI CÁCH THỂ CHẾ"], ["1", "Rà soát văn bản quy phạm pháp luật"],
                                         ["2", "Kiểm tra việc thi hành pháp luật"],
                                         ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"], ["1", "Công khai thủ tục hành chính"]]
    assert rows[2][2:6] == ["Sở Tư pháp", "Sở Nội vụ", "Quý II/2022", "Báo cáo rà soát"]
    order = ["2. Kết quả thực hiện từng nhiệm vụ", "I. CẢI CÁCH THỂ CHẾ", "Nhiệm vụ 1. Rà soát văn bản",
             "Nhiệm vụ 2. Kiểm tra việc thi hành", "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "Nhiệm vụ 1. Công khai thủ tục"]
    positions = [next(i for i, t in enumerate(texts) if t.startswith(start)) for start in order]
    assert positions == sorted(positions)
    assert any("(1 mục I, 2 mục I, 1 mục II)" in t for t in texts)  # which task "1" is meant, in section III
    assert "- Nhiệm vụ 1 mục II, Văn phòng UBND tỉnh: Thiếu kinh phí (Van-phong-UBND-tinh)." in texts
    assert "- Nhiệm vụ 1 mục II, Sở Nội vụ: Đề nghị hỗ trợ phần mềm (So-Noi-vu)." in texts  # section V
    assert not any(t.startswith("- Tiêu chí") for t in texts)
    assert any("Kế hoạch gồm 3 nhiệm vụ, giao 5 lượt nhiệm vụ cho 3 đơn vị" in t for t in texts)
    assert any(t.startswith("Trong 3 nhiệm vụ: 3 hoàn thành; 3/3 nhiệm vụ có tài liệu kiểm chứng.") for t in texts)
    widths = widths_in_pixels(sheet)
    assert sum(widths) <= 880


def test_statistics_name_the_items_as_the_plan_does(tasks_only):
    sheet, _, _ = tasks_only
    labels = [c.value for row in sheet.parent["Phụ lục II"].iter_rows() for c in row[:1] if c.value]
    assert "1 mục II. Công khai thủ tục hành chính" in labels and "Nhiệm vụ" in labels
    assert "1. Theo đơn vị (số lượt nhiệm vụ; 5 lượt của 3 nhiệm vụ)" in labels
    assert not any(str(label).startswith("I.") for label in labels)

