"""A sheet's values as the user sees them (1-based rows and columns, merged cells seeing their top-left), and the
cleaning every text read from a workbook gets: NFC, trimmed, line breaks as written."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model.text import CELL_LIMIT, clean, excel_length


# a line of a text with white space at its start or end (str.strip's, which re's \s is): clean() would trim it
_UNTRIMMED_LINE = re.compile(r"\n(?:[^\S\n]|(?<=[^\S\n]\n))")


@dataclass
class SheetData:
    """A sheet's values as the user sees them: 1-based rows and columns, merged cells see their top-left."""

    name: str
    visibility: str
    rows: list[list]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col
    denormalized: set[tuple[int, int]] = field(default_factory=set)  # cells whose text was not NFC
    xml_path: str = ""
    # cells whose text as stored reached Excel's limit (CELL_LIMIT) and was shortened by cleaning: its stored length
    stored_at_limit: dict[tuple[int, int], int] = field(default_factory=dict)
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


def plain_texts(rows: list[list]) -> bool:
    """True when no text of the sheet needs cleaning, found in one look at all of them: NFC (checked on the texts
    joined by NUL, which composes with nothing and is never reordered), no CR, no white space at an end
    (each text equal to itself stripped), lines of a multi-line text already trimmed."""
    texts = [value for values in rows for value in values if value.__class__ is str and value]
    joined = "\0".join(texts)
    if "\r" in joined or not unicodedata.is_normalized("NFC", joined) or list(map(str.strip, texts)) != texts:
        return False
    return "\n" not in joined or not _UNTRIMMED_LINE.search(joined)


def clean_texts(rows: list[list]) -> tuple[set[tuple[int, int]], dict[tuple[int, int], int]]:
    """Clean each text that needs it in place (NFC, trimmed, line breaks as written); (the cells that were not NFC,
    the stored length of each cell whose text reached Excel's limit before cleaning shortened it: a text cut at the
    limit just after a space is trimmed below it, and must still be seen as cut)."""
    denormalized: set[tuple[int, int]] = set()
    at_limit: dict[tuple[int, int], int] = {}
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value.__class__ is str and value:
                if not unicodedata.is_normalized("NFC", value):
                    denormalized.add((r, c))
                if "\n" in value or "\r" in value or value[0].isspace() or value[-1].isspace() \
                        or (r, c) in denormalized:
                    values[c - 1] = clean(value)
                    if 2 * len(value) >= CELL_LIMIT and (stored := excel_length(value)) >= CELL_LIMIT:
                        at_limit[r, c] = stored
    return denormalized, at_limit
