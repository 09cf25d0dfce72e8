"""Regular grammars for the XML spreadsheet applications write, so a part is checked without Python per cell.

The sheet scan (sheetscan.py) parses a part with expat and Python handlers; most of a file's reading time
went there. These grammars accept only a strict, well-formed subset of what Excel, LibreOffice, openpyxl
and xlsxwriter write: cells with a reference, a style and a known type, one number or text each; plain
shared strings. Whatever they accept is well-formed XML by construction: names, attributes in one fixed
order (so none twice), double-quoted values of printable ASCII, text without `<`, `]]>` or control
characters, only predefined entities and character references to characters XML allows, valid UTF-8.
Anything else (formulas, rich text, comments, CDATA, prefixes, single quotes, other encodings) is not
matched, and the caller falls back to the expat parse, which decides as before.
"""
from __future__ import annotations

import re
from operator import itemgetter
from typing import Callable

from ..model.cells import column_number
from .memo import MEMO_BYTES

_DECL = rb'(?:\xef\xbb\xbf)?(?:<\?xml version="1\.0"(?: encoding="(?i:utf-8)")?(?: standalone="(?:yes|no)")?\?>)?'
_HEAD = re.compile(_DECL + rb"[ \t\r\n]*<[A-Za-z_]")  # UTF-8: declared so, or with no declaration at all
# Text: no markup, no character XML does not allow but tab, LF and CR, `&` only in a predefined entity or a character
# reference (its character is checked in the whole part by _plain_text), no `]]>`.
_TEXT = (rb"(?:[^<&\]\x00-\x08\x0b\x0c\x0e-\x1f]++|&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});"
         rb"|\](?!\]>))*+")
_T = rb'<t(?: xml:space="preserve")?(?:/>|>' + _TEXT + rb"</t>)"
# A shared string table is mostly text: there the grammar takes any text, and a few whole-part searches
# (_odd_text, _plain_text) find what _TEXT refuses, for less than the character class costs on every character.
# Its four forms spelt out: the regular expression engine matches them a quarter faster than an optional attribute.
_ANY_T = rb'<t(?:>[^<]*+</t>| xml:space="preserve">[^<]*+</t>|/>| xml:space="preserve"/>)'
_VALUE = rb'"[\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\x7e]*"'  # printable ASCII but " & < >
_NUMBER = rb"-?(?:[0-9]{1,200}(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]{1,2})?"  # finite: below 1e300
_CELL = (rb'<c r="[A-Z]{1,3}(?P=row)"(?: s="[0-9]{1,9}")?(?:'
         rb' t="s"(?:/>|>(?:<v>[0-9]{1,10}</v>)?</c>)'  # a shared string's index: the most common cell first
         rb'|(?: t="n")?(?:/>|>(?:<v>(?:' + _NUMBER + rb")?</v>)?</c>)"
         rb'| t="(?:b|e|str|d)"(?:/>|>(?:<v>' + _TEXT + rb"</v>)?</c>)"
         rb'| t="inlineStr"(?:/>|>(?:<is>' + _T + rb"</is>)?</c>))")
_ROW_ATTRIBUTES = (b"spans", b"s", b"customFormat", b"ht", b"hidden", b"customHeight", b"outlineLevel",
                   b"collapsed", b"thickTop", b"thickBot", b"ph", b"x14ac:dyDescent")  # the schema's order
_ROW = (rb'<row r="(?P<row>[1-9][0-9]{0,6})"' + b"".join(rb"(?: %s=%s)?" % (name, _VALUE) for name in _ROW_ATTRIBUTES)
        + rb"(?:/>|>(?:" + _CELL + rb")*+</row>)")
_SHEET_DATA = re.compile(rb"<sheetData(?:/>|>(?:" + _ROW + rb")*+</sheetData>)")
# A row's start tag, as _ROW takes it; a row with no attribute past `spans` (most) is taken without trying each
_ROW_START = (rb'<row r="([1-9][0-9]{0,6})"(?: spans=' + _VALUE + rb")?(?:>|"
              + b"".join(rb"(?: %s=%s)?" % (name, _VALUE) for name in _ROW_ATTRIBUTES[1:]) + b">)")
# A row of a sheet of key/value pairs (the metadata) as the tool and spreadsheet applications write it: a shared
# string key in A, a shared string or a number in B, nothing else; (the row's markup, its number, the key's index,
# B's style, B's shared string index, B's number). Each is a row _SHEET_DATA accepts: so is a sheetData of such rows.
_PAIR = re.compile(b"(" + _ROW_START + rb'<c r="A\2"(?: s="[0-9]{1,9}")? t="s"><v>([0-9]{1,10})</v></c><c r="B\2"'
                   rb'(?: s="([0-9]{1,9})")?(?: t="s"><v>([0-9]{1,10})|(?: t="n")?><v>(' + _NUMBER
                   + rb"))</v></c></row>)")
