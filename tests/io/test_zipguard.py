"""The container guard: whatever a damaged or hostile zip does is that file's coded refusal."""
from __future__ import annotations

import struct
import warnings
import zipfile

import pytest

from cchc_excel import WorkbookReadError
from cchc_excel.io.reader import read_workbook
from conftest import MAIN_NS, raw_xlsx, sheet_xml

ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c></row>'


def code_of(path):
    with pytest.raises(WorkbookReadError) as caught:
        with read_workbook(path) as book:
            book.sheets()
    return caught.value.code


def central_records(data: bytes):
    """(offset, name) of every central directory record."""
    end = data.rindex(b"PK\x05\x06")
    count, size, start = struct.unpack("<HII", data[end + 10:end + 20])
    pos = start
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[pos + 28:pos + 34])
        yield pos, data[pos + 46:pos + 46 + name_len]
        pos += 46 + name_len + extra_len + comment_len


def patched(path, part: bytes, patch):
    """Apply patch(data, central_offset, local_offset) to the records of one part; returns the path."""
    data = bytearray(path.read_bytes())
    for pos, name in list(central_records(bytes(data))):
        if name == part:
            local = struct.unpack("<I", data[pos + 42:pos + 46])[0]
            patch(data, pos, local)
    path.write_bytes(bytes(data))
    return path


@pytest.fixture
def book(tmp_path):
    return raw_xlsx(tmp_path / "b.xlsx", sheet_xml(ROW + "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>dòng {r} {"x" * 50}</t></is></c></row>' for r in range(2, 2000))))


def test_a_damaged_deflate_stream(book):
    def garble(data, central, local):
        name_len, extra_len = struct.unpack("<HH", data[local + 26:local + 30])
        start = local + 30 + name_len + extra_len
        data[start + 100:start + 400] = b"\xff" * 300
    assert code_of(patched(book, b"xl/worksheets/sheet1.xml", garble)) == "READ_005"


def test_an_unknown_zip_version_and_a_bad_entry_name(book, tmp_path):
    def version(data, central, local):
        data[central + 6:central + 8] = struct.pack("<H", 99)
    assert code_of(patched(book, b"xl/workbook.xml", version)) == "READ_005"
    other = raw_xlsx(tmp_path / "name.xlsx", sheet_xml(ROW), parts={"xl/m\xe9dia.xml": "<a/>"})
    def bad_utf8(data, central, local):
        data[central + 8:central + 10] = struct.pack("<H", struct.unpack("<H", data[central + 8:central + 10])[0] | 0x800)
        name_len = struct.unpack("<H", data[central + 28:central + 30])[0]
        data[central + 46 + name_len - 5] = 0xFF
    assert code_of(patched(other, "xl/m\xe9dia.xml".encode("utf-8"), bad_utf8)) == "READ_005"


def test_a_part_that_inflates_past_its_declared_size(tmp_path):
    path = raw_xlsx(tmp_path / "lie.xlsx", sheet_xml(ROW + "<row r='2'>" + " " * 3_000_000 + "</row>"))
    def lie(data, central, local):
        data[central + 24:central + 28] = struct.pack("<I", 1000)
        data[local + 22:local + 26] = struct.pack("<I", 1000)
    assert code_of(patched(path, b"xl/worksheets/sheet1.xml", lie)) == "READ_009"


def test_duplicate_part_names(tmp_path):
    path = raw_xlsx(tmp_path / "dup.xlsx", sheet_xml(ROW))
    with warnings.catch_warnings(), zipfile.ZipFile(path, "a") as archive:
        warnings.simplefilter("ignore")
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml(ROW.replace("STT", "khác")))
    assert code_of(path) == "READ_016"


def test_a_dtd_in_any_part_and_after_a_long_prolog(tmp_path):
    dtd = '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY e "x">]>'
    styles = dtd + f'<styleSheet xmlns="{MAIN_NS}"/>'
    assert code_of(raw_xlsx(tmp_path / "styles.xlsx", sheet_xml(ROW), parts={"xl/styles.xml": styles})) == "READ_008"
    padded = '<?xml version="1.0"?>' + "<!-- padding -->" * 6000 + "\n" * 70_000 + sheet_xml(ROW).split("?>", 1)[1]
    late = padded.replace("<worksheet", '<!DOCTYPE w SYSTEM "file:///etc/passwd"><worksheet', 1)
    assert code_of(raw_xlsx(tmp_path / "late.xlsx", late)) == "READ_008"
    assert code_of(raw_xlsx(tmp_path / "docprops.xlsx", sheet_xml(ROW), parts={"docProps/app.xml": dtd + "<a/>"})) == "READ_008"


def test_a_sheet_under_another_extension_is_checked_like_xml(tmp_path):
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="media/sheet.png"/></Relationships>')
    dtd = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e "x">]>' + sheet_xml(ROW).split("?>", 1)[1]
    path = raw_xlsx(tmp_path / "png.xlsx", sheet_xml(ROW), rels=rels, parts={"xl/media/sheet.png": dtd})
    assert code_of(path) == "READ_008"


# -- what sniff hands over: each XML part inflated once, within bounds ------------------------------------------

def _xml_parts_but_worksheets(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name.endswith((".xml", ".rels")) and not name.startswith("xl/worksheets/sheet")}


def test_a_small_file_hands_over_every_xml_part_but_its_worksheets(templates):
    from cchc_excel.io.reader import sniff
    archive, parts = sniff(templates["DKKD"])
    archive.close()
    expected = _xml_parts_but_worksheets(templates["DKKD"])
    assert {"xl/styles.xml", "xl/workbook.xml", "xl/sharedStrings.xml", "[Content_Types].xml"} <= set(expected)
    assert parts == expected


def test_a_large_file_keeps_only_what_is_read_at_open_and_kept_bytes_are_bounded(templates, tmp_path, monkeypatch):
    import os
    from cchc_excel.io import zipguard
    from cchc_excel.io.reader import sniff
    large = tmp_path / "large.xlsx"
    large.write_bytes(templates["DKKD"].read_bytes())
    with zipfile.ZipFile(large, "a", zipfile.ZIP_STORED) as archive:  # past KEEP_BYTES: read from disk
        archive.writestr("xl/media/image1.png", os.urandom(zipguard.KEEP_BYTES))
    archive, parts = sniff(large)
    archive.close()
    assert set(parts) == {"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                          "xl/sharedStrings.xml", "docProps/custom.xml"}  # the identity (model/identity.py)
    monkeypatch.setattr(zipguard, "KEEP_TOTAL", 3000)  # a file of many inflated bytes: keeping stops at the bound
    archive, parts = sniff(templates["DKKD"])
    archive.close()
    expected = _xml_parts_but_worksheets(templates["DKKD"])
    assert parts and len(parts) < len(expected) and sum(map(len, parts.values())) <= 3000
    assert all(expected[name] == data for name, data in parts.items())
    with read_workbook(templates["DKKD"]) as book:  # what was not kept is read again from the zip
        assert book.sheet("Tiến độ").max_row > 1


def test_a_part_read_at_open_that_inflates_past_its_declared_size(tmp_path):
    styles = f'<?xml version="1.0"?><styleSheet xmlns="{MAIN_NS}">' + " " * 3_000_000 + "</styleSheet>"
    path = raw_xlsx(tmp_path / "styles.xlsx", sheet_xml(ROW), parts={"xl/styles.xml": styles})
    def lie(data, central, local):
        data[central + 24:central + 28] = struct.pack("<I", 2000)
    assert code_of(patched(path, b"xl/styles.xml", lie)) == "READ_009"

