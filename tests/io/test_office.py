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


def fake_soffice(tmp_path, body: str) -> str:
    """A stand-in for soffice: a shell script that finds --outdir and runs body there."""
    script = tmp_path / "soffice"
    script.write_text('#!/bin/sh\nwhile [ "$1" != "--outdir" ]; do shift; done\ncd "$2" || exit 3\n' + body + "\n")
    script.chmod(0o755)
    return str(script)


def test_export_moves_the_pdf_into_place_in_the_umask_mode_and_leaves_no_folder(shared, tmp_path):
    import os

    from cchc_excel.io.office import export

    target = tmp_path / "out" / "dung-chung.pdf"
    previous = os.umask(0o027)
    try:
        written = export(shared, target)
    finally:
        os.umask(previous)
    assert written == target and target.read_bytes().startswith(b"%PDF")
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in target.parent.iterdir()] == ["dung-chung.pdf"]


def test_a_failed_conversion_leaves_no_partial_pdf_and_no_folder(shared, tmp_path, monkeypatch):
    import cchc_excel.io.office as office
    from cchc_excel.model.errors import OfficeError

    monkeypatch.setattr(office, "soffice_path", lambda: fake_soffice(tmp_path, "printf '%%PDF-1.7 half' > shared.pdf\n"
                                                                               "echo 'Error: source file' >&2; exit 1"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.pdf").write_bytes(b"%PDF old")
    with pytest.raises(OfficeError) as caught:
        office.export(shared, out / "old.pdf", overwrite=True)
    assert caught.value.code == "OFFICE_002" and (out / "old.pdf").read_bytes() == b"%PDF old"
    with pytest.raises(OfficeError):
        office.export(shared, out / "new.pdf")
    assert [p.name for p in out.iterdir()] == ["old.pdf"]
