"""The only door for a workbook into the library.

Before any parser touches a file it is sniffed: a missing file, a folder, an unreadable file, an empty file, an
Excel lock file, an OLE container (a password-protected .xlsx or a legacy .xls), anything that is not a zip. An .xlsx
then passes the container guard (zipguard: directory, real inflated sizes, checksums, DTDs in any part)
and the sheet scan (sheetscan: every cell reference within the limits, formulas, malformed cells) before
any value is read: straight from the checked parts where they have the plain shape applications write
(direct.py), else by python-calamine (no formula is ever evaluated, no macro run). Text is NFC-normalised and
trimmed, every value kept at the row and column the user sees in Excel. Every refusal is a coded
WorkbookReadError; nothing a file's bytes can do raises anything else.
"""
from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from dataclasses import replace
from functools import cached_property
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Iterator

from ..model.errors import WorkbookReadError
from . import direct, fastxml
from .sheet_data import SheetData, clean_texts, plain_texts
from .display import xlsx_hyperlinks, xlsx_shown_texts
from .package import (PACKAGE_RELS, STRINGS, STYLES, WORKBOOK, WORKBOOK_RELS, Structure, check_shared_strings, opened,
                      part_bytes, read_structure, standard)
from .sheetscan import SheetScan, scan_pairs, scan_sheet
from .tablescan import bound_part
from .limits import DEFAULT_LIMITS, ReadLimits
from .memo import MEMO_BYTES
from .zipguard import KEEP_BYTES, check_directory, is_xml_part, open_container, verify_parts

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def sniff(path: str | Path, limits: ReadLimits = DEFAULT_LIMITS) -> tuple[zipfile.ZipFile, dict[str, bytes]]:
    """Check that a path is a safe .xlsx container and return it opened, with the inflated bytes of the XML
    parts other than worksheets (each inflated once, when checked): every one for a file of up to KEEP_BYTES,
    for a larger file those read right after (workbook, relationships, styles, shared strings); in both cases
    only parts of up to KEEP_BYTES, KEEP_TOTAL in all. WorkbookReadError says why not."""
    path = Path(path)
    shown = str(path)
    data, whole = _head(path, shown, limits)
    if data[:8] == OLE_MAGIC:
        raise WorkbookReadError(_ole_kind(path), path=shown)
    if not data.startswith(ZIP_MAGIC):
        raise WorkbookReadError("READ_002", path=shown)
    return open_container(path, shown, limits, keep=_read_at_open, data=data if whole else None)


def _read_at_open(name: str) -> bool:
    return name in (WORKBOOK, WORKBOOK_RELS, STYLES, PACKAGE_RELS, CUSTOM) or name.lower().endswith("sharedstrings.xml")


CUSTOM = "docProps/custom.xml"  # the custom document properties, where Excel, LibreOffice and xlsxwriter put them


def _head(path: Path, shown: str, limits: ReadLimits) -> tuple[bytes, bool]:
    """The file's bytes, whole when there are at most KEEP_BYTES (else its first 8), after refusing what is not
    a regular readable file within the size limit; and whether they are the whole file."""
    if path.name.startswith("~$"):
        raise WorkbookReadError("READ_004", path=shown)
    try:
        info = os.stat(path)
    except FileNotFoundError as err:
        raise WorkbookReadError("READ_001", path=shown) from err
    except OSError as err:
        raise WorkbookReadError("READ_014", path=shown, detail=err.strerror or type(err).__name__) from err
    if stat.S_ISDIR(info.st_mode):
        raise WorkbookReadError("READ_013", path=shown)
    if not stat.S_ISREG(info.st_mode):
        raise WorkbookReadError("READ_014", path=shown, detail="not a regular file")
    if info.st_size == 0:  # a failed copy or download
        raise WorkbookReadError("READ_018", path=shown)
    if info.st_size > limits.max_file_bytes:
        raise WorkbookReadError("READ_010", path=shown, detail=f"{info.st_size:,} bytes")
    whole = info.st_size <= KEEP_BYTES
    try:
        data = _read(path, info.st_size + 1 if whole else 8, info.st_size)
    except OSError as err:
        raise WorkbookReadError("READ_014", path=shown, detail=err.strerror or type(err).__name__) from err
    return data, whole and len(data) <= info.st_size  # not whole if it grew meanwhile


