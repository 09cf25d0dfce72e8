"""A file made to look like the tool's master (its metadata and plan fingerprint copied) is bounded before
python-calamine reads its period sheets: a coded refusal, never an allocation of billions of cells."""
from __future__ import annotations

import struct
import zipfile
from datetime import date, datetime

import pytest
from click.testing import CliRunner

from cchc_excel import merge_submissions, parse_period, read_master
from cchc_excel.cli import main
from cchc_excel.io import reader, tablescan, zipguard
from cchc_excel.io.limits import MASTER_TABLE_LIMITS
from cchc_excel.model.errors import WorkbookReadError

PERIOD = parse_period("2021-H1")
DATA = "Dữ liệu 2021-H1"
FAR = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>'


@pytest.fixture
def master(tmp_path, templates):
    """A master the tool wrote: one unit's 15 rows merged into 2021-H1."""
    from conftest import fill
    copy = fill(templates["DKKD"], tmp_path / "DKKD.xlsx", rows=range(5, 20))
    path = tmp_path / "tong-hop.xlsx"
    merge_submissions([copy], path, period=PERIOD, today=date(2021, 6, 20), now=datetime(2021, 6, 18, 9))
    return path


def data_part(path) -> str:
    with reader.read_workbook(path) as book:
        return book.xml_paths()[DATA]


def rewrite(path, change) -> str:
    """Rewrite the period sheet's part through change(xml) -> xml; every other part (the metadata, the plan
    sheets that give the fingerprint) stays as the tool wrote it. Returns the part's name."""
    part = data_part(path)
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in items:
            target.writestr(info, change(content) if info.filename == part else content, zipfile.ZIP_DEFLATED)
    return part


def before_end(extra: bytes):
    return lambda xml: xml.replace(b"</sheetData>", extra + b"</sheetData>")


