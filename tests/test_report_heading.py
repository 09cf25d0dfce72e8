"""The head of the Word report as a district's Office makes it: "Kính gửi" to two bodies written one a line in the
plan, the number the văn thư gives alone ("25"), and a report date typed a year early (a warning, the report still
written). Plan workbook → init → split → a unit's reply → merge → report, through the commands."""
from __future__ import annotations

from datetime import date

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from cchc_excel.cli import main
from conftest import FACTS, make_plan

TWO_BODIES = "- UBND tỉnh Bến Tre;\n- Sở Nội vụ tỉnh Bến Tre."


def invoke(*args, codes=(0,)):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in codes, result.output
    return result


@pytest.fixture(scope="module")
def master(tmp_path_factory):
    """Plan 12/KH-SXD of 01/03/2022 (Sở Xây dựng, "SXD"), reported to two bodies; 2022-Q1 merged."""
    folder = tmp_path_factory.mktemp("heading")
    facts = FACTS + [["Tên viết tắt cơ quan", "SXD"], ["Nơi nhận báo cáo", TWO_BODIES]]
    plan = make_plan(folder / "kh.xlsx", [["1", "Công khai TTHC", "Niêm yết TTHC", "Văn phòng Sở", "", "Quý I/2022"]],
                     facts=facts)
    invoke("init", "--plan", plan, "--period", "2022-Q1", "-o", folder / "dc.xlsx")
    invoke("split", folder / "dc.xlsx", "--period", "2022-Q1", "-o", folder / "u")
    (reply,) = (folder / "u").glob("*.xlsx")
    workbook = openpyxl.load_workbook(reply)
    sheet = workbook["Tiến độ"]
    sheet["G5"], sheet["H5"], sheet["M5"], sheet["N5"] = "Đang thực hiện", "Đã niêm yết", "Cán bộ", date(2022, 3, 10)
    workbook.save(reply)
    invoke("merge-submissions", folder / "u", "--master", folder / "m.xlsx", "--period", "2022-Q1", "--plan", plan,
           codes=(0, 1))
    return folder / "m.xlsx"


def paragraphs(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def cells(path) -> list[str]:
    return [p.text for t in docx.Document(str(path)).tables for c in t._cells for p in c.paragraphs]


def test_kinh_gui_names_each_body_on_its_own_line(master, tmp_path):
    invoke("report", master, "--period", "2022-Q1", "-o", tmp_path / "bc.docx", "--date", "18/03/2022")
    texts = paragraphs(tmp_path / "bc.docx")
    at = texts.index("Kính gửi:")
    assert texts[at + 1:at + 3] == ["- UBND tỉnh Bến Tre;", "- Sở Nội vụ tỉnh Bến Tre."]
    (basis,) = [t for t in texts if t.startswith("Thực hiện")]
    assert "văn bản của UBND tỉnh Bến Tre, Sở Nội vụ tỉnh Bến Tre đề nghị" in basis
    assert "- " not in basis and ".." not in " ".join(texts)


def test_a_bare_number_gets_the_agencys_symbol(master, tmp_path):
    invoke("report", master, "--period", "2022-Q1", "-o", tmp_path / "bc.docx", "--date", "18/03/2022",
           "--number", "25")
    assert "Số: 25/BC-SXD" in cells(tmp_path / "bc.docx")
    sheet = openpyxl.load_workbook(tmp_path / "bc-phu-luc.xlsx")["Phụ lục I"]
    assert sheet["A3"].value.startswith("(Kèm theo Báo cáo số 25/BC-SXD ngày 18 tháng 3 năm 2022")
    invoke("report", master, "--period", "2022-Q1", "-o", tmp_path / "full.docx", "--date", "18/03/2022",
           "--number", "7/BC-VP")
    assert "Số: 7/BC-VP" in cells(tmp_path / "full.docx")  # a number with its ký hiệu is kept as given


def test_a_report_dated_a_year_early_is_written_with_a_warning(master, tmp_path):
    result = invoke("report", master, "--period", "2022-Q1", "-o", tmp_path / "bc.docx", "--date", "01/02/2022")
    assert "REPORT_003" in result.output and "REPORT_004" in result.output
    assert "01/02/2022" in result.output and "01/03/2022" in result.output and "14/03/2022" in result.output
    assert (tmp_path / "bc.docx").exists() and (tmp_path / "bc-phu-luc.xlsx").exists()
    result = invoke("report", master, "--period", "2022-Q1", "-o", tmp_path / "late.docx", "--date", "10/03/2022",
                    "--lang", "en")
    assert "REPORT_003" not in result.output and "REPORT_004" in result.output  # after the plan, before the data end
    quiet = invoke("report", master, "--period", "2022-Q1", "-o", tmp_path / "ok.docx", "--date", "18/03/2022")
    assert "REPORT_00" not in quiet.output
