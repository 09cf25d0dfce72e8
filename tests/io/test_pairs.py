"""The metadata sheet read by its own grammar (fastxml.pairs, direct.pair_rows): the same pairs as its general
reading (the sheet scan, direct.sheet_rows or python-calamine) on generated sheets, the same refusals, and the
tool's own files read that way."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cchc_excel import WorkbookReadError
from cchc_excel.io.entry import read_meta
from cchc_excel.io.reader import read_workbook
from cchc_excel.model import layout
from conftest import MAIN_NS, REL_NS, raw_xlsx

META = layout.SHEET_META
PART = "xl/worksheets/sheet1.xml"
TEXTS = ["format", "cchc_excel/shared", "unit", "U0001", "", "e\u0301", "x\ny", "Tiến độ", "a &amp; b",
         "&#7871;", "2021-06-15", "Nơi nhận", " lead", "trail ", "a_x000D_b"]  # the last three: python-calamine's to read
ROW_ATTRIBUTES = ["", ' spans="1:2"', ' spans="1:2" ht="15" customHeight="1"', ' ht="15"',
                  ' spans="1:2" x14ac:dyDescent="0.25"', ' s="3" customFormat="1"']
ODD = [' customHeight="1" ht="15"', ' r="2"', ' spans="1:2"/', " spans='1:2'"]  # out of the schema's order...
NUMBERS = ["1", "2020", "83.804", "44301", "44301.5", "-3", "1e3", "007", "59"]


def _key(draw, row: int, strings: int, plain: bool) -> str:
    style = draw(st.sampled_from(["", ' s="0"', ' s="8"']))
    if plain or draw(st.integers(0, 9)):  # as the tool writes it
        return f'<c r="A{row}"{style} t="s"><v>{draw(st.integers(0, strings - 1))}</v></c>'
    return draw(st.sampled_from([f'<c r="A{row}"{style} t="s"><v>{strings}</v></c>',
                                 f'<c r="A{row}" t="inlineStr"><is><t>khoá</t></is></c>', f'<c r="A{row}"><v>5</v></c>',
                                 ""]))


def _value(draw, row: int, strings: int, plain: bool) -> str:
    style = draw(st.sampled_from(["", ' s="0"', ' s="1"', ' s="2"', ' s="7"']))
    number = draw(st.sampled_from(NUMBERS))
    if plain or draw(st.integers(0, 9)):  # as the tool writes it
        if plain and style in (' s="1"', ' s="2"'):  # a date as the tool writes one (else python-calamine decides)
            style, number = ' s="1"', draw(st.sampled_from(["44301", "2958465", "61"]))
        return draw(st.sampled_from([f'<c r="B{row}"{style} t="s"><v>{draw(st.integers(0, strings - 1))}</v></c>',
                                     f'<c r="B{row}"{style}><v>{number}</v></c>',
                                     f'<c r="B{row}"{style} t="n"><v>{number}</v></c>']))
    return draw(st.sampled_from([
        f'<c r="B{row}"{style} t="s"><v>{strings}</v></c>', f'<c r="B{row}" t="b"><v>1</v></c>', f'<c r="B{row}" t="str"><v>chữ</v></c>', f'<c r="B{row}"{style}/>',
        f'<c r="B{row}"><f>1+1</f><v>2</v></c>', f'<c r="B{row}" s="1"><v>{number}</v></c><c r="C{row}"><v>1</v></c>',
        f'<c r="b{row}"><v>1</v></c>']))


@st.composite
def pair_sheets(draw) -> dict:
    plain = draw(st.integers(0, 2)) != 0  # every row as the tool writes it
    strings = draw(st.lists(st.sampled_from(TEXTS[:-3] if plain else TEXTS), min_size=1, max_size=8))
    shared = f'<sst xmlns="{MAIN_NS}">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>"
    # styles 0: General, 1: a date, 2: a format python-calamine reads by its heuristics
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN_NS}"><numFmts count="2"><numFmt '
              f'numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[$-42A]dd/mm/yyyy"/>'
              f'</numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/>'
              f'<xf numFmtId="165" applyNumberFormat="1"/></cellXfs></styleSheet>')
    numbers = sorted(draw(st.sets(st.integers(1, 40), min_size=0 if draw(st.integers(0, 9)) == 0 else 1, max_size=5)))
    if draw(st.integers(0, 9)) == 0:  # out of order, or a row given twice
        numbers = draw(st.permutations(numbers + numbers[:1]))
    rows = []
    for row in numbers:
        cells = _key(draw, row, len(strings), plain) + _value(draw, row, len(strings), plain)
        attributes = draw(st.sampled_from(ROW_ATTRIBUTES if plain or draw(st.integers(0, 9)) else ODD))
        rows.append(f'<row r="{row}"{attributes}>{cells}</row>')
    outside = draw(st.sampled_from(["", "", "", '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>',
                                    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75"/>']))
    dimension = draw(st.sampled_from(["", '<dimension ref="A1:B38"/>', '<dimension ref="A1:B38"/>',
                                      '<dimension ref="A1:B2000000"/>']))
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}" '
             f'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">{dimension}<sheetData>'
             + ("" if draw(st.integers(0, 9)) else " ").join(rows) + f"</sheetData>{outside}</worksheet>")
    date1904 = '<workbookPr date1904="1"/>' if draw(st.integers(0, 9)) == 0 else ""
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{date1904}'
                f'<sheets><sheet name="{META}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    return {"sheet": sheet, "workbook": workbook, "parts": {"xl/sharedStrings.xml": shared, "xl/styles.xml": styles}}


def _pairs(rows: list[list]) -> str:
    # repr: 1 and 1.0, a date and a datetime, True and 1 are told apart
    return repr({key: row[1] for row in rows if len(row) > 1 and (key := row[0])})


def _read(path, general: bool) -> tuple[str, bool]:
    """The pairs read (or the refusal's code), and whether their own grammar read them."""
    try:
        with read_workbook(path) as book:
            found = _pairs(book.sheet(META).rows if general else book.pair_rows(META))
            return found, PART in book.fast_parts and META not in book._sheets  # sheet() keeps what it read
    except WorkbookReadError as err:
        return err.code, False


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pair_sheets())
def test_the_pairs_read_by_their_own_grammar_are_those_of_the_general_reading(tmp_path, parts):
    path = raw_xlsx(tmp_path / "book.xlsx", parts["sheet"], name=META, workbook=parts["workbook"], parts=parts["parts"])
    assert _read(path, general=False)[0] == _read(path, general=True)[0]


