"""A review of the identity read from document properties (read_identity) against hostile and unlucky files: custom
properties damaged, duplicated, cut, reordered or out of XML's rules read the metadata sheet, never crash and never
give another value than the sheet; what the tool writes (any plan number, a deadline, long carried lists) reads back
from its properties as from its sheet."""
from __future__ import annotations

import dataclasses
import json
import re
import warnings
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cchc_excel import WorkbookReadError, parse_period, write_shared_workbook
from cchc_excel.io.entry import read_identity, read_meta
from cchc_excel.io.reader import CUSTOM, read_workbook
from cchc_excel.model import layout
from cchc_excel.model.identity import KEYS, identity
from cchc_excel.model.text import CELL_LIMIT
from cchc_excel.sheets.shared import write_workbook

FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_PROPERTY = re.compile(rb'<property fmtid="[^"]*" pid="[0-9]+" name="([^"]*)">.*?</property>', re.S)


def _with_custom(source, target, data: bytes | None):
    """A copy of source whose docProps/custom.xml holds data (None: left out)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != CUSTOM:
                new.writestr(info, old.read(info))
            elif data is not None:
                new.writestr(info, data)
    return target


def _custom(path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(CUSTOM)


def _read(path) -> tuple[dict[str, str], dict[str, str], bool]:
    """(read_identity's identity texts, the metadata sheet's, whether the properties gave them without the sheet
    being parsed), each on a book of its own."""
    with read_workbook(path) as book:
        found = read_identity(book)
        by_properties = book.xml_paths()[layout.SHEET_META] not in book.fast_parts and not book._scans \
            and layout.SHEET_META not in book._sheets
        assert by_properties == (identity(book.custom_properties()) is not None)
    with read_workbook(path) as book:
        meta = read_meta(book)
    return {key: found.get(key) for key in KEYS}, {key: meta.get(key) for key in KEYS}, by_properties


def _property(name: str, text: str, pid: int = 90) -> bytes:
    return f'<property fmtid="{FMTID}" pid="{pid}" name="{name}"><vt:lpwstr>{text}</vt:lpwstr></property>'.encode()


def _first_property_at(xml: bytes) -> int:
    return xml.index(b"<property ")


EDITS = {  # (the edit of the unit copy's custom.xml, whether its properties still hold)
    "a forged unit before the genuine one": (
        lambda xml: xml[:_first_property_at(xml)] + _property("cchc_unit", "VP") + xml[_first_property_at(xml):], True),
    "a forged unit after the genuine one": (lambda xml: xml.replace(b"</Properties>", _property("cchc_unit", "VP")
                                                                    + b"</Properties>"), False),
    "a forged period twice": (lambda xml: xml.replace(b"</Properties>", _property("cchc_period", "2021-Q3")
                                                      + _property("cchc_period", "2021-Q3", 91) + b"</Properties>"),
                              False),
    "a character reference to NUL": (lambda xml: xml.replace(b">DKKD<", b">DKKD&#0;<"), False),
    "a reference to U+FFFE": (lambda xml: xml.replace(b">DKKD<", b">DKKD&#xFFFE;<"), False),
    "a reference to a surrogate": (lambda xml: xml.replace(b">DKKD<", b">DKKD&#xD800;<"), False),
    "a reference past Unicode": (lambda xml: xml.replace(b">DKKD<", b">DKKD&#x110000;<"), False),
    "a reference of 8 digits": (lambda xml: xml.replace(b">DKKD<", b">DKKD&#00000068;<"), False),
    "U+FFFE raw": (lambda xml: xml.replace(b">DKKD<", b">DKKD\xef\xbf\xbe<"), False),
    "a raw NUL in a value": (lambda xml: xml.replace(b">DKKD<", b">DK\x00KD<"), False),
    "a control character in a name": (lambda xml: xml.replace(b'name="cchc_kind"', b'name="cchc_kind\x01"'), False),
    "a name not UTF-8": (lambda xml: xml.replace(b'name="cchc_kind"', b'name="cchc_kind\xff"'), False),
    "a value not UTF-8": (lambda xml: xml.replace(b">DKKD<", b">DKKD\xc3<"), False),
    "a value with a character reference": (lambda xml: xml.replace(b">DKKD<", b">&#68;KKD<"), True),  # the same text
    "an empty value": (lambda xml: xml.replace(b"<vt:lpwstr>DKKD</vt:lpwstr>", b"<vt:lpwstr/>"), False),
    "white space around a value": (lambda xml: xml.replace(b">DKKD<", b"> DKKD <"), False),
    "white space in a name": (lambda xml: xml.replace(b'name="cchc_unit"', b'name="cchc_unit "'), False),
    "a comment": (lambda xml: xml.replace(b"</Properties>", b"<!-- x --></Properties>"), False),
    "a processing instruction": (lambda xml: xml.replace(b"</Properties>", b"<?x y?></Properties>"), False),
    "CDATA": (lambda xml: xml.replace(b">DKKD<", b"><![CDATA[DKKD]]><"), False),
    "UTF-16 declared": (lambda xml: xml.replace(b'encoding="UTF-8"', b'encoding="UTF-16"'), False),
    "a byte order mark": (lambda xml: b"\xef\xbb\xbf" + xml, True),
    "text after the root": (lambda xml: xml + b"x", False),
    "a second root": (lambda xml: xml + b"<Properties/>", False),
    "no properties": (lambda xml: xml[:_first_property_at(xml)] + b"</Properties>", False),
    "an empty part": (lambda xml: b"", False),
    "a user's property over a cell's limit": (lambda xml: xml.replace(b"</Properties>", _property(
        "Ghi chú", "ư" * 100_001) + b"</Properties>"), False),
    "a long user property": (lambda xml: xml.replace(b"</Properties>", _property("Ghi chú", "ư" * 30_000)
                                                     + b"</Properties>"), True),
    "a part of over 256 KiB": (lambda xml: xml.replace(b"</Properties>", b"".join(_property(
        f"Ghi chú {n}", "ư" * 30_000, 91 + n) for n in range(5)) + b"</Properties>"), False),  # not parsed at all
    "the digest retyped": (lambda xml: re.sub(rb'(name="cchc_digest"><vt:)lpwstr>([^<]*)</vt:lpwstr>',
                                              rb"\1bstr>\2</vt:bstr>", xml), False),
    "a chunk renamed": (lambda xml: xml.replace(b'name="cchc_plan_fingerprint"', b'name="cchc_plan_fingerprint_0"'),
                        False),
}


@pytest.mark.parametrize("edit, holds", EDITS.values(), ids=list(EDITS))
def test_properties_odd_or_hostile_give_the_metadata_sheets_values(templates, tmp_path, edit, holds):
    path = _with_custom(templates["DKKD"], tmp_path / "DKKD.xlsx", edit(_custom(templates["DKKD"])))
    found, sheet, by_properties = _read(path)
    assert found == sheet and found["unit"] == "DKKD" and found["period"] == "2021-H1"
    assert by_properties == holds


def test_a_dtd_in_the_properties_is_refused_at_open_as_before(templates, tmp_path):
    xml = _custom(templates["DKKD"]).replace(b"?>", b'?><!DOCTYPE Properties [<!ENTITY u "VP">]>', 1)
    path = _with_custom(templates["DKKD"], tmp_path / "DKKD.xlsx", xml.replace(b">DKKD<", b">&u;<"))
    with pytest.raises(WorkbookReadError) as raised:
        read_workbook(path).close()
    assert raised.value.code == "READ_008"


def test_without_a_properties_part_the_sheet_tells(templates, tmp_path):
    found, sheet, by_properties = _read(_with_custom(templates["DKKD"], tmp_path / "DKKD.xlsx", None))
    assert found == sheet and not by_properties and found["unit"] == "DKKD"


_BYTES = st.sampled_from([b"<", b">", b"&", b";", b'"', b"/", b"\x00", b"\xff", b"\xef", b" ", b"_", b"1", b"V", b"#"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(at=st.floats(0, 1), cut=st.integers(0, 3), added=st.lists(_BYTES, max_size=3))
def test_any_damage_to_the_properties_reads_the_sheets_values_or_is_refused(templates, tmp_path, at, cut, added):
    xml = _custom(templates["DKKD"])
    where = int(at * len(xml))
    path = _with_custom(templates["DKKD"], tmp_path / "DKKD.xlsx", xml[:where] + b"".join(added) + xml[where + cut:])
    try:
        found, sheet, _ = _read(path)
    except WorkbookReadError:  # a part the container guard refuses at open (a prolog no longer XML's)
        return
    assert found == sheet


def _sorted_by_name(xml: bytes) -> bytes:
    """The properties in the order LibreOffice writes them (by name: cchc_carried_10 before cchc_carried_2), their
    ids numbered again."""
    found = sorted(_PROPERTY.finditer(xml), key=lambda match: match[1])
    start, end = _first_property_at(xml), xml.rindex(b"</Properties>")
    body = b"".join(re.sub(rb'pid="[0-9]+"', b'pid="%d"' % pid, match[0]) for pid, match in enumerate(found, start=2))
    return xml[:start] + body + xml[end:]


def _unit_copy(builtin, path, carried: str):
    """A unit copy as split writes it, its metadata carrying the text given as the carried rows' dates."""
    rows = tuple(row for row in builtin.entry_rows() if row.unit.code == "DKKD")
    write_workbook(path, builtin, parse_period("2021-H1"), date(2021, 6, 15), rows, "DKKD", {},
                   meta_extra=((layout.META_CARRIED, carried),))
    return path


