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


# -- shared workbooks made by init, filled as staff would fill them ----------------------------------

TODAY = date(2021, 6, 20)  # the day the tests "run": inside the reporting of period 2021-H1
GOOD_ROW = {"G": "Hoàn thành", "H": "Đã ban hành kế hoạch và triển khai", "I": "Kế hoạch số 123/KH-SKHĐT ngày 20/5/2021",
            "J": date(2021, 5, 20), "M": "Nguyễn Văn B", "N": date(2021, 6, 10)}


@pytest.fixture(scope="session")
def builtin():
    from cchc_excel import builtin_plan
    return builtin_plan()


@pytest.fixture(scope="session")
def templates(tmp_path_factory, builtin):
    """The shared workbook for 2021-H1 and the per-unit copy of Phòng ĐKKD, made once."""
    from cchc_excel import parse_period, write_shared_workbook
    folder = tmp_path_factory.mktemp("templates")
    period = parse_period("2021-H1")
    return {"shared": write_shared_workbook(builtin, period, folder / "shared.xlsx"),
            "DKKD": write_shared_workbook(builtin, period, folder / "DKKD.xlsx", unit_code="DKKD")}


@pytest.fixture
def loop(tmp_path):
    """init → split: the Office's shared workbook and one copy per unit in the inbox (made through the CLI)."""
    from click.testing import CliRunner
    from cchc_excel.cli import main
    runner = CliRunner()
    shared = tmp_path / "dung-chung.xlsx"
    assert runner.invoke(main, ["init", "--period", "2021-H1", "-o", str(shared)]).exit_code == 0
    inbox = tmp_path / "inbox"
    result = runner.invoke(main, ["split", str(shared), "--period", "2021-H1", "-o", str(inbox)])
    assert result.exit_code == 0, result.output
    return shared, inbox, {p.name.split("_")[0]: p for p in inbox.glob("*.xlsx")}


def fill(source: Path, target: Path, cells: dict[str, object] | None = None, *, rows: range | None = None,
         edit=None) -> Path:
    """Copy a template, fill every row in rows with GOOD_ROW, set cells ('G7': value), apply edit(workbook)."""
    workbook = openpyxl.load_workbook(source)
    sheet = workbook["Tiến độ"]
    for row in rows or ():
        for column, value in GOOD_ROW.items():
            sheet[f"{column}{row}"] = value
    for ref, value in (cells or {}).items():
        sheet[ref] = value
        if isinstance(value, Text):
            sheet[ref].data_type = "s"
    if edit:
        edit(workbook)
    workbook.save(target)
    return target


@pytest.fixture
def filled(templates, tmp_path):
    """filled(cells, template='shared', rows=..., edit=...) → the path of a filled copy."""
    def build(cells=None, template="shared", name="filled.xlsx", **kwargs):
        return fill(templates[template], tmp_path / name, cells, **kwargs)
    return build


# -- workbooks written part by part, for what no spreadsheet application would save --------------------

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def first_layout(path: Path) -> None:
    """Make a master what version 0.2 wrote: one data, history and log sheet holding every period (each period's
    rows after the newest one's), no layout in its metadata."""
    workbook = openpyxl.load_workbook(path)
    for kind in ("Dữ liệu", "Lịch sử", "Nhật ký"):
        sheets = [sheet for sheet in workbook.worksheets if sheet.title.startswith(kind + " ")]
        for old in sheets[:-1]:
            for row in list(old.iter_rows(min_row=2, values_only=True)):
                sheets[-1].append(row)
            del workbook[old.title]
        if sheets:
            sheets[-1].title = kind
    meta = workbook["_cchc_meta"]
    for row in range(meta.max_row, 0, -1):
        if meta.cell(row, 1).value in ("master_layout", "data_styles"):
            meta.delete_rows(row)
    workbook.save(path)


def sheet_xml(cells: str, prefix: str = "") -> str:
    """A worksheet part whose sheetData holds the given row/cell XML (elements prefixed when asked)."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{MAIN_NS}"' if prefix else f'xmlns="{MAIN_NS}"'
    return f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {xmlns}><{p}sheetData>{cells}</{p}sheetData></{p}worksheet>'


def raw_xlsx(path: Path, sheet: str, *, name: str = "Tiến độ", workbook: str | None = None,
             rels: str | None = None, parts: dict[str, object] | None = None) -> Path:
    """A minimal .xlsx written part by part: one sheet (its XML given), optional replaced or extra parts."""
    import zipfile
    workbook = workbook or (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
                            f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = rels or ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    content = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
               'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
               'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
               'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
               'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
               'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                 'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                 'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    files = {"[Content_Types].xml": content, "_rels/.rels": root_rels, "xl/workbook.xml": workbook,
             "xl/_rels/workbook.xml.rels": rels, "xl/worksheets/sheet1.xml": sheet} | (parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in files.items():
            archive.writestr(part, data)
    return path