def _read(path: Path, size: int, expected: int) -> bytes:
    """Up to size bytes from the start of a file, read again only while fewer than expected came (a short read:
    rare on a regular file); by the descriptor, with no buffered file object for what is one read."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        chunks = [os.read(descriptor, size)]
        got = len(chunks[0])
        while chunks[-1] and got < min(size, expected):
            chunks.append(os.read(descriptor, size - got))
            got += len(chunks[-1])
    finally:
        os.close(descriptor)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _ole_kind(path: Path) -> str:
    """READ_003 for an encrypted (password-protected) .xlsx, READ_007 for a legacy .xls."""
    with path.open("rb") as handle:
        data = handle.read(8 * 2**20)
    return "READ_003" if "EncryptionInfo".encode("utf-16-le") in data else "READ_007"


class WorkbookData:
    """A sniffed and scanned workbook; each sheet is read when first asked for, straight from its checked part
    (direct.py) or by python-calamine (opened only then)."""

    def __init__(self, path: str | Path, limits: ReadLimits = DEFAULT_LIMITS) -> None:
        self.path = Path(path)
        self.limits = limits
        self._zip, parts = sniff(self.path, limits)
        self.fast_parts: set[str] = set()  # the parts the scan's fast path decided (tests check it)
        self._ods = _scan_ods(self._zip, str(self.path), limits)  # bounds an .ods before calamine reads it
        self.macro = "xl/vbaProject.bin" in self._zip.NameToInfo or bool(self._ods and self._ods.macro)
        self._book = None  # python-calamine's workbook, opened when a sheet needs it
        self._standard = False  # workbook, relationships and styles as python-calamine surely reads them (package.py)
        try:
            if self._ods is None:
                self._structure = read_structure(self._zip, str(self.path), parts)
                named = set(self._structure.sheets.values()).union(*self._structure.targets.values())
                verify_parts(self._zip, str(self.path), [self._zip.NameToInfo[name] for name in sorted(named)
                                                         if name in self._zip.NameToInfo and not is_xml_part(name)],
                             limits)
                self.fast_parts |= check_shared_strings(self._zip, str(self.path), limits, self._structure, parts)
                self._parts = parts
                self.sheet_names = list(self._structure.names)
                self._visibility = dict(self._structure.states)
                unmapped = [name for name in self.sheet_names if name not in self._structure.sheets]
                self._standard = self._structure.plain and standard(self._zip, parts)
                if unmapped or len(self._visibility) != len(self.sheet_names) or not self._standard:
                    self._calamine()  # python-calamine decides, as it always did
            else:
                self._structure = Structure({}, False, {})
                self._parts = {}
                self._calamine()
        except BaseException:
            self._zip.close()
            raise
        self._sheets: dict[str, SheetData] = {}
        self._scans: dict[str, SheetScan] = {}
        self._bounded: set[str] = set()  # the parts rows() has bounded

    def _calamine(self):
        """python-calamine's workbook, opened once; its sheet names are the workbook's (a sheet whose part the
        workbook's relationships do not name is refused)."""
        import python_calamine

        if self._book is not None:
            return self._book
        try:
            self._book = _open_calamine(python_calamine.CalamineWorkbook, self.path)
            self.sheet_names = list(self._book.sheet_names)
            unmapped = [name for name in self.sheet_names if name not in self._structure.sheets and self._ods is None]
            if unmapped:
                raise WorkbookReadError("READ_005", path=str(self.path), detail=f"{unmapped[0]}: sheet part not found")
            self._visibility = {m.name: _VISIBILITY.get(str(m.visible).rsplit(".", 1)[-1], "visible")
                                for m in self._book.sheets_metadata}
        except (python_calamine.CalamineError, ValueError, OSError) as err:
            if isinstance(err, WorkbookReadError):
                raise
            raise WorkbookReadError("READ_005", path=str(self.path), detail=str(err)[:200]) from err
        return self._book

    def restrict(self, limits: ReadLimits, *, exempt: frozenset[str] = frozenset()) -> None:
        """Hold the open workbook to (tighter) limits from now on; WorkbookReadError if it is already past them.

        exempt names parts whose size is not checked now (with it, the whole file's size is not checked
        either): a master's data sheets, while the metadata and plan sheets that vouch for them are read.
        """
        shown = str(self.path)
        if not exempt and self.path.stat().st_size > limits.max_file_bytes:
            raise WorkbookReadError("READ_010", path=shown, detail=f"{self.path.stat().st_size:,} bytes")
        # Every XML part was inflated at open and none may exceed its declared size: the directory's sizes hold.
        parts = [info for name, info in self._zip.NameToInfo.items() if name not in exempt]
        check_directory(shown, parts, replace(limits, max_total_uncompressed=2**63) if exempt else limits)
        self.limits = limits

    def digest(self) -> str | None:
        """The SHA-256 of the bytes read and checked (a file of up to KEEP_BYTES is read once, whole: the digest is of
        what was validated, not of a second reading); None for a larger file, read in a stream."""
        handle = self._zip.fp
        return hashlib.sha256(handle.getbuffer()).hexdigest() if isinstance(handle, io.BytesIO) else None

    def close(self) -> None:
        self._zip.close()
        if self._book is not None:
            self._book.close()

    def __enter__(self) -> "WorkbookData":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def sheet(self, name: str) -> SheetData:
        if name not in self._sheets:
            self._sheets[name] = self._read_sheet(name)
        return self._sheets[name]

    table_limits: ReadLimits | None = None  # what rows() holds a sheet to when not self.limits (master_file.py)

    def rows(self, name: str) -> Iterator[list]:
        """A sheet's rows one at a time, values as python-calamine gives them (text not cleaned here).

        For the tool's own large tables (a master's period sheets): no copy of the whole sheet in Python and
        its XML not kept. The part is bounded first (table_limits, else the workbook's limits: every reference,
        its real size and checksum, no DTD; tablescan.py) and the row limit applies as for sheet().
        """
        from python_calamine import CalamineError

        shown = str(self.path)
        limits = self.table_limits or self.limits
        if self._ods is None:
            self._bound(name, limits)
        try:
            raw = self._calamine().get_sheet_by_name(name)
            height = raw.end[0] + 1 if raw.end else 0
            if height > limits.max_rows:
                raise WorkbookReadError("READ_010", path=shown, detail=f"{name}: {height:,} rows")
            top, left = raw.start or (0, 0)
            yield from ([] for _ in range(top))
            for row in raw.iter_rows():
                yield [""] * left + row if left else row
        except WorkbookReadError:
            raise
        except (CalamineError, ValueError, OSError) as err:
            raise WorkbookReadError("READ_005", path=shown, detail=f"{name}: {str(err)[:200]}") from err

    def _bound(self, name: str, limits: ReadLimits) -> None:
        """Bound a sheet's part before python-calamine reads it, once (tablescan.bound_part)."""
        info = self._sheet_entry(name)
        if info.filename not in self._bounded:
            bound_part(self._zip, str(self.path), info, name, limits)
            self._bounded.add(info.filename)

    def _sheet_entry(self, name: str) -> zipfile.ZipInfo:
        """The zip entry of a sheet's part; READ_005 when the workbook leads to none (calamine would read another)."""
        info = self._zip.NameToInfo.get(self._structure.sheets.get(name, ""))
        if info is None:
            raise WorkbookReadError("READ_005", path=str(self.path), detail=f"{name}: sheet part not found")
        return info

    def part(self, name: str) -> tuple[zipfile.ZipFile, zipfile.ZipInfo]:
        """The open zip and the entry of a sheet's XML part (to copy it as it is)."""
        return self._zip, self._zip.getinfo(self.xml_paths()[name])

    def sheets(self) -> list[SheetData]:
        return [self.sheet(name) for name in self.sheet_names]

    def visibility(self, name: str) -> str:
        return self._visibility.get(name, "visible")

    def _scan(self, name: str) -> SheetScan:
        """The sheet's part parsed in a stream (bounds, formulas, malformed cells), once."""
        part = self._structure.sheets.get(name, "")
        if part not in self._scans:
            info = self._sheet_entry(name)
            # its real inflated size and checksum first (worksheets are not inflated when the file is opened);
            # a part of up to KEEP_BYTES is scanned from the bytes inflated then, a larger one in a stream
            data = verify_parts(self._zip, str(self.path), [info], self.limits, {part})
            if part in data:
                self._scans[part] = scan_sheet(data[part], str(self.path), name, self.limits)
            else:
                with opened(self._zip, part, str(self.path)) as stream:
                    self._scans[part] = scan_sheet(stream, str(self.path), name, self.limits)
            if self._scans[part].fast:
                self.fast_parts.add(part)
        return self._scans[part]

    def _read_sheet(self, name: str) -> SheetData:
        from python_calamine import CalamineError

        found = self._direct(name) if self._ods is None else None
        try:
            if found is not None:
                rows, merged = found
            else:
                raw = self._calamine().get_sheet_by_name(name)
                rows = raw.to_python(skip_empty_area=False)
                merged = [(r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in (raw.merged_cell_ranges or [])]
                if self._ods is not None:
                    merged = list(self._ods.sheet(name).merged)
        except (CalamineError, ValueError, OSError) as err:
            raise WorkbookReadError("READ_005", path=str(self.path), detail=f"{name}: {str(err)[:200]}") from err
        if len(rows) > self.limits.max_rows:  # the scan bounds what calamine reads; this is a second line
            raise WorkbookReadError("READ_010", path=str(self.path), detail=f"{name}: {len(rows):,} rows")
        denormalized, at_limit = (set(), {}) if plain_texts(rows) else clean_texts(rows)
        while rows and not any(v not in ("", None) for v in rows[-1]):
            rows.pop()
        return SheetData(name, self.visibility(name), rows, merged, denormalized, self._structure.sheets.get(name, ""),
                         stored_at_limit=at_limit)

    def _direct(self, name: str) -> tuple[list[list], list[tuple[int, int, int, int]]] | None:
        """The sheet's rows and merged ranges taken from its fast scan (direct.py), or None: python-calamine reads
        it. The sheet is scanned first either way: bounded before its rows are allocated (the scan's cells, at most
        those of a part of KEEP_BYTES, are dropped here once taken)."""
        scan = self._scan(name)
        if scan.cells is None:
            return None
        self._scans[self._structure.sheets[name]] = replace(scan, cells=None)  # the sheet's cells are not kept
        if not self._standard:
            return None
        merged = direct.merged_ranges(scan.merged)
        if merged is None:
            return None
        rows = direct.sheet_rows(scan.cells, self._shared_strings, self._number_formats, self.date1904)
        return None if rows is None else (rows, merged)

    def pair_rows(self, name: str) -> list[list]:
        """The rows of a sheet of key/value pairs in columns A and B (the metadata): [key, value] for each row holding
        both when its own grammar reads the sheet (fastxml.pairs), else every row of sheet(name); values and their
        cleaning as sheet() gives them. Its general reading cost several times as much: a unit file's metadata took a
        sixth of the file's reading for a merge."""
        rows = self._pairs(name) if self._ods is None and self._standard and name not in self._sheets else None
        if rows is None:
            return self.sheet(name).rows
        if not plain_texts(rows):
            clean_texts(rows)
        return rows

    def _pairs(self, name: str) -> list[list] | None:
        part, strings = self._structure.sheets.get(name, ""), self._shared_strings
        if not part or strings is None:
            return None
        data = verify_parts(self._zip, str(self.path), [self._sheet_entry(name)], self.limits, {part}).get(part)
        found = None if data is None else scan_pairs(data, str(self.path), name, self.limits)
        rows = None if found is None else direct.pair_rows(found, strings, self._number_formats, self.date1904)
        if rows is not None:
            self.fast_parts.add(part)
        return rows

    def custom_properties(self) -> dict[str, str]:
        """The workbook's custom document properties holding text, name → text, when their part is written plainly
        (fastxml.properties); none otherwise (an .ods, a part of another shape or too large to keep)."""
        data = self._parts.get(CUSTOM) if self._ods is None else None
        # the tool's are a few KB (at most some 130 KB with the longest carried list): a larger part is not parsed
        found = fastxml.properties(data, self.limits.max_cell_chars) if data and len(data) <= MEMO_BYTES else None
        try:
            return {name.decode("utf-8"): direct.unescape(text.decode("utf-8"))
                    for name, kind, text in found or () if kind == b"lpwstr"}
        except ValueError:  # a name not UTF-8 (the grammar checked only the values): none are taken
            return {}

    @cached_property
    def _shared_strings(self) -> list[str] | None:
        """The shared strings for direct reading (direct.py), from xl/sharedStrings.xml as python-calamine finds it;
        None when they are not plain (python-calamine reads the sheets that use them)."""
        names = [name for name in self._zip.NameToInfo if name.lower() == STRINGS.lower()]
        if not names:
            return []
        if names == [STRINGS] and STRINGS in self.fast_parts and STRINGS in self._parts:
            return direct.shared_strings(self._parts[STRINGS])
        return None

    def _number_formats(self) -> tuple[int, ...] | None:
        """Each cell style's number format kind (direct.py), from xl/styles.xml as python-calamine finds it."""
        names = [name for name in self._zip.NameToInfo if name.lower() == STYLES.lower()]
        if not names:
            return ()
        return direct.number_formats(self._parts[STYLES]) if names == [STYLES] and STYLES in self._parts else None

    def xml_paths(self) -> dict[str, str]:
        """Sheet name → its XML part, from the workbook's relationships."""
        return dict(self._structure.sheets)

    @property
    def date1904(self) -> bool:
        return self._structure.date1904

    def formula_cells(self, name: str) -> set[tuple[int, int]]:
        """The (row, column) of every cell of a sheet that holds a formula, found by parsing the sheet."""
        if self._ods is not None:
            return set(self._ods.sheet(name).formulas)
        return set(self._scan(name).formulas)

    def shown_texts(self, name: str, cells) -> dict[tuple[int, int], str]:
        """The text each given (row, column) displays: a number or date through the cell's number format."""
        if self._ods is not None:
            shown = self._ods.sheet(name).shown
            return {cell: shown[cell] for cell in cells if cell in shown}
        sheet = self.sheet(name)
        return xlsx_shown_texts(self._read_part, self._sheet_part(name), sheet, cells, self.date1904)

    def hyperlinks(self, name: str) -> dict[tuple[int, int], str]:
        """The address of every hyperlink of a sheet, by (row, column)."""
        if self._ods is not None:
            return dict(self._ods.sheet(name).links)
        self.sheet(name)
        return xlsx_hyperlinks(self._read_part, self._zip.NameToInfo, self.xml_paths().get(name, ""))

    def _sheet_part(self, name: str) -> bytes:
        part = self._structure.sheets.get(name, "")
        return self._read_part(part) if part in self._zip.NameToInfo else b""

    def _read_part(self, name: str) -> bytes:
        return part_bytes(self._zip, name, str(self.path), self._parts)


def _open_calamine(opener, path: Path):
    """python-calamine's workbook; by its bytes when the name is not UTF-8 (Rust needs a UTF-8 path)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        with path.open("rb") as handle:
            return opener.from_filelike(handle)
    return opener.from_path(str(path))


def _scan_ods(archive: zipfile.ZipFile, shown: str, limits: ReadLimits):
    """An .ods container's scan (ods.py), None for an .xlsx; the zip is closed when the scan refuses it."""
    from . import ods
    if "xl/workbook.xml" in archive.NameToInfo:
        return None
    try:
        return ods.scan(archive, shown, limits.max_rows)
    except BaseException:
        archive.close()
        raise


_VISIBILITY = {"Visible": "visible", "Hidden": "hidden", "VeryHidden": "veryHidden"}


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