def test_more_than_ten_chunks_read_back_in_the_order_libreoffice_writes_them(builtin, tmp_path):
    carried = json.dumps([[f"I.{n}", "DKKD", "2021-03-10", "2021-03-12"] for n in range(60)], ensure_ascii=False)
    written = _unit_copy(builtin, tmp_path / "written.xlsx", carried)
    assert _custom(written).count(b'name="cchc_carried_') > 10
    for path in (written, _with_custom(written, tmp_path / "sorted.xlsx", _sorted_by_name(_custom(written)))):
        found, sheet, by_properties = _read(path)
        assert by_properties and found == sheet and found[layout.META_CARRIED] == carried


def test_a_chunk_missing_between_two_reads_the_sheet(builtin, tmp_path):
    carried = json.dumps([[f"I.{n}", "DKKD", "2021-03-10", None] for n in range(60)], ensure_ascii=False)
    written = _unit_copy(builtin, tmp_path / "written.xlsx", carried)
    xml = re.sub(rb'<property [^>]*name="cchc_carried_2">.*?</property>', b"", _custom(written))
    found, sheet, by_properties = _read(_with_custom(written, tmp_path / "cut.xlsx", xml))
    assert not by_properties and found == sheet and found[layout.META_CARRIED] == carried


def test_a_carried_text_longer_than_a_cell_holds_is_read_as_the_sheet_reads_it(builtin, tmp_path):
    """The metadata sheet holds a cut text (Excel's cell limit: xlsxwriter cuts it), which names no carried row; the
    properties, holding it whole, named them all: the same file known by them was checked otherwise."""
    carried = json.dumps([[f"I.{n}", "DKKD", "2021-03-10", "2021-03-12"] for n in range(800)], ensure_ascii=False)
    assert len(carried) > CELL_LIMIT
    path = _unit_copy(builtin, tmp_path / "long.xlsx", carried)
    found, sheet, by_properties = _read(path)
    assert found == sheet and not by_properties
    with read_workbook(path) as book:
        assert read_identity(book).carried() == read_meta(book).carried() == {}


