"""A master's table sheet read in a stream (io/table_stream.py): python-calamine's values, or NotPlain."""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest

from cchc_excel import parse_period, write_master
from cchc_excel.io.reader import to_date
from cchc_excel.io.table_stream import NotPlain, plain_rows
from cchc_excel.model import layout
from cchc_excel.model.progress import MasterData, Progress, Record, Source, Status

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
    return list(plain_rows(*part(cells, head), width, (frozenset({1}), styles), 1000))


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
                                   len(layout.DATA_HEADERS), (DATES, frozenset({2})), 1000))
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
    ('<row r="1"><c r="A1"><v>1</v></c></row><row r="1001"><c r="A1001"><v>1</v></c></row>', HEAD),  # past max
])
def test_what_the_tool_does_not_write_is_left_to_the_reader(cells, head):
    with pytest.raises(NotPlain):
        rows(cells, head)


def test_a_damaged_part_is_left_to_the_reader():
    archive, info = part('<row r="1"><c r="A1"><v>1</v></c></row>')
    info.CRC ^= 1
    with pytest.raises(NotPlain):
        list(plain_rows(archive, info, 3, (frozenset(), frozenset()), 1000))
