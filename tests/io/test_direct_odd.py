"""Odd but possible bytes around a sheet: the reader's shortcuts (direct.py, package.standard, the plain markup outside
sheetData) give what python-calamine gives, values or refusal, or leave the file to it.

Each case was found by comparing the reader with the reader of before the shortcuts (a review, issue 13): a workbook
is read as it is and with python-calamine forced to open and to read every sheet; both readings must be equal.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cchc_excel import WorkbookReadError
from cchc_excel.io import direct, reader
from cchc_excel.io.reader import read_workbook
from conftest import MAIN_NS, REL_NS, raw_xlsx

WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN_NS}">{{before}}<cellXfs count="3">'
          f'<xf numFmtId="0"/>{{xfs}}</cellXfs>{{after}}</styleSheet>')


def _reading(path) -> object:
    """Every sheet's name, visibility, rows and merged ranges, or the refusal's code."""
    try:
        with read_workbook(path) as book:
            return repr([(name, book.visibility(name), book.sheet(name).rows, book.sheet(name).merged)
                         for name in book.sheet_names])
    except WorkbookReadError as err:
        return err.code


def _both(path, monkeypatch) -> tuple[object, object]:
    straight = _reading(path)
    with monkeypatch.context() as patched:
        patched.setattr(direct, "sheet_rows", lambda *args: None)
        patched.setattr(reader, "standard", lambda *args: False)  # python-calamine opened and naming the sheets
        by_calamine = _reading(path)
    return straight, by_calamine


def _sheet(cells: str, outside: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">{outside}<sheetData>'
            f'<row r="1">{cells}</row></sheetData></worksheet>')


@pytest.mark.parametrize("value", ["2", "-1", "false", "true", "TRUE", "0", "1"])
def test_a_boolean_cell_holding_another_text(tmp_path, monkeypatch, value):
    path = raw_xlsx(tmp_path / "b.xlsx", _sheet(f'<c r="A1" t="b"><v>{value}</v></c>'))
    straight, by_calamine = _both(path, monkeypatch)
    assert straight == by_calamine


DATE_164 = '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'


@pytest.mark.parametrize("before, xfs, after", [
    (DATE_164, '<xf numFmtId="164"/>', '<dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="0.00"/></dxf></dxfs>'),
    ('<numFmts><numFmt numFmtId="164" formatCode="0.00"/></numFmts>', '<xf numFmtId="164"/>',
     '<dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></dxf></dxfs>'),
    ("", '<xf numFmtId="164"/>', DATE_164),  # number formats after the cell styles
    ('<numFmts><numFmt numFmtId="14" formatCode="0.00"/></numFmts>', '<xf numFmtId="014"/>', ""),
    ("", '<![CDATA[<xf numFmtId="0"/>]]><xf numFmtId="14"/>', ""),
    ("", '<!-- <xf numFmtId="0"/> --><xf numFmtId="14"/>', ""),
    ("", '<xf numFmtId="0" applyAlignment="1>"/><xf numFmtId="14"/>', ""),  # a tag's end inside a value
    ('<fills><fill><patternFill><fgColor rgb=FF2F2F2"/></patternFill></fill></fills>', '<xf numFmtId="14"/>', ""),
    ('<numFmt\tnumFmtId="164" formatCode="dd/mm/yyyy"/>', '<xf numFmtId="164"/>', ""),  # outside numFmts
    ('<numFmts/><x><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></x><numFmts></numFmts>', '<xf numFmtId="164"/>', ""),
    (DATE_164 + '<numFmts><numFmt numFmtId="164" formatCode="0.00"/></numFmts>', '<xf numFmtId="164"/>', ""),
])
def test_number_formats_written_oddly(tmp_path, monkeypatch, before, xfs, after):
    styles = STYLES.format(before=before, xfs=f'<xf numFmtId="0"/>{xfs}', after=after)
    path = raw_xlsx(tmp_path / "f.xlsx", _sheet('<c r="A1" s="2"><v>44562</v></c><c r="B1" s="1"><v>44563</v></c>'),
                    parts={"xl/styles.xml": styles})
    straight, by_calamine = _both(path, monkeypatch)
    assert straight == by_calamine


@pytest.mark.parametrize("sheet", [
    '<sheet name="S" sheetId="1" r:state="hidden" r:id="rId1"/>',  # a prefixed state: python-calamine reads none
    '<sheet r:name="S" sheetId="1" r:id="rId1"/>',
    '<sheet sheetId="1" r:id="rId1"/>',  # no name
    '<sheet name="S\tT" sheetId="1" r:id="rId1"/>',  # XML makes the tab a space, python-calamine does not
    '<sheet name="S" sheetId="1" state="hidden" r:id="rId1"/>',
])
def test_sheets_named_oddly_in_the_workbook(tmp_path, monkeypatch, sheet):
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
                f"{sheet}</sheets></workbook>")
    path = raw_xlsx(tmp_path / "w.xlsx", _sheet('<c r="A1"><v>1</v></c>'), workbook=workbook)
    straight, by_calamine = _both(path, monkeypatch)
    assert straight == by_calamine


@pytest.mark.parametrize("kind, target", [
    (WORKSHEET, "worksheets\\sheet1.xml"),
    (WORKSHEET, "../xl/worksheets/sheet1.xml"),
    (WORKSHEET, "worksheets/./sheet1.xml"),
    (WORKSHEET[:-1], "worksheets/sheet1.xml"),  # not a worksheet's relationship
    (WORKSHEET.replace("/worksheet", "worksheet"), "worksheets/sheet1.xml"),
    (WORKSHEET, "/xl/worksheets/sheet1.xml"),
])
def test_a_sheet_related_oddly(tmp_path, monkeypatch, kind, target):
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{kind}" Target="{target}"/></Relationships>')
    path = raw_xlsx(tmp_path / "r.xlsx", _sheet('<c r="A1"><v>1</v></c>'), rels=rels)
    straight, by_calamine = _both(path, monkeypatch)
    assert straight == by_calamine


@pytest.mark.parametrize("outside", ['<dimension rf="A1"/>', '<dimension/>', '<dimension ref="A1"/>'])
def test_a_dimension_written_oddly(tmp_path, monkeypatch, outside):
    path = raw_xlsx(tmp_path / "d.xlsx", _sheet('<c r="A1"><v>1</v></c>', outside))
    straight, by_calamine = _both(path, monkeypatch)
    assert straight == by_calamine


@pytest.mark.parametrize("before, after", [
    ("", '<mergeCell ref="A1:B1"/>'),  # outside mergeCells: python-calamine does not read it
    ("", '<extLst><ext><mergeCell ref="A1:B1"/></ext></extLst>'),
    ("", '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><mergeCells><mergeCell ref="A2:B2"/></mergeCells>'),
    ('<mergeCells><mergeCell ref="A1:B1"/></mergeCells>', '<mergeCells><mergeCell ref="A2:B2"/></mergeCells>'),
    ("", '<mergeCells/><mergeCells><mergeCell ref="A2:B2"/></mergeCells>'),
    ("", '<mergeCells><mergeCell ref="A2:B2"/></mergeCells><mergeCell ref="A1:B1"/>'),
    ("", '<mergeCell ref="A1:B1"/><mergeCells><mergeCell ref="A2:B2"/></mergeCells>'),
    ('<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>', ""),
])
def test_merged_ranges_written_oddly(tmp_path, monkeypatch, before, after):
    path = raw_xlsx(tmp_path / "m.xlsx", _sheet('<c r="A1"><v>1</v></c>', before).replace("</worksheet>",
                                                                                          f"{after}</worksheet>"))
    straight, by_calamine = _both(path, monkeypatch)
    assert straight == by_calamine


def test_merged_ranges_as_applications_write_them_are_read_without_python_calamine(tmp_path):
    path = raw_xlsx(tmp_path / "m.xlsx", _sheet('<c r="A1"><v>1</v></c>').replace(
        "</worksheet>", '<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="A2:A3"/></mergeCells></worksheet>'))
    with read_workbook(path) as book:
        assert book.sheet("Tiến độ").merged == [(1, 1, 1, 2), (2, 1, 3, 1)]
        assert book._book is None


@pytest.mark.parametrize("entries", [-1, 1, 0])
def test_a_zip_directory_counting_other_entries(tmp_path, monkeypatch, entries):
    """zipfile reads the directory up to its size whatever the end record counts; python-calamine refuses a count
    above the entries found (READ_005 when it opens the file): the reader must not read such a file without it."""
    import struct
    path = raw_xlsx(tmp_path / "z.xlsx", _sheet('<c r="A1"><v>1</v></c>'))
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    count = struct.unpack_from("<H", data, end + 10)[0] + entries
    struct.pack_into("<HH", data, end + 8, count, count)
    path.write_bytes(bytes(data))
    straight, by_calamine = _both(path, monkeypatch)
    assert straight == by_calamine
    if entries == 1:
        assert straight == "READ_005"
    if entries == 0:
        with read_workbook(path) as book:
            book.sheet("Tiến độ")
            assert book._book is None  # a plain zip is read without python-calamine


def test_a_directory_entry_whose_name_runs_past_the_directory(tmp_path, monkeypatch):
    """The last entry's name length counts the end record too: zipfile cuts the name at the directory's end,
    python-calamine refuses the file (READ_005)."""
    import struct
    path = raw_xlsx(tmp_path / "z.xlsx", _sheet('<c r="A1"><v>1</v></c>'))
    data = bytearray(path.read_bytes())
    last = data.rfind(b"PK\x01\x02")
    struct.pack_into("<H", data, last + 28, struct.unpack_from("<H", data, last + 28)[0] + 22)
    path.write_bytes(bytes(data))
    straight, by_calamine = _both(path, monkeypatch)
    assert straight == by_calamine == "READ_005"


@pytest.mark.parametrize("relationship", [
    '<Relation1ship Id="rId1" Type="{office}" Target="xl/workbook.xml"/>',
    '<Relationship Id="rId1" Type="{office}x" Target="xl/workbook.xml"/>',
    '<Relationship Id="rId1" Type="{other}" Target="xl/workbook.xml"/>',
    '<Relationship Id="rId1" Type="{office}" Target="/xl/workbook.xml"/>',
])
def test_package_relationships_written_oddly(tmp_path, monkeypatch, relationship):
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships">' + relationship.format(office=office, other=office.replace("openxml", "oenxml"))
            + "</Relationships>")
    path = raw_xlsx(tmp_path / "p.xlsx", _sheet('<c r="A1"><v>1</v></c>'), parts={"_rels/.rels": rels})
    straight, by_calamine = _both(path, monkeypatch)
    assert straight == by_calamine


TOKENS = ["<", ">", "&", "&amp;", "&#10;", "&#13;", "\r", "\t", " ", '"', "'", "0", "1", "9", "-", "E5", ".", "s", "t",
          "/", "x:", "_x000D_", "]]>", "A", "14", "164", "<!--", "-->", "hidden", "<![CDATA[", "<numFmt ", "<xf ", "r:"]
PLAIN_STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN_NS}"><numFmts count="1"><numFmt '
                'numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId='
                '"164"/><xf numFmtId="14"/></cellXfs><dxfs count="0"/></styleSheet>')
PLAIN_STRINGS = f'<sst xmlns="{MAIN_NS}"><si><t>Tiến độ</t></si><si><t xml:space="preserve"> a </t></si></sst>'
PLAIN_SHEET = _sheet('<c r="A1" s="1"><v>44562</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="b"><v>1</v></c>'
                     '<c r="D1" s="2"><v>44563</v></c><c r="E1" t="inlineStr"><is><t>x</t></is></c>',
                     '<dimension ref="A1:E1"/>').replace(
    "</worksheet>", '<mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells></worksheet>')
PLAIN_WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
                  '<sheet name="Tiến độ" sheetId="1" r:id="rId1"/></sheets></workbook>')


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["sheet", "styles", "strings", "workbook"]),
       st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), st.sampled_from(TOKENS)), min_size=1, max_size=4))
def test_damaged_parts_are_read_as_python_calamine_reads_them(tmp_path, monkeypatch, target, edits):
    """Edits (a deletion and a token) at drawn places of a plain part: read straight or not, the reading is
    python-calamine's."""
    parts = {"sheet": PLAIN_SHEET, "styles": PLAIN_STYLES, "strings": PLAIN_STRINGS, "workbook": PLAIN_WORKBOOK}
    text = parts[target]
    for where, cut, token in edits:
        at = int(where * len(text))
        text = text[:at] + token + text[at + cut:]
    parts[target] = text
    path = raw_xlsx(tmp_path / "h.xlsx", parts["sheet"], workbook=parts["workbook"],
                    parts={"xl/styles.xml": parts["styles"], "xl/sharedStrings.xml": parts["strings"]})
    straight, by_calamine = _both(path, monkeypatch)
    assert straight == by_calamine


@pytest.mark.parametrize("encoding, code", [("utf-16", "0.00 é"), ("latin-1", "0.00 é"), ("cp1252", "dd/mm/yyyy")])
def test_styles_in_another_encoding(tmp_path, monkeypatch, encoding, code):
    # python-calamine reads styles.xml as UTF-8 whatever it declares: a UTF-16 one, or a non-ASCII code in Latin-1,
    # is refused (found reviewing 167edf2, as it was before it)
    styles = STYLES.format(before=f'<numFmts><numFmt numFmtId="164" formatCode="{code}"/></numFmts>',
                           xfs='<xf numFmtId="164"/><xf numFmtId="14"/>', after="")
    path = raw_xlsx(tmp_path / "e.xlsx", _sheet('<c r="A1" s="2"><v>44562</v></c><c r="B1" s="1"><v>2</v></c>'),
                    parts={"xl/styles.xml": styles.replace("UTF-8", encoding).encode(encoding)})
    straight, by_calamine = _both(path, monkeypatch)
    assert straight == by_calamine
