"""A unit file's zip directory read from its bytes in one pass (io/zipdir.py): exactly the entries zipfile reads, and
every directory it does not read as zipfile would is left to zipfile; what a template's files share is remembered
without a damaged file ever taking an intact one's answer."""
from __future__ import annotations

import io
import random
import struct
import sys
import warnings
import zipfile

import pytest

from cchc_excel import WorkbookReadError
from cchc_excel.io import zipdir, zipguard
from cchc_excel.io.ods import ZIP_ERRORS
from cchc_excel.io.reader import read_workbook
from conftest import raw_xlsx, sheet_xml
from test_zipguard import central_records

ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c></row>'
CORE = '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="urn:x"><cp:title>Báo cáo</cp:title>' \
       '</cp:coreProperties>'


@pytest.fixture(autouse=True)
def forget():
    """Each test starts with nothing remembered (as a new worker)."""
    zipguard._inflated.cache_clear()
    zipguard._layout.cache_clear()


def _book(tmp_path, name="b.xlsx", **parts) -> bytes:
    extra = {"docProps/core.xml": CORE} | {key.replace("__", "/").replace("/xml", ".xml"): value
                                           for key, value in parts.items()}
    return raw_xlsx(tmp_path / name, sheet_xml(ROW), parts=extra).read_bytes()


def _written(entries: list[tuple[zipfile.ZipInfo | str, bytes]], comment: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # a duplicate name
        for info, data in entries:
            archive.writestr(info, data)
        archive.comment = comment
    return buffer.getvalue()


def _entry(name: str, *, comment: bytes = b"", extra: bytes = b"") -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, (2024, 5, 17, 13, 45, 58))
    info.compress_type, info.comment, info.extra = zipfile.ZIP_DEFLATED, comment, extra
    return info


def _patched(data: bytes, part: bytes, patch) -> bytes:
    """patch(bytearray, central_offset) applied to one part's directory entry."""
    changed = bytearray(data)
    for at, name in central_records(data):
        if name == part:
            patch(changed, at)
    return bytes(changed)


def _end(data: bytes, **fields: int) -> bytes:
    """The end record with some fields replaced (disk, start_disk, here, entries, size, offset)."""
    names = ("disk", "start_disk", "here", "entries", "size", "offset")
    values = list(struct.unpack_from("<4H2L", data, len(data) - 18))
    for key, value in fields.items():
        values[names.index(key)] = value
    return data[:-18] + struct.pack("<4H2L", *values) + data[-2:]


def _state(opener, data: bytes):
    """Every field of every entry, by order and by name, where the directory starts, whether plain_directory holds;
    or zipfile's error."""
    try:
        archive = opener(data)
    except ZIP_ERRORS as err:
        return type(err).__name__, str(err)
    def fields(info):
        return tuple(getattr(info, slot) for slot in zipfile.ZipInfo.__slots__)
    return ([fields(info) for info in archive.filelist], [(name, fields(info)) for name, info in archive.NameToInfo.items()],
            archive.start_dir, archive._comment, archive.fp.tell(), zipguard.plain_directory(archive))


def _same_as_zipfile(data: bytes) -> bool:
    ours = _state(lambda raw: zipdir.Container(raw, "x.xlsx"), data)
    return ours == _state(lambda raw: zipfile.ZipFile(io.BytesIO(raw)), data)


