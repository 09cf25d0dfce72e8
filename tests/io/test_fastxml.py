"""The scan's fast path: for any part it returns exactly what the expat parse returns, or leaves it to the parse.

Generated sheet parts mix what applications write with what an attacker would (prefixes, single quotes,
comments, CDATA, processing instructions, entities, far cells, formulas, rich text, UTF-16, bytes mutated);
the outcome of the bytes path (fast path first) must equal the outcome of the stream path (expat only):
the same SheetScan or the same refusal, code and detail.
"""
from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from cchc_excel import WorkbookReadError
from cchc_excel.io import fastxml, sheetscan
from cchc_excel.io.limits import DEFAULT_LIMITS, ReadLimits
from cchc_excel.io.memo import MEMO_BYTES

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
DECLS = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', "", '<?xml version="1.0"?>',
         '\ufeff<?xml version="1.0" encoding="utf-8"?>', "<?xml version='1.0'?>", '<?xml version="1.0" encoding="ISO-8859-1"?>',
         '<?xml version="1.0" encoding="UTF-16"?>']
SMALL = ReadLimits(max_rows=30, max_columns=6, max_cells=100, max_cell_chars=8, max_merged_cells=5)
COLUMNS = ["A", "B", "C", "D", "E", "F"]  # F: SMALL's last column
FAR_COLUMNS = ["G", "Z", "AA", "AMJ", "AMK", "XFD"]  # AMJ: the default limit's last column
NUMBERS = ["1", "-2.5", "3.", ".5", "1e5", "1E+20", "45678", "", "0.1000000000000000055511151231257827"]
BAD_NUMBERS = ["NaN", "inf", "-inf", "1e999", "9" * 400, " 1 ", "&#49;", "1_0", "0x10", "+4", "1e-999"]
TEXTS = ["x", "Tiến độ", "a &amp; b", "&lt;c r=&quot;A1&quot;&gt;", "&#7871;", "&#x1F600;", "a]]b", "\t\n",
         "123456789", "é" * 5, "#N/A", "2021-06-15T00:00:00", ">"]
BAD_TEXTS = ["&#0;", "]]>", "\x01", "&bogus;", "\ufffe", "<c r=\"XFD1\"/>", "&#xD800;", "&#X41;"]


def pick(draw, benign, hostile, odds):
    """A benign choice, or a hostile one about once in odds draws."""
    return draw(st.sampled_from(hostile)) if hostile and draw(st.integers(0, odds)) == 0 else draw(st.sampled_from(benign))


def _cell(draw, row: int, odds: int) -> str:
    ref = pick(draw, [f"{draw(st.sampled_from(COLUMNS))}{row}"],
               [f"{draw(st.sampled_from(FAR_COLUMNS))}{row}", "A1", "A31", "A1048577", "a1", "A0", "A01", "&#65;1", "AAAA1", "A99999999", "1A", ""], odds)
    quote = pick(draw, ['"'], ["'"], odds)
    attrs = [f"r={quote}{ref}{quote}"] if ref or draw(st.booleans()) else []
    if draw(st.booleans()):
        attrs.append(f's="{draw(st.integers(0, 20))}"')
    kind = pick(draw, ["", "n", "s", "b", "e", "str", "d", "inlineStr"], ["bogus", "inlinestr"], odds)
    if kind:
        attrs.append(f't="{kind}"')
    attrs = pick(draw, [attrs], [list(draw(st.permutations(attrs))), attrs + ['cm="1"'], attrs + ['s="2"'],
                                 ["t='a r=\"A1\"'", f"r='{ref or 'XFD1048576'}'"]], odds)
    tag = pick(draw, ["c"], ["x:c", "C", "c "], odds)
    value = draw(st.sampled_from(NUMBERS if kind in ("", "n") else TEXTS)) if draw(st.integers(0, odds)) \
        else draw(st.sampled_from(BAD_NUMBERS + BAD_TEXTS + NUMBERS + TEXTS))
    inline = [f"<is><t>{value}</t></is>", f'<is><t xml:space="preserve">{value}</t></is>', "<is><t/></is>"]
    body = pick(draw, ["", *(inline if kind == "inlineStr" else [f"<v>{value}</v>"] * 3)], [
        f"<v>{value}</v><v>1</v>", f"<f>1+1</f><v>{value}</v>", "<is><t>a</t><t>b</t></is>", *inline,
        "<is><r><t>a</t></r><r><t>b</t></r></is>", f"<x:v>{value}</x:v>", f"<v> {value}</v>", "<F>1</F>",
        f"<!-- x --><v>{value}</v>", f"<v><![CDATA[{value}]]></v>", "<v/>", "<v>1</v><f>1</f>", " "], odds)
    attributes = (" " if attrs else "") + " ".join(attrs)
    if not body and draw(st.booleans()):
        return f"<{tag}{attributes}/>"
    return f"<{tag}{attributes}>{body}</{tag.strip()}>"


