"""A sheet read straight from its grammar-accepted parts (io/direct.py) equals python-calamine's reading of it.

Generated sheets mix every cell type, number formats that are and are not dates (built-in and custom), whole
and fractional serial numbers, texts with entities, character references, white space at either end with and
without xml:space="preserve", raw line breaks, _xHHHH_ escapes, shared and inline strings, indexes past the
table, merged ranges, the 1904 date system. Each workbook is read twice: by the reader as it is (straight from
the parts where it can) and with direct reading turned off (python-calamine): the sheets must be equal. The
plain cases must really be read without opening python-calamine.
"""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cchc_excel import WorkbookReadError
from cchc_excel.io import direct
from cchc_excel.io.reader import read_workbook
from conftest import MAIN_NS, REL_NS, raw_xlsx

TEXTS = ["Tiến độ", "a &amp; b", "&#7871;", "&lt;c r=&quot;A1&quot;&gt;", "", "Hoàn thành", "x\ny", "\u00a0nbsp",
         "e\u0301", "15/06/2021", " lead", "trail ", "\ttab", "x\r\ny", "a_x000D_b", "a_x00e9_b", "&#32;x", "x&#10;",
         "&#13;", "bao_cao_xa.pdf", "&#95;x0041_", "1", "TRUE"]
NUMBERS = ["44562", "44562.5", "60", "61", "1", "0.5", "-3", "1e3", "2958465", "2958466", "3", "", "1.", ".5", "007",
           "-0", "00.5"]
CUSTOM = ["dd/mm/yyyy", "0.###", "[h]:mm", "mm:ss", "yyyy-mm-dd hh:mm", "@", "General", "d/m/yyyy", '#,##0 "đ"',
          "m/d/yy", "0%", "d-mmm-yy", "[$-42A]dd/mm/yyyy", "dd/mm/yyyy;@", "[$-42A]0.###", "[$-42A]0.0%"]
FORMAT_IDS = [0, 1, 2, 9, 14, 17, 22, 45, 46, 49, 164, 165, 166]


PLAIN_TEXTS = ["Tiến độ", "a &amp; b", "&#7871;", "", "Hoàn thành", "x\ny", "e\u0301", "15/06/2021", "bao_cao_xa.pdf"]


def _text(draw, tag: str = "t", texts: list[str] = TEXTS) -> str:
    text = draw(st.sampled_from(texts))
    preserve = ' xml:space="preserve"' if draw(st.booleans()) else ""
    return f"<{tag}{preserve}/>" if not text and draw(st.booleans()) else f"<{tag}{preserve}>{text}</{tag}>"


KINDS = ["", "n", "s", "s", "inlineStr", "b", "str", "e", "d"]


LAST_ROWS = ['<row r="1048576" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" '
             'collapsed="false"></row>', '<row r="1048576"><c r="N1048576" s="1"/></row>',
             '<row r="1048576"><c r="XFD1048576" t="s"></c></row>', '<row r="1048576"><c r="B1048576"><v>1</v></c></row>']


def _cell(draw, ref: str, styles: int, strings: int, kinds: list[str]) -> str:
    style = f' s="{draw(st.sampled_from(["", "0", "00"]))}{draw(st.integers(0, styles + 1))}"' if draw(st.booleans()) \
        else ""  # leading zeros: not in the digits lookup (fastxml.DECIMAL)
    kind = draw(st.sampled_from(kinds))
    attrs = f'r="{ref}"{style}' + (f' t="{kind}"' if kind else "")
    if kind == "s":
        body = f"<v>{draw(st.sampled_from(['', '0', '00']))}{draw(st.integers(0, strings))}</v>" \
            if draw(st.integers(0, 6)) else "<v></v>"
    elif kind in ("", "n"):
        body = f"<v>{draw(st.sampled_from(NUMBERS))}</v>"
    elif kind == "inlineStr":
        body = f"<is>{_text(draw)}</is>"
    elif kind == "b":
        body = f"<v>{draw(st.sampled_from(['0', '1', '']))}</v>"
    else:
        body = f"<v>{draw(st.sampled_from(TEXTS + ['#N/A', '2021-06-15']))}</v>"
    return f"<c {attrs}/>" if draw(st.integers(0, 8)) == 0 else f"<c {attrs}>{body}</c>"


