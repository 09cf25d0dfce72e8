"""A master's table sheet read in a stream (io/table_stream.py): python-calamine's values, or NotPlain."""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cchc_excel import parse_period, write_master
from cchc_excel.io.reader import to_date
from cchc_excel.io.table_stream import NotPlain, plain_rows
from cchc_excel.model import layout
from cchc_excel.model.progress import MasterData, Progress, Record, Source, Status
from conftest import MAIN_NS, raw_xlsx

PERIOD = parse_period("2021-H1")
DATES = frozenset(layout.DATA_HEADERS.index(h) for h in layout.DATE_COLUMNS)
HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats'
        '.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/><sheetData>')


def part(cells: str, head: str = HEAD) -> tuple[zipfile.ZipFile, zipfile.ZipInfo]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sheet.xml", f"{head}{cells}</sheetData></worksheet>")
    archive = zipfile.ZipFile(buffer)
    return archive, archive.getinfo("sheet.xml")


def rows(cells: str, head: str = HEAD, width: int = 3, styles: frozenset[int] = frozenset({2})) -> list[list]:
    return list(plain_rows(*part(cells, head), width, (frozenset({1}), styles), 1000, 100))


def test_the_tools_own_sheet_reads_as_python_calamine_reads_it(builtin, tmp_path):
    import python_calamine

    data = MasterData(builtin)
    texts = ["a & b < c > d \"e\" 'f'", "  lề trái", "dòng 1\ndòng 2", "bao_xa_A.xlsx", "=SUM(A1)", "x" * 5000]
    for n, (item, text) in enumerate(zip(builtin.items, texts)):
        progress = Progress(Status.DONE, result=text, evidence=text[::-1], done_on=date(2021, 5, 20 + n),
                            updated_on=date(2021, 6, 1), updater=f"Người {n}")
        source = Source(f"VP_{n}.xlsx", "ab" * 32, "Tiến độ", 5 + n, datetime(2021, 6, 1, 8))
        data.records[PERIOD, item.code, "VP"] = Record(PERIOD, item.code, "VP", progress, source)
    path = write_master(tmp_path / "tong-hop.xlsx", data, PERIOD)
    name = "Dữ liệu 2021-H1"
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()
    with zipfile.ZipFile(path) as archive:
        number = python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names.index(name) + 1
        streamed = list(plain_rows(archive, archive.getinfo(f"xl/worksheets/sheet{number}.xml"),
                                   len(layout.DATA_HEADERS), (DATES, frozenset({2})), 1000, 100_000))
    assert len(streamed) == len(sheet) == len(texts) + 1
    for mine, theirs in zip(streamed, sheet):
        for column, (value, expected) in enumerate(zip(mine, theirs)):
            if column in DATES and not isinstance(value, str):  # a serial number: the same day for master_rows
                assert to_date(value) == to_date(expected) is not None
            else:
                assert value == expected and type(value) is type(expected)


def test_missing_rows_come_empty_and_texts_are_decoded():
    found = rows('<row r="1"><c r="A1" t="inlineStr"><is><t>a &amp;lt; _x b</t></is></c></row>'
                 '<row r="3" ht="31" customHeight="1"><c r="B3" s="2"><v>44197</v></c>'
                 '<c r="C3" t="inlineStr"><is><t xml:space="preserve"> c </t></is></c></row>')
    assert found == [["a &lt; _x b", "", ""], [], ["", 44197.0, " c "]]


@pytest.mark.parametrize("cells, head", [
    ('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', HEAD),  # a shared string
    ('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>', HEAD),  # a formula
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>A_x0041_</t></is></c></row>', HEAD),  # an escape
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>&#65;</t></is></c></row>', HEAD),  # a character reference
    ('<row r="1"><c r="A1" t="inlineStr"><is><t> a</t></is></c></row>', HEAD),  # a space not kept
    ('<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="A3"><v>1</v></c></row>'
     '<row r="2"><c r="A2"><v>1</v></c></row>', HEAD),  # rows out of order
    ('<row r="2"><c r="A2"><v>1</v></c></row>', HEAD),  # no first row
    ('<row r="1"><c r="D1"><v>1</v></c></row>', HEAD),  # past the width
    ('<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>1</v></c></row>', HEAD),  # cells out of order
    ('<row r="1"><c r="A2"><v>1</v></c></row>', HEAD),  # a cell of another row
    ('<row r="1"><c r="A1" s="2"><v>44197</v></c></row>', HEAD),  # a date outside the date columns
    ('<row r="1"><c r="B1" s="5"><v>44197</v></c></row>', HEAD),  # a style that is not a date format
    ('<row r="1"><c r="B1" s="2"><v>44197.5</v></c></row>', HEAD),  # a time of day
    ('<row r="1"><c r="B1" s="2"><v>60</v></c></row>', HEAD),  # before March 1900
    ('<row r="1"><c r="A1"><v>1</v></c></row>', HEAD.replace("<dimension", "<!-- x --><dimension")),
    ('<row r="1"><c r="A1"><v>1</v></c></row>', HEAD.replace('"UTF-8"', '"ISO-8859-1"')),
    ('<row r="1"><c r="A1"><v>1</v></c></row></sheetData><!-- after --><sheetData>', HEAD),
    ('<row r="1"><c r="A1"><v>1</v></c></row><row r="1001"><c r="A1001"><v>1</v></c></row>', HEAD),  # past max
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>' + "x" * 101 + '</t></is></c></row>', HEAD),  # a text past max
])
def test_what_the_tool_does_not_write_is_left_to_the_reader(cells, head):
    with pytest.raises(NotPlain):
        rows(cells, head)


