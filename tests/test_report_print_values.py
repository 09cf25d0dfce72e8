"""Numbers and dates of the appendix as printed by LibreOffice, for another agency's plan: rates with the decimal
comma whatever LibreOffice's own locale, and a date never broken over two lines."""
from __future__ import annotations

import re
import shutil
from datetime import date

import openpyxl
import pytest

from cchc_excel.io.office import soffice_path
from cchc_excel.sheets import metrics
from shaped_plans import EXTRAS_HEADER, TITLE, build_master, invoke
from test_report_pdf import pages

pytestmark = pytest.mark.skipif(
    soffice_path() is None or not shutil.which("pdftotext") or metrics.font_file(False) is None,
    reason="needs LibreOffice (libreoffice-calc-nogui), poppler-utils and fonts-liberation to print the appendix")

DATES = [date(2022, 9, 30), "Trước ngày 31/12/2022", "30/06/2022", "Quý II/2022"]  # a date cell, dates typed
APPENDIX = TITLE + [EXTRAS_HEADER, ["I.", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"]] + [
    [f"1.{n}", f"Tiêu chí số {n} về kiểm tra công tác cải cách hành chính",
     "Kiểm tra ít nhất 30% cơ quan, đơn vị trong năm theo Kế hoạch số 12/KH-SNV", "Sở Nội vụ",
     "Văn phòng UBND tỉnh", deadline, "Báo cáo kết quả kiểm tra", "Đạt 30% số cơ quan", "1", ""]
    for n, deadline in enumerate(DATES, start=1)]


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The report of 2022-H1 printed to PDF by a LibreOffice whose own locale is en-US (decimal point)."""
    folder = tmp_path_factory.mktemp("values")
    _, master = build_master(folder / "plan", APPENDIX)
    with pytest.MonkeyPatch.context() as patch:
        for name in ("LC_ALL", "LANG", "LC_NUMERIC"):
            patch.setenv(name, "en_US.UTF-8")
        invoke("report", master, "--period", "2022-H1", "-o", folder / "BC.docx", "--date", "20/06/2022", "--pdf")
    return folder / "BC-phu-luc.pdf", folder / "BC-phu-luc.xlsx"


def words(pdf) -> list[str]:
    return [w[4] for _, _, page in pages(pdf) for w in page]


def test_rates_print_with_the_decimal_comma(printed):
    pdf, xlsx = printed
    rates = [w for w in words(pdf) if re.fullmatch(r"\d+[.,]\d+%", w)]  # Phụ lục II's rates (the plan has "30%")
    assert rates and all(re.fullmatch(r"\d{1,3},\d%", w) for w in rates), rates
    sheet = openpyxl.load_workbook(xlsx)["Phụ lục II"]
    formats = {c.number_format for row in sheet.iter_rows() for c in row if "%" in c.number_format}
    assert formats == {"[$-42A]0.0%"}  # Excel reads a valid format; the locale tells LibreOffice the separators


def test_a_date_is_never_broken_over_two_lines(printed):
    pdf, xlsx = printed
    sheet = openpyxl.load_workbook(xlsx)["Phụ lục I"]
    texts = [str(c.value) for row in sheet.iter_rows(min_row=6) for c in row if c.value]
    dates = {d for text in texts for d in re.findall(r"\d{1,2}/\d{1,2}/\d{4}", text)}
    assert {"30/09/2022", "31/12/2022", "30/06/2022"} <= dates
    printed_words = words(pdf)
    assert all(any(d in w for w in printed_words) for d in dates), dates
