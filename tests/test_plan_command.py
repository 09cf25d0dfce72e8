"""`cchc-excel plan` on a district's own appendix: every item kept as issued, units proposed as init reads them."""
from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from cchc_excel.cli import main
from conftest import make_workbook

TITLE = [
    ["ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH"],
    ["PHỤ LỤC"],
    ["(Kèm theo Kế hoạch số 45/KH-UBND ngày 10 tháng 3 năm 2022 của Ủy ban nhân dân huyện Châu Thành)"],
    [],
]
HEADER = ["STT", "Tiêu chí, tiêu chí thành phần bị trừ điểm", "Nhiệm vụ, giải pháp khắc phục", "Cơ quan chủ trì",
          "Cơ quan phối hợp", "Thời hạn hoàn thành"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def appendix(tmp_path, rows, merges=(), name="phu-luc.xlsx"):
    return make_workbook(tmp_path / name, {"PL": TITLE + [HEADER] + rows}, {"PL": list(merges)})


def complete(path, members: dict[str, str] | None = None):
    """What the Office fills after `plan`: the place, the signer and the members of the groups."""
    book = openpyxl.load_workbook(path)
    for row in book["Thông tin"].iter_rows():
        row[1].value = {"Địa danh": "Châu Thành", "Người ký": "Lê Thị Hồng Nhung"}.get(row[0].value, row[1].value)
    for row in book["Đơn vị"].iter_rows(min_row=2):
        if row[1].value in (members or {}):
            row[5].value = members[row[1].value]
    book.save(path)
    return path


def progress_rows(path) -> list[tuple]:
    sheet = openpyxl.load_workbook(path)["Tiến độ"]
    return [(r[0], r[3], r[4]) for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]]


def test_a_lettered_sub_item_is_kept_and_an_unreadable_stt_stops_plan(tmp_path):
    rows = [
        [1, "Kế hoạch CCHC năm", "Ban hành kế hoạch", "Phòng Nội vụ", None, "Quý I/2022"],
        [1.1, "Mức độ hoàn thành", "Theo dõi, đôn đốc", "Phòng Nội vụ", None, "Hằng quý"],
        ["1.1.a", "Báo cáo CCHC định kỳ", "Gửi báo cáo đúng hạn", "Phòng Tư pháp", None, "Trước 15/6/2022"],
        [2, "Đánh giá mức độ hài lòng", "Khảo sát sự hài lòng", "Phòng Nội vụ", None, "Cuối năm"],
    ]
    result = run("plan", appendix(tmp_path, rows), "-o", tmp_path / "ke-hoach.xlsx")
    assert result.exit_code == 0, result.output
    assert "[PLAN_013] 'PL'!F9" in result.output  # "Cuối năm": said by plan, not only later by init
    stts = [c.value for c in openpyxl.load_workbook(tmp_path / "ke-hoach.xlsx")["Phụ lục"]["A"]]
    assert ["1", "1.1", "1.1.a", "2"] == [s for s in stts if s in ("1", "1.1", "1.1.a", "2")]
    result = run("init", "--plan", complete(tmp_path / "ke-hoach.xlsx"), "--period", "2022-H1",
                 "-o", tmp_path / "chung.xlsx")
    assert result.exit_code == 0, result.output
    assert ("1.1.a", "Phòng Tư pháp", "Chủ trì") in progress_rows(tmp_path / "chung.xlsx")

    rows[2][0] = "1.1-a"  # an STT the tool cannot read: the row would be lost from the plan
    result = run("plan", appendix(tmp_path, rows, name="sai.xlsx"), "-o", tmp_path / "sai-kh.xlsx")
    assert result.exit_code == 2 and "[PLAN_003] 'PL'!A8" in result.output
    assert not (tmp_path / "sai-kh.xlsx").exists()


def test_an_empty_cell_of_a_sub_criterion_means_none_and_is_never_merged_with_a_sibling(tmp_path):
    rows = [
        [2, "Công khai TTHC", "Niêm yết TTHC", "Văn phòng UBND huyện", "UBND xã An Hóa", "Quý III/2022"],
        [2.1, "Hồ sơ trễ hạn", "Giảm hồ sơ trễ hạn", "Văn phòng UBND huyện", "Phòng Tư pháp, Phòng Kinh tế",
         "Thường xuyên"],
        [2.2, "Số hóa hồ sơ", "Số hóa kết quả", "Phòng Tài nguyên", None, "Tháng 11/2022"],
        [2.3, "Tính khả thi", None, None, None, None],  # nothing of its own: the task of 2 covers it
        [3, "Phản ánh kiến nghị", "Xử lý phản ánh", "Phòng Nội vụ", "Phòng Tư pháp", "Quý IV/2022"],
        [3.1, "Xử lý đúng hạn", "Trả lời đúng hạn", None, None, "Quý IV/2022"],  # lead merged with 3's
    ]
    path = appendix(tmp_path, rows, merges=["D10:D11"])
    result = run("plan", path, "-o", tmp_path / "ke-hoach.xlsx")
    assert result.exit_code == 0, result.output
    merges = {str(r) for r in openpyxl.load_workbook(tmp_path / "ke-hoach.xlsx")["Phụ lục"].merged_cells.ranges}
    assert not any(r.startswith("E") for r in merges)  # 2.2's empty Cơ quan phối hợp stays its own, empty cell
    result = run("init", "--plan", complete(tmp_path / "ke-hoach.xlsx"), "--period", "2022-Y",
                 "-o", tmp_path / "chung.xlsx")
    assert result.exit_code == 0, result.output
    rows_of = {}
    for code, unit, role in progress_rows(tmp_path / "chung.xlsx"):
        rows_of.setdefault(code, []).append((unit, role))
    assert rows_of["2.2"] == [("Phòng Tài nguyên", "Chủ trì")]
    assert rows_of["2.3"] == [("Văn phòng UBND huyện", "Chủ trì"), ("UBND xã An Hóa", "Phối hợp")]
    assert rows_of["3.1"] == [("Phòng Nội vụ", "Chủ trì")]

    rows[2][3] = None  # 2.2's chủ trì left empty by mistake: said, not taken from 2 or from 2.1
    result = run("plan", appendix(tmp_path, rows, merges=["D10:D11"], name="pl2.xlsx"), "-o", tmp_path / "k2.xlsx")
    assert "[PLAN_007] 'PL'!D8" in result.output