def test_a_damaged_part_is_left_to_the_reader():
    archive, info = part('<row r="1"><c r="A1"><v>1</v></c></row>')
    info.CRC ^= 1
    with pytest.raises(NotPlain):
        list(plain_rows(archive, info, 3, (frozenset(), frozenset()), 1000, 100))


TEXTS = ["Tiến độ", "a &amp; b", "&#7871;", "&lt;c r=&quot;A1&quot;&gt;", "", "x\ny", "\u00a0nbsp", " lead", "trail ",
         "\ttab", "x\r\ny", "a_x000D_b", "bao_cao_xa.pdf", "_x", "&#95;x0041_", "1"]
NUMBERS = ["44562", "44562.5", "60", "61", "1", "0.5", "-3", "1e3", "2958465", "2958466", "5.0"]
FORMATS = [0, 14, 164, 165]  # General, a built-in date, a custom date (dd/mm/yyyy), a custom number


@st.composite
def sheets(draw) -> tuple[str, str]:
    """(sheet XML, styles XML): rows of inline texts, numbers with and without styles, a shared string or a
    boolean now and then, rows in order or not, cells past the width."""
    xfs = "".join(f'<xf numFmtId="{n}" fontId="0" fillId="0" borderId="0" xfId="0"/>' for n in FORMATS)
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{MAIN_NS}"><numFmts '
              f'count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0"/>'
              f'</numFmts><cellXfs count="{len(FORMATS)}">{xfs}</cellXfs></styleSheet>')
    numbers = sorted(draw(st.sets(st.integers(2, 7), max_size=4)))
    if draw(st.integers(0, 5)) == 0:
        numbers.reverse()
    rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>Kỳ</t></is></c></row>']
    for number in numbers:
        cells = []
        for letter in sorted(draw(st.sets(st.sampled_from("ABCD" if draw(st.integers(0, 5)) == 0 else "ABC"),
                                          max_size=3))):
            ref = f"{letter}{number}"
            kind = draw(st.sampled_from(["text", "text", "number", "number", "shared", "bool"]))
            if kind == "text":
                text = draw(st.sampled_from(TEXTS))
                keep = ' xml:space="preserve"' if draw(st.booleans()) else ""
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t{keep}>{text}</t></is></c>')
            elif kind == "number":
                style = f' s="{draw(st.integers(0, len(FORMATS) - 1))}"' if draw(st.booleans()) else ""
                cells.append(f'<c r="{ref}"{style}><v>{draw(st.sampled_from(NUMBERS))}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="s"><v>0</v></c>' if kind == "shared" else f'<c r="{ref}" t="b"><v>1</v></c>')
        rows.append(f'<row r="{number}">' + "".join(cells) + "</row>")
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}"><sheetData>'
             + "".join(rows) + "</sheetData></worksheet>")
    return sheet, styles


def filled(rows) -> list[tuple[int, list]]:
    """(row number, values to 3 columns) of the rows holding a value: what master_rows.body reads."""
    padded = [(n, list(row) + [""] * (3 - len(row))) for n, row in enumerate(rows, start=1)]
    return [(n, row) for n, row in padded if any(v not in ("", None) for v in row)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sheets())
def test_a_streamed_sheet_reads_as_python_calamine_reads_it_or_is_left_to_it(tmp_path, generated):
    from cchc_excel.io.direct import DATE, number_formats
    from cchc_excel.io.reader import read_workbook

    sheet, styles = generated
    path = raw_xlsx(tmp_path / "book.xlsx", sheet, parts={"xl/styles.xml": styles,
                                                           "xl/sharedStrings.xml": f'<sst xmlns="{MAIN_NS}"><si><t>'
                                                                                   'chung</t></si></sst>'})
    dates = frozenset(n for n, kind in enumerate(number_formats(styles.encode())) if kind == DATE)
    with zipfile.ZipFile(path) as archive:
        try:
            streamed = filled(plain_rows(archive, archive.getinfo("xl/worksheets/sheet1.xml"), 3,
                                         (frozenset({1}), dates), 1000, 100_000))
        except NotPlain:
            return
    with read_workbook(path) as book:
        theirs = filled(book.rows("Tiến độ"))
    assert [n for n, _ in streamed] == [n for n, _ in theirs]
    for (_, mine), (_, row) in zip(streamed, theirs):
        assert len(row) == 3
        for column, (value, expected) in enumerate(zip(mine, row)):
            if column == 1 and value.__class__ is float:  # the date column: the same day for master_rows
                assert to_date(value) == to_date(expected)
            else:
                assert repr(value) == repr(expected)
