"""Plans of other agencies for the report tests, typed inline: one with criteria, section headings and the
plan's own extra columns (Sản phẩm, Kết quả cần đạt, Điểm, Ghi chú); one of tasks only, numbered afresh under
each section, with one column for lead and coordinating units. build_master runs init → split → the units'
replies → merge-submissions through the CLI."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from cchc_excel.cli import main
from conftest import make_workbook

UNITS = [["Mã", "Tên đơn vị", "Tên viết tắt", "Tên gọi khác", "Loại", "Thành viên"],
         ["SNV", "Sở Nội vụ", "", "", "Đơn vị trực thuộc", ""],
         ["STP", "Sở Tư pháp", "", "", "Đơn vị trực thuộc", ""],
         ["VP", "Văn phòng UBND tỉnh", "", "", "Đơn vị trực thuộc", ""]]
FACTS = [["Địa danh", "Kiên Giang"], ["Người ký", "Lâm Minh Thành"], ["Chức vụ người ký", "CHỦ TỊCH"]]
TITLE = [["ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"], ["PHỤ LỤC"],
         ["(Kèm theo Kế hoạch số 138/KH-UBND ngày 13 tháng 9 năm 2019 của Ủy ban nhân dân tỉnh Kiên Giang)"], []]
EXTRAS_HEADER = ["STT", "Tiêu chí, tiêu chí thành phần", "Nhiệm vụ, giải pháp khắc phục", "Cơ quan chủ trì",
                 "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm", "Kết quả cần đạt", "Điểm", "Ghi chú"]
WITH_EXTRAS = TITLE + [
    EXTRAS_HEADER,
    ["I.", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"],
    ["1.3.2", "Mức độ hoàn thành kế hoạch tuyên truyền cải cách hành chính",
     "Xây dựng và thực hiện kế hoạch tuyên truyền cải cách hành chính năm 2022 trên Cổng thông tin điện tử",
     "Sở Nội vụ", "Văn phòng UBND tỉnh", "Quý II/2022", "Kế hoạch tuyên truyền được ban hành",
     "Hoàn thành 100% nhiệm vụ tuyên truyền", "0,5", "Ưu tiên thực hiện sớm"],
    ["1.4", "Kiểm tra công tác cải cách hành chính", "Kiểm tra ít nhất 30% cơ quan, đơn vị trong năm", "Sở Nội vụ",
     "", "Tháng 9/2022", "Báo cáo kết quả kiểm tra", "Đạt 30% số cơ quan", "1", ""],
    ["II", "CẢI CÁCH THỂ CHẾ"],
    ["2.1", "Rà soát văn bản quy phạm pháp luật", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh",
     "Sở Tư pháp", "Sở Nội vụ", "Hằng năm", "Danh mục văn bản hết hiệu lực", "Công bố đúng hạn", "1,5",
     "Phối hợp với Hội đồng nhân dân tỉnh"],
]
TASKS_HEADER = ["TT", "Nhiệm vụ", "Cơ quan chủ trì/phối hợp", "Thời gian hoàn thành", "Sản phẩm"]
TASKS_ONLY = TITLE + [
    TASKS_HEADER,
    ["I", "CẢI CÁCH THỂ CHẾ"],
    [1, "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp (chủ trì); Sở Nội vụ (phối hợp)", "Quý II/2022",
     "Báo cáo rà soát"],
    [2, "Kiểm tra việc thi hành pháp luật", "Sở Tư pháp", "6 tháng đầu năm", "Kết luận kiểm tra"],
    ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
    [1, "Công khai thủ tục hành chính", "Văn phòng UBND tỉnh; Sở Nội vụ", "Hằng năm", "Danh mục thủ tục"],
]
REPLY = {"G": "Hoàn thành", "H": "Đã hoàn thành việc được giao ({unit}, dòng {row})", "I": "Văn bản số {row}/{unit}",
         "J": date(2022, 6, 1), "K": "Thiếu kinh phí ({unit})", "L": "Đề nghị hỗ trợ phần mềm ({unit})",
         "M": "Trần Văn B", "N": date(2022, 6, 10)}


def invoke(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


def build_master(folder: Path, appendix: list[list]) -> tuple[Path, Path]:
    """The plan workbook and the master of 2022-H1 where every unit reported every row done."""
    folder.mkdir(parents=True, exist_ok=True)
    plan = make_workbook(folder / "ke-hoach.xlsx", {"Phụ lục": appendix, "Thông tin": FACTS, "Đơn vị": UNITS})
    invoke("init", "--plan", plan, "--period", "2022-H1", "-o", folder / "dung-chung.xlsx")
    invoke("split", folder / "dung-chung.xlsx", "--period", "2022-H1", "-o", folder / "gui")
    inbox = folder / "inbox"
    inbox.mkdir()
    for copy in sorted((folder / "gui").glob("*.xlsx")):
        book = openpyxl.load_workbook(copy)
        sheet = book["Tiến độ"]
        for row in range(5, sheet.max_row + 1):
            for col, value in REPLY.items():
                sheet[f"{col}{row}"] = value.format(unit=copy.stem.split("_")[0], row=row) \
                    if isinstance(value, str) else value
        book.save(inbox / copy.name)
    invoke("merge-submissions", inbox, "--master", folder / "tong-hop.xlsx", "--period", "2022-H1")
    return plan, folder / "tong-hop.xlsx"