def _variants(tmp_path) -> dict[str, bytes]:
    book = _book(tmp_path)
    sheet = sheet_xml(ROW).encode()
    unflagged = _written([("xl/m\xe9dia.xml", b"<a/>")])
    def version(data, at):
        data[at + 6:at + 8] = struct.pack("<H", 99)
    def unicode_flag_off(data, at):
        data[at + 8:at + 10] = struct.pack("<H", struct.unpack_from("<H", data, at + 8)[0] & ~0x800)
    def bad_signature(data, at):
        data[at:at + 4] = b"PK\x09\x09"
    def long_name(data, at):
        data[at + 28:at + 30] = struct.pack("<H", 5000)
    return {
        "plain": book,
        "entry comment": _written([(_entry("a.xml", comment=b"ghi chu"), sheet), ("b.xml", b"<b/>")]),
        "extra field": _written([(_entry("a.xml", extra=b"\x55\x54\x05\x00\x01\x00\x00\x00\x00"), sheet)]),
        "damaged extra field": _written([(_entry("a.xml", extra=b"\x55\x54\x40\x00\x01"), sheet)]),
        "utf-8 name": _written([("xl/tiến độ.xml", sheet)]),
        "cp437 name": _patched(unflagged, "xl/m\xe9dia.xml".encode(), unicode_flag_off),
        "bad utf-8 name": _patched(_written([("xl/tiến.xml", sheet)]), "xl/tiến.xml".encode(),
                                   lambda data, at: data.__setitem__(at + 46 + 4, 0xFF)),
        "nul in a name": _patched(_written([("xl/aXb.xml", sheet), ("xl/a", b"<a/>")]), b"xl/aXb.xml",
                                  lambda data, at: data.__setitem__(at + 46 + 4, 0)),
        "duplicate names": _written([("xl/a.xml", sheet), ("xl/b.xml", b"<b/>"), ("xl/a.xml", b"<c/>")]),
        "archive comment": _written([("a.xml", sheet)], comment=b"made by hand"),
        "bytes before the zip": b"MZ" * 100 + book,
        "zip64 locator before the end": _written([(_entry("a.xml", comment=b"PK\x06\x07" + bytes(16)), sheet)]),
        "multi-disk zip64 locator": _written([(_entry("a.xml", comment=b"PK\x06\x07" + bytes(12) + b"\x02\x00\x00\x00"),
                                               sheet)]),
        "unknown version": _patched(book, b"xl/workbook.xml", version),
        "bad entry signature": _patched(book, b"xl/workbook.xml", bad_signature),
        "name past the directory": _patched(book, b"docProps/core.xml", long_name),
        "directory cut short": _end(book, size=struct.unpack_from("<L", book, len(book) - 10)[0] - 10),
        "directory too long": _end(book, size=struct.unpack_from("<L", book, len(book) - 10)[0] + 10),
        "counts that lie": _end(book, here=2, entries=2),
        "count of this disk lies": _end(book, here=1),
        "another disk": _end(book, disk=1, start_disk=1),
        "no entries": _written([]),
        "tiny": book[-30:],
        "not a zip": b"PK\x03\x04" + bytes(100),
    }


def test_every_directory_reads_as_zipfile_reads_it(tmp_path):
    variants = _variants(tmp_path)
    for label, data in variants.items():
        assert _same_as_zipfile(data), label
    if zipdir.ENABLED:  # the shapes read here, in one pass; anything else went to zipfile
        read_here = {label for label, data in variants.items() if zipdir.read_directory(data) is not None}
        assert read_here == {"plain", "entry comment", "utf-8 name", "cp437 name", "duplicate names", "counts that lie",
                             "count of this disk lies", "another disk"}


def test_the_one_pass_is_on_for_the_pythons_it_repeats():
    assert zipdir.ENABLED == (sys.version_info[:2] in ((3, 11), (3, 12), (3, 13)))


def test_damaged_directories_read_as_zipfile_reads_them(tmp_path):
    """Bytes of the directory and its end record changed at random (seeded): the same entries, or the same error."""
    seeds = list(_variants(tmp_path).values())[:5]
    rng = random.Random(13)
    for trial in range(1500):
        data = bytearray(rng.choice(seeds))
        start = struct.unpack_from("<L", data, len(data) - 6)[0] if data[-22:-18] == b"PK\x05\x06" else 0
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(min(start, len(data) - 1), len(data))
            kind = rng.random()
            if kind < 0.7:
                data[at] = rng.choice([0, 1, 8, 0x3F, 0x40, 0x80, 0xFF, rng.randrange(256)])
            elif kind < 0.85:
                del data[at:at + rng.randint(1, 6)]
            else:
                data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 6)))
        assert _same_as_zipfile(bytes(data)), (trial, bytes(data[start:]))