def refused(path, code: str) -> None:
    """The library refuses with the code; status and report exit 2 with its message, without a traceback."""
    with pytest.raises(WorkbookReadError) as caught:
        read_master(path, periods=[PERIOD])
    assert caught.value.code == code
    for command in (["status", str(path), "--period", "2021-H1"],
                    ["report", str(path), "--period", "2021-H1", "-o", str(path.with_name("bc.xlsx"))]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, result.output
        assert caught.value.message("vi") in result.output and "Traceback" not in result.output
        assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("change, code", [
    (before_end(FAR), "READ_010"),  # one cell at XFD1048576: 17 billion cells for python-calamine
    (before_end(b'<row r="99999999"/>'), "READ_010"),  # a row past Excel's last
    (before_end(b'<row r="50"><c r="A99999999"><v>1</v></c></row>'), "READ_010"),
    (before_end(b'<row r="200000"><c r="BM200000"><v>1</v></c></row>'), "READ_010"),  # column 65
    (before_end(b'<row r="2000000"><c r="A2000000"><v>1</v></c></row>'), "READ_010"),  # 2 million rows
    (before_end(b'<row r="30"><c r="a1048577"><v>1</v></c></row>'), "READ_010"),  # lower case
    (before_end(b'<row r="30"><c r="A30" r="XFD30"><v>1</v></c></row>'), "READ_005"),  # calamine: the last r
    (before_end(b'<row r="30"><c r="A30"r="XFD30"><v>1</v></c></row>'), "READ_005"),  # not XML (expat)
    (before_end(b'<row r="30"><c s="0" r="XFD30"><v>1</v></c></row>'), "READ_010"),  # r not first
    (before_end(b'<row r="30"><c\tr = "XFD30"><v>1</v></c></row>'), "READ_010"),
    (before_end(b'<row r="30">' + b"<c><v>1</v></c>" * 2000 + b"</row>"), "READ_010"),  # no r: counted to the right
    (before_end(b'<row r="30"><x:c xmlns:x="urn:x" r="XFD30"><x:v>1</x:v></x:c></row>'), "READ_010"),
    (before_end(b'<row r="30"><!-- a comment --><c r="XFD30"><v>1</v></c></row>'), "READ_010"),
    (before_end(b'<row r="30"><c r="A30" t="inlineStr"><is><t>' + b"x" * 150_000 + b"</t></is></c></row>"),
     "READ_010"),  # a text past the cell limit: counted by the full scan
    (lambda xml: xml.replace(b"<worksheet", b'<!DOCTYPE w [<!ENTITY a "aaaa">]><worksheet', 1), "READ_008"),
    (before_end(b'<!DOCTYPE w [<!ENTITY a "aaaa">]>'), "READ_005"),  # not XML past the prolog (expat)
    (lambda xml: xml.replace(b'<dimension ref="', b'<dimension ref="A1:XFD1048576" x="', 1), "READ_010"),
])
def test_a_forged_period_sheet_is_refused_with_a_code(master, change, code):
    rewrite(master, change)
    refused(master, code)


def test_a_cell_without_a_reference_far_right_is_bounded_by_the_full_scan(master, monkeypatch):
    scans = []
    real = tablescan.scan_sheet
    monkeypatch.setattr(tablescan, "scan_sheet", lambda *a: scans.append(a[2]) or real(*a))
    rewrite(master, before_end(b'<row r="30">' + b'<c t="n"><v>1</v></c>' * 70 + b"</row>"))
    with pytest.raises(WorkbookReadError) as caught:
        read_master(master, periods=[PERIOD])
    assert caught.value.code == "READ_010" and "R30C65" in caught.value.params["detail"] and DATA in scans


def patch_entry(path, part: str, central_at: int, local_at: int, value: int) -> None:
    """Set a 4-byte field of the part's entry in the zip's directory and in its local header."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        offset = archive.getinfo(part).header_offset
    central = data.index(b"PK\x01\x02")
    while bytes(data[central + 46:central + 46 + len(part.encode())]) != part.encode():
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<L", data, central + central_at, value)
    struct.pack_into("<L", data, offset + local_at, value)
    path.write_bytes(bytes(data))


def test_a_part_that_inflates_past_its_declared_size_is_refused(master):
    part = rewrite(master, before_end(b'<row r="40"><c r="A40" t="inlineStr"><is><t>' + b"x" * 20_000
                                      + b"</t></is></c></row>"))
    with zipfile.ZipFile(master) as archive:
        size = archive.getinfo(part).file_size
    patch_entry(master, part, 24, 22, size - 15_000)  # the uncompressed size
    refused(master, "READ_009")


def test_a_wrong_checksum_is_refused(master):
    part = data_part(master)
    with zipfile.ZipFile(master) as archive:
        crc = archive.getinfo(part).CRC
    patch_entry(master, part, 16, 14, crc ^ 1)
    refused(master, "READ_005")


@pytest.mark.parametrize("chunk", [1, 7, 64, 1000])
def test_a_reference_split_between_chunks_is_seen_whole(master, monkeypatch, chunk):
    rewrite(master, before_end(FAR))
    monkeypatch.setattr(zipguard, "CHUNK", chunk)
    monkeypatch.setattr(tablescan, "MIN_SEGMENT", 1)
    scans = []
    real = tablescan.scan_sheet
    monkeypatch.setattr(tablescan, "scan_sheet", lambda *a: scans.append(a[2]) or real(*a))
    with pytest.raises(WorkbookReadError) as caught:
        read_master(master, periods=[PERIOD])
    assert caught.value.code == "READ_010" and "XFD1048576" in caught.value.params["detail"]
    assert DATA not in scans  # judged in the one pass, not by the full scan


def test_every_cut_through_a_far_reference_is_refused(master, monkeypatch):
    monkeypatch.setattr(tablescan, "MIN_SEGMENT", 1)
    with zipfile.ZipFile(master) as archive:
        xml = before_end(FAR)(archive.read(data_part(master)))
    at = xml.index(FAR)
    for cut in range(at, at + len(FAR) + 1):
        with pytest.raises(WorkbookReadError) as caught:
            tablescan.bound_table([xml[:cut], xml[cut:]], "x.xlsx", DATA, MASTER_TABLE_LIMITS)
        assert caught.value.code == "READ_010" and "XFD1048576" in caught.value.params["detail"]


def test_the_tools_own_period_sheets_are_judged_by_counts_alone_and_read_as_before(master, monkeypatch):
    undecided = []
    real = tablescan.bound_table

    def bound(chunks, shown, sheet, limits):
        try:
            real(chunks, shown, sheet, limits)
        except tablescan.Undecided:
            undecided.append(sheet)
            raise

    monkeypatch.setattr(tablescan, "bound_table", bound)
    bounded = read_master(master)
    assert not undecided  # no expat scan of the tool's own sheets
    monkeypatch.setattr(reader.WorkbookData, "_bound", lambda *_: None)
    unbounded = read_master(master)
    assert len(bounded.records) == 15 and bounded.records == unbounded.records
    assert bounded.history == unbounded.history and bounded.log == unbounded.log


def test_a_large_master_of_the_tool_is_not_refused(builtin, tmp_path):
    """Rows past 99,999 (six digits) are judged exactly: a sheet of 19 columns holds them."""
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="urn:x"><sheetData>'
           + b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c><c r="S%d"><v>2</v></c></row>' % (n, n, n)
                      for n in range(99_990, 100_020))
           + b"</sheetData></worksheet>")
    tablescan.bound_table([xml[i:i + 100] for i in range(0, len(xml), 100)], "x", "s", MASTER_TABLE_LIMITS)
    far = xml.replace(b'<c r="S100019">', b'<c r="S1048577">')
    with pytest.raises(WorkbookReadError):
        tablescan.bound_table([far], "x", "s", MASTER_TABLE_LIMITS)


PIECES = [b'<c r="B2"><v>1</v></c>', b'<c r="XFD30"><v>1</v></c>', b" ", b"\t", b"\n", b'r="', b"'", b'"', b"r", b"=",
          b"<", b">", b"/", b"x:", b"<x:c ", b"<c ", b"<c", b"c", b"XFD", b"BM", b"Z", b"a", b"30", b"1048577", b"<!--",
          b"-->", b"</c>", b'<row r="3">', b"</row>", b"<c/>", b's="1"', b'r="XFD30"', b"<![CDATA[", b"]]>", b"&#65;"]


def test_whatever_the_pass_accepts_python_calamine_reads_within_the_bounds(tmp_path):
    """Cell tags cut and spliced at random: when the one pass accepts a sheet, python-calamine's own reading of
    it stays within 64 columns and 99,999 rows (the forged references are small enough to read safely)."""
    import random

    import python_calamine

    from conftest import raw_xlsx

    rng = random.Random(13)
    read = 0
    for case in range(2000):
        cells = bytearray(b'<row r="2"><c r="A2"><v>1</v></c><c r="C2" t="n"><v>2</v></c></row>')
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(0, len(cells))
            if rng.random() < 0.3:
                del cells[at:at + rng.randint(1, 5)]
            else:
                cells[at:at] = rng.choice(PIECES)
        xml = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main"><sheetData>' + bytes(cells) + b"</sheetData></worksheet>")
        try:
            tablescan.bound_table([xml[i:i + 37] for i in range(0, len(xml), 37)], "f", "S", MASTER_TABLE_LIMITS)
        except (WorkbookReadError, tablescan.Undecided):
            continue
        path = raw_xlsx(tmp_path / f"{case}.xlsx", xml.decode("utf-8", "replace"), name="S")
        try:
            sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("S")
        except python_calamine.CalamineError:
            continue
        read += 1
        assert sheet.end is None or (sheet.end[0] < 99_999 and sheet.end[1] < 64), bytes(cells)
    assert read > 100, read