@pytest.mark.parametrize("count", [800, 3000])
def test_a_carried_list_longer_than_a_cell_holds_goes_over_several_keys_and_reads_back_whole(builtin, tmp_path, count):
    """split carrying some 650 rows or more into one copy: the list is longer than a cell holds. It goes on over
    several metadata keys (each whole JSON, under a cell's limit), and reads back whole from the sheet as from the
    properties, every row known as carried."""
    from types import SimpleNamespace

    from cchc_excel.sheets.shared import carried_meta

    rows = tuple(SimpleNamespace(key=(f"I.{n}", "Phòng Đăng ký kinh doanh")) for n in range(count))
    values = {row.key: ("Hoàn thành", "", "", date(2021, 3, 10), "", "", "", date(2021, 3, 1 + n % 28))
              for n, row in enumerate(rows)}
    meta = carried_meta(rows, values, frozenset(values))  # type: ignore[arg-type]
    assert len(meta) > 1 and [key for key, _ in meta] == [layout.carried_key(n) for n in range(1, len(meta) + 1)]
    assert all(len(text) <= 30_000 for _, text in meta)
    path = tmp_path / "long.xlsx"
    write_workbook(path, builtin, parse_period("2021-H1"), date(2021, 6, 15),
                   tuple(row for row in builtin.entry_rows() if row.unit.code == "DKKD"), "DKKD", {}, meta_extra=meta)
    expected = {row.key: (date(2021, 3, 10), date(2021, 3, 1 + n % 28)) for n, row in enumerate(rows)}
    with read_workbook(path) as book:
        # the properties hold it whole, unless their part passes the 256 KiB read (some 2,000 rows): the sheet then
        assert (identity(book.custom_properties()) is not None) == (count < 2000)
        assert read_identity(book).carried() == expected
    with read_workbook(path) as book:
        assert read_meta(book).carried() == expected


