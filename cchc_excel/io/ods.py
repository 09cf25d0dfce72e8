"""OpenDocument spreadsheets (.ods, LibreOffice's own format) as submissions.

An .ods file is a zip of XML parts like an .xlsx, so it gets the same guards: the zip checks of the reader,
no DTD in any XML part, and its sheets bounded before python-calamine reads them. A row or cell of an .ods
may say it repeats (`table:number-rows-repeated`, `table:number-columns-repeated`): LibreOffice writes a
million empty rows that way, and a crafted file could make one filled cell a billion. One streaming pass
over content.xml measures where content really ends in every sheet and refuses the file when that is over
the limits; the same pass collects what python-calamine does not give for .ods: merged ranges, formula
cells, hyperlink addresses and the text a non-text cell displays.
"""
from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError, iterparse

from ..model.errors import WorkbookReadError

# Everything a file's bytes can make zipfile raise while the directory is read (zipguard.py, here
# because zipguard reads .ods containers with this module).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError,
              UnicodeDecodeError, ValueError, zlib.error, struct.error, OverflowError)
MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAX_COLUMNS = 16384  # Excel's own limit
MAX_DENSE_CELLS = 20_000_000  # rows × columns python-calamine would hold for one sheet
MAX_COPIES = 100_000  # copies of one repeated cell whose position is remembered

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_XLINK = "{http://www.w3.org/1999/xlink}"
_BOOLEAN_FORMULA = re.compile(r"(?:of:|oooc:)?=(?:TRUE|FALSE)\(\)", re.I)
_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")


def is_ods(archive: zipfile.ZipFile) -> bool:
    """True for an OpenDocument spreadsheet (its stored mimetype part says so)."""
    if "mimetype" not in archive.NameToInfo or "content.xml" not in archive.NameToInfo:
        return False
    try:
        return archive.read("mimetype").strip() == MIMETYPE
    except (*ZIP_ERRORS, RuntimeError):  # RuntimeError: encrypted
        return False


def refuse_encrypted(archive: zipfile.ZipFile, shown: str) -> None:
    """READ_003 for a password-protected .ods (its manifest says how its parts are encrypted)."""
    manifest = "META-INF/manifest.xml"
    if manifest in archive.NameToInfo and archive.getinfo(manifest).file_size < 2**20:
        try:
            data = archive.read(manifest)
        except (*ZIP_ERRORS, RuntimeError):  # damaged, or encrypted itself: the container check refuses it
            return
        if b"encryption-data" in data:
            raise WorkbookReadError("READ_003", path=shown)


@dataclass
class SheetInfo:
    """What one sheet of an .ods holds beyond its values; rows and columns 1-based as the user sees them."""

    rows: int = 0  # the last row with content
    columns: int = 0  # the last column with content
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    formulas: set[tuple[int, int]] = field(default_factory=set)
    links: dict[tuple[int, int], str] = field(default_factory=dict)
    shown: dict[tuple[int, int], str] = field(default_factory=dict)  # non-text cells: the text displayed


@dataclass
class OdsInfo:
    sheets: dict[str, SheetInfo]
    macro: bool

    def sheet(self, name: str) -> SheetInfo:
        return self.sheets.get(name) or SheetInfo()


def scan(archive: zipfile.ZipFile, shown: str, max_rows: int) -> OdsInfo:
    """One streaming pass over content.xml; WorkbookReadError READ_010 when a sheet is too large to read."""
    sheets: dict[str, SheetInfo] = {}
    try:
        with archive.open("content.xml") as part:
            _Scanner(sheets, shown, max_rows).run(part)
    except WorkbookReadError:  # an OSError too: not a damaged file
        raise
    except (ParseError, ValueError, LookupError, zipfile.BadZipFile, OSError, EOFError) as err:
        # ValueError: a bad count; LookupError: an encoding nobody knows
        raise WorkbookReadError("READ_005", path=shown, detail=f"content.xml: {err}") from err
    macro = any(name.startswith(("Basic/", "Scripts/")) for name in archive.NameToInfo)
    return OdsInfo(sheets, macro)


class _Scanner:
    def __init__(self, sheets: dict[str, SheetInfo], shown: str, max_rows: int) -> None:
        self.sheets, self.shown, self.max_rows = sheets, shown, max_rows
        self.sheet: SheetInfo | None = None
        self.name = ""
        self.row = self.col = 0
        self.row_repeat = 1

    def run(self, part) -> None:
        for event, element in iterparse(part, events=("start", "end")):
            tag = element.tag
            if event == "start":
                self._start(tag, element)
            elif tag in _CELLS and self.sheet is not None:
                self._cell(self.sheet, element)
                element.clear()
            elif tag == _TABLE + "table-row" and self.sheet is not None:
                self.row += self.row_repeat - 1
                element.clear()
            elif tag == _TABLE + "table":
                self.sheet = None
                element.clear()

    def _start(self, tag: str, element) -> None:
        if tag == _TABLE + "table":
            self.name = element.get(_TABLE + "name", "")
            self.sheet = self.sheets.setdefault(self.name, SheetInfo())
            self.row = 0
        elif tag == _TABLE + "table-row" and self.sheet is not None:
            self.row += 1
            self.col = 0
            self.row_repeat = int(element.get(_TABLE + "number-rows-repeated", "1"))

    def _cell(self, sheet: SheetInfo, element) -> None:
        repeat = int(element.get(_TABLE + "number-columns-repeated", "1"))
        first = self.col + 1
        self.col += repeat
        across, down = (int(element.get(_TABLE + f"number-{k}-spanned", "1")) for k in ("columns", "rows"))
        if across > 1 or down > 1:  # merged, even over empty cells
            sheet.merged.append((self.row, first, self.row + down - 1, first + across - 1))
        value_type = element.get(_OFFICE + "value-type")
        paragraphs = [child for child in element if child.tag == _TEXT + "p"]  # not a comment's paragraphs
        if value_type is None and not paragraphs:
            return  # an empty cell, however often repeated
        rows = self.row_repeat
        self._grow(sheet, self.row + rows - 1, self.col)
        if rows * repeat > MAX_COPIES:  # a value copied that often is no input: only its first cell is kept
            rows = repeat = 1
        cells = [(r, c) for r in range(self.row, self.row + rows) for c in range(first, first + repeat)]
        formula = element.get(_TABLE + "formula")
        if formula and not (value_type == "boolean" and _BOOLEAN_FORMULA.fullmatch(formula)):
            sheet.formulas.update(cells)  # LibreOffice saves a typed TRUE as the formula =TRUE()
        link = next((a.get(_XLINK + "href") for p in paragraphs for a in p.iter(_TEXT + "a")
                     if a.get(_XLINK + "href")), None)
        for cell in cells:
            if link:
                sheet.links[cell] = link
            if value_type not in (None, "string"):
                sheet.shown[cell] = "\n".join("".join(p.itertext()) for p in paragraphs)

    def _grow(self, sheet: SheetInfo, row: int, col: int) -> None:
        sheet.rows, sheet.columns = max(sheet.rows, row), max(sheet.columns, col)
        if sheet.rows > self.max_rows or sheet.columns > MAX_COLUMNS or sheet.rows * sheet.columns > MAX_DENSE_CELLS:
            raise WorkbookReadError("READ_010", path=self.shown,
                                    detail=f"{self.name}: {sheet.rows:,} × {sheet.columns:,}")
