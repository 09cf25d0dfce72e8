"""The only door for a workbook into the library: sniff the file, refuse what is unsafe, then open it."""
from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import WorkbookReadError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def sniff(path: str | Path) -> Path:
    """Check that a path is a readable .xlsx container; raise WorkbookReadError saying why not."""
    path = Path(path)
    shown = str(path)
    if path.name.startswith("~$"):
        raise WorkbookReadError("READ_004", path=shown)
    if not path.is_file():
        raise WorkbookReadError("READ_001", path=shown)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        raise WorkbookReadError("READ_003", path=shown)
    if not head.startswith(ZIP_MAGIC):
        raise WorkbookReadError("READ_002", path=shown)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as err:
        raise WorkbookReadError("READ_005", path=shown, detail=str(err)) from err
    if "xl/workbook.xml" not in names:
        raise WorkbookReadError("READ_002", path=shown)
    return path


def open_workbook(path: str | Path):
    """An openpyxl workbook (values, merged ranges) of a sniffed file; never runs anything in it."""
    import openpyxl

    path = sniff(path)
    try:
        return openpyxl.load_workbook(path, data_only=True, keep_vba=False, keep_links=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as err:
        raise WorkbookReadError("READ_005", path=str(path), detail=type(err).__name__) from err


class SheetGrid:
    """A sheet's values as a grid that sees through merged cells: each merged cell reads its top-left value."""

    def __init__(self, sheet) -> None:
        self.title = sheet.title
        self.max_row = sheet.max_row
        self.max_column = sheet.max_column
        self._values = {(c.row, c.column): c.value for row in sheet.iter_rows() for c in row
                        if c.value is not None}
        self._merged: dict[tuple[int, int], tuple[int, int]] = {}
        for merged in sheet.merged_cells.ranges:
            for row in range(merged.min_row, merged.max_row + 1):
                for col in range(merged.min_col, merged.max_col + 1):
                    self._merged[(row, col)] = (merged.min_row, merged.min_col)

    def value(self, row: int, col: int) -> object:
        return self._values.get(self._merged.get((row, col), (row, col)))

    def is_merged_copy(self, row: int, col: int) -> bool:
        """True where the cell is inside a merged range but not its top-left cell."""
        return self._merged.get((row, col), (row, col)) != (row, col)

    def find_header(self, match, min_hits: int, scan_rows: int = 30) -> tuple[int, dict[str, int]]:
        """The first row within scan_rows where at least min_hits cells name a known field.

        match(text) returns a field name or None. Returns (row, {field: column}); (0, {}) if no row.
        """
        best: tuple[int, dict[str, int]] = (0, {})
        for row in range(1, min(self.max_row, scan_rows) + 1):
            columns: dict[str, int] = {}
            for col in range(1, self.max_column + 1):
                field = match(self.value(row, col)) if self.value(row, col) is not None else None
                if field and field not in columns and not self.is_merged_copy(row, col):
                    columns[field] = col
            if len(columns) >= min_hits and len(columns) > len(best[1]):
                best = (row, columns)
        return best
