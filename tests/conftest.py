"""Workbooks made from inline tables, so each test shows the case it checks."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

APPENDIX_HEADER = ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Giải pháp", "Đơn vị chủ trì thực hiện",
                   "Đơn vị phối hợp", "Thời gian thực hiện"]

FACTS = [
    ["Số, ký hiệu", "12/KH-SXD"],
    ["Ngày ban hành", date(2022, 3, 1)],
    ["Cơ quan ban hành", "Sở Xây dựng"],
    ["Cơ quan chủ quản", "UBND tỉnh Bến Tre"],
    ["Địa danh", "Bến Tre"],
    ["Người ký", "Nguyễn Văn A"],
]

UNITS = [
    ["Mã", "Tên đơn vị", "Tên viết tắt", "Tên gọi khác", "Loại", "Thành viên"],
    ["VP", "Văn phòng Sở", "VP", "Văn phòng", "Đơn vị trực thuộc", ""],
    ["THQH", "Phòng Tổng hợp - Quy hoạch", "Phòng TH-QH", "", "Đơn vị trực thuộc", ""],
    ["QLXD", "Phòng Quản lý xây dựng", "Phòng QLXD", "", "Đơn vị trực thuộc", ""],
    ["SNV", "Sở Nội vụ", "", "", "Cơ quan bên ngoài", ""],
    ["ALL", "Các phòng, Trung tâm trực thuộc Sở", "", "Các phòng, TT", "Nhóm đơn vị", "Tất cả đơn vị trực thuộc"],
    ["CCVC", "Công chức, viên chức", "CCVC", "", "Vai trò", "Tất cả đơn vị trực thuộc"],
]


class Text(str):
    """A cell value written as text even when it starts with '=' (openpyxl would make it a formula)."""


def make_workbook(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    """Write an .xlsx with one sheet per table; merges names ranges such as 'C6:C9' per sheet."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
            for cell, value in zip(sheet[sheet.max_row], row):
                if isinstance(value, Text):
                    cell.data_type = "s"
        for cell_range in (merges or {}).get(name, []):
            sheet.merge_cells(cell_range)
    workbook.save(path)
    return path


def make_plan(path: Path, appendix: list[list], *, header: list | None = None, facts=None, units=None,
              merges: list[str] | None = None, sheet: str = "Phụ lục", lead_rows: int = 0) -> Path:
    """A plan workbook: appendix rows under a header (after lead_rows of title), facts and units sheets."""
    rows = [["PHỤ LỤC"]] * lead_rows + [header or APPENDIX_HEADER] + appendix
    return make_workbook(path, {sheet: rows, "Thông tin": facts or FACTS, "Đơn vị": units or UNITS},
                         {sheet: merges or []})


@pytest.fixture
def plan_file(tmp_path):
    def build(appendix, name="plan.xlsx", **kwargs):
        return make_plan(tmp_path / name, appendix, **kwargs)
    return build
