"""A review of the metadata sheet's own grammar (fastxml.pairs, WorkbookData.pair_rows): odd sheets a reader meets
give the pairs (or the refusal) of the general reading, read by the grammar only where it is sure."""
from __future__ import annotations

import pytest

from test_pairs import _book, _read


def _row(number: int, value: str = "<v>1</v>", style: str = "") -> str:
    return f'<row r="{number}"><c r="A{number}" t="s"><v>0</v></c><c r="B{number}"{style}>{value}</c></row>'


ODD = {  # (rows, markup before sheetData, after it, whether the grammar reads them)
    "an element named like sheetData first": (_row(1), "<sheetDataX/>", "", True),
    "a prefixed sheetData first": (_row(1), '<x:sheetData xmlns:x="urn:x"/>', "", False),
    "minus zero": (_row(1, "<v>-0</v>"), "", "", True),
    "a number of 200 digits": (_row(1, "<v>" + "9" * 200 + "</v>"), "", "", True),
    "1e3 and 007": (_row(1, "<v>1e3</v>") + _row(2, "<v>007</v>"), "", "", True),
    "indexes with leading zeros": ('<row r="1"><c r="A1" t="s"><v>00</v></c><c r="B1" t="s"><v>01</v></c></row>', "",
                                   "", True),
    "the last row the limits allow": (_row(100_000), "", "", True),
    "a row past the limits": (_row(100_001), "", "", False),
    "a row past any sheet": (_row(9_999_999), "", "", False),
    "a dimension of a whole sheet": (_row(1), '<dimension ref="A1:XFD1048576"/>', "", True),
    "a dimension past any sheet": (_row(1), '<dimension ref="A1:ZZZ9999999"/>', "", True),
    "a date before March 1900": (_row(1, "<v>60</v>", ' s="1"'), "", "", False),
    "a date with a time": (_row(1, "<v>44301.5</v>", ' s="1"'), "", "", False),
    "a negative date": (_row(1, "<v>-1</v>", ' s="1"'), "", "", False),
    "a date past 9999": (_row(1, "<v>2958466</v>", ' s="1"'), "", "", False),
    "a style past the styles": (_row(1, "<v>44301</v>", ' s="9"'), "", "", True),
    "a key given twice": (_row(1) + _row(2, "<v>2</v>"), "", "", True),
    "a cell outside sheetData": (_row(1), "", '<extLst><c r="C1"><v>3</v></c></extLst>', False),
    "a DTD after the root": (_row(1), "", "<!DOCTYPE x>", False),
    "an empty key": ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
                     '<row r="2"><c r="A2" t="inlineStr"><is><t></t></is></c><c r="B2"><v>1</v></c></row>', "", "",
                     False),
}


@pytest.mark.parametrize("rows, before, after, fast", ODD.values(), ids=list(ODD))
def test_odd_metadata_sheets_read_as_their_general_reading(tmp_path, rows, before, after, fast):
    path = _book(tmp_path, rows, after, "")
    if before:  # markup before sheetData: the part written again with it
        import zipfile
        with zipfile.ZipFile(path) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
        sheet = "xl/worksheets/sheet1.xml"
        parts[sheet] = parts[sheet].replace(b"<sheetData>", before.encode() + b"<sheetData>", 1)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
    found, by_grammar = _read(path, general=False)
    assert found == _read(path, general=True)[0]
    assert by_grammar == fast
