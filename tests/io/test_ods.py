"""OpenDocument spreadsheets: the same guards as .xlsx, sheets bounded before python-calamine reads them,
and what calamine does not give for .ods (merged ranges, formulas, links, displayed text)."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from cchc_excel.io.reader import ReadLimits, read_workbook
from cchc_excel.model.errors import WorkbookReadError

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"')


def make_ods(path: Path, tables: str, *, prolog: str = "", manifest: str = "",
             mimetype: bytes = b"application/vnd.oasis.opendocument.spreadsheet") -> Path:
    """A minimal .ods whose content.xml holds the given table elements."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {NS} office:version="1.3">'
               f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
               "</office:document-content>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # stored first, uncompressed, as ODF asks
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest '
                         f'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">{manifest}'
                         "</manifest:manifest>")
    return path


def cell(text: str, **attributes: str) -> str:
    attrs = " ".join(f'{k.replace("__", ":").replace("_", "-")}="{v}"' for k, v in attributes.items())
    return f'<table:table-cell office:value-type="string" {attrs}><text:p>{text}</text:p></table:table-cell>'


def code_of(path: Path, limits: ReadLimits = ReadLimits()) -> str:
    with pytest.raises(WorkbookReadError) as caught:
        with read_workbook(path, limits) as book:
            for name in book.sheet_names:
                book.sheet(name)
    return caught.value.code


def test_an_ods_is_read_with_what_calamine_leaves_out(tmp_path):
    tables = ('<table:table table:name="Tiến độ"><table:table-row>'
              + cell("a", table__number_columns_spanned="2") + "<table:covered-table-cell/>"
              + '<table:table-cell office:value-type="percentage" office:value="1" table:formula="of:=1"><text:p>100%'
              "</text:p></table:table-cell></table:table-row><table:table-row>"
              '<table:table-cell office:value-type="boolean" office:boolean-value="true" table:formula="of:=TRUE()">'
              "<text:p>TRUE</text:p></table:table-cell>"
              '<table:table-cell office:value-type="string"><text:p><text:a xlink:href="https://vb.example.vn/12">'
              "KH 12/KH-SKHĐT</text:a></text:p></table:table-cell>"
              '<table:table-cell office:value-type="float" office:value="1234"><text:p>1.234</text:p></table:table-cell>'
              '</table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell '
              'table:number-columns-repeated="1024"/></table:table-row></table:table>')
    with read_workbook(make_ods(tmp_path / "a.ods", tables)) as book:
        sheet = book.sheet("Tiến độ")
        assert sheet.max_row == 2 and sheet.merged == [(1, 1, 1, 2)]
        assert sheet.raw(2, 2) == "KH 12/KH-SKHĐT" and book.hyperlinks("Tiến độ") == {(2, 2): "https://vb.example.vn/12"}
        assert book.formula_cells("Tiến độ") == {(1, 3)}  # a typed TRUE is saved as =TRUE(): not a formula
        assert book.shown_texts("Tiến độ", [(1, 3), (2, 1), (2, 3)]) == {(1, 3): "100%", (2, 1): "TRUE",
                                                                         (2, 3): "1.234"}
        assert not book.macro and not book.date1904


def test_repeated_rows_and_cells_are_bounded_before_calamine_reads_them(tmp_path):
    filled_rows = ('<table:table table:name="S"><table:table-row table:number-rows-repeated="5000000">'
                   + cell("x") + "</table:table-row></table:table>")
    assert code_of(make_ods(tmp_path / "rows.ods", filled_rows)) == "READ_010"
    wide = ('<table:table table:name="S"><table:table-row>'
            + cell("x", table__number_columns_repeated="1000000") + "</table:table-row></table:table>")
    assert code_of(make_ods(tmp_path / "wide.ods", wide)) == "READ_010"
    gap = ('<table:table table:name="S"><table:table-row>' + cell("x") + '</table:table-row>'
           '<table:table-row table:number-rows-repeated="200000"><table:table-cell/></table:table-row>'
           "<table:table-row>" + cell("y") + "</table:table-row></table:table>")
    assert code_of(make_ods(tmp_path / "gap.ods", gap), ReadLimits(max_rows=100_000)) == "READ_010"


def test_a_dtd_or_another_document_kind_is_refused(tmp_path):
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    assert code_of(make_ods(tmp_path / "bomb.ods", '<table:table table:name="S"/>', prolog=bomb)) == "READ_008"
    text_document = make_ods(tmp_path / "letter.ods", "", mimetype=b"application/vnd.oasis.opendocument.text")
    assert code_of(text_document) == "READ_002"


def test_an_empty_merged_range_is_still_merged_and_a_bad_count_is_a_damaged_file(tmp_path):
    tables = ('<table:table table:name="S"><table:table-row>' + cell("x") +
              '<table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2"/>'
              "<table:covered-table-cell/></table:table-row><table:table-row><table:table-cell/>"
              "<table:covered-table-cell/><table:covered-table-cell/></table:table-row></table:table>")
    with read_workbook(make_ods(tmp_path / "merged.ods", tables)) as book:
        assert book.sheet("S").merged == [(1, 2, 2, 3)]
    bad = '<table:table table:name="S"><table:table-row table:number-rows-repeated="many">' + cell("x")
    assert code_of(make_ods(tmp_path / "bad.ods", bad + "</table:table-row></table:table>")) == "READ_005"


def test_a_password_protected_ods_is_said_to_be_one(tmp_path):
    encrypted = ('<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data '
                 'manifest:checksum-type="SHA1/1K"/></manifest:file-entry>')
    assert code_of(make_ods(tmp_path / "khoa.ods", "", manifest=encrypted)) == "READ_003"


@pytest.mark.parametrize("damage", ["checksum", "encrypted", "method"])
def test_a_damaged_manifest_is_a_damaged_file(tmp_path, damage):
    import struct
    from test_zipguard import patched

    def patch(data, central, local):
        if damage == "checksum":
            data[central + 16] ^= 1
        elif damage == "encrypted":
            data[central + 8] |= 1
            data[local + 6] |= 1
        else:
            data[central + 10:central + 12] = data[local + 8:local + 10] = struct.pack("<H", 12)  # bzip2
    path = patched(make_ods(tmp_path / "a.ods", ""), b"META-INF/manifest.xml", patch)
    assert code_of(path) == "READ_005"


def test_content_in_an_encoding_nobody_knows_is_a_damaged_file(tmp_path):
    path = make_ods(tmp_path / "a.ods", "")
    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in parts.items():
            archive.writestr(info, data.replace(b'encoding="UTF-8"', b'encoding="UTF28"'))
    assert code_of(path) == "READ_005"


def test_a_password_protected_ods_is_told_how_to_remove_the_password_in_libreoffice(tmp_path):
    from click.testing import CliRunner
    from cchc_excel.cli import main
    from cchc_excel.model.messages import MESSAGES

    encrypted = ('<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data '
                 'manifest:checksum-type="SHA1/1K"/></manifest:file-entry>')
    path = make_ods(tmp_path / "khoa.ods", "", manifest=encrypted)
    for lang in ("vi", "en"):
        result = CliRunner().invoke(main, ["validate", str(path), "--lang", lang])
        assert result.exit_code == 1 and "READ_003" in result.output
        assert "LibreOffice" in MESSAGES["READ_003"].text(lang) and "Excel" in MESSAGES["READ_003"].text(lang)
