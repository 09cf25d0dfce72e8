"""One streaming parse of a sheet's XML, before python-calamine builds anything from it.

python-calamine allocates a sheet's whole bounding box at once: a single value at XFD1048576 would take
gigabytes or abort the process. So every cell holding a value is checked against the limits here, in a
stream, first. Only those count: python-calamine leaves out a cell with no child element (a style and no
value, as LibreOffice writes down to row 1,048,576 after a row is deleted) and reserves room for the
declared dimension only when it is small (under 100,000 cells; 1,000,000 in versions before 0.26), so a
dimension or an empty cell past the limits is read, its reference checked for its form only. The same parse finds the cells holding a formula (any
namespace prefix, any case, cells without a reference) and refuses cells a spreadsheet application
never writes: two values in one cell, a number that is NaN or infinite, an inline string with two texts.
No DTD is accepted (the container guard already refused one in the prolog).

A part given as bytes first tries a fast path (compiled regular expressions, no Python per cell) that
accepts only what spreadsheet applications write: strictly shaped cells and plain shared strings. It
returns exactly what the parse would, or None and the parse decides (_fast_sheet, fastxml.py).
"""
from __future__ import annotations

import math
import re
import xml.parsers.expat as expat
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Iterator

from ..model.errors import WorkbookReadError
from . import fastxml
from .memo import by_bytes

if TYPE_CHECKING:
    from .limits import ReadLimits

_REF = re.compile(r"([A-Za-z]+)(\d+)", re.ASCII)
_NUMERIC_TYPES = ("", "n")
_COLUMNS = {}
for _first in [""] + [chr(65 + i) for i in range(26)]:
    for _second in (chr(65 + i) for i in range(26)):
        _COLUMNS[_first + _second] = (ord(_first) - 64) * 26 + ord(_second) - 64 if _first else ord(_second) - 64
CHUNK = 256 * 1024


@dataclass(frozen=True)
class SheetScan:
    """What the parse learnt: the cells holding a formula and the extent of the cells holding a child element."""

    formulas: frozenset[tuple[int, int]]
    rows: int
    columns: int
    fast: bool = field(default=False, compare=False)  # decided by the fast path (tests check who decided)
    cells: list[tuple] | None = field(default=None, compare=False, repr=False)  # the fast path's (fastxml.CELL)
    merged: tuple[str, ...] = field(default=(), compare=False)  # the fast path's mergeCell references