def _book(tmp_path, rows: str, outside: str = "", attributes: str = ""):
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"{attributes}><sheetData>{rows}'
             f'</sheetData>{outside}</worksheet>')
    shared = f'<sst xmlns="{MAIN_NS}"><si><t>format</t></si><si><t>cchc_excel/shared</t></si><si><t>Ngày</t></si></sst>'
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN_NS}"><numFmts count="1"><numFmt '
              f'numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/>'
              f'<xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')
    return raw_xlsx(tmp_path / "book.xlsx", sheet, name=META,
                    parts={"xl/sharedStrings.xml": shared, "xl/styles.xml": styles})


def test_pairs_as_the_tool_writes_them_are_read_by_their_own_grammar(tmp_path):
    path = _book(tmp_path, '<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
                           '<row r="3"><c r="A3" s="1" t="s"><v>2</v></c><c r="B3" s="1"><v>44301</v></c></row>'
                           '<row r="4"><c r="A4" t="s"><v>1</v></c><c r="B4" s="0"><v>2.5</v></c></row>')
    assert _read(path, general=False) == (_read(path, general=True)[0], True)
    assert _read(path, general=False)[0] == repr({"format": "cchc_excel/shared", "Ngày": __import__("datetime").date(
        2021, 4, 15), "cchc_excel/shared": 2.5})


@pytest.mark.parametrize("rows, outside", [
    ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
     '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'),  # a merged cell: the sheet's reading decides
    ('<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>'
     '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c></row>', ""),  # rows out of order
    ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>3</v></c></row>', ""),  # an index past the table
    ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>1+1</f><v>2</v></c></row>', ""),  # a formula
    ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><!-- <row r="9"> -->', ""),
])
def test_what_the_pairs_grammar_does_not_take_is_read_as_any_sheet(tmp_path, rows, outside):
    path = _book(tmp_path, rows, outside)
    found, fast = _read(path, general=False)
    assert not fast and found == _read(path, general=True)[0]


def test_a_damaged_metadata_sheet_is_refused_as_before(tmp_path):
    path = _book(tmp_path, '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
                 "<pageMargins left=", "")
    assert _read(path, general=False) == _read(path, general=True) == ("READ_005", False)


def test_the_tools_own_metadata_is_read_by_its_grammar(templates):
    """Every unit copy init and split write: its metadata (plan facts, dates, numbers) by the pairs' grammar, the same
    pairs as the general reading gives."""
    with read_workbook(templates["DKKD"]) as book:
        meta = read_meta(book)
        assert book.fast_parts & {book.xml_paths()[META]} and META not in book._sheets
    with read_workbook(templates["DKKD"]) as book:
        assert meta.values == {row[0]: row[1] for row in book.sheet(META).rows if len(row) > 1 and row[0]}
    assert meta.get("format") == layout.FORMAT_NAME and meta.unit_code == "DKKD"
