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


def proposed_units(path) -> dict[str, tuple]:
    """name → (code, kind, note) of the Đơn vị sheet written by plan."""
    sheet = openpyxl.load_workbook(path)["Đơn vị"]
    return {r[1]: (r[0], r[4], r[6]) for r in sheet.iter_rows(min_row=2, values_only=True)}


def test_plan_proposes_units_as_init_reads_the_cells(tmp_path):
    header = ["TT", "Nội dung công việc", "Cơ quan chủ trì/phối hợp", "Thời gian"]
    rows = [
        [1, "Rà soát văn bản", "Chủ trì: Phòng Tư pháp; phối hợp: Phòng Nội vụ", "Quý II/2022"],
        [2, "ISO điện tử", "Văn phòng HĐND và UBND huyện (chủ trì), Phòng Lao động - Thương binh và Xã hội",
         "Năm 2022"],
        [3, "Báo cáo CCHC", "P.NV (chủ trì); VP HĐND-UBND; Sở Nội vụ; UBND tỉnh; Bộ phận Một cửa", "Quý IV/2022"],
        [4, "Một cửa", "Phòng Nội vụ và Phòng Tư pháp", "Quý III/2022"],
        [None, "Tổng cộng: 4 nhiệm vụ"],
        ["Nơi nhận:", None, "KT. CHỦ TỊCH"],
    ]
    path = make_workbook(tmp_path / "pl.xlsx", {"Sheet1": TITLE + [header] + rows})
    result = run("plan", path, "-o", tmp_path / "kh.xlsx")
    assert result.exit_code == 0, result.output
    assert "[PLAN_012] 'Sheet1'!A10" in result.output  # the rows under the table, as README promises
    units = proposed_units(tmp_path / "kh.xlsx")
    assert set(units) == {"Phòng Tư pháp", "Phòng Nội vụ", "Văn phòng HĐND và UBND huyện",
                          "Phòng Lao động - Thương binh và Xã hội", "Sở Nội vụ", "UBND tỉnh", "Bộ phận Một cửa"}
    assert units["Sở Nội vụ"][1] == units["UBND tỉnh"][1] == "Cơ quan bên ngoài"  # above a UBND huyện
    assert {units[n][1] for n in ("Phòng Nội vụ", "Văn phòng HĐND và UBND huyện", "Bộ phận Một cửa")} == {
        "Đơn vị trực thuộc"}
    assert '"P.NV"' in units["Phòng Nội vụ"][2] and '"VP HĐND-UBND"' in units["Văn phòng HĐND và UBND huyện"][2]
    assert "P.NV có thể là Phòng Nội vụ (PNV)" in result.output

    book = openpyxl.load_workbook(complete(tmp_path / "kh.xlsx"))  # the Office takes the two other names
    for row in book["Đơn vị"].iter_rows(min_row=2):
        row[3].value = {"Phòng Nội vụ": "P.NV", "Văn phòng HĐND và UBND huyện": "VP HĐND-UBND"}.get(row[1].value)
    book.save(tmp_path / "kh.xlsx")
    result = run("init", "--plan", tmp_path / "kh.xlsx", "--period", "2022-Y", "-o", tmp_path / "chung.xlsx")
    assert result.exit_code == 0, result.output
    assert progress_rows(tmp_path / "chung.xlsx") == [
        ("1", "Phòng Tư pháp", "Chủ trì"), ("1", "Phòng Nội vụ", "Phối hợp"),
        ("2", "Văn phòng HĐND và UBND huyện", "Chủ trì"), ("2", "Phòng Lao động - Thương binh và Xã hội", "Phối hợp"),
        ("3", "Phòng Nội vụ", "Chủ trì"), ("3", "Văn phòng HĐND và UBND huyện", "Phối hợp"),
        ("3", "Bộ phận Một cửa", "Phối hợp"),
        ("4", "Phòng Nội vụ", "Chủ trì"), ("4", "Phòng Tư pháp", "Phối hợp")]
    result = run("plan", tmp_path / "kh.xlsx", "-o", tmp_path / "kh2.xlsx")  # again on the completed plan
    assert result.exit_code == 0 and "(0 đơn vị mới)" in result.output, result.output


def test_the_facts_plan_asks_for_are_marked_on_the_thong_tin_sheet(tmp_path):  # verify2 n5
    """What `plan` lists on screen as to fill (Chức vụ người ký among them) is what its Thông tin sheet marks."""
    rows = [[1, "Kế hoạch CCHC năm", "Ban hành kế hoạch", "Phòng Nội vụ", None, "Quý I/2022"]]
    result = run("plan", appendix(tmp_path, rows), "-o", tmp_path / "ke-hoach.xlsx")
    assert result.exit_code == 0, result.output
    asked = next(line for line in result.output.splitlines() if "Thông tin cần điền" in line)
    marked = [r[0].value for r in openpyxl.load_workbook(tmp_path / "ke-hoach.xlsx")["Thông tin"].iter_rows()
              if len(r) > 2 and r[2].value == "Cần điền"]
    assert "Chức vụ người ký" in marked and set(asked.split(": ", 1)[1].split(", ")) == set(marked), (asked, marked)