NUMBERS = ["12/KH-UBND & <số> \"q\" 'a'", "  Số 12/KH-SKHĐT  ", "Ke\u0301 hoạch", "a\tb", "dòng 1\ndòng 2",
           "\U0001F600" * 130, "x" * 119 + " y", "a\x0bb", "_x0041_", "a\r\nb"]


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize("unit", ["", "DKKD"])
def test_any_plan_number_reads_back_from_the_properties_as_from_the_sheet(builtin, tmp_path, number, unit):
    plan = dataclasses.replace(builtin, facts=dataclasses.replace(builtin.facts, number=number))
    with warnings.catch_warnings():  # a long number is over the limit of a validation's message: xlsxwriter says so
        warnings.simplefilter("ignore")
        path = write_shared_workbook(plan, parse_period("2021-H1"), tmp_path / "book.xlsx", unit_code=unit,
                                     deadline=date(2021, 6, 20))
    found, sheet, by_properties = _read(path)
    assert found == sheet and found["deadline"] == "2021-06-20" and found["unit"] == unit
    # xlsxwriter escapes control characters and `_xHHHH_` in a property (_x000B_): those read the sheet
    assert by_properties == ("\x0b" not in number and "_x" not in number)



def _cli(runner, *args: str, folders=()) -> object:
    """A command's --json output, the folders given named alike, what differs by run (time, file digests) left out."""
    from cchc_excel.cli import main
    output = runner.invoke(main, [*args, "--json"]).output
    for at, folder in enumerate(folders):
        output = output.replace(str(folder), f"FOLDER{at}")
    return _without(json.loads(output), {"sha256", "merged_at"})


def _without(found: object, keys: set[str]) -> object:
    if isinstance(found, dict):
        return {key: _without(value, keys) for key, value in found.items() if key not in keys}
    return [_without(value, keys) for value in found] if isinstance(found, list) else found


def test_a_file_known_by_its_properties_is_checked_and_merged_as_one_known_by_its_sheet(loop, builtin, tmp_path):
    """validate and merge-submissions --json say the same of each file and of its twin without properties: a filled
    copy, one with an error, another period's, another plan's, and a master given as a unit's file (STRUCT_018)."""
    from click.testing import CliRunner
    from cchc_excel.cli import main
    from test_merge import fill_copy
    runner = CliRunner()
    shared, inbox, copies = loop
    master = tmp_path / "tong-hop.xlsx"
    runner.invoke(main, ["merge-submissions", str(inbox), "--master", str(master), "--period", "2021-H1"])
    assert master.exists()
    known, twins = tmp_path / "known", tmp_path / "twins"
    known.mkdir()
    twins.mkdir()
    done = ("Hoàn thành", "Đã xong", "Kế hoạch số 12/KH-SKHĐT", date(2021, 3, 10), "", "",
            "Nguyễn Văn An", date(2021, 3, 12))
    values = {row.key: done for row in builtin.entry_rows() if row.unit.code == "DKKD"}
    other = dataclasses.replace(builtin, facts=dataclasses.replace(builtin.facts, number="99/KH-SKHĐT"))
    files = [fill_copy(copies["Phong-DKKD"], lambda row: {}, target=known / "filled.xlsx"),
             fill_copy(copies["Phong-DKKD"], lambda row: {"G": "Hoàn thành"} if row == 5 else {},
                       target=known / "error.xlsx"),
             write_shared_workbook(builtin, parse_period("2021-H1"), known / "carried.xlsx", unit_code="DKKD",
                                   values=values, carried=frozenset(values)),
             write_shared_workbook(builtin, parse_period("2021-H1"), known / "done-undated.xlsx", unit_code="DKKD",
                                   values={key: ("Hoàn thành", "Đã xong") for key in values}),
             write_shared_workbook(builtin, parse_period("2021-Q3"), known / "Q3.xlsx", unit_code="DKKD"),
             write_shared_workbook(other, parse_period("2021-H1"), known / "other-plan.xlsx", unit_code="DKKD"),
             _with_custom(master, known / "master.xlsx", _custom(master))]
    for path in files:
        twin = _with_custom(path, twins / path.name, None)
        with read_workbook(path) as book:
            by_properties = identity(book.custom_properties()) is not None
        assert by_properties != path.name.endswith(("filled.xlsx", "error.xlsx"))  # openpyxl writes them its own way
        for args in (["validate"], ["merge-submissions", "--master", str(tmp_path / "new.xlsx"), "--period",
                                    "2021-H1", "--dry-run"]):
            said = _cli(runner, *args, str(path), folders=(known,))
            assert said == _cli(runner, *args, str(twin), folders=(twins,))
    merged = _cli(runner, "merge-submissions", "--master", str(tmp_path / "new.xlsx"), "--period", "2021-H1",
                  "--dry-run", *map(str, files))
    codes = {Path(found["file"]).name: sorted({issue["code"] for issue in found["issues"]})
             for found in merged["files"]}
    assert "STRUCT_018" in codes["master.xlsx"] and "PLAN_014" in codes["other-plan.xlsx"]
    assert "MERGE_006" in codes["Q3.xlsx"] and codes["error.xlsx"] and codes["done-undated.xlsx"]
    assert not codes["filled.xlsx"] and codes["carried.xlsx"] == ["VAL_022"]  # carried forward untouched
