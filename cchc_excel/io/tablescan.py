"""A master's data sheet bounded in one pass while its part is inflated, before python-calamine reads it.

python-calamine allocates a sheet's bounding box (its largest row × its largest column) at once: one cell at
XFD1048576 is some 17 billion cells. The tool's own master is trusted by its metadata and plan fingerprint,
which anyone can copy from a real master, so its period, history and log sheets are bounded here instead of by
the sheet scan (sheetscan.py: a Python handler per cell, too slow for the 60,000-row sheets every command
reads). The part is inflated once in a stream (zipguard.stream_part: its real size and checksum against the
zip's directory, no DTD in its prolog), and checked in segments of whole tags (cut before a '<', so a tag split
between two chunks is seen whole):

- a segment is plain when, in a copy where letters and digits are made alike and whitespace is deleted (what
  python-calamine reads alike then looks alike), every element starting `<c` is a cell whose first attribute
  is its reference, of one letter up to the largest column known and at most five digits, and no second `r`
  attribute follows: a handful of byte counts and searches, no Python per cell (plain());
- a segment that is not is halved down to SMALL bytes, where compiled expressions find each suspect: a
  reference or row number to judge exactly (refused past the limits), or what they cannot judge the way
  python-calamine reads it (a cell whose first attribute is not its reference, a second `r` attribute, a
  prefixed cell, a comment, CDATA or declaration), which raises Undecided;
- a part not in UTF-8, or with a text longer than the cell limit in bytes, raises Undecided too.

On Undecided the caller runs the full sheet scan, exact but slower. The largest row of a plain reference is at
most PLAIN_ROWS; the bounding box this gives is checked against max_cells at the end.
"""
from __future__ import annotations

import re
import zipfile
from typing import TYPE_CHECKING, Iterable

from ..model.errors import WorkbookReadError
from . import fastxml
from .package import opened
from .sheetscan import cell_position, scan_sheet
from .zipguard import check_directory, stream_part, verify_parts

if TYPE_CHECKING:
    from .limits import ReadLimits

PLAIN_ROWS = 99_999  # the largest row a reference with at most five digits can name
MIN_SEGMENT = 4096  # bytes gathered before a segment is checked
HEAD = 1024  # bytes gathered before the part's head (its encoding, its root element) is checked
SMALL = 4096  # a segment that is not plain is halved down to this size, then judged by the expressions
_UPPER = bytes(range(65, 91))
# Per largest one-letter column known so far (0 to 26): letters up to it become A, letters beyond it Z, digits 0,
# quotes double, a colon '<' (a prefixed name then looks like one more element), '!' a 'c' (a comment, CDATA or
# declaration looks like an element that is not a cell), whitespace deleted: what python-calamine reads alike
# looks alike, and a few byte counts check a segment.
_ALIKE = [bytes.maketrans(_UPPER + b"0123456789':!", b"A" * known + b"Z" * (26 - known) + b"0" * 10 + b'"<c')
          for known in range(27)]
_WHITESPACE = b" \t\n\r"
_SUSPECT = re.compile(
    rb'<c r="(?![A-Z][0-9]{1,5}")'  # a reference to judge
    rb'|<row r="(?![0-9]{1,5}")'
    rb"|<dimension[\s/>]"
    rb'|<(?:c|row)(?! r=")[\s/>]'  # a cell or row whose reference is not its first attribute
    rb"|(?<!<c)(?<!<row)[\"'\s]r[\s=]"  # another attribute named r (python-calamine takes the last one)
    rb'|<[^\s/>!?":]*:(?:c|row|dimension)[\s/>]'  # a prefixed name
    rb"|<!")  # a comment, CDATA, a declaration
_CELL = re.compile(rb'<c r="([A-Za-z]+)([0-9]+)"')
_ROW = re.compile(rb'<row r="([0-9]+)"')
_DIMENSION = re.compile(rb'<dimension ref="([A-Za-z]+)([0-9]+)(?::([A-Za-z]+)([0-9]+))?"')
_LETTERS = [(26 - n, b'<c r="' + bytes([90 - n])) for n in range(26)]  # Z first


class Undecided(Exception):
    """The expressions cannot judge the part the way python-calamine reads it: the full scan must."""


