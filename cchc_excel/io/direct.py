"""A sheet's values read straight from the parts the strict grammars accepted, as python-calamine gives them.

python-calamine parses the zip, the workbook, the styles and the shared strings again when it opens a
file, then the sheet: most of a small file's reading time. For parts the grammars of fastxml.py
accepted, the reader already holds the inflated bytes and knows their shape exactly (every cell
`<c r=.. s=.. t=..>` with one `<v>` or one plain inline text; plain shared strings), so their values are
taken here, once, and are the values python-calamine would give: the sheet from A1 to its last cell holding
a value, numbers as float, a whole number in a date format as a date, TRUE/FALSE as bool, text with its
entities decoded.

What python-calamine decides by rules that are not certain here answers None, and python-calamine reads
the sheet as before: a number in a custom format that is not plainly a date or plainly not one, a date
before March 1900 or with a time of day, dates of the 1904 system, error and ISO-date cells, line breaks
written raw, `_xHHHH_` escapes, white space at either end of a text not marked to keep it (each decoded or
trimmed differently by python-calamine's versions), a shared string index past the table, a boolean other than
0 or 1, styles not written plainly (number formats outside the one numFmts before cellXfs, comments, CDATA).
The reader reads a sheet here only when the package is standard too (package.standard: the zip's directory,
the relationships, the workbook's sheets as python-calamine surely reads them). tests/io/test_direct.py
compares the two readings on generated parts, tests/io/test_direct_odd.py on the odd ones a review found.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable, cast

from ..model.cells import column_number
from .fastxml import COLUMN_NUMBERS, DECIMAL, column_of, table_text
from .memo import by_bytes

OTHER, DATE, UNSURE = 0, 1, 2
_STRING = re.compile(r'<si><t( xml:space="preserve")?(?:/>|>([^<]*)</t>)</si>')
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));")
NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}  # XML's predefined entities
EDGE = " \t\n"  # the white space python-calamine trims at a text's ends, or leaves to be told (xml:space)
_ESCAPE = re.compile(rb"_x[0-9a-fA-F]{4}_")  # Excel's escape of a character; readers differ on which they decode
_BUILTIN_OTHER = frozenset(range(0, 14)) | frozenset(range(37, 45)) | {48, 49}
_BUILTIN_DATE = frozenset(range(14, 23))
_DATE_CODE = re.compile(r"[dmy]+(?:[-/. ]+[dmy]+)*", re.I)  # day, month, year only: a date in every reader
_NUMBER_CODE = re.compile(r"[0#?.,%@ ]*|general", re.I)  # no letter that could mean a date
_LOCALE = re.compile(r"^\[\$-[0-9A-Fa-f]{1,8}\]")  # a leading language tag with no currency text
_EPOCH = date(1899, 12, 30)
_LAST_DAY = 2958465  # 31/12/9999
_NUMBER_FORMAT = re.compile(rb"<numFmt\b[^>]*>")
_XF = re.compile(rb"<xf\b[^>]*>")
_FORMAT_ID = re.compile(rb'\snumFmtId="([0-9]{1,9})"')
_FORMAT_CODE = re.compile(rb'\sformatCode="([^"]*)"')
_ODD_VALUE = re.compile(rb'="[^"]*[<>]')  # a value holding markup characters: tags would be found inside it


class Unsure(Exception):
    """A value whose reading is python-calamine's to decide."""


def shared_strings(data: bytes) -> list[str] | None:
    """The table of a plain shared string part (fastxml.plain_shared_strings accepted it), or None."""
    text = table_text(data)
    if text is None or "\r" in text or _escaped(data):  # raw line breaks, escapes: python-calamine's
        return None
    raws = _plain_strings(text)
    try:
        if raws is None or list(map(str.strip, raws)) != raws:  # xml:space, <t/>, white space at an end: one by one
            return [raw if "&" not in raw and (preserve or raw == raw.strip(EDGE)) else _text(raw, bool(preserve))
                    for preserve, raw in _STRING.findall(text)]
        return [_text(raw, False) if "&" in raw else raw for raw in raws] if "&" in text else raws
    except Unsure:
        return None


_BETWEEN = "</t></si><si><t>"  # what separates two strings written plainly


def _plain_strings(text: str) -> list[str] | None:
    """The raw texts of a grammar-accepted table when every string is written <si><t>…</t></si> (no xml:space, no
    <t/>), split at once (a text holds no `<`) rather than matched one at a time; else None."""
    start, end = text.find("<si>"), text.rfind("</si>")  # the first string's start, the last one's end
    if start < 0 or not text.startswith("<si><t>", start) or not text.endswith("</t>", start, end):
        return None
    raws = text[start + 7:end - 4].split(_BETWEEN)
    return None if "<" in "".join(raws) else raws  # a `<` left: another string's markup, not split at


