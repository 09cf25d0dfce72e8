"""The only door for a workbook into the library.

Before any parser touches a file it is sniffed: a missing file, an Excel lock file, an OLE container
(a password-protected .xlsx or a legacy .xls), anything that is not a zip, a corrupt zip, a zip bomb
(sizes, ratio and part count read from the zip directory before inflating) and a DTD in any XML part
(entity expansion, external entities) are refused with a coded WorkbookReadError. Values are then read
with python-calamine (no formula is ever evaluated, no macro run), text NFC-normalised and trimmed,
every value kept at the row and column the user sees in Excel.
"""
from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from ..model.errors import WorkbookReadError
from ..model.text import clean

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PROLOG_BYTES = 64 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """What a workbook may be before it is refused as too large or as a zip bomb."""

    max_file_bytes: int = 50 * 2**20
    max_total_uncompressed: int = 500 * 2**20
    max_part_uncompressed: int = 250 * 2**20
    max_ratio: int = 200  # for parts over 1 MiB uncompressed
    max_parts: int = 2000
    max_rows: int = 100_000


DEFAULT_LIMITS = ReadLimits()


# The parts that carry content (where an entity bomb would sit); a sheet's own part is checked when the
# sheet is read. python-calamine's parser does not expand entities anyway: the check is there to refuse
# such a file with its own code. openpyxl (used for --annotate) parses through defusedxml.
CORE_PARTS = ("xl/workbook.xml", "xl/sharedStrings.xml")