@st.composite
def sheet_parts(draw) -> tuple[bytes, ReadLimits]:
    odds = draw(st.sampled_from([3, 12, 1000]))  # how rarely a choice is hostile, for the whole part
    rows = []
    for number in range(1, draw(st.integers(0, 5)) + 1):
        number = pick(draw, [number], [number + 30, number + 9999, 1048576, 1048577], odds)
        cells = "".join(_cell(draw, number, odds) for _ in range(draw(st.integers(0, 4))))
        r = pick(draw, [f' r="{number}"'], [f" r='{number}'", "", ' r="2"', ' r="x"', f' r="{number}" r="{number}"'], odds)
        extra = pick(draw, ["", ' spans="1:3"', ' ht="30" customHeight="1"', ' spans="1:2" x14ac:dyDescent="0.25"',
                            ' customFormat="false" ht="12.8" hidden="false" customHeight="false" '
                            'outlineLevel="0" collapsed="false"'], [' ht="1" spans="1:2"', ' r="2"', " ht='1'",
                                                                    ' spans="1:2" spans="1:2"', ' ht="a&amp;b"'], odds)
        rows.append(f"<row{r}{extra}/>" if not cells and draw(st.booleans()) else f"<row{r}{extra}>{cells}</row>")
    data = "".join(rows if draw(st.integers(0, 3)) else draw(st.permutations(rows)))  # rows out of order too
    sheet_data = pick(draw, [f"<sheetData>{data}</sheetData>", "<sheetData/>" if not data else f"<sheetData>{data}</sheetData>"],
                      [f"<x:sheetData>{data}</x:sheetData>", f"<sheetData >{data}</sheetData>", data,
                       f"<sheetData>{data}</sheetData><sheetData>{data}</sheetData>"], odds)
    before = [pick(draw, ['<dimension ref="A1:C3"/>', '<sheetPr><pageSetUpPr/></sheetPr>', ""], [
        '<dimension ref="A1:XFD1048576"/>', '<dimension ref="B2"/>', "<dimension ref=''/>",
        "<!-- <sheetData><row r=\"1\"><c r=\"XFD1\"/></row></sheetData> -->", '<?pi <c r="XFD1"/>?>',
        '<x:dimension ref="A1:AZ99"/>', '<c r="G1"/>', '<extra><![CDATA[<c r="XFD1"/>]]></extra>',
        "<!-- <sheetData> -->", '<!DOCTYPE x [<!ENTITY e "e">]>'], odds) for _ in range(2)]
    after = [pick(draw, ['<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>', '<pageMargins left="0.7"/>',
                         '<extLst><ext uri="{x}"><x14:dataValidations xmlns:x14="u"/></ext></extLst>', ""], [
        '<mergeCells><mergeCell ref="A1:F9"/></mergeCells>', '<mergeCells><x:mergeCell ref="A1:ZZ99"/></mergeCells>',
        '<c r="XFD1048576"/>', '<x:c r="XFD1048576"/>', '<c r="XFD1048576"><v>1</v></c>', '<row r="99"><c r="A99"/></row>',
        '<row r="99"><c r="A99"><v>1</v></c></row>', "<c/>", "<f>1</f>",
        "<sheetData></sheetData>", "<!-- ]]> -->"], odds) for _ in range(2)]
    decl = pick(draw, DECLS[:4], DECLS[4:], odds)
    text = f'{decl}<worksheet {NS} xmlns:x="u">{"".join(before)}{sheet_data}{"".join(after)}</worksheet>'
    data_bytes = text.encode("utf-16") if "UTF-16" in decl else text.encode("utf-8", "surrogatepass")
    if "ISO-8859-1" in decl:
        data_bytes = text.encode("latin-1", "replace")
    if odds < 1000:
        data_bytes = _mutate(draw, data_bytes)
    return data_bytes, draw(st.sampled_from([DEFAULT_LIMITS, SMALL]))