def _refusal(path):
    with pytest.raises(WorkbookReadError) as caught:
        with read_workbook(path) as book:
            book.sheets()
    return caught.value.code, caught.value.params


@pytest.mark.parametrize("damage, code, detail", [
    (lambda data, at, local: data.__setitem__(slice(local, local + 4), b"PK\x09\x09"), "READ_005", "bad local header"),
    (lambda data, at, local: data.__setitem__(slice(at + 8, at + 10), b"\x01\x00"), "READ_005", "encrypted part"),
    (lambda data, at, local: data.__setitem__(slice(at + 10, at + 12), b"\x0c\x00"), "READ_005", "compression method 12"),
    (lambda data, at, local: data.__setitem__(slice(at + 42, at + 46), struct.pack("<L", len(data) - 40)), "READ_005",
     "bad local header"),
    (lambda data, at, local: data.__setitem__(slice(local + 28, local + 30), b"\xff\xff"), "READ_005", "truncated"),
    (lambda data, at, local: data.__setitem__(slice(at + 16, at + 20), b"\x00\x00\x00\x00"), "READ_005",
     "size or checksum does not match"),
], ids=["local header", "encrypted", "method", "offset", "name length", "checksum"])
def test_a_damaged_part_never_takes_what_an_intact_file_of_its_template_gave(tmp_path, damage, code, detail):
    """A part whose raw bytes an earlier file had, but whose entry or local header is damaged: refused as when the
    file is read first (its raw bytes are inflated and checked in a stream), never given the remembered bytes."""
    intact = tmp_path / "a.xlsx"
    intact.write_bytes(_book(tmp_path))
    def patch(data, at):
        damage(data, at, struct.unpack_from("<L", data, at + 42)[0])
    damaged = tmp_path / "b.xlsx"
    damaged.write_bytes(_patched(intact.read_bytes(), b"docProps/core.xml", patch))
    alone = _refusal(damaged)
    assert alone == (code, {"path": str(damaged), "detail": f"docProps/core.xml: {detail}"})
    with read_workbook(intact) as book:  # the template's parts are now remembered
        book.sheets()
    assert zipguard._inflated.cache_info().currsize
    assert _refusal(damaged) == alone


def test_names_one_part_apart_by_case_after_a_file_of_the_same_names(tmp_path):
    intact = tmp_path / "a.xlsx"
    intact.write_bytes(_book(tmp_path))
    with read_workbook(intact) as book:
        book.sheets()
    twice = tmp_path / "b.xlsx"
    twice.write_bytes(_book(tmp_path, "c.xlsx", docProps__CORE__xml=CORE))
    assert _refusal(twice) == ("READ_016", {"path": str(twice), "detail": "docProps/CORE.xml: duplicate part"})


def test_a_closed_workbook_reads_nothing_remembered(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(_book(tmp_path))
    with read_workbook(path) as book:
        book.sheets()
    book = read_workbook(path)
    book.close()
    with pytest.raises(WorkbookReadError) as caught:
        book.sheet(book.sheet_names[0])
    assert caught.value.code == "READ_005"


def test_only_a_directory_of_short_names_is_remembered(tmp_path):
    """What a directory's names give (a duplicate, the parts checked at open) is remembered only for names of at
    most MEMO_BYTES in all: long names cannot make a worker hold memory."""
    short = [zipfile.ZipInfo(name) for name in ("xl/workbook.xml", "xl/worksheets/sheet1.xml", "XL/Workbook.xml")]
    long = [zipfile.ZipInfo(f"xl/{index}{'x' * 60_000}.xml") for index in range(5)]
    assert zipguard._layout_of(short) == (True, (0, 2)) == zipguard._layout_of(short)
    assert zipguard._layout_of(long) == (False, (0, 1, 2, 3, 4))
    assert zipguard._layout.cache_info().currsize == 1