@st.composite
def workbooks(draw, kinds: list[str] = KINDS, texts: list[str] = TEXTS) -> dict:
    formats = draw(st.lists(st.sampled_from(FORMAT_IDS), min_size=0, max_size=5))
    customs = {164: "dd/mm/yyyy", 165: "0.###", 166: draw(st.sampled_from(CUSTOM))}
    number_formats = "".join(f'<numFmt numFmtId="{i}" formatCode="{code}"/>' for i, code in customs.items())
    xfs = "".join(f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0"/>' for i in formats)
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{MAIN_NS}"><numFmts '
              f'count="3">{number_formats}</numFmts><cellXfs count="{len(formats)}">{xfs}</cellXfs></styleSheet>')
    strings = [_text(draw, texts=texts) for _ in range(draw(st.integers(0, 5)))]
    shared = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN_NS}" count="{len(strings)}" '
              f'uniqueCount="{len(strings)}">' + "".join(f"<si>{t}</si>" for t in strings) + "</sst>")
    rows = []
    in_order = draw(st.integers(0, 3)) != 0  # else rows and cells out of order, a cell given twice
    for row in sorted(draw(st.sets(st.integers(1, 6), max_size=4)), key=lambda row: row if in_order else -row):
        columns = sorted(draw(st.lists(st.sampled_from(["A", "B", "C", "D", "E", "F", "AB", "AAA"]), max_size=4,
                                       unique=in_order)), key=lambda letters: (len(letters), letters))
        if not in_order:
            columns = draw(st.permutations(columns))
        cells = "".join(_cell(draw, f"{c}{row}", len(formats), len(strings), kinds) for c in columns)
        rows.append(f'<row r="{row}"/>' if not cells and draw(st.booleans()) else f'<row r="{row}">{cells}</row>')
    rows.append(draw(st.sampled_from(["", "", "", *LAST_ROWS])))  # what LibreOffice leaves after a row is deleted
    merges = draw(st.lists(st.sampled_from(["A1:B2", "C3", "D4:E4", "B2:A1", "c5:d6"]), max_size=2, unique=True))
    merged = f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + \
        "</mergeCells>" if merges else ""
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}"><sheetData>'
             + "".join(rows) + f"</sheetData>{merged}</worksheet>")
    date1904 = '<workbookPr date1904="1"/>' if draw(st.integers(0, 4)) == 0 else ""
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{date1904}'
                f'<sheets><sheet name="Tiến độ" sheetId="1" r:id="rId1"/></sheets></workbook>')
    return {"sheet": sheet, "workbook": workbook,
            "parts": {"xl/sharedStrings.xml": shared, "xl/styles.xml": styles}}


def _reading(path, monkeypatch=None) -> tuple:
    """What the reader gives for the sheet (or the refusal's code), and whether python-calamine was opened."""
    try:
        with read_workbook(path) as book:
            sheet = book.sheet("Tiến độ")
            # repr: 1 and 1.0, a date and a datetime, True and 1 are told apart
            return repr((sheet.rows, sorted(sheet.merged), sorted(sheet.denormalized), sheet.visibility)), \
                book._book is not None
    except WorkbookReadError as err:
        return err.code, True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(workbooks())
def test_direct_reading_equals_python_calamine(tmp_path, monkeypatch, parts):
    _same_reading(tmp_path, monkeypatch, parts)


def _same_reading(tmp_path, monkeypatch, parts) -> None:
    path = raw_xlsx(tmp_path / "book.xlsx", parts["sheet"], workbook=parts["workbook"], parts=parts["parts"])
    straight, _ = _reading(path)
    with monkeypatch.context() as patched:
        patched.setattr(direct, "sheet_rows", lambda *args: None)
        by_calamine, opened = _reading(path)
    assert opened
    assert straight == by_calamine


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(workbooks(kinds=["s"], texts=PLAIN_TEXTS))
def test_a_sheet_of_shared_strings_only_is_read_as_python_calamine_reads_it(tmp_path, monkeypatch, parts):
    """A template's sheet as written (every value a shared string) is taken in one pass (direct._shared_cells)."""
    _same_reading(tmp_path, monkeypatch, parts)


ODD_STRINGS = ['<t xml:space="preserve"> kept </t>', '<t xml:space="preserve">Tiến độ</t>', "<t/>", '<t xml:space="preserve"/>']


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TEXTS + ["a &gt; b", "&lt;/t&gt;&lt;/si&gt;&lt;si&gt;&lt;t&gt;", "_" * 17 + "x0041_",
                                         "a_b_" * 9]), min_size=1, max_size=8),
       st.integers(-1, 8), st.sampled_from(ODD_STRINGS))
def test_a_table_split_at_once_is_read_as_one_string_at_a_time(tmp_path, monkeypatch, texts, odd_at, odd):
    """A table whose strings are all written <si><t>…</t></si> is split at once (direct._plain_strings); with one
    written otherwise, or white space at an end, each is read by itself: the same strings, python-calamine's."""
    items = [f"<t>{text}</t>" for text in texts]
    if 0 <= odd_at < len(items):
        items[odd_at] = odd
    table = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN_NS}">'
             + "".join(f"<si>{item}</si>" for item in items) + "</sst>")
    assert (direct._plain_strings(table) is not None) == (not 0 <= odd_at < len(items))
    split = direct.shared_strings(table.encode())
    with monkeypatch.context() as patched:
        patched.setattr(direct, "_plain_strings", lambda _text: None)
        assert direct.shared_strings(table.encode()) == split
    cells = "".join(f'<row r="{at + 1}"><c r="A{at + 1}" t="s"><v>{at}</v></c></row>' for at in range(len(items)))
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}"><sheetData>'
             f"{cells}</sheetData></worksheet>")
    _same_reading(tmp_path, monkeypatch, {"sheet": sheet, "workbook": None, "parts": {"xl/sharedStrings.xml": table}})