def _mutate(draw, data: bytes) -> bytes:
    """Sometimes a few bytes changed, inserted or deleted: the fast path must still never accept what expat refuses."""
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        byte = draw(st.sampled_from(list(b"<>/\"'&=:!? ]x1Ac") + [0, 0xef, 0xc3, 0x80]))
        data = draw(st.sampled_from([data[:at] + bytes([byte]) + data[at + 1:], data[:at] + bytes([byte]) + data[at:],
                                     data[:at] + data[at + 1:]]))
    return data


def outcome(call):
    try:
        return ("ok", call())
    except WorkbookReadError as err:
        return ("refused", err.code, str(err))


def sheet_outcomes(data: bytes, limits: ReadLimits):
    slow = outcome(lambda: sheetscan.scan_sheet(io.BytesIO(data), "f.xlsx", "S", limits))
    fast = sheetscan._fast_sheet(data, "f.xlsx", "S", limits)
    return slow, fast, outcome(lambda: sheetscan.scan_sheet(data, "f.xlsx", "S", limits))


SIMPLE = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS}><dimension ref="A1:C2"/>'
          '<sheetData><row r="1" spans="1:3"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="2"/><c r="C1"><v>2.5</v></c>'
          '</row><row r="2"><c r="A2" t="inlineStr"><is><t>Tiến độ &amp; &#7871;</t></is></c><c r="B2" t="b"><v>1</v></c>'
          '</row></sheetData><mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells></worksheet>').encode()


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet_parts())
@example((SIMPLE, DEFAULT_LIMITS))
def test_the_fast_path_equals_the_parse_or_leaves_the_part_to_it(case):
    data, limits = case
    slow, fast, through_bytes = sheet_outcomes(data, limits)
    if fast is not None:
        assert slow == ("ok", fast) and fast.fast and not fast.formulas
    assert through_bytes == slow


def test_what_applications_write_takes_the_fast_path():
    slow, fast, _ = sheet_outcomes(SIMPLE, DEFAULT_LIMITS)
    assert fast is not None and slow == ("ok", fast) and (fast.rows, fast.columns) == (2, 3)


@pytest.mark.parametrize("last", ['<row r="1048576" customFormat="false" ht="12.8" hidden="false" customHeight="false" '
                                  'outlineLevel="0" collapsed="false"></row>', '<row r="1048576"><c r="N1048576" s="3"/></row>',
                                  '<row r="1048576"><c r="XFD1048576" s="3" t="s"></c><c r="A1048576"/></row>'])
def test_libreoffices_empty_last_row_takes_the_fast_path_and_is_not_counted(last):
    data = SIMPLE.replace(b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:N1048576"/>')
    slow, fast, _ = sheet_outcomes(data.replace(b"</sheetData>", last.encode() + b"</sheetData>"), DEFAULT_LIMITS)
    assert fast is not None and slow == ("ok", fast) and (fast.rows, fast.columns) == (2, 3)


@pytest.mark.parametrize("cells, code", [
    ("<c t='a r=\"A1\"' r='XFD1048576'><v>1</v></c>", "READ_010"),  # a fake double-quoted reference in a single-quoted value
    ('<x:c r="XFD1048576"><x:v>1</x:v></x:c>', "READ_010"),  # a prefixed cell
    ('<c r="&#65;1048577"><v>1</v></c>', "READ_010"),  # a reference written with a character reference
    ('<c r="A1"><v>1e999</v></c>', "READ_016"),
    ('<c r="A1"><v>' + "9" * 400 + "</v></c>", "READ_016"),
    ('<c r="A1"><f>1+1</f><v>2</v></c><c r="XFD1"><v>1</v></c>', "READ_010"),
    ('<c r="A1"><f>1+1</f><v>2</v></c><c r="XFD1"><f>1</f></c>', "READ_010"),  # a formula counts as a value
])
def test_hostile_cells_are_refused_with_the_code_of_the_parse(cells, code):
    data = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS} xmlns:x="u"><sheetData><row r="1">{cells}</row>' \
           "</sheetData></worksheet>"
    slow, fast, through_bytes = sheet_outcomes(data.encode(), DEFAULT_LIMITS)
    assert fast is None and slow[:2] == ("refused", code) and through_bytes == slow


