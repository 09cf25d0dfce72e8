"""How `Phụ lục I` is cut into pages: measured row heights, page breaks, and a task's identification repeated on
each page it continues on.

A block of rows sharing a merged cell starts a new page rather than being cut, when it fits one; a block taller
than a page is cut into its tasks (a task's own rows: its result rows under its STT and criterion), each kept
whole when it fits a page, and a task taller than a page fills its page row by row. A spreadsheet prints a
merged cell only on the page where it starts, so the merged cells are split where a page breaks inside a task, and the first
row of a page inside a task carries its STT and "<criterion> (tiếp theo)".
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .paper import PAGE_HEIGHT, PRINTABLE, row_height
from .report_rows import CONTINUED, MAX_ROW_HEIGHT

LABEL_CHARACTERS = 60  # of a criterion repeated on a page where its task continues


@dataclass(frozen=True)
class Piece:
    """A cell of the table, merged down from `top` to `bottom`, with its format and column width in points."""
    top: int
    bottom: int
    col: int
    text: object
    fmt: object
    width: float
    bold: bool = False
    typed: bool = False  # written by its type (a plan's cell), else always as a string
    right: int = -1  # the last column of a cell merged across its row (a section's heading)


def cells_by_row(pieces: list[Piece]) -> dict[int, list]:
    """Each row's cells as (text, width, rows spanned, bold), a merged cell in its first row."""
    cells: dict[int, list] = {}
    for piece in pieces:
        if piece.bottom > piece.top:
            for row in range(piece.top + 1, piece.bottom + 1):
                cells.setdefault(row, [])
        cells.setdefault(piece.top, []).append((piece.text, piece.width, piece.bottom - piece.top + 1, piece.bold))
    return dict(sorted(cells.items()))


def own_heights(cells: dict[int, list], known: dict[int, float]) -> dict[int, float]:
    """Each row's height from its own (not merged) cells, unless known already."""
    return {row: known[row] if row in known else row_height([(t, w, b) for t, w, span, b in row_cells if span == 1])
            for row, row_cells in cells.items()}


def fit(own: dict[int, float], cells: dict[int, list], least: dict[int, float] | None = None) -> dict[int, float]:
    """Row heights from the rows' own heights (or `least`, where taller: a page's first row inside a task, which
    names it): a merged cell's excess is shared by the rows it spans."""
    heights = dict(own)  # one dict, changed in place (at 4,000 units, 120,000 rows)
    for row, height in (least or {}).items():
        heights[row] = max(own[row], height)
    for row, row_cells in cells.items():
        for text, width, span, bold in row_cells:
            if span > 1 and text:
                need = row_height([(text, width, bold)])
                have = sum(heights[r] for r in range(row, row + span))
                for r in range(row, row + span):
                    heights[r] += max(0.0, need - have) / span
    for row, height in heights.items():
        heights[row] = min(round(height, 2), MAX_ROW_HEIGHT)
    return heights


def label(code: str, criterion: str) -> tuple[str, str]:
    """What the STT and criterion cells say where a task continues on a new page."""
    short = criterion if len(criterion) <= LABEL_CHARACTERS else \
        criterion[:LABEL_CHARACTERS].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
    return code, f"{short} {CONTINUED}".strip()


def split_at(pieces: list[Piece], breaks: list[int], tasks: dict[int, int],
             labels: dict[int, dict[int, str]]) -> list[Piece]:
    """The pieces with every merged cell split where a page starts inside a task; in a task (first row → last row) its cells
    of `labels` (task's first row → column → text) say so again in the page's first row, the others are blank."""
    task_of = {row: first for first, last in tasks.items() for row in range(first + 1, last + 1)}
    owner = {row: task_of[row] for row in breaks if row in task_of}
    starts = sorted(owner)  # a break between tasks leaves the cells merged as the plan issued them
    split = []
    for piece in pieces:
        inside = starts[bisect_right(starts, piece.top):bisect_right(starts, piece.bottom)] \
            if piece.bottom > piece.top else None
        if not inside:
            split.append(piece)
            continue
        for top, bottom in zip([piece.top] + inside, [b - 1 for b in inside] + [piece.bottom]):
            text = piece.text if top == piece.top else labels.get(owner.get(top, -1), {}).get(piece.col, "")
            split.append(Piece(top, bottom, piece.col, text, piece.fmt, piece.width, piece.bold, piece.typed))
    return split


def page_breaks(heights: dict[int, float], header: int, cells: dict[int, list], above: float,
                headings: frozenset[int] | set[int] = frozenset(), tasks: dict[int, int] | None = None,
                opening: dict[int, float] | None = None) -> list[int]:
    """Rows that start a page: where the measured rows fill one, or earlier to keep a merged block whole (and a
    section heading with the block under it). tasks: a task's first row → its last (a block taller than a page
    is cut between tasks first); opening: the height of a row when it starts a page (it then names its task)."""
    spans = {row: max((s for _, _, s, _ in row_cells), default=1) for row, row_cells in cells.items()}
    block_end: dict[int, int] = {}
    for row, span in sorted(spans.items()):
        for r in range(row, row + span):
            block_end[r] = max(block_end.get(r, r), row + span - 1)
    task_end = {r: last for first, last in (tasks or {}).items() for r in range(first, last + 1)}
    for row in sorted(headings, reverse=True):
        block_end[row] = max(block_end.get(row, row), block_end.get(row + 1, row))
        task_end[row] = max(task_end.get(row, row), task_end.get(row + 1, row + 1))
    opening = opening or {}
    start = above + heights[header]  # what the page holds above its first row (the title on page 1)
    breaks, used, row = [], start, header + 1
    loose = [0, 0]  # the last row of the block, and of the task, being cut row by row
    while row in heights:
        ends = [block_end.get(row, row) if row > loose[0] else None, task_end.get(row, row) if row > loose[1] else None,
                min(row + 1 if row in headings else row, max(loose))]
        for level, end in enumerate(ends):
            if end is None:
                continue
            block = range(row, max(end, row) + 1)
            need = sum(heights[r] for r in block)
            if used + need > PAGE_HEIGHT and used > start:  # never a page of the table's header alone
                breaks.append(row)
                used = start = heights[header]
            if used == start:
                need += opening.get(row, heights[row]) - heights[row]
            if level == 2 or used + need <= (PRINTABLE if used == start else PAGE_HEIGHT):
                break
            # a block taller than a whole page (its spare given up to keep a merged block whole): its tasks,
            # then its rows, break one by one to its last row, filling each page; a heading keeps its first row
            loose[level] = block[-1]
        used += need
        row = block[-1] + 1
    return breaks