# A custom document property (docProps/custom.xml) as Excel, LibreOffice and xlsxwriter write it: (its markup, its
# name, its value's type, its value's text); the part holding such properties only is well-formed by construction
_PROPERTY = re.compile(rb'(<property fmtid="\{[0-9A-Fa-f-]{36}\}" pid="[0-9]{1,9}" name="([^"<>&\x00-\x1f]{1,255})">'
                       rb"(?:<vt:([a-z0-9]{1,10})>(" + _TEXT + rb")</vt:\3>|<vt:([a-z0-9]{1,10})/>)</property>)")
_PROPERTIES = re.compile(_DECL + rb"[ \t\r\n]*<Properties xmlns=" + _VALUE + rb" xmlns:vt=" + _VALUE + rb">")
# Every cell with a child element (a value, or an inline string) of an accepted sheetData, as (column letters, row,
# style, type, value, xml:space of the inline text, inline text): what the scan counts, and what direct.py reads
CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"(?: s="([0-9]{1,9})")?(?: t="([a-zA-Z]{1,9})")?>'
                  rb'<(?:v>([^<]*)</v>|is><t( xml:space="preserve")?(?:/>|>([^<]*)</t>)</is>)')
# The numbers cell references, styles and shared string indexes mostly are, by their digits: int() of bytes costs
# about 1,000 instructions, a lookup here about 100 (and each reading takes hundreds)
DECIMAL = {b"%d" % number: number for number in range(10_000)}
COLUMN_NUMBERS = {letters.encode("ascii"): column_number(letters) for letters in  # A..ZZ
            [chr(65 + i) for i in range(26)] + [chr(65 + i) + chr(65 + j) for i in range(26) for j in range(26)]}
_SHARED_STRINGS = re.compile(_DECL + rb"[ \t\r\n]*<sst(?: xmlns=" + _VALUE + rb')?(?: count="[0-9]{1,10}")?'
                             rb'(?: uniqueCount="[0-9]{1,10}")?(?:/>|>(?:<si>' + _ANY_T + rb"</si>)*+</sst>)[ \t\r\n]*")