@pytest.mark.parametrize("xml", [
    f'<worksheet {NS}><sheetData><row r="1"><c r="A1"/></row></sheetData><![CDATA[]]></worksheet>',
    f'<worksheet {NS}><x><![CDATA[<sheetData><row r="1"><c r="XFD1"/></row></sheetData>]]></x>'
    '<sheetData><row r="1"><c r="A1"/></row></sheetData></worksheet>',
    f'<worksheet {NS}><!-- <sheetData><row r="1"><c r="A1"/></row></sheetData> --><c r="XFD1"/></worksheet>',
])
def test_sheet_data_in_cdata_or_a_comment_is_not_taken_for_the_element(xml):
    slow, fast, through_bytes = sheet_outcomes(xml.encode(), DEFAULT_LIMITS)
    assert fast is None or slow == ("ok", fast)
    assert through_bytes == slow


def test_a_utf16_part_with_a_far_cell_is_left_to_the_parse():
    xml = f'<?xml version="1.0" encoding="UTF-16"?><worksheet {NS}><sheetData><row r="1"><c r="XFD1"><v>1</v></c></row></sheetData></worksheet>'
    slow, fast, through_bytes = sheet_outcomes(xml.encode("utf-16"), DEFAULT_LIMITS)
    assert fast is None and slow[:2] == ("refused", "READ_010") and through_bytes == slow


STRINGS = ["a", "Tiến độ", "", " lead", "a &amp; b", "&#7871;", "&#1;", "]]>", "\x02", "x" * 9, "<r><t>a</t></r>",
           "&lt;", "\ufffe", "&nope;"]


@st.composite
def shared_string_parts(draw) -> tuple[bytes, ReadLimits]:
    odds = draw(st.sampled_from([3, 12, 1000]))  # how rarely a choice is hostile, for the whole part
    items = []
    for _ in range(draw(st.integers(0, 4))):
        text = pick(draw, STRINGS[:6], STRINGS[6:], odds)
        items.append(pick(draw, [f"<si><t>{text}</t></si>", f'<si><t xml:space="preserve">{text}</t></si>', "<si><t/></si>"], [
            f"<si><t>{text}</t><t>b</t></si>", f"<si><r><t>{text}</t></r><r><t>b</t></r></si>",
            f'<si><t>{text}</t><rPh sb="0" eb="1"><t>b</t></rPh></si>', f"<x:si><x:t>{text}</x:t></x:si>",
            f"<si><t>{text}</t><phoneticPr fontId='1'/></si>", f"<si>\n<t>{text}</t></si>"], odds))
    decl = pick(draw, DECLS[:4], DECLS[4:], odds)
    root = pick(draw, [f'<sst {NS} count="3" uniqueCount="2">', f"<sst {NS}>"],
                [f"<sst {NS} xmlns:x='u'>", "<sst>", f'<sst {NS} count="1" count="2">'], odds)
    text = f"{decl}{root}{''.join(items)}</sst>\n"
    data = text.encode("utf-16") if "UTF-16" in decl else text.encode("utf-8", "surrogatepass")
    return (_mutate(draw, data) if odds < 1000 else data), draw(st.sampled_from([DEFAULT_LIMITS, SMALL]))


@settings(max_examples=400, deadline=None)
@given(shared_string_parts())
def test_plain_shared_strings_are_decided_as_the_parse_decides(case):
    data, limits = case
    slow = outcome(lambda: sheetscan.scan_shared_strings(io.BytesIO(data), "f.xlsx", limits))
    through_bytes = outcome(lambda: sheetscan.scan_shared_strings(data, "f.xlsx", limits))
    if through_bytes == ("ok", True):  # the fast path decided
        assert slow == ("ok", False)
    else:
        assert through_bytes == slow


ROWS = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row></sheetData>'