def _escaped(data: bytes) -> bool:
    """Whether Excel's _xHHHH_ escape is in the part: looked for at each `_` (a table has few: a few found by memchr
    cost less than a search of the whole part), past 16 of them searched for in the rest at once."""
    at = data.find(b"_")
    for _ in range(16):
        if at < 0:
            return False
        if _ESCAPE.match(data, at):
            return True
        at = data.find(b"_", at + 1)
    return at >= 0 and bool(_ESCAPE.search(data, at))


def sheet_rows(cells: list[tuple], strings: list[str] | None, formats: Callable[[], tuple[int, ...] | None],
               date1904: bool) -> list[list] | None:
    """The rows python-calamine's to_python(skip_empty_area=False) gives for the cells of a grammar-accepted sheetData
    (fastxml.CELL's, as the scan found them), or None.

    formats() gives each style's number format kind (OTHER, DATE, UNSURE), read when a number needs it."""
    found = _shared_cells(cells, strings)
    if found is None:
        found = _cells(cells, strings, formats, date1904)
        if found is None:
            return None
    at_rows, at_columns, values = found
    if not values:
        return []
    width = max(at_columns)
    rows: list[list] = [[""] * width for _ in range(max(at_rows))]
    for row, column, held in zip(at_rows, at_columns, values):  # in the part's order: of a cell given twice, the last
        rows[row - 1][column - 1] = held
    return rows


Cells = tuple[list[int], list[int], list]  # every cell with a value: its row, its column, its value, in the part's order


def _shared_cells(cells: list[tuple], strings: list[str] | None) -> Cells | None:
    """The cells when every cell with a value holds a shared string (a template's sheet as written), taken with no
    Python per cell; None for any other sheet (_cells reads it) or when unsure."""
    if strings is None or not cells:
        return None
    letters, rows, _, kinds, indexes, _, _ = zip(*cells)
    if kinds.count(b"s") != len(kinds):
        return None
    try:
        return (_numbers(rows), list(map(COLUMN_NUMBERS.__getitem__, letters)),
                list(map(strings.__getitem__, _numbers(indexes))))
    except (KeyError, IndexError, ValueError):  # past ZZ, an index past the table or none: the loop decides
        return None


def _numbers(digits: tuple[bytes, ...]) -> list[int]:
    """Decimal numbers as written in a grammar-accepted sheet (no sign, no space), each looked up when it can be."""
    found = list(map(DECIMAL.get, digits))
    return list(map(int, digits)) if None in found else cast("list[int]", found)


def _cells(cells: list[tuple], strings: list[str] | None, formats: Callable[[], tuple[int, ...] | None],
           date1904: bool) -> Cells | None:
    """Every cell with a value, read one at a time; None where python-calamine decides."""
    at_rows: list[int] = []
    at_columns: list[int] = []
    values: list = []
    kinds: tuple[int, ...] | None = None
    count = len(strings) if strings is not None else 0
    try:
        for letters, row, style, kind, value, preserve, inline in cells:
            if kind == b"s":
                if not value:
                    continue
                index = DECIMAL.get(value) or int(value)
                if index >= count:
                    return None
                held: object = strings[index]  # type: ignore[index]  # count is 0 without a table
            elif not kind or kind == b"n":
                if not value:
                    continue
                held = float(value)
                if style:
                    if kinds is None:
                        kinds = formats()
                        if kinds is None:
                            return None
                    held = _styled(held, style, kinds, date1904)
            elif kind == b"inlineStr":
                if b"\r" in inline or _ESCAPE.search(inline):
                    return None
                held = _text(inline.decode("utf-8"), bool(preserve))
            elif kind == b"b" and value:
                if value != b"0" and value != b"1":  # python-calamine refuses or reads other texts its own way
                    return None
                held = value == b"1"
            elif kind == b"str":
                if b"\r" in value or b"&#" in value or _ESCAPE.search(value):
                    return None
                held = unescape(value.decode("utf-8"))
            elif kind == b"b":
                continue
            else:
                return None
            at_rows.append(DECIMAL.get(row) or int(row))
            at_columns.append(COLUMN_NUMBERS.get(letters) or column_of(letters))
            values.append(held)
    except Unsure:
        return None
    return at_rows, at_columns, values


def _styled(number: float, style: bytes, kinds: tuple[int, ...], date1904: bool) -> float | date:
    """A number as its cell style shows it: a date in a date format; Unsure where python-calamine decides."""
    index = DECIMAL.get(style) or int(style)
    if index >= len(kinds) or kinds[index] == OTHER:
        return number
    if kinds[index] == UNSURE or date1904:
        raise Unsure()
    return _date(number)


