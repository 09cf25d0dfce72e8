"""What a reading worker remembers from one file for the next (io/memo.py): the parts a template repeats are
parsed once, and no file can change another's answer or make a worker hold memory."""
from __future__ import annotations

import hashlib
import shutil
import struct
import zlib

import pytest

from cchc_excel import WorkbookReadError
from cchc_excel.io import direct, package, sheetscan, zipguard
from cchc_excel.io.memo import MEMO_BYTES, by_bytes
from cchc_excel.io.reader import read_workbook
from conftest import MAIN_NS, REL_NS, raw_xlsx, sheet_xml
from test_zipguard import patched

ROWS = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c><c r="B1" t="inlineStr"><is><t>Tên</t></is></c>'
        '</row><row r="2"><c r="A2" t="inlineStr"><is><t>1.1</t></is></c><c r="B2"><v>7</v></c></row>')
MERGED = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><dimension ref="A1:B2"/><sheetData>%s' \
         '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>'


@pytest.fixture(autouse=True)
def forget():
    """Each test starts with nothing remembered (as a new worker)."""
    for remembered in (package._structure, package._standard_parts, sheetscan._plain_ranges, zipguard._inflated,
                       direct.number_formats):
        remembered.cache_clear()


def read(path):
    with read_workbook(path) as book:
        return book.sheet_names, [(sheet.name, sheet.rows, sheet.merged) for sheet in book.sheets()]


def refusal(path):
    with pytest.raises(WorkbookReadError) as caught:
        read(path)
    return caught.value


def test_files_of_one_template_read_as_each_alone(tmp_path):
    first = raw_xlsx(tmp_path / "a.xlsx", MERGED % (MAIN_NS, ROWS))
    second = raw_xlsx(tmp_path / "b.xlsx", MERGED % (MAIN_NS, ROWS.replace("<v>7</v>", "<v>8</v>")),
                      workbook=f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" '
                               f'xmlns:r="{REL_NS}"><sheets><sheet name="Khác" sheetId="1" r:id="rId1"/></sheets>'
                               f'</workbook>')
    alone = [read(first), read(second)]
    assert alone[1][0] == ["Khác"] and alone[1][1][0][1] == [["Mã", "Tên"], ["1.1", 8.0]]
    assert alone[0][1][0][2] == [(1, 1, 1, 2)]
    for _ in range(2):
        assert [read(first), read(second)] == alone
    assert package._structure.cache_info().hits >= 4  # the same workbook.xml bytes were not parsed again


def test_a_damaged_part_is_refused_after_a_good_copy_was_read(tmp_path):
    good = raw_xlsx(tmp_path / "good.xlsx", sheet_xml(ROWS))
    read(good)

    def garble(data, central, local):  # the same declared size and checksum, other bytes
        name_len, extra_len = struct.unpack("<HH", data[local + 26:local + 30])
        start = local + 30 + name_len + extra_len
        data[start + 5:start + 25] = b"\x00" * 20
    bad = patched(shutil.copy(good, tmp_path / "bad.xlsx"), b"xl/workbook.xml", garble)
    err = refusal(bad)
    assert (err.code, err.params["path"]) == ("READ_005", str(bad))


def test_the_same_bytes_with_another_checksum_are_refused(tmp_path):
    good = raw_xlsx(tmp_path / "good.xlsx", sheet_xml(ROWS))
    read(good)

    def lie(data, central, local):
        data[central + 16:central + 20] = struct.pack("<I", struct.unpack("<I", data[central + 16:central + 20])[0] ^ 1)
    bad = patched(shutil.copy(good, tmp_path / "bad.xlsx"), b"xl/workbook.xml", lie)
    err = refusal(bad)
    assert err.code == "READ_005" and "checksum" in err.params["detail"] and err.params["path"] == str(bad)