def sniff(path: str | Path, limits: ReadLimits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """Check that a path is a safe .xlsx container and return it opened; WorkbookReadError says why not."""
    path = Path(path)
    shown = str(path)
    if path.name.startswith("~$"):
        raise WorkbookReadError("READ_004", path=shown)
    if not path.is_file():
        raise WorkbookReadError("READ_001", path=shown)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        raise WorkbookReadError(_ole_kind(path), path=shown)
    if not head.startswith(ZIP_MAGIC):
        raise WorkbookReadError("READ_002", path=shown)
    if path.stat().st_size > limits.max_file_bytes:
        raise WorkbookReadError("READ_010", path=shown, detail=f"{path.stat().st_size:,} bytes")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as err:
        raise WorkbookReadError("READ_005", path=shown, detail=str(err) or type(err).__name__) from err
    try:
        parts = {info.filename: info for info in archive.infolist()}
        _check_sizes(shown, parts, limits)
        if "xl/workbook.xml" not in parts:
            from . import ods  # an OpenDocument spreadsheet gets the same checks of its own parts
            if not ods.is_ods(archive):
                raise WorkbookReadError("READ_002", path=shown)
            ods.check_parts(archive, shown, check_part)
        for name in CORE_PARTS:
            if name in parts:
                check_part(archive, name, shown)
    except BaseException:
        archive.close()
        raise
    return archive


def check_part(archive: zipfile.ZipFile, name: str, shown: str) -> None:
    """Refuse a part with a DTD (entity definitions, external entities): no Office part has one."""
    try:
        with archive.open(name) as part:  # read only up to the root element: a few hundred bytes
            head = part.read(1024)
            while not re.search(rb"<[A-Za-z_]", head) and len(head) < PROLOG_BYTES:
                more = part.read(4096)
                if not more:
                    break
                head += more
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as err:
        raise WorkbookReadError("READ_005", path=shown, detail=f"{name}: {err}") from err
    _check_prolog(shown, name, head)


def _ole_kind(path: Path) -> str:
    """READ_003 for an encrypted (password-protected) .xlsx, READ_007 for a legacy .xls."""
    with path.open("rb") as handle:
        data = handle.read(8 * 2**20)
    return "READ_003" if "EncryptionInfo".encode("utf-16-le") in data else "READ_007"


def _check_sizes(shown: str, parts: dict[str, zipfile.ZipInfo], limits: ReadLimits) -> None:
    if len(parts) > limits.max_parts:
        raise WorkbookReadError("READ_009", path=shown, detail=f"{len(parts)} parts")
    total = sum(info.file_size for info in parts.values())
    if total > limits.max_total_uncompressed:
        raise WorkbookReadError("READ_009", path=shown, detail=f"{total:,} bytes uncompressed")
    for info in parts.values():
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.max_part_uncompressed or (info.file_size > 2**20 and ratio > limits.max_ratio):
            raise WorkbookReadError("READ_009", path=shown, detail=f"{info.filename}: {info.file_size:,} bytes")


def _check_prolog(shown: str, name: str, head: bytes) -> None:
    """Refuse a DTD (entity definitions, external entities): no Office part has one."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    root = re.search(rb"<[A-Za-z_]", head)
    prolog = head[:root.start()] if root else head
    if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
        raise WorkbookReadError("READ_008", path=shown, detail=name)


@dataclass
class SheetData:
    """A sheet's values as the user sees them: 1-based rows and columns, merged cells see their top-left."""

    name: str
    visibility: str
    rows: list[list]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col
    denormalized: set[tuple[int, int]] = field(default_factory=set)  # cells whose text was not NFC
    xml_path: str = ""
    _merged_map: dict | None = None

    @property
    def max_row(self) -> int:
        return len(self.rows)

    @property
    def max_column(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def raw(self, row: int, col: int) -> object:
        """The cell's own value ('' when empty), ignoring merges."""
        if 0 < row <= len(self.rows) and 0 < col <= len(self.rows[row - 1]):
            return self.rows[row - 1][col - 1]
        return ""

    def value(self, row: int, col: int) -> object:
        """The value shown in a cell: a merged cell shows its range's top-left value."""
        return self.raw(*self._top_left(row, col))

    def is_merged_copy(self, row: int, col: int) -> bool:
        """True where the cell is inside a merged range but not its top-left cell."""
        return self._top_left(row, col) != (row, col)

    def _top_left(self, row: int, col: int) -> tuple[int, int]:
        if self._merged_map is None:
            self._merged_map = {(r, c): (r1, c1) for r1, c1, r2, c2 in self.merged
                                for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        return self._merged_map.get((row, col), (row, col))

    def find_header(self, match, min_hits: int, scan_rows: int = 30) -> tuple[int, dict[str, int]]:
        """The row within scan_rows where most (at least min_hits) cells name a known field.

        match(text) returns a field name or None. Returns (row, {field: column}); (0, {}) if no row.
        """
        best: tuple[int, dict[str, int]] = (0, {})
        for row in range(1, min(self.max_row, scan_rows) + 1):
            columns: dict[str, int] = {}
            for col in range(1, len(self.rows[row - 1]) + 1):
                text = self.raw(row, col)
                found = match(text) if text not in ("", None) else None
                if found and found not in columns:
                    columns[found] = col
            if len(columns) >= min_hits and len(columns) > len(best[1]):
                best = (row, columns)
        return best


class WorkbookData:
    """A sniffed workbook read with python-calamine; sheets are read when first asked for."""

    def __init__(self, path: str | Path, limits: ReadLimits = DEFAULT_LIMITS) -> None:
        import python_calamine

        self.path = Path(path)
        self.limits = limits
        self._zip = sniff(self.path, limits)
        self._ods = _scan_ods(self._zip, str(self.path), limits)  # bounds an .ods before calamine reads it
        self.macro = "xl/vbaProject.bin" in self._zip.NameToInfo or bool(self._ods and self._ods.macro)
        try:
            self._book = python_calamine.CalamineWorkbook.from_path(str(self.path))
            self.sheet_names = list(self._book.sheet_names)
            self._visibility = {m.name: _VISIBILITY.get(str(m.visible).rsplit(".", 1)[-1], "visible")
                                for m in self._book.sheets_metadata}
        except (python_calamine.CalamineError, ValueError, OSError) as err:
            self._zip.close()
            raise WorkbookReadError("READ_005", path=str(self.path), detail=str(err)[:200]) from err
        self._sheets: dict[str, SheetData] = {}
        self._sheet_xml: dict[str, bytes] = {}
        self._xml_paths: dict[str, str] | None = None
        self._date1904: bool | None = None

    def close(self) -> None:
        self._zip.close()
        self._book.close()

    def __enter__(self) -> "WorkbookData":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def sheet(self, name: str) -> SheetData:
        if name not in self._sheets:
            self._sheets[name] = self._read_sheet(name)
        return self._sheets[name]

    def sheets(self) -> list[SheetData]:
        return [self.sheet(name) for name in self.sheet_names]

    def visibility(self, name: str) -> str:
        return self._visibility.get(name, "visible")

    def _read_sheet(self, name: str) -> SheetData:
        from python_calamine import CalamineError

        part = self.xml_paths().get(name)
        if part in self._zip.NameToInfo:
            self._sheet_xml[name] = self._read_part(part)  # kept for formula_cells
            _check_prolog(str(self.path), part, self._sheet_xml[name][:PROLOG_BYTES])
        try:
            raw = self._book.get_sheet_by_name(name)
            height = raw.end[0] + 1 if raw.end else 0
            if height > self.limits.max_rows:
                raise WorkbookReadError("READ_010", path=str(self.path), detail=f"{name}: {height:,} rows")
            rows = raw.to_python(skip_empty_area=False)
            merged = [(r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in (raw.merged_cell_ranges or [])]
            if self._ods is not None:
                merged = list(self._ods.sheet(name).merged)
        except WorkbookReadError:
            raise
        except (CalamineError, ValueError, OSError) as err:
            raise WorkbookReadError("READ_005", path=str(self.path), detail=f"{name}: {str(err)[:200]}") from err
        denormalized: set[tuple[int, int]] = set()
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                if value.__class__ is str and value:
                    if not unicodedata.is_normalized("NFC", value):
                        denormalized.add((r, c))
                    if "\n" in value or "\r" in value or value[0].isspace() or value[-1].isspace() \
                            or (r, c) in denormalized:
                        values[c - 1] = clean(value)
        while rows and not any(v not in ("", None) for v in rows[-1]):
            rows.pop()
        return SheetData(name, self.visibility(name), rows, merged, denormalized, self.xml_paths().get(name, ""))

    def xml_paths(self) -> dict[str, str]:
        """Sheet name → its XML part, from the workbook's relationships."""
        if self._xml_paths is None and self._ods is not None:
            self._xml_paths, self._date1904 = {}, False
        if self._xml_paths is None:
            workbook_xml, rels = self._read_part("xl/workbook.xml"), self._read_part("xl/_rels/workbook.xml.rels")
            targets = dict(re.findall(rb'Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
            targets |= {k: v for v, k in re.findall(rb'Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)}
            self._xml_paths = {}
            for tag in re.findall(rb"<(?:\w+:)?sheet\b[^>]*>", workbook_xml):
                name = re.search(rb'name="([^"]*)"', tag)
                rid = re.search(rb'(?:\w+:)?id="([^"]*)"', tag)
                if name and rid and rid.group(1) in targets:
                    target = targets[rid.group(1)].decode()
                    self._xml_paths[_xml_unescape(name.group(1).decode())] = (
                        target.lstrip("/") if target.startswith("/") else "xl/" + target)
            self._date1904 = bool(re.search(rb'date1904="(1|true)"', workbook_xml))
        return self._xml_paths

    @property
    def date1904(self) -> bool:
        self.xml_paths()
        return bool(self._date1904)

    def formula_cells(self, name: str) -> set[tuple[int, int]]:
        """The (row, column) of every cell of a sheet that holds a formula."""
        if self._ods is not None:
            return set(self._ods.sheet(name).formulas)
        if name not in self._sheet_xml:
            self.sheet(name)
        xml = self._sheet_xml.get(name, b"")
        if not re.search(rb"<(?:\w+:)?f[\s>/]", xml):  # no formula at all (<formula> of a rule is not one)
            return set()
        cells = set()
        for match in re.finditer(rb'<c\b[^>]*\br="([A-Z]+)(\d+)"[^>]*?(?<!/)>(.*?)</c>', xml, flags=re.S):
            if re.search(rb"<(?:\w+:)?f[\s>/]", match.group(3)):
                cells.add((int(match.group(2)), _column_number(match.group(1).decode())))
        return cells

    def _read_part(self, name: str) -> bytes:
        try:
            return self._zip.read(name)
        except (KeyError, zipfile.BadZipFile, OSError, EOFError) as err:
            raise WorkbookReadError("READ_005", path=str(self.path), detail=name) from err

    def shown_texts(self, name: str, cells) -> dict[tuple[int, int], str]:
        """The text each given (row, column) displays: a number or date through the cell's number format."""
        if self._ods is not None:
            shown = self._ods.sheet(name).shown
            return {cell: shown[cell] for cell in cells if cell in shown}
        from .display import xlsx_shown_texts
        sheet = self.sheet(name)  # reads the sheet's XML too
        return xlsx_shown_texts(self._read_part, self._sheet_xml.get(name, b""), sheet, cells, self.date1904)

    def hyperlinks(self, name: str) -> dict[tuple[int, int], str]:
        """The address of every hyperlink of a sheet, by (row, column)."""
        if self._ods is not None:
            return dict(self._ods.sheet(name).links)
        from .display import xlsx_hyperlinks
        self.sheet(name)
        return xlsx_hyperlinks(self._read_part, self._zip.NameToInfo, self._sheet_xml.get(name, b""),
                               self.xml_paths().get(name, ""))


def _scan_ods(archive: zipfile.ZipFile, shown: str, limits: ReadLimits):
    from . import ods
    if "xl/workbook.xml" in archive.NameToInfo:
        return None
    try:
        return ods.scan(archive, shown, limits.max_rows)
    except BaseException:
        archive.close()
        raise


_VISIBILITY = {"Visible": "visible", "Hidden": "hidden", "VeryHidden": "veryHidden"}


def _xml_unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def to_date(value: object, date1904: bool = False) -> date | None:
    """A date from a date cell or an Excel serial number (in the workbook's date system); else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 2958466:
        epoch = date(1904, 1, 1) if date1904 else date(1899, 12, 30)
        return epoch + timedelta(days=int(value))
    return None


def read_workbook(path: str | Path, limits: ReadLimits = DEFAULT_LIMITS) -> WorkbookData:
    """Open a workbook that came from outside, safely; WorkbookReadError says what is wrong with it."""
    return WorkbookData(path, limits)