@pytest.mark.parametrize("before, after, code, merges", [
    ('<dimension ref="A1:B1"/>', '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>', None, ("A1:B1",)),
    ("", '<c r="G1"/>', None, ()),  # a cell outside sheetData: the parse counts it
    ("", '<x:c r="XFD1"><x:v>1</x:v></x:c>', "READ_010", ()),
    ("", '<x:c r="XFD1"/>', None, ()),  # no value: python-calamine leaves it out
    ('<dimension ref="A1:XFD1048576"/>', "", None, ()),  # python-calamine reserves room for a small one only
    ('<dimension ref="A0:B2"/>', "", "READ_010", ()),  # not a reference
    ("", '<mergeCells><mergeCell ref="A1:XFD2"/></mergeCells>', "READ_010", ()),
    ("", '<mergeCells><mergeCell ref="A1:F9"/></mergeCells>', "READ_010", ()),  # over SMALL's merged cells
    ("", '<mergeCells><x:mergeCell ref="A1:XFD99"/></mergeCells>', "READ_010", ()),
    ("", "<mergeCells><mergeCell ref='A1:XFD99'/></mergeCells>", "READ_010", ()),
    ("", '<mergeCells><mergeCell ref="A&#49;:XFD99"/></mergeCells>', "READ_010", ()),
    ("<!-- a comment -->", '<mergeCells><mergeCell ref="A1:XFD99"/></mergeCells>', "READ_010", ()),
    ('<!-- <mergeCell ref="C1:D1"/> -->', "", None, ()),  # not an element: no merged range
    ('<?pi <mergeCell ref="C1:D1"/>?>', "", None, ()),
    ('<?pi x?>', '<mergeCells><mergeCell ref="A1:B1"/></mergeCells>', None, ("A1:B1",)),
    ("", '<mergeCells><mergeCell ref="A1:B1"/></mergeCells><x>', "READ_005", ()),  # not well-formed
])
def test_the_markup_outside_sheet_data_is_checked_as_the_parse_checks_it(before, after, code, merges):
    limits = SMALL if "F9" in after else DEFAULT_LIMITS
    data = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS} xmlns:x="u">{before}{ROWS}{after}'
            "</worksheet>").encode()
    slow, fast, through_bytes = sheet_outcomes(data, limits)
    assert slow[0] == ("refused" if code else "ok") and (not code or slow[1] == code)
    assert through_bytes == slow
    if fast is not None:
        assert slow == ("ok", fast) and fast.merged == merges


@pytest.mark.parametrize("text", ["&bogus;", "&amp", "a]]>b", "\x01", "\x1f", "&#0;", "&#X41;", "&#xD800;", "\ufffe",
                                  "&#1;", "&#xFFFF;"])
def test_text_xml_does_not_allow_is_left_to_the_parse_in_cells_and_shared_strings(text):
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData><row r="1"><c r="A1" t="str"><v>'
             f"{text}</v></c></row></sheetData></worksheet>").encode("utf-8", "surrogatepass")
    slow, fast, through_bytes = sheet_outcomes(sheet, DEFAULT_LIMITS)
    assert fast is None and slow[0] == "refused" and through_bytes == slow
    table = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}><si><t>{text}</t></si></sst>'.encode("utf-8")
    assert not fastxml.plain_shared_strings(table, DEFAULT_LIMITS.max_cell_chars)
    assert outcome(lambda: sheetscan.scan_shared_strings(io.BytesIO(table), "f.xlsx", DEFAULT_LIMITS))[0] == "refused"


@pytest.mark.parametrize("repeat", [0, 15, 16, 40])  # 1, 31, 33, 81 `&`: matched at each one, or searched for at once
@pytest.mark.parametrize("last", ["&amp;", "&#7871;", "&#x41;", "&#1;", "&bogus;", "& ", "&#xFFFF;"])
def test_references_are_found_at_each_ampersand_as_by_one_search(repeat, last):
    text = "Tiến &amp;&#7871; " * repeat + last
    part = text.encode()
    assert fastxml._references(part, part.count(b"&")) == set(fastxml._REFERENCE.findall(part))
    table = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}><si><t>{text}</t></si></sst>'.encode()
    assert fastxml.plain_shared_strings(table, DEFAULT_LIMITS.max_cell_chars) == (last in ("&amp;", "&#7871;", "&#x41;"))


def test_a_table_text_is_remembered_by_its_bytes_object_only():
    table = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}><si><t>Tiến độ</t></si></sst>'.encode()
    assert fastxml.table_text(table) == table.decode()
    assert fastxml.table_text(table) is fastxml.table_text(table)  # remembered: the same text
    broken = table.replace("ế".encode(), b"\xe1\xba")
    assert fastxml.table_text(broken) is None and fastxml.table_text(broken) is None
    equal = bytes(bytearray(table))  # equal bytes, another object: decoded again, the same text
    assert fastxml.table_text(equal) == table.decode()
    large = table.replace("Tiến độ".encode(), "đ".encode() * MEMO_BYTES)
    assert fastxml.table_text(large) == large.decode() and fastxml._table[0] is not large