def _book(tmp_path, cells: str, strings: list[str] = (), merged: str = "", number_format: str = "dd/mm/yyyy"):
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData>{cells}</sheetData>'
             f"{merged}</worksheet>")
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN_NS}"><numFmts count="1"><numFmt '
              f'numFmtId="164" formatCode="{number_format}"/></numFmts><cellXfs count="2"><xf numFmtId="0"/>'
              f'<xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')
    shared = f'<sst xmlns="{MAIN_NS}">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>"
    return raw_xlsx(tmp_path / "book.xlsx", sheet, parts={"xl/sharedStrings.xml": shared, "xl/styles.xml": styles})


def test_plain_values_are_read_without_python_calamine(tmp_path):
    path = _book(tmp_path, '<row r="2"><c r="B2" t="s"><v>1</v></c><c r="C2" s="1"><v>44362</v></c>'
                           '<c r="D2"><v>2.5</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="inlineStr"><is><t>'
                           'Kế hoạch &amp; báo cáo</t></is></c></row>',
                 ["Tiến độ", "Hoàn thành"], '<mergeCells count="1"><mergeCell ref="B3:C4"/></mergeCells>')
    rows, opened = _reading(path)
    assert not opened
    assert rows == repr(([["", "", "", "", "", ""], ["", "Hoàn thành", date(2021, 6, 15), 2.5, True, "Kế hoạch & báo cáo"]],
                         [(3, 2, 4, 3)], [], "visible"))


@pytest.mark.parametrize("cells, strings, number_format", [
    ('<c r="A1" s="1"><v>44362.5</v></c>', [], "dd/mm/yyyy"),  # a time of day
    ('<c r="A1" s="1"><v>44362</v></c>', [], "[h]:mm"),  # a duration format
    ('<c r="A1" s="1"><v>44362</v></c>', [], '[$-42A]dd/mm/yyyy'),  # a format read by heuristics
    ('<c r="A1" s="1"><v>59</v></c>', [], "dd/mm/yyyy"),  # before March 1900 (Excel's 29/02/1900)
    ('<c r="A1" t="s"><v>0</v></c>', ["a_x000D_b"], "0"),  # an escape decoded or not by the version
    ('<c r="A1" t="s"><v>0</v></c>', [" padded "], "0"),  # trimmed or not by the version
    ('<c r="A1" t="s"><v>1</v></c>', ["only one"], "0"),  # an index past the table
    ('<c r="A1" t="e"><v>#N/A</v></c>', [], "0"),
])
def test_what_is_not_certain_is_left_to_python_calamine(tmp_path, cells, strings, number_format):
    path = _book(tmp_path, f'<row r="1">{cells}</row>', strings, number_format=number_format)
    assert _reading(path)[1]


def test_a_damaged_styles_part_is_still_refused(tmp_path):
    path = _book(tmp_path, '<row r="1"><c r="A1"><v>1</v></c></row>', number_format='0"<')
    assert _reading(path) == ("READ_005", True)


def test_the_tools_own_copies_are_read_without_python_calamine(templates, tmp_path):
    """Every sheet a merge reads of a unit copy the tool wrote (its metadata, with plan facts in the decimal comma
    format [$-42A]0.###, and Tiến độ) is read here: python-calamine's second opening of each file cost the merge of
    1,000 copies a tenth of its CPU when that format was added."""
    from cchc_excel.model import layout

    with read_workbook(templates["DKKD"]) as book:
        for name in (layout.SHEET_META, layout.SHEET_PROGRESS):
            book.sheet(name)
        assert book._book is None


@pytest.mark.parametrize("kinds", [("s", "s"), ("s", ""), ("", "s")])
def test_a_cell_given_twice_and_numbers_past_the_lookup_are_read_as_python_calamine_reads_them(tmp_path, monkeypatch,
                                                                                           kinds):
    """The cells are taken in the part's order (the last of a cell given twice wins, in a sheet of shared strings only
    or not); a row, a style or a shared string index past 9,999 is converted by int(), not looked up."""
    strings = [f"chuỗi {n}" for n in range(10_003)]
    first, second = (f' t="s"><v>{index}</v>' if kind == "s" else f'><v>{number}</v>'
                     for kind, index, number in zip(kinds, (10_001, 3), (7, 2.5)))
    cells = (f'<row r="2"><c r="B2"{first}</c><c r="C2" t="s"><v>10002</v></c><c r="B2"{second}</c></row>'
             f'<row r="10000"><c r="A10000" t="s"><v>9999</v></c></row>')
    path = _book(tmp_path, cells, strings)
    straight, opened = _reading(path)
    assert not opened
    with monkeypatch.context() as patched:
        patched.setattr(direct, "sheet_rows", lambda *args: None)
        assert straight == _reading(path)[0]
    with read_workbook(path) as book:
        rows = book.sheet("Tiến độ").rows
    assert len(rows) == 10_000 and rows[1][1:3] == [2.5 if kinds[1] == "" else "chuỗi 3", "chuỗi 10002"]
    assert rows[9_999] == ["chuỗi 9999", "", ""]