class _Bounds:
    """What the chunks showed: the largest row and column judged exactly, the largest one-letter column."""

    def __init__(self, shown: str, sheet: str, limits: ReadLimits) -> None:
        self.shown, self.sheet, self.limits = shown, sheet, limits
        self.rows = self.columns = self.letter = 0
        self.run = 0  # bytes since the last '<'

    def refuse(self, code: str, why: str) -> WorkbookReadError:
        return WorkbookReadError(code, path=self.shown, detail=f"{self.sheet}: {why}")

    def cell(self, letters: bytes, digits: bytes) -> None:
        row, col = cell_position((letters + digits).decode("ascii"), self.shown, self.sheet, self.limits)
        self.rows, self.columns = max(self.rows, row), max(self.columns, col)

    def judge(self, buffer: bytes, at: int) -> None:
        """Judge one suspect match exactly, or raise Undecided."""
        for pattern in (_CELL, _ROW, _DIMENSION):
            found = pattern.match(buffer, at)
            if found is None:
                continue
            if pattern is _ROW:
                row = int(found.group(1))
                if row > self.limits.max_rows:
                    raise self.refuse("READ_010", f"row {row:,} beyond {self.limits.max_rows:,} rows")
            elif pattern is _CELL:
                self.cell(*found.groups())
            else:  # the dimension's corners, as the sheet scan checks them; columns and rows are not counted
                rows, columns = self.rows, self.columns
                self.cell(*found.groups()[:2])
                if found.group(3):
                    self.cell(found.group(3), found.group(4))
                self.rows, self.columns = rows, columns
            return
        raise Undecided()

    def segment(self, segment: bytes) -> None:
        """Check a run of whole tags (it starts at a '<' and stops before one): at once when plain, else in halves
        down to SMALL bytes, where each suspect is judged by the expressions."""
        if self.plain(segment):
            return
        half = segment.find(b"<", len(segment) // 2) if len(segment) > SMALL else -1
        if half > 0:
            self.segment(segment[:half])
            self.segment(segment[half:])
            return
        for found in _SUSPECT.finditer(segment):
            self.judge(segment, found.start())
        for letter, needle in _LETTERS:  # every cell not judged is <c r="X9..." (else it was undecided)
            if letter <= self.letter:
                break
            if needle in segment:
                self.letter = letter
                break

    def plain(self, segment: bytes) -> bool:
        """True when every cell in the segment has the plain shape: its reference first, one letter up to the
        largest column known, then at most five digits; no other r attribute (python-calamine would take the
        last: one after the first always follows a quote), no prefixed cell, no number of six digits or more in
        an attribute. Two byte counts and two searches on a copy with letters and digits made alike tell it."""
        alike = segment.translate(_ALIKE[self.letter], _WHITESPACE)
        cells, starts = alike.count(b'<cr="A0'), alike.count(b"<c")
        return ((starts == cells or starts == cells + alike.count(b"<col")) and b'000000"' not in alike
                and b'"r=' not in alike)

    def texts(self, chunk: bytes) -> None:
        """Undecided when more than max_cell_chars bytes lie between two tags (a text the full scan must count)."""
        most = self.limits.max_cell_chars
        at = chunk.find(b"<")
        if at < 0:
            self.run += len(chunk)
            if self.run > most:
                raise Undecided()
            return
        if self.run + at > most:
            raise Undecided()
        while at + most + 1 < len(chunk):
            nearest = chunk.rfind(b"<", at + 1, at + most + 2)
            if nearest < 0:
                raise Undecided()
            at = nearest
        self.run = len(chunk) - 1 - chunk.rfind(b"<")

    def finish(self) -> None:
        """The bounding box python-calamine would allocate within max_cells (or Undecided when only the full scan
        can tell: the largest row of five digits or fewer is not known exactly)."""
        rows, columns = max(self.rows, PLAIN_ROWS), max(self.columns, self.letter)
        if rows * columns > self.limits.max_cells:
            if self.rows <= PLAIN_ROWS:
                raise Undecided()
            raise self.refuse("READ_010", f"{rows:,} rows × {columns:,} columns")


def bound_table(chunks: Iterable[bytes], shown: str, sheet: str, limits: ReadLimits) -> None:
    """Check a sheet part's chunks (all of them, in order) against the limits: WorkbookReadError when a cell is
    beyond them, Undecided when only the full sheet scan can tell."""
    if limits.max_rows < PLAIN_ROWS or limits.max_columns < 26:
        raise Undecided()
    bounds = _Bounds(shown, sheet, limits)
    rest, head = b"", True
    for chunk in chunks:
        bounds.texts(chunk)
        cut = chunk.rfind(b"<")
        if cut < 0 or len(rest) + cut < MIN_SEGMENT or (head and len(rest) + len(chunk) < HEAD):
            rest += chunk
            continue
        if head and not fastxml.utf8_head(rest + chunk):
            raise Undecided()
        head = False
        segment, rest = rest + chunk[:cut], chunk[cut:]
        bounds.segment(segment)
    if head and not fastxml.utf8_head(rest):
        raise Undecided()
    bounds.segment(rest)
    bounds.finish()


def bound_part(archive: zipfile.ZipFile, shown: str, info: zipfile.ZipInfo, sheet: str, limits: ReadLimits) -> None:
    """Bound a sheet's part before python-calamine reads it: its declared size within the limits, then one pass as
    it is inflated (bound_table), or the full sheet scan where that pass cannot judge; WorkbookReadError if not."""
    check_directory(shown, [info], limits)
    chunks = stream_part(archive, shown, info, limits)
    try:
        bound_table(chunks, shown, sheet, limits)
    except Undecided:
        chunks.close()
        verify_parts(archive, shown, [info], limits)
        with opened(archive, info.filename, shown) as stream:
            scan_sheet(stream, shown, sheet, limits)
