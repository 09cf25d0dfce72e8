"""A plain data table's sheet XML, generated row by row: no per-cell table in memory.

The master's data, history and log sheets are large, plain tables (a header row, then values). xlsxwriter
keeps every cell of a sheet in memory until the workbook is closed; here each row becomes XML as it is
produced and goes straight into the zip (sheets/package.py). Strings are inline (t="inlineStr"), so a
sheet part does not depend on the workbook's shared strings and can be copied as it is into the next
version of the master; text is always written as text, never as a formula. The part around the cells
(columns, frozen header, filter, print setup) is taken from the empty sheet xlsxwriter wrote in its place,
so the sheet looks as xlsxwriter would have made it.
"""
from __future__ import annotations

import math
import re
from datetime import date, datetime
from itertools import chain
from typing import Iterable, Iterator

from ..model.cells import column_letter

# XML's own three, control characters as Excel writes them (_x0001_), and the "_" of a text that already
# looks like such an escape (so "_x0041_" typed by a user does not come back as "A").
_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_REPLACE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "_": "_x005F_"}
_EPOCH = date(1899, 12, 30).toordinal()
_CHUNK = 256 * 1024
DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+(?::([A-Z]+)(\d+))?"/>')


def _plain(text: str) -> bool:
    """True when text has nothing to escape, decided without the regex (several times faster): printable
    text has none of the control characters, and then only &, <, > and "_x" are left to look for."""
    return text.isprintable() and "&" not in text and "<" not in text and ">" not in text and "_x" not in text


def _escape(text: str) -> str:
    if _plain(text) or _ESCAPE.search(text) is None:
        return text
    return _ESCAPE.sub(lambda m: _REPLACE.get(m.group(), f"_x{ord(m.group()):04X}_"), text)


def sheet_chunks(template: bytes, headers: tuple[str, ...], rows: Iterable[tuple], count: int, *,
                 header_style: int, date_style: int, wrap_style: int = 0,
                 wrap_widths: dict[int, float] | None = None, lines=None, line_points: float = 15.5,
                 header_points: float = 0) -> Iterator[bytes]:
    """The sheet's XML in chunks: template (an empty sheet) with the header row and rows as its cells.

    Values: str (written as text; empty is a blank cell), date or datetime (a date cell in date_style),
    int/float (a number), None (blank). Rows (count of them) are written in order from Excel row 2.
    A text in a column of wrap_widths (column index → width) that is longer than the column or has a line
    break is written in wrap_style, and its row made tall enough: lines(text, width) lines of line_points.
    """
    wrap_widths = wrap_widths or {}
    head, tail = _split(template)
    letters = [column_letter(c) for c in range(1, len(headers) + 1)]
    head = DIMENSION.sub(f'<dimension ref="A1:{letters[-1]}{count + 1}"/>'.encode(), head, count=1)
    yield head
    cells = "".join(f'<c r="{letter}1" s="{header_style}" t="inlineStr"><is><t>{_escape(h)}</t></is></c>'
                    for letter, h in zip(letters, headers))
    header = f'<row r="1" ht="{header_points:g}" customHeight="1">' if header_points else '<row r="1">'
    yield from _chunked(chain([f'{header}{cells}</row>'], _table_rows(
        letters, rows, (date_style, wrap_style, wrap_widths, lines, line_points))), tail)


def _table_rows(letters: list[str], rows: Iterable[tuple], styles: tuple) -> Iterator[str]:
    """Each row's XML, as sheet_chunks describes it."""
    date_style, wrap_style, wrap_widths, lines, line_points = styles
    date_tail = f'" s="{date_style}"><v>'
    wrapped = f' s="{wrap_style}"'
    # each cell's XML up to its row number, and its column's wrap width
    columns = [(f'<c r="{letter}', wrap_widths.get(col)) for col, letter in enumerate(letters)]
    for number, row in enumerate(rows, start=2):
        out = [""]
        at = str(number)
        # one test for the whole row: most rows have nothing to escape
        joined = "".join([v for v in row if v.__class__ is str])
        plain = _plain(joined) or _ESCAPE.search(joined) is None
        height = 1
        for (start, width), value in zip(columns, row):
            kind = value.__class__
            if kind is str:
                if value:
                    # strip() removes the same whitespace isspace() finds, and gives the text back when none
                    space = ' xml:space="preserve"' if value.strip() != value else ""
                    style = ""
                    if width and (len(value) > width or "\n" in value):
                        style = wrapped
                        height = max(height, lines(value, width) if lines else value.count("\n") + 1)
                    out.append(f'{start}{at}"{style} t="inlineStr"><is><t{space}>'
                               f'{value if plain else _escape(value)}</t></is></c>')
            elif kind is date or kind is datetime:
                out.append(f'{start}{at}{date_tail}{value.toordinal() - _EPOCH}</v></c>')
            elif value is not None:
                out.append(f'{start}{at}"><v>{value!r}</v></c>')
        out[0] = (f'<row r="{at}" ht="{height * line_points:g}" customHeight="1">' if height > 1
                  else f'<row r="{at}">')
        out.append("</row>")
        yield "".join(out)


def _chunked(texts: Iterable[str], tail: str) -> Iterator[bytes]:
    """Rows' XML joined into chunks of about _CHUNK characters, then the sheet's tail, as UTF-8."""
    parts: list[str] = []
    size = 0
    for text in texts:
        parts.append(text)
        size += len(text)
        if size > _CHUNK:
            yield "".join(parts).encode("utf-8")
            parts, size = [], 0
    parts.append(tail)
    yield "".join(parts).encode("utf-8")


def _split(template: bytes) -> tuple[bytes, str]:
    """The empty sheet's XML up to its cells (with <sheetData>) and from the end of its cells on."""
    start = template.index(b"<sheetData")
    end = template.find(b"</sheetData>")
    if end < 0:  # <sheetData/>
        head, tail = template[:start], template[template.index(b">", start) + 1:]
    else:
        head, tail = template[:start], template[end + len(b"</sheetData>"):]
    return head + b"<sheetData>", "</sheetData>" + tail.decode("utf-8")


def row_count(part_head: bytes) -> int:
    """The number of rows below the header of a sheet written by sheet_chunks, from its <dimension>."""
    found = DIMENSION.search(part_head)
    return int(found.group(2)) - 1 if found and found.group(2) else 0


def grid_chunks(template: bytes, rows: Iterable[tuple[int, list[tuple[int, object, int]]]],
                last: tuple[int, int]) -> Iterator[bytes]:
    """A sheet's XML in chunks: template (an empty sheet) with a grid of cells, such as a copied sheet.

    rows gives (1-based row number, cells) in row order, each cell (0-based column, value, style index;
    0 for none); last is the (row, column) of the bottom-right cell, 1-based, for the sheet's dimension.
    Values: str (always text, never a formula), bool, int/float (a number that is not finite is written as
    its text), date or datetime (the serial day and time: give a date style), None or "" (a cell only when
    styled).
    """
    head, tail = _split(template)
    yield DIMENSION.sub(f'<dimension ref="A1:{column_letter(max(last[1], 1))}{max(last[0], 1)}"/>'.encode(), head,
                        count=1)
    letters = [column_letter(c) for c in range(1, last[1] + 1)]
    yield from _chunked((_grid_row(number, cells, letters) for number, cells in rows), tail)


def appended_chunks(template: bytes, rows: Iterable[tuple[int, list[tuple[int, object, int]], float]],
                    last: tuple[int, int], merges: list[str]) -> Iterator[bytes]:
    """A sheet's XML in chunks: template (a sheet xlsxwriter wrote, with its first rows) with rows appended after
    its own, each (1-based row number, cells as grid_chunks takes them, height in points), and merges (ranges
    "A5:A9") added to its merged cells. last: the (row, column) of the bottom-right cell, 1-based."""
    end = template.index(b"</sheetData>")
    head = DIMENSION.sub(f'<dimension ref="A1:{column_letter(last[1])}{last[0]}"/>'.encode(), template[:end], count=1)
    tail = template[end + len(b"</sheetData>"):].decode("utf-8")
    found = _MERGES.search(tail)
    listed = "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
    if found:
        count = int(found.group(1)) + len(merges)
        tail = f'{tail[:found.start()]}<mergeCells count="{count}">{found.group(2)}{listed}</mergeCells>' \
               f'{tail[found.end():]}'
    elif merges:
        tail = f'<mergeCells count="{len(merges)}">{listed}</mergeCells>{tail}'
    yield head
    letters = [column_letter(c) for c in range(1, last[1] + 1)]
    yield from _chunked((_grid_row(number, cells, letters, height) for number, cells, height in rows),
                        "</sheetData>" + tail)


_MERGES = re.compile(r'<mergeCells count="(\d+)">(.*?)</mergeCells>', re.S)


def _grid_row(number: int, cells: list[tuple[int, object, int]], letters: list[str], height: float = 0) -> str:
    joined = "".join([v for _, v, _ in cells if v.__class__ is str])
    escape = str if _plain(joined) or _ESCAPE.search(joined) is None else _escape
    out = [f'<row r="{number}" ht="{height:g}" customHeight="1">' if height else f'<row r="{number}">']
    for col, value, style in cells:
        out.append(_cell(f'{letters[col]}{number}', value, f' s="{style}"' if style else "", escape))
    out.append("</row>")
    return "".join(out)


def _cell(ref: str, value: object, style: str, escape=_escape) -> str:
    if isinstance(value, str):
        if not value:
            return f'<c r="{ref}"{style}/>' if style else ""
        space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{escape(value)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>'
    if isinstance(value, date) and value.year < 1900:  # before Excel's first day: as text
        return _cell(ref, value.isoformat(), style)
    if isinstance(value, datetime):
        serial = value.toordinal() - _EPOCH + (value.hour * 3600 + value.minute * 60 + value.second) / 86400
        return f'<c r="{ref}"{style}><v>{serial!r}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}"{style}><v>{value.toordinal() - _EPOCH}</v></c>'
    if value is None:
        return f'<c r="{ref}"{style}/>' if style else ""
    return _cell(ref, str(value), style)
