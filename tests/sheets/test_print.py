"""Printouts through LibreOffice: a unit copy and the master print on A4 with no text under 10 pt."""
from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime

import pytest

from cchc_excel import merge_submissions, parse_period
from cchc_excel.io.office import convert, soffice_path
from conftest import GOOD_ROW, TODAY

pytestmark = pytest.mark.skipif(soffice_path() is None or shutil.which("pdftotext") is None,
                                reason="LibreOffice (soffice) and poppler-utils (pdftotext) are needed to print")
SMALLEST_WORD_BOX = 11.5  # points: Times New Roman's line box is about 1.15 times its size, so 10 pt


def _word_heights(pdf) -> list[float]:
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    return [float(y2) - float(y1) for y1, y2 in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)]


def _page_size(pdf) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return re.search(r"Page size:\s+(.*)", info).group(1)


def test_a_unit_copy_and_the_master_print_at_10_pt_or_more(templates, filled, tmp_path):
    copy = filled({f"{c}{r}": v for r in range(5, 10) for c, v in GOOD_ROW.items()}, template="DKKD")
    merge_submissions([copy], tmp_path / "tong-hop.xlsx", period=parse_period("2021-H1"), today=TODAY,
                      now=datetime(2021, 6, 20, 9))
    for workbook in (templates["DKKD"], tmp_path / "tong-hop.xlsx"):
        pdf = convert(workbook, "pdf", tmp_path / workbook.stem)
        heights = _word_heights(pdf)
        assert len(heights) > 500 and min(heights) >= SMALLEST_WORD_BOX, workbook.name
        assert "841.89 x 595.3" in _page_size(pdf)  # A4 landscape


def test_a_tall_row_of_the_master_prints_every_cell_from_its_top(filled, tmp_path):
    result = "Mởđầu " + "đã triển khai thực hiện kế hoạch và báo cáo kết quả " * 8 + "Kếtthúc"
    copy = filled({**{f"{c}5": v for c, v in GOOD_ROW.items()}, "H5": result}, template="DKKD")
    master = tmp_path / "tong-hop.xlsx"
    merge_submissions([copy], master, period=parse_period("2021-H1"), today=TODAY, now=datetime(2021, 6, 20, 9))
    pdf = convert(master, "pdf", tmp_path / "pdf")
    lines = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout.splitlines()
    first = [line for line in lines if "Mởđầu" in line]
    assert len(first) == 1 and "2021-H1" in first[0] and "DKKD" in first[0]  # the row's key cells beside its first line
    assert not any("2021-H1" in line for line in lines if "Kếtthúc" in line)


LONG_NAME = "Bao-cao-tien-do-Phong-Dang-ky-kinh-doanh-sau-thang-dau-nam-ban-sua-lan-cuoi.xlsx"


def _printed_whole(page: str, text: str) -> bool:
    """The text is printed on the page whole, on one line or wrapped in its column: the words of the page that are
    pieces of it, read in order (line by line), hold it."""
    return text in "".join(word for word in page.split() if len(word) >= 3 and word in text)


def test_the_log_prints_each_row_whole_across_the_page(filled, tmp_path):
    import hashlib

    from click.testing import CliRunner

    from cchc_excel.cli import main

    bad = {f"G{row}": "Xongroi" for row in range(5, 13)}  # a status that is not one: VAL_002 on 8 rows
    copy = filled(bad, template="DKKD", name=LONG_NAME, rows=range(5, 14))  # row 13 is right: partly accepted
    master = tmp_path / "tong-hop.xlsx"
    result = CliRunner().invoke(main, ["merge-submissions", str(copy), "--master", str(master), "--period", "2021-H1"])
    assert result.exit_code == 1 and master.exists(), result.output
    sha = hashlib.sha256(copy.read_bytes()).hexdigest()

    pdf = convert(master, "pdf", tmp_path / "pdf")
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    log = [page for page in pages if "VAL_002" in page]
    for page in log:  # each row across one page: a problem's code, message and file side by side, the header on top
        assert "Chi tiết" in page and "SHA-256" in page
        rows = [line for line in page.splitlines() if "VAL_002" in line]
        assert all("Bao-cao-tien-do-" in line and "Lý do" in line and '"Xongroi"' in line for line in rows)
        assert _printed_whole(page, LONG_NAME) and _printed_whole(page, sha)  # wrapped in their columns, not cut
    assert sum(page.count("VAL_002") for page in log) == 8 and len(log) >= 2