# every `&` but a predefined entity's: a character reference (its decimal or hexadecimal code), else a bare `&` (none)
_REFERENCE = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos);)(?:#([0-9]{1,7});|#x([0-9a-fA-F]{1,6});)?")
_SPECIAL = frozenset(range(0x20)) - frozenset(b"\t\n") | frozenset(b"&]_\xef")  # what a check below looks for
_ORDINARY = bytes(sorted(frozenset(range(256)) - _SPECIAL))


def sheet_data(data: bytes, max_chars: int) -> tuple[int, int, int, int, list[tuple]] | None:
    """(start, end, rows, columns, cells) of a sheet part's sheetData element when the grammar accepts it, else None.

    cells are those with a child element (CELL), in the part's order; rows and columns their extent (0, 0 with none:
    a cell with no child element is not counted, as the scan does not count it); no cell's text is over max_chars.
    One pass finds the cells for both: no Python per cell but for each distinct column."""
    if not _HEAD.match(data):
        return None
    start = data.find(b"<sheetData")
    if start < 0:
        return None
    end = start + 12 if data.startswith(b"<sheetData/>", start) else data.find(b"</sheetData>", start) + 12
    region = data[start:end]  # the rest of the part is left to expat
    if end < start + 12 or not _SHEET_DATA.fullmatch(region) or not _plain_text(region, max_chars, _looked_for(region)):
        return None
    cells = CELL.findall(region)  # every cell's row is its row's (the grammar): the cells give the rows' extent
    if not cells:
        return start, end, 0, 0, cells
    columns = max(map(column_of, set(map(itemgetter(0), cells))))
    return start, end, max(map(int, set(map(itemgetter(1), cells)))), columns, cells  # each row's number once


def pairs(data: bytes, max_chars: int) -> tuple[int, int, int, list[tuple[bytes, ...]]] | None:
    """(start, end, rows, pairs) of a sheet part's sheetData when it holds rows of key/value pairs only (_PAIR), in
    increasing order, else None (sheet_data and the general reading decide); rows: the last row's number. One pass,
    no grammar of every cell: the general reading of the metadata's 76 cells cost a sixth of a unit file's reading."""
    if not _HEAD.match(data):
        return None
    start = data.find(b"<sheetData>")
    end = data.find(b"</sheetData>", start)
    if start < 0 or end < 0:
        return None
    found = _tiling(_PAIR, data, start + 11, end)
    if not found:
        return None
    rows = list(map(int, map(itemgetter(1), found)))
    if rows != sorted(set(rows)) or not _plain_text(data[start:end], max_chars, b""):
        return None
    return start, end + 12, rows[-1], found


def properties(data: bytes, max_chars: int) -> list[tuple[bytes, bytes, bytes]] | None:
    """(name, value type, value text as written) of each property of a custom properties part written plainly
    (_PROPERTY only, in one Properties element), else None; an empty value's type is b"" and its text b"". """
    head = _PROPERTIES.match(data)
    end = data.rfind(b"</Properties>")
    if head is None or end < head.end() or data[end + 13:].strip(b" \t\r\n"):
        return None
    found = _tiling(_PROPERTY, data, head.end(), end)
    region = data[head.end():end]
    if found is None or not _plain_text(region, max_chars, special(region)):
        return None
    return [(name, kind, text) for _, name, kind, text, _ in found]


def _tiling(pattern: re.Pattern, data: bytes, start: int, end: int) -> list[tuple[bytes, ...]] | None:
    """pattern's matches in data[start:end] (each one's first group its whole markup) when they follow one another
    and make up all of it, no byte between or around them left to no grammar; else None."""
    found = pattern.findall(data, start, end)
    return found if b"".join(map(itemgetter(0), found)) == data[start:end] else None


def column_of(letters: bytes) -> int:
    """A cell reference's column letters (CELL) as a number."""
    return COLUMN_NUMBERS.get(letters) or column_number(letters.decode("ascii"))


def utf8_head(data: bytes) -> bool:
    """True when a part's first bytes declare it UTF-8 (or declare nothing) and its root element follows."""
    return bool(_HEAD.match(data))


def plain_shared_strings(data: bytes, max_chars: int) -> bool:
    """True when a shared string table holds only plain strings (one text each) of at most max_chars."""
    if not _SHARED_STRINGS.fullmatch(data):
        return False
    found = special(data)
    return not _odd_text(data, found) and _plain_text(data, max_chars, found, table_text)


def _looked_for(region: bytes) -> bytes:
    """What _plain_text looks for in a sheetData the grammar accepted (its text holds no control character and no
    `]]>`): each `&` and 0xEF, found by searches in C rather than by special()'s pass over every byte."""
    return b"&" * region.count(b"&") + (b"\xef" if b"\xef" in region else b"")


def special(part: bytes) -> bytes:
    """The bytes of a part the checks look for, in order, every other byte left out: control characters and CR,
    `&`, `]`, `_` and 0xEF (the lead byte of U+F000..U+FFFF). A part holds few of them, so one pass in C tells
    which of the checks' whole-part searches need to be made at all."""
    return part.translate(None, _ORDINARY)


def text_of(part: bytes) -> str | None:
    """A part's bytes as UTF-8 text; None when they are not valid UTF-8."""
    try:
        return part.decode("utf-8")
    except UnicodeDecodeError:
        return None


_table: tuple[bytes, str | None] = (b"", "")  # the last shared string table decoded (held: its id is not reused)


def table_text(part: bytes) -> str | None:
    """text_of a shared string table, remembered for the last table of up to MEMO_BYTES by the bytes object itself:
    the reader checks a table, then reads the same object (its bytes, which no other file has, are not hashed)."""
    global _table
    held = _table  # one read: another thread may replace it meanwhile
    if held[0] is part:
        return held[1]
    text = text_of(part)
    if len(part) <= MEMO_BYTES:
        _table = (part, text)
    return text


def _odd_text(part: bytes, found: bytes) -> bool:
    """What _TEXT refuses but a bare `&` (_plain_text), searched in a whole part (found: its special bytes): a
    character XML does not allow, `]]>`."""
    return bool(found.translate(None, b"\r&]_\xef")) or (b"]" in found and b"]]>" in part)


def _plain_text(part: bytes, max_chars: int, found: bytes,
                decode: Callable[[bytes], str | None] = text_of) -> bool:
    """Beyond what the grammar checked: valid UTF-8 without U+FFFE or U+FFFF, `&` only in a predefined entity or a
    reference to a character XML allows, no text over max_chars (its bytes bound its characters); found: its
    special bytes; decode: text_of, or table_text for a shared string table."""
    if not part.isascii():
        if decode(part) is None:
            return False
        if b"\xef" in found and (b"\xef\xbf\xbe" in part or b"\xef\xbf\xbf" in part):  # U+FFFE, U+FFFF
            return False
    if b"&" in found:
        references = _references(part, found.count(b"&"))
        if (b"", b"") in references or not all(_is_xml_char(int(decimal) if decimal else int(hexadecimal, 16))
                                               for decimal, hexadecimal in references):
            return False
    return len(part) <= max_chars or max(map(len, part.split(b"<"))) <= max_chars


def _references(part: bytes, count: int) -> set[tuple[bytes, ...]]:
    """_REFERENCE's findall of a part holding count `&`: matched at each of them when they are few (found by memchr:
    less than a search of the whole part), else searched for at once."""
    if count > 32:
        return set(_REFERENCE.findall(part))
    references: set[tuple[bytes, ...]] = set()
    at = part.find(b"&")
    while at >= 0:
        found = _REFERENCE.match(part, at)
        if found:
            references.add(found.groups(b""))
        at = part.find(b"&", at + 1)
    return references


def _is_xml_char(code: int) -> bool:
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF
