"""A master table sheet in the form the tool writes it (sheets/table_xml.py), read in a stream from its part.

python-calamine builds a sheet's whole range before giving its first row: some 100 MB for a 60,000-row period
sheet. When a merge must write a previous master's sheets again (another version's styles: sheets/master.py),
each sheet is read here instead, one row at a time from its inflated part, as python-calamine would give it to
master_rows: a strict grammar of what the tool itself writes (rows in order, each cell `<c r=.. s=..>` with one
inline text or one number, the header's width at most), texts with their five named entities decoded, numbers
as float. A number in one of the date columns is given as its serial number, which master_rows reads as the
same date python-calamine's date would give (reader.to_date): only a whole day from 1 March 1900 is taken.

Anything else (shared strings, formulas, `_xHHHH_` escapes that python-calamine's versions decode differently, a
raw carriage return, white space at an end of a text not marked to keep it, markup outside the grammar, a damaged
part) raises NotPlain: the caller then reads the sheet through the reader, as before, which decides and refuses
with its own codes.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from typing import Callable, Generator, Iterator

from ..model.cells import column_letter
from . import fastxml
from .direct import EDGE, NAMED

CHUNK = 256 * 1024
MAX_PENDING = 8 * 2**20  # bytes of one row (17 texts of 32,767 characters take under 2 MiB)
_CELL = re.compile(r'<c r="([A-Z]{1,3})([0-9]{1,7})"(?: s="([0-9]{1,9})")?(?: t="inlineStr"><is><t( xml:space='
                   r'"preserve")?>([^<]*)</t></is>|><v>(-?[0-9]{1,15}(?:\.[0-9]{1,17})?)</v>)</c>')  # as _ANY_CELL
_ANY_CELL = rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]{1,9}")?(?: t="inlineStr"><is><t(?: xml:space="preserve")?>' \
            rb'[^<]*</t></is>|><v>-?[0-9]{1,15}(?:\.[0-9]{1,17})?</v>)</c>'
_ROW = re.compile(rb'<row r="([0-9]{1,7})"(?: (?:spans|s|customFormat|ht|hidden|customHeight)="[^"<>&]*")*>((?:'
                  + _ANY_CELL + rb')*+)</row>')
_END = b"</sheetData>"
_ENTITY = re.compile(r"&(amp|lt|gt|quot|apos);")
_ESCAPE = re.compile(r"_x[0-9a-fA-F]{4}_")  # Excel's escape of a character: readers differ on which they decode
_COLUMNS = {column_letter(n): n for n in range(1, 703)}  # A to ZZ (a table is narrower)
_FIRST_DAY, _LAST_DAY = 61, 2958465  # 1 March 1900 (python-calamine and the serial agree from then), 31/12/9999


class NotPlain(Exception):
    """The part is not in the form this module reads for certain."""


def plain_rows(archive: zipfile.ZipFile, info: zipfile.ZipInfo, width: int, dates: tuple[frozenset[int], frozenset[int]],
               max_rows: int, max_chars: int, outside: Callable[[bytes], None] | None = None) -> Iterator[list]:
    """The sheet's rows from row 1 as python-calamine gives them to master_rows (a row missing in between as []),
    each of width cells; dates: the (0-based) columns that may hold a date, and the style indexes of a date format
    (a number in any other style is left to python-calamine). NotPlain when the part is not in the tool's own form,
    or has a row past max_rows or a text of more than max_chars characters (the reader refuses them: READ_010), or
    is damaged (read to its end, so that its checksum is checked). outside, when given, judges the markup outside
    the cells (NotPlain if it does not pass): the part's head before its first row, then the head and what follows
    the cells (at most MAX_PENDING bytes) after the last."""
    try:
        with archive.open(info) as part:
            chunks = iter(lambda: part.read(CHUNK), b"")
            head: list[bytes] = []
            tail = yield from _rows(chunks, width, dates, (max_rows, max_chars), _judged(outside, head))
            for chunk in chunks:  # the rest, after the cells
                tail = (tail if outside else tail[-64:]) + chunk
                if b"<!" in tail or len(tail) > MAX_PENDING:
                    raise NotPlain()
            if b"<!" in tail or not tail.rstrip().endswith(b"</worksheet>"):
                raise NotPlain()
            if outside is not None:
                outside(head[0] + tail)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, UnicodeDecodeError) as err:
        raise NotPlain() from err


def _judged(outside: Callable[[bytes], None] | None, kept: list[bytes]) -> Callable[[bytes], None]:
    """What judges the part's head: outside, keeping it for the judgement of the whole markup at the end."""
    def judge(head: bytes) -> None:
        kept.append(head)
        if outside is not None:
            outside(head)
    return judge


def _rows(chunks: Iterator[bytes], width: int, dates: tuple[frozenset[int], frozenset[int]],
          most: tuple[int, int], judge: Callable[[bytes], None]) -> Generator[list, None, bytes]:
    """The rows, as plain_rows gives them (judge: given the head); returns what was read after the cells."""
    buffer, at, last = _head(chunks, judge), 0, 0
    max_rows, max_chars = most
    while True:
        found = _ROW.match(buffer, at)
        if found is None:
            if buffer.startswith(_END, at):
                return buffer[at + len(_END):]
            more = next(chunks, b"")
            if not more or len(buffer) - at > MAX_PENDING:
                raise NotPlain()
            buffer, at = buffer[at:] + more, 0
            continue
        number = int(found.group(1))
        if number <= last or number > max_rows or (not last and number != 1):
            raise NotPlain()
        for _ in range(last + 1, number):
            yield []
        yield _cells(found.group(2).decode("utf-8"), found.group(1).decode("ascii"), width, dates, max_chars)
        last, at = number, found.end()


def _head(chunks: Iterator[bytes], judge: Callable[[bytes], None]) -> bytes:
    """What follows <sheetData> (read so far), once the part's head is plain: UTF-8, no DTD, comment, CDATA or
    processing instruction where a <sheetData> could hide; and judge(the head up to <sheetData>) passed."""
    head = b""
    for chunk in chunks:
        head += chunk
        at = head.find(b"<sheetData>")
        if at >= 0:
            before = head[:at]
            if not fastxml.utf8_head(head) or b"<!" in before or before.count(b"<?") > before.startswith(b"<?xml "):
                raise NotPlain()
            judge(before)
            return head[at + len(b"<sheetData>"):]
        if len(head) > MAX_PENDING:
            break
    raise NotPlain()


def _cells(content: str, row: str, width: int, dates: tuple[frozenset[int], frozenset[int]], max_chars: int) -> list:
    """A row's values (content: its cells' XML, which the grammar accepted); NotPlain for a text over max_chars
    (counted before its entities are decoded: never fewer than the reader counts)."""
    if "\r" in content or ("_x" in content and _ESCAPE.search(content)) or (
            "&" in content and content.count("&") != len(_ENTITY.findall(content))):  # a character reference
        raise NotPlain()
    values: list = [""] * width
    date_columns, date_styles = dates
    last = 0
    for letters, digits, style, preserve, text, number in _CELL.findall(content):
        column = _COLUMNS.get(letters, 703)
        if digits != row or column <= last or column > width:
            raise NotPlain()
        last = column
        if number:
            value = float(number)
            if style and (column - 1 not in date_columns or int(style) not in date_styles
                          or not value.is_integer() or not _FIRST_DAY <= value <= _LAST_DAY):
                raise NotPlain()
            values[column - 1] = value
        else:
            if len(text) > max_chars:
                raise NotPlain()
            if "&" in text:
                text = _ENTITY.sub(_named, text)
            if not preserve and text and (text[0] in EDGE or text[-1] in EDGE):
                raise NotPlain()
            values[column - 1] = text
    return values


def _named(found: re.Match) -> str:
    return NAMED[found.group(1)]
