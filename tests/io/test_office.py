"""The generated workbooks opened by a real spreadsheet application: LibreOffice headless."""
from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

from cchc_excel import builtin_plan, parse_period, write_shared_workbook
from cchc_excel.io.office import convert, soffice_path

pytestmark = pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed here; "
                                "install libreoffice-calc-nogui to run the real-application checks")


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo")
    return write_shared_workbook(builtin_plan(), parse_period("2021-H1"), folder / "shared.xlsx")


def test_libreoffice_prints_the_shared_workbook(shared, tmp_path):
    pdf = convert(shared, "pdf", tmp_path)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        for needle in ("HƯỚNG DẪN", "PHỤ LỤC", "707/KH-SKHĐT", "Tình trạng", "Trang"):
            assert needle in text
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert "841.89 x 595.3" in info  # A4 landscape


def test_libreoffice_round_trip_keeps_rows_and_protection(shared, tmp_path):
    resaved = convert(shared, "xlsx:Calc MS Excel 2007 XML", tmp_path)
    workbook = openpyxl.load_workbook(resaved)
    progress = workbook["Tiến độ"]
    assert progress.max_row == 63 and progress.protection.sheet
    meta = workbook["_cchc_meta"]
    assert meta.sheet_state != "visible"  # LibreOffice saves "very hidden" as "hidden": recognition must cope
    assert ("format", "cchc_excel/shared") in {(r[0], r[1]) for r in meta.iter_rows(values_only=True)}
    assert {str(v.sqref) for v in progress.data_validations.dataValidation} >= {"G5:G63"}