def test_a_refusal_names_each_file(tmp_path):
    broken = f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}"><sheets><sheet></workbook>'
    paths = [raw_xlsx(tmp_path / f"{n}.xlsx", sheet_xml(ROWS), workbook=broken) for n in "ab"]
    errors = [refusal(path) for path in paths + paths]
    assert [(e.code, e.params["path"]) for e in errors] == [("READ_005", str(p)) for p in paths + paths]
    assert all(e.params["detail"].startswith("xl/workbook.xml: mismatched tag") for e in errors)


def test_a_bad_reference_outside_the_cells_is_refused_in_every_file(tmp_path):
    part = MERGED.replace('ref="A1:B1"', 'ref="A1:XFE1"') % (MAIN_NS, ROWS)
    paths = [raw_xlsx(tmp_path / f"{n}.xlsx", part) for n in "ab"]
    assert [(refusal(p).code, refusal(p).params["path"]) for p in paths] == [("READ_010", str(p)) for p in paths]


def test_digest_is_of_the_bytes_read(tmp_path):
    path = raw_xlsx(tmp_path / "a.xlsx", sheet_xml(ROWS))
    with read_workbook(path) as book:
        assert book.digest() == hashlib.sha256(path.read_bytes()).hexdigest()


def test_only_small_inputs_are_remembered_and_never_a_refusal():
    calls = []

    @by_bytes
    def parse(data: bytes, other: bytes | None) -> int:
        calls.append(data)
        if data == b"bad":
            raise ValueError(data)
        return len(data)

    large = b"x" * (MEMO_BYTES + 1)
    for data in (b"small", b"small", large, large, b"bad", b"bad"):
        try:
            parse(data, None)
        except ValueError:
            pass
    assert calls == [b"small", large, large, b"bad", b"bad"]


def test_a_malformed_workbook_is_named_before_unreadable_relationships(tmp_path):
    # relationships too large to be kept at open (read again, by zipfile, which finds their local header's name
    # differs): the workbook's own refusal still comes first, as when it was parsed before they were read
    filler = "".join(hashlib.sha256(b"%d" % n).hexdigest() for n in range(5000))  # within the ratio limit
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/worksheet" Target="worksheets/sheet1.xml"/><!--{filler}{" " * zipguard.KEEP_BYTES}-->'
            '</Relationships>')
    broken = f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}"><sheets><sheet></workbook>'
    path = raw_xlsx(tmp_path / "a.xlsx", sheet_xml(ROWS), workbook=broken, rels=rels)

    def rename(data, central, local):
        data[local + 38] ^= 0x20  # xl/_rels/... in the local header only
    err = refusal(patched(path, b"xl/_rels/workbook.xml.rels", rename))
    assert err.code == "READ_005" and err.params["detail"].startswith("xl/workbook.xml: mismatched tag")


def test_a_stored_part_running_past_the_end_of_the_file_is_refused(tmp_path):
    # one more entry, its local header and data placed after the end record, declaring 10 raw bytes more than
    # the file holds: the data read up to the end are the declared size with the right checksum, yet truncated
    data = raw_xlsx(tmp_path / "a.xlsx", sheet_xml(ROWS)).read_bytes()
    end = data.rindex(b"PK\x05\x06")
    _, _, _, here, total, size, offset, _ = struct.unpack("<4s4H2LH", data[end:end + 22])
    part, name = b'<?xml version="1.0"?><a/>', b"docProps/tail.xml"
    crc = zlib.crc32(part)
    entry = struct.pack("<4s6H3L5HLL", b"PK\x01\x02", 20, 20, 0, 0, 0, 0x21, crc, len(part) + 10, len(part),
                        len(name), 0, 0, 0, 0, 0, end + 46 + len(name) + 22) + name
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0x21, crc, len(part), len(part), len(name), 0) + name
    path = tmp_path / "tail.xlsx"
    path.write_bytes(data[:end] + entry + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, here + 1, total + 1,
                                                      size + len(entry), offset, 0) + local + part)
    err = refusal(path)
    assert (err.code, err.params["detail"]) == ("READ_005", "docProps/tail.xml: truncated")
