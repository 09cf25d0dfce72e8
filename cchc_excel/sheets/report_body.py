"""`Phụ lục I` below its header, row by row as it streams into the sheet's XML (table_xml.appended_chunks).

At 4,000 units a task's results take a row per unit, and the table holds every unit's every result: written
through xlsxwriter, each cell would stay in memory until the workbook closed. Here the cells that start in a
row (the plan's cells, the section headings, the results of a task of one row) are few and held; the rows of a
task over several rows (report_rows.py) are made again as the task is written, one task at a time. Every cell a
merge covers is written blank in its format, as xlsxwriter's merge_range writes it (its borders show).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Mapping

from ..model.cells import column_letter
from .base import cell_value
from .report_pages import Piece


@dataclass
class Body:
    """The table's cells below its header (pieces, split at the page breaks), the rows' heights, for each task
    over several rows (its first row →) how to make its rows' texts again, and the result columns (column →
    (result key, format)). Formats are indexed when the Body is made: before the workbook is closed."""

    pieces: list[Piece]
    heights: dict[int, float]
    remade: Mapping[int, Callable[[], list[dict[str, str]]]]
    results: dict[int, tuple[str, object]]
    columns: int
    header: int  # the header's row (0-based): the body starts below it

    def __post_init__(self) -> None:
        formats: list = [p.fmt for p in self.pieces] + [f for _, f in self.results.values()]
        self._styles = {id(f): f._get_xf_index() for f in formats}

    @property
    def last(self) -> tuple[int, int]:
        """The bottom-right cell, 1-based (row, column)."""
        return max(self.heights, default=self.header) + 1, self.columns

    @property
    def merges(self) -> list[str]:
        """The merged ranges ("B5:B9")."""
        return [f"{column_letter(p.col + 1)}{p.top + 1}:{column_letter(max(p.right, p.col) + 1)}{p.bottom + 1}"
                for p in self.pieces if p.bottom > p.top or p.right > p.col]

    def rows(self) -> Iterator[tuple[int, list[tuple[int, object, int]], float]]:
        """Each row's (1-based number, cells (column, value, style index), height)."""
        starting: dict[int, list[Piece]] = {}
        for piece in self.pieces:
            starting.setdefault(piece.top, []).append(piece)
        covered: list[tuple[int, int, int]] = []  # (last row, column, style) of each merge still open
        texts: list[dict[str, str]] = []
        first = 0
        for row in sorted(self.heights):
            cells: dict[int, tuple[object, int]] = {col: ("", style) for bottom, col, style in covered}
            covered = [c for c in covered if c[0] > row]
            for piece in starting.pop(row, ()):
                style = self._styles[id(piece.fmt)]
                value = cell_value(piece.text) if piece.typed else piece.text
                cells[piece.col] = ("" if value is None else value, style)
                cells.update((col, ("", style)) for col in range(piece.col + 1, piece.right + 1))
                if piece.bottom > row:
                    covered.append((piece.bottom, piece.col, style))
            if row in self.remade:
                texts, first = self.remade[row](), row
            if first <= row < first + len(texts):
                cells.update((col, (texts[row - first][key], self._styles[id(fmt)]))
                             for col, (key, fmt) in self.results.items())
            yield row + 1, [(col, value, style) for col, (value, style) in sorted(cells.items())], \
                _whole_pixels(self.heights[row])


def _whole_pixels(points: float) -> float:
    """A row's height as xlsxwriter's set_row writes it: in whole pixels (0.75 pt)."""
    return 0.75 * int(points * 4 / 3 + 0.5)