def pair_rows(pairs: list[tuple[bytes, ...]], strings: list[str], formats: Callable[[], tuple[int, ...] | None],
              date1904: bool) -> list[list] | None:
    """[key, value] of each row fastxml.pairs found, as sheet_rows gives those cells; None where python-calamine
    decides (an index past the table, a number in a format not certain)."""
    count = len(strings)
    kinds: tuple[int, ...] | None = None
    rows: list[list] = []
    try:
        for _markup, _row, key, style, text, number in pairs:
            at, index = DECIMAL.get(key) or int(key), DECIMAL.get(text) or int(text or 0)
            if at >= count or index >= count:
                return None
            if text:
                value: object = strings[index]
            else:
                value = float(number)
                if style:
                    if kinds is None:
                        kinds = formats()
                        if kinds is None:
                            return None
                    value = _styled(value, style, kinds, date1904)
            rows.append([strings[at], value])
    except Unsure:
        return None
    return rows


@by_bytes
def number_formats(styles: bytes) -> tuple[int, ...] | None:
    """Each cell style's number format kind, by the style index cells give, from styles.xml as spreadsheet
    applications write it (unprefixed, double-quoted, one cellXfs, number formats in one numFmts before it, no
    comment, CDATA or processing instruction, no markup character in a value); None for any other shape."""
    start, end = styles.find(b"<cellXfs"), styles.find(b"</cellXfs>")
    if start < 0 or end < start or b"'" in styles or styles.count(b"<cellXfs") != 1 \
            or b":cellXfs" in styles or b":xf" in styles or b":numFmt" in styles:
        return () if start < 0 and b"cellXfs" not in styles else None
    if b"<!" in styles or styles.count(b"<?") > styles.startswith(b"<?xml ") or _ODD_VALUE.search(styles):
        return None  # tags could be found inside a comment, CDATA, a processing instruction or a value
    tags = _format_tags(styles, start)
    if tags is None:
        return None
    codes = {}
    for tag in tags:
        number, code = _FORMAT_ID.search(tag), _FORMAT_CODE.search(tag)
        if number is None or code is None:
            return None
        codes[number.group(1).decode("ascii")] = unescape(code.group(1).decode("utf-8"))
    kinds = []
    for tag in _XF.findall(styles, start, end):
        number = _FORMAT_ID.search(tag)
        kinds.append(_kind(number.group(1).decode("ascii") if number else None, codes))
    return tuple(kinds)


def _format_tags(styles: bytes, cell_styles: int) -> list[bytes] | None:
    """The numFmt tags of the one numFmts element before the cell styles (python-calamine reads none elsewhere:
    not a dxf's, not after cellXfs); None when there are others."""
    tags = _NUMBER_FORMAT.findall(styles)
    if not tags:
        return []
    start = styles.find(b"<numFmts", 0, cell_styles)
    end = styles.find(b"</numFmts>", start, cell_styles) if start >= 0 else -1
    inside = _NUMBER_FORMAT.findall(styles, start, end) if end >= 0 else []
    return inside if styles.count(b"<numFmts") == 1 and len(inside) == len(tags) else None


def _kind(number_format: str | None, codes: dict[str, str]) -> int:
    if number_format is None or not number_format.isdigit() or number_format != str(int(number_format)):
        return UNSURE
    if number_format in codes:
        code = codes[number_format].strip()
        if _DATE_CODE.fullmatch(code):
            return DATE
        # a number format behind a language tag ([$-42A]0.0%, the tool's decimal comma) has no letter of a date
        return OTHER if _NUMBER_CODE.fullmatch(_LOCALE.sub("", code, count=1)) else UNSURE
    number = int(number_format)
    return OTHER if number in _BUILTIN_OTHER else DATE if number in _BUILTIN_DATE else UNSURE


def _date(number: float) -> date:
    """A whole serial number in a date format (1900 system) as python-calamine gives it."""
    if number != int(number) or not 61 <= number <= _LAST_DAY:
        raise Unsure()
    return _EPOCH + timedelta(days=int(number))


def _text(raw: str, preserve: bool) -> str:
    """A plain <t>'s text (its raw line breaks and escapes were refused before): entities decoded."""
    text = unescape(raw)
    if "\r" in text or "_x" in text or (not preserve and text and (text[0] in EDGE or text[-1] in EDGE)):
        raise Unsure()  # a line break, an escape or white space at an end made by references
    return text


def unescape(text: str) -> str:
    """XML's predefined entities and character references decoded; ValueError for a reference to no character."""
    return _ENTITY.sub(_reference, text) if "&" in text else text


def _reference(match: re.Match) -> str:
    named, decimal, hexadecimal = match.groups()
    return NAMED[named] if named else chr(int(decimal) if decimal else int(hexadecimal, 16))


_RANGE_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?")


def merged_ranges(refs: tuple[str, ...]) -> list[tuple[int, int, int, int]] | None:
    """(first row, first column, last row, last column) of each merged range as python-calamine gives them, or
    None for a reference it may read otherwise (lower case, reversed corners)."""
    ranges = []
    for ref in refs:
        match = _RANGE_REF.fullmatch(ref)
        if not match:
            return None
        first, row, last, end_row = match.groups()
        corners = (int(row), column_number(first), int(end_row or row), column_number(last or first))
        if corners[0] > corners[2] or corners[1] > corners[3]:
            return None
        ranges.append(corners)
    return ranges
