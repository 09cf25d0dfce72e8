"""The reader: every unsafe or broken file is refused with its code before any parser touches it."""
from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st
from msoffcrypto.format.ooxml import OOXMLFile

from cchc_excel import WorkbookReadError
from cchc_excel.io.reader import ReadLimits, read_workbook
from conftest import make_workbook

BILLION_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                  b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>')


@pytest.fixture
def workbook(tmp_path):
    return make_workbook(tmp_path / "book.xlsx", {"Tiến độ": [["STT", "Tên"], ["1", "Một"]]})


def rewrite(source, target, replace=None, add=None):
    """Copy a zip part by part, replacing or adding parts."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, (replace or {}).get(item.filename, old.read(item.filename)))
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return target


def code_of(path, **kwargs):
    with pytest.raises(WorkbookReadError) as caught:
        read_workbook(path, **kwargs)
    assert str(path) in str(caught.value)
    return caught.value.code


def test_password_protected_workbook(workbook, tmp_path):
    target = tmp_path / "secret.xlsx"
    with workbook.open("rb") as plain, target.open("wb") as out:
        OOXMLFile(plain).encrypt("matkhau", out)
    assert code_of(target) == "READ_003"


def test_legacy_xls_lock_file_pdf_and_truncated_copy(workbook, tmp_path):
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "Workbook".encode("utf-16-le"))
    assert code_of(xls) == "READ_007"
    lock = tmp_path / "~$book.xlsx"
    lock.write_bytes(b"\x0bNguyen Van A")
    assert code_of(lock) == "READ_004"
    pdf = tmp_path / "scan.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n" + b"x" * 100)
    assert code_of(pdf) == "READ_002"
    truncated = tmp_path / "cut.xlsx"
    truncated.write_bytes(workbook.read_bytes()[:-200])
    assert code_of(truncated) == "READ_005"
    assert code_of(tmp_path / "missing.xlsx") == "READ_001"
    not_excel = tmp_path / "docs.xlsx"
    with zipfile.ZipFile(not_excel, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert code_of(not_excel) == "READ_002"


def test_zip_bomb_is_refused_from_the_directory(workbook, tmp_path):
    bomb = rewrite(workbook, tmp_path / "bomb.xlsx", add={"xl/media/image1.bin": b"\0" * (20 * 2**20)})
    assert code_of(bomb) == "READ_009"
    assert code_of(workbook, limits=ReadLimits(max_parts=3)) == "READ_009"
    assert code_of(workbook, limits=ReadLimits(max_total_uncompressed=1000)) == "READ_009"


def test_xml_bomb_and_external_entity_are_refused(workbook, tmp_path):
    laughs = rewrite(workbook, tmp_path / "laughs.xlsx", replace={"xl/sharedStrings.xml": BILLION_LAUGHS},
                     add={} if "xl/sharedStrings.xml" in zipfile.ZipFile(workbook).namelist()
                     else {"xl/sharedStrings.xml": BILLION_LAUGHS})
    assert code_of(laughs) == "READ_008"
    external = (b'<?xml version="1.0"?><!-- padding -->' + b" " * 5000 +
                b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><workbook>&e;</workbook>')
    assert code_of(rewrite(workbook, tmp_path / "xxe.xlsx", replace={"xl/workbook.xml": external})) == "READ_008"


def test_too_many_rows(workbook):
    book = read_workbook(workbook, limits=ReadLimits(max_rows=1))
    with pytest.raises(WorkbookReadError) as caught:
        book.sheet("Tiến độ")
    assert caught.value.code == "READ_010"


def test_macro_workbook_is_read_for_values(workbook, tmp_path):
    macro = rewrite(workbook, tmp_path / "book.xlsm", add={"xl/vbaProject.bin": b"VBA"})
    book = read_workbook(macro)
    assert book.macro and book.sheet("Tiến độ").raw(2, 2) == "Một"


def test_values_keep_their_excel_positions_and_are_nfc_and_trimmed(tmp_path):
    nfd = unicodedata.normalize("NFD", "  Đã hoàn thành \r\n dòng hai ")
    path = make_workbook(tmp_path / "b.xlsx", {"S": [[None], [None, None, nfd, date(2021, 5, 1)]]},
                         merges={"S": ["C4:D5"]})
    sheet = read_workbook(path).sheet("S")
    assert sheet.raw(2, 3) == "Đã hoàn thành\ndòng hai" and (2, 3) in sheet.denormalized
    assert sheet.raw(2, 4) == date(2021, 5, 1) and sheet.raw(1, 1) == ""
    assert sheet.merged == [(4, 3, 5, 4)] and sheet.is_merged_copy(5, 4) and not sheet.is_merged_copy(4, 3)


def test_formula_cells_are_found(tmp_path):
    path = make_workbook(tmp_path / "f.xlsx", {"Tiến độ": [["a", "=1+1"], [None, None, "=A1"]]})
    assert read_workbook(path).formula_cells("Tiến độ") == {(1, 2), (2, 3)}


def test_sheet_visibility(tmp_path):
    path = make_workbook(tmp_path / "v.xlsx", {"A": [["x"]], "B": [["y"]]})
    import openpyxl
    book = openpyxl.load_workbook(path)
    book["B"].sheet_state = "veryHidden"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    assert read_workbook(path).visibility("B") == "veryHidden"


# -- the scan's fast path: what applications write is checked without Python per cell ----------------------

def _fast_for_merge(path) -> tuple[set[str], set[str]]:
    """The parts merge reads (entry and metadata sheets, shared strings) and those the fast path decided."""
    from cchc_excel.model.layout import SHEET_META, SHEET_PROGRESS
    with read_workbook(path) as book:
        for name in (SHEET_PROGRESS, SHEET_META):
            book.sheet(name)
        read = {book.xml_paths()[SHEET_PROGRESS], book.xml_paths()[SHEET_META]}
        read |= {name for name in book._zip.NameToInfo if name.lower().endswith("sharedstrings.xml")}
        return read, book.fast_parts


def test_the_tools_own_unit_copy_takes_the_fast_path(templates):
    read, fast = _fast_for_merge(templates["DKKD"])
    assert "xl/sharedStrings.xml" in read and read == fast


def test_a_copy_filled_with_openpyxl_takes_the_fast_path(filled):
    read, fast = _fast_for_merge(filled(rows=range(5, 9), template="DKKD"))
    assert read == fast


def test_a_copy_saved_by_libreoffice_takes_the_fast_path(filled, tmp_path):
    from cchc_excel.io.office import convert, soffice_path
    if soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed; install libreoffice-calc-nogui")
    saved = convert(filled(rows=range(5, 9), template="DKKD"), "xlsx", tmp_path / "saved")
    read, fast = _fast_for_merge(saved)
    assert "xl/sharedStrings.xml" in read and read == fast


def test_a_formula_or_rich_text_is_left_to_the_full_parse(filled):
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    def edit(workbook):
        workbook["Tiến độ"]["H5"] = "=1+1"
        workbook["Tiến độ"]["I5"] = CellRichText(["a", TextBlock(InlineFont(b=True), "b")])
    path = filled(rows=range(5, 7), template="DKKD", edit=edit)
    with read_workbook(path) as book:
        assert book.formula_cells("Tiến độ") == {(5, 8)}
        assert book.xml_paths()["Tiến độ"] not in book.fast_parts
        assert book.sheet("Tiến độ").value(5, 9) == "ab"


# -- the sheet's texts: one look decides that none needs cleaning ---------------------------------------------

TEXT_PIECES = ["Tiến độ", "Tie\u0302\u0301n", "e\u0301", "\u0301", " ", "\u00a0", "\u2003", "\u2028", "\n", "\r", "\t",
               "a", "", "\x00", "\u1100\u1161", "Ω", "\u212b", "\x1c", "\x85", "\u2005"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.one_of(st.lists(st.sampled_from(TEXT_PIECES), max_size=4).map("".join),
                                   st.sampled_from([1.5, None, "", True])), max_size=4), max_size=4))
def test_the_one_look_at_a_sheets_texts_agrees_with_cleaning_each(rows):
    from cchc_excel.io.sheet_data import clean_texts, plain_texts
    copy = [list(values) for values in rows]
    denormalized, _ = clean_texts(copy)
    assert plain_texts(rows) == (not denormalized and copy == rows)


def test_a_text_to_clean_is_seen_by_the_one_look():
    from cchc_excel.io.sheet_data import plain_texts
    assert plain_texts([["Tiến độ", 1.5, None], ["", "Hoàn thành\n- dòng hai"]])
    for text in ("Tie\u0302\u0301n", " a", "a\u00a0", "a\u2028", "a \nb", "a\n\u00a0b", "a\rb", "\u212b"):
        assert not plain_texts([["Tiến độ"], [1.5, text]]), text