class _Scanner:
    """The expat handlers; state is the cell being read."""

    parser: expat.XMLParserType | None = None

    def __init__(self, shown: str, sheet: str, limits: ReadLimits) -> None:
        self.shown, self.sheet, self.limits = shown, sheet, limits
        self.formulas: set[tuple[int, int]] = set()
        self.row = self.col = self.max_row = self.max_col = 0
        self.cell: tuple[int, int] | None = None
        self.cell_type, self.cell_ref, self.counted = "", "", False
        self.values = self.texts = self.text_chars = self.merged_cells = 0
        self.inline = self.rich = False
        self.value_text: list[str] | None = None
        self.merges: list[str] = []

    def refuse(self, code: str, why: str) -> WorkbookReadError:
        return WorkbookReadError(code, path=self.shown, detail=f"{self.sheet}: {why}")

    def position(self, ref: str) -> tuple[int, int]:
        match = _REF.fullmatch(ref)
        if not match:
            raise self.refuse("READ_016", f"cell reference {ref[:20]!r}")
        letters, digits = match.groups()
        col = _COLUMNS.get(letters)
        if col is None:
            if len(letters) > 3 or len(digits) > 7:
                raise self.refuse("READ_010", f"cell {ref[:20]} beyond {self.limits.max_rows:,} rows × "
                                              f"{self.limits.max_columns:,} columns")
            col = 0
            for char in letters.upper():
                col = col * 26 + ord(char) - 64
        return int(digits), col

    def check_bounds(self, row: int, col: int, ref: str) -> None:
        if row > self.limits.max_rows or col > self.limits.max_columns or row < 1:
            raise self.refuse("READ_010", f"cell {ref[:20]} beyond {self.limits.max_rows:,} rows × "
                                          f"{self.limits.max_columns:,} columns")

    def check_range(self, ref: str, bounded: bool = True) -> int:
        """Check both corners of a range such as A1:G9 (their form only unless bounded); returns how many cells
        it spans."""
        corners = [self.position(part) for part in ref.split(":") if part]
        for (row, col), part in zip(corners, ref.split(":")):
            if bounded or row < 1:
                self.check_bounds(row, col, part)
        if len(corners) != 2:
            return 1
        (r1, c1), (r2, c2) = corners
        return (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if ":" in name:
            name = name[name.rfind(":") + 1:]
        if self.cell is not None and not self.counted:  # a child element: python-calamine may give a value
            self.count_cell()
        if name == "c":
            self.start_cell(attrs)
        elif self.cell is None:
            if name == "row":
                ref = attrs.get("r")
                self.row = int(ref) if ref and ref.isascii() and ref.isdigit() and len(ref) < 9 else self.row + 1
                self.col = 0
            elif name == "dimension":  # python-calamine reserves room for it only when small
                self.check_range(attrs.get("ref", ""), bounded=False)
            elif name == "mergeCell":
                self.merges.append(attrs.get("ref", ""))
                self.merged_cells += self.check_range(attrs.get("ref", ""))
                if self.merged_cells > self.limits.max_merged_cells:
                    raise self.refuse("READ_010", f"over {self.limits.max_merged_cells:,} merged cells")
        elif name == "v":
            self.values += 1
            if self.values > 1:
                raise self.refuse("READ_016", f"two values in one cell (row {self.cell[0]})")
            if self.cell_type in _NUMERIC_TYPES:
                self.value_text = []
        elif name == "f" or name == "F":
            self.formulas.add(self.cell)
        elif name == "is":
            self.inline, self.rich = True, False
        elif name == "r" or name == "rPh":
            self.rich = self.inline
        elif name == "t" and self.inline and not self.rich:  # a plain inline string has one text
            self.texts += 1
            if self.texts > 1:
                raise self.refuse("READ_016", f"two texts in one cell (row {self.cell[0]})")

    def start_cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        if ref:
            row, col = self.position(ref)
        else:
            row, col = max(self.row, 1), self.col + 1
        if row < 1:
            self.check_bounds(row, col, ref or f"R{row}C{col}")
        self.row, self.col = row, col
        self.cell, self.cell_type, self.cell_ref, self.counted = (row, col), attrs.get("t", ""), ref or "", False
        self.values = self.texts = self.text_chars = 0
        self.inline = self.rich = False

    def count_cell(self) -> None:
        """Count a cell in the extent (within the limits) once it holds a child element: a value, a text, a formula."""
        (row, col), self.counted = self.cell or (0, 0), True
        if row > self.limits.max_rows or col > self.limits.max_columns:
            self.check_bounds(row, col, self.cell_ref or f"R{row}C{col}")
        if row > self.max_row:
            self.max_row = row
        if col > self.max_col:
            self.max_col = col

    def end(self, name: str) -> None:
        if ":" in name:
            name = name[name.rfind(":") + 1:]
        if name == "c":
            self.cell = None
        elif name == "v" and self.value_text is not None:
            self.check_number()

    def check_number(self) -> None:
        text = "".join(self.value_text or ()).strip()
        self.value_text = None
        if not text:
            return
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise self.refuse("READ_016", f"number {text[:20]!r} (row {self.cell[0] if self.cell else 0})")

    def text(self, data: str) -> None:
        if self.cell is None:
            return
        self.text_chars += len(data)
        if self.text_chars > self.limits.max_cell_chars:
            raise self.refuse("READ_010", f"a cell of row {self.cell[0]} holds over "
                                          f"{self.limits.max_cell_chars:,} characters")
        if self.value_text is not None:
            self.value_text.append(data)


def cell_position(ref: str, shown: str, sheet: str, limits: ReadLimits) -> tuple[int, int]:
    """(row, column) of a cell reference within the limits; WorkbookReadError as the scan refuses it."""
    scanner = _Scanner(shown, sheet, limits)
    row, col = scanner.position(ref)
    scanner.check_bounds(row, col, ref)
    return row, col


class _Dtd(Exception):
    """A DTD met while parsing (the container guard refuses one in the prolog already)."""


class _NotSimple(Exception):
    """The fast path met what it leaves to the full parse."""


def _no_dtd(*_args) -> None:
    raise _Dtd()


def scan_sheet(source: bytes | IO[bytes], shown: str, sheet: str, limits: ReadLimits) -> SheetScan:
    """Parse a sheet part (its bytes, or a stream when large); WorkbookReadError when malformed or over the limits."""
    if isinstance(source, bytes):
        fast = _fast_sheet(source, shown, sheet, limits)
        if fast is not None:
            return fast
    scanner = _Scanner(shown, sheet, limits)
    _parse(source, scanner, shown, sheet)
    if scanner.max_row * scanner.max_col > limits.max_cells:
        raise scanner.refuse("READ_010", f"{scanner.max_row:,} rows × {scanner.max_col:,} columns")
    return SheetScan(frozenset(scanner.formulas), scanner.max_row, scanner.max_col)


class _Rest(_Scanner):
    """The handlers for a part whose sheetData the fast path read: they must meet that element and no cell."""

    def __init__(self, shown: str, sheet: str, limits: ReadLimits, at: int) -> None:
        super().__init__(shown, sheet, limits)
        self.at, self.seen = at, False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "sheetData" and self.parser is not None and self.parser.CurrentByteIndex == self.at:
            self.seen = True  # the bytes the grammar read are this element, not text in a comment or CDATA
        super().start(name, attrs)

    def start_cell(self, attrs: dict[str, str]) -> None:
        raise _NotSimple()


def _fast_sheet(data: bytes, shown: str, sheet: str, limits: ReadLimits) -> SheetScan | None:
    """The scan without Python per cell, or None: sheetData read by its grammar, the rest of the part by expat.

    Within the limits and with no refusal it equals the full parse: the rest holds no cell (so no formula,
    value or text the handlers would count) and sheetData is replaced by an empty element for expat, which
    checks the whole part's well-formedness with the grammar. Anything refused is left to the full parse."""
    found = fastxml.sheet_data(data, limits.max_cell_chars)
    if found is None:
        return None
    start, end, rows, columns, cells = found
    if rows > limits.max_rows or columns > limits.max_columns or rows * columns > limits.max_cells:
        return None
    outside = data[:start] + b"<sheetData/>" + data[end:]
    try:
        merges = _plain_outside(outside, shown, sheet, limits)
        if merges is None:
            rest = _Rest(shown, sheet, limits, start)
            _parse(outside, rest, shown, sheet, starts_only=True)
            if not rest.seen:
                return None
            # not plainly written (a dimension without its reference...): python-calamine reads the values
            return SheetScan(frozenset(), rows, columns, True, None, tuple(rest.merges))
    except (WorkbookReadError, _NotSimple):
        return None
    return SheetScan(frozenset(), rows, columns, True, cells, tuple(merges))


def scan_pairs(data: bytes, shown: str, sheet: str, limits: ReadLimits) -> list[tuple[bytes, ...]] | None:
    """The key/value pairs of a part fastxml.pairs reads, when the scan would accept the part with no merged cell:
    within the limits, the markup outside sheetData plainly written; else None (the general reading decides)."""
    found = fastxml.pairs(data, limits.max_cell_chars)
    if found is None:
        return None
    start, end, rows, pairs = found
    if rows > limits.max_rows or limits.max_columns < 2 or rows * 2 > limits.max_cells:
        return None
    try:
        merges = _plain_outside(data[:start] + b"<sheetData/>" + data[end:], shown, sheet, limits)
    except WorkbookReadError:
        return None
    return pairs if merges == [] else None


_NAME = re.compile(rb"<([^\s/>!?]+)")  # an element's name, from its start tag
_MERGE_CELLS = re.compile(rb"<mergeCells[\s>]")
_RANGE = re.compile(rb'<(dimension|mergeCell) ref="([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"/>')


def _plain_outside(outside: bytes, shown: str, sheet: str, limits: ReadLimits) -> list[str] | None:
    """The mergeCell references of a part's markup outside sheetData, checked as _Rest checks them but with no
    Python per element, when that markup is plainly written (_plain_ranges); else None (the _Rest parse decides)."""
    ranges = _plain_ranges(outside)
    if ranges is None:
        return None
    scanner = _Scanner(shown, sheet, limits)
    for name, ref in ranges:
        scanner.start(name, {"ref": ref})
    return scanner.merges


@by_bytes  # the same bytes in every file made from one template: the sheet's columns, validations, print setup
def _plain_ranges(outside: bytes) -> tuple[tuple[str, str], ...] | None:
    """The (dimension or mergeCell, reference) of a part's markup outside sheetData when it is plainly written and
    well-formed, else None.

    Plainly written: no comment, CDATA, DTD or processing instruction but the XML declaration, so every `<name`
    is an element start the parser meets too; no cell (any prefix) and one sheetData (the one the grammar
    read); dimension and mergeCell unprefixed with only a plain reference, every mergeCell in the one unprefixed
    mergeCells element. expat checks well-formedness."""
    if b"<!" in outside or outside.count(b"<?") > outside[:5].lstrip(b"\xef\xbb\xbf").startswith(b"<?"):
        return None
    names = [name.rsplit(b":", 1)[-1] for name in _NAME.findall(outside)]
    ranges = list(_RANGE.finditer(outside))
    if b"c" in names or names.count(b"sheetData") != 1 or names.count(b"mergeCells") > 1 \
            or len(ranges) != names.count(b"dimension") + names.count(b"mergeCell"):
        return None
    element = _MERGE_CELLS.search(outside)  # python-calamine reads the mergeCell elements of one mergeCells only
    start, end = (element.start(), outside.find(b"</mergeCells>", element.start())) if element else (-1, -1)
    if any(found[1] == b"mergeCell" and not 0 <= start < found.start() < end for found in ranges):
        return None
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(outside, True)
    except expat.ExpatError:
        return None
    return tuple((name.decode("ascii"), ref.decode("ascii")) for name, ref in (found.groups() for found in ranges))


class _SharedStrings:
    """Handlers for the shared string table: one text per plain string, each within the cell limit."""

    parser: expat.XMLParserType | None = None

    def __init__(self, shown: str, limits: ReadLimits) -> None:
        self.shown, self.limits = shown, limits
        self.texts = self.chars = self.count = 0
        self.rich = False

    def start(self, name: str, _attrs) -> None:
        if ":" in name:
            name = name[name.rfind(":") + 1:]
        if name == "si":
            self.texts = self.chars = 0
            self.count += 1
            self.rich = False
        elif name == "r" or name == "rPh":  # rich text runs and phonetic readings have their own texts
            self.rich = True
        elif name == "t" and not self.rich:
            self.texts += 1
            if self.texts > 1:
                raise WorkbookReadError("READ_016", path=self.shown, detail=f"shared string {self.count}: two texts")

    end = None  # nothing to do at the end of an element

    def text(self, data: str) -> None:
        self.chars += len(data)
        if self.chars > self.limits.max_cell_chars:
            raise WorkbookReadError("READ_010", path=self.shown, detail=f"shared string {self.count}: over "
                                                                      f"{self.limits.max_cell_chars:,} characters")


def scan_shared_strings(source: bytes | IO[bytes], shown: str, limits: ReadLimits) -> bool:
    """Check the shared string table (its bytes, or a stream) before python-calamine loads it whole.

    Returns True when the fast path decided (plain strings only, within the limit)."""
    if isinstance(source, bytes) and fastxml.plain_shared_strings(source, limits.max_cell_chars):
        return True
    _parse(source, _SharedStrings(shown, limits), shown, "sharedStrings")
    return False


def _parse(source: bytes | IO[bytes], handlers, shown: str, part: str, starts_only: bool = False) -> None:
    """Parse with the handlers (only their start with starts_only: outside cells nothing else counts)."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _no_dtd
    parser.EntityDeclHandler = _no_dtd
    parser.StartElementHandler = handlers.start
    if handlers.end is not None and not starts_only:
        parser.EndElementHandler = handlers.end
    if not starts_only:
        parser.CharacterDataHandler = handlers.text
    handlers.parser = parser
    try:
        for chunk in _chunks(source):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as err:
        raise WorkbookReadError("READ_005", path=shown, detail=f"{part}: XML {expat.ErrorString(err.code)} "
                                                               f"at line {err.lineno}") from err
    except _Dtd as err:
        raise WorkbookReadError("READ_008", path=shown, detail=part) from err
    except (LookupError, ValueError) as err:  # an encoding expat cannot read (unknown, multi-byte, not text)
        raise WorkbookReadError("READ_005", path=shown, detail=f"{part}: XML encoding: {str(err)[:120]}") from err


def _chunks(source: bytes | IO[bytes]) -> Iterator[bytes | memoryview]:
    """Bytes in the pieces a stream gives: expat's events, and so which refusal comes first, are the same."""
    if isinstance(source, bytes):
        view = memoryview(source)
        yield from (view[at:at + CHUNK] for at in range(0, len(view), CHUNK))
    else:
        yield from iter(lambda: source.read(CHUNK), b"")
