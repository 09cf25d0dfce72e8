"""The rows a task takes in `Phụ lục I`: one, or several when its results cannot fit one row.

Excel and LibreOffice cap a row at 409 pt and print no more of a cell than its row holds, and a row that does not
fit under the title leaves page 1 with the table's header alone, so a task whose results (every unit's, in one
cell) need a row taller than SPLIT_HEIGHT is written over continuation rows: one row per unit
that reported (its result, evidence and difficulties side by side), and a unit's text taller than
PIECE_HEIGHT cut where its lines wrap, each further part opening with "(tiếp theo)". The plan's cells
(STT, criterion, solution, units, timeframe, level) are merged down the task's rows. Every character a
unit wrote is printed.
"""
from __future__ import annotations

from . import metrics
from .paper import CELL_PADDING, LINE, ROW_PADDING, TABLE_SIZE, lines_height, row_height

MAX_ROW_HEIGHT = 409.0  # Excel's and LibreOffice's tallest row; a cell prints no more than its row holds
SPLIT_HEIGHT = 300.0  # a taller task is split: a row this tall still fits page 1 under the title and the header
PIECE_HEIGHT = 200.0  # a unit's part of a split task: rows this short fill the pages well
CONTINUED = "(tiếp theo)"
RESULT_KEYS = ("result", "evidence", "notes")
_FIELDS = {"result": "result", "evidence": "evidence", "notes": "difficulties"}


def task_layout(summary, widths: dict[str, float], planned: list[str]
                ) -> tuple[list[tuple[dict[str, str], float | None]], frozenset[int]]:
    """The texts of the result columns (result, evidence, notes) in each row of a task (widths in points by column
    key, planned: the plan's own note for the task), each row with its height when it was measured to cut it (a row
    of a task over several rows has no other cells of its own), so that it need not be measured again; and which
    units' texts (by their place among the task's rows before cutting) were cut over several rows: with them,
    task_texts makes the texts again without measuring them."""
    whole = {"result": "\n".join(summary.result_lines), "evidence": "\n".join(summary.evidence_lines),
             "notes": "\n".join([p for p in planned if p] + summary.lines("difficulties"))}
    if not _taller(whole, widths):
        return [(whole, None)], frozenset()
    parts: list[tuple[dict[str, str], float | None]] = []
    cut = set()
    for i, piece in enumerate(_unit_pieces(summary, planned)):
        rows = _cut(piece, widths)
        parts += rows
        if len(rows) > 1:
            cut.add(i)
    return parts, frozenset(cut)


def task_texts(summary, widths: dict[str, float], planned: list[str], cut: frozenset[int]) -> list[dict[str, str]]:
    """The texts of the rows of a task over several rows, as task_layout gave them (cut: the units' texts it cut):
    only those are wrapped again."""
    return [part for i, piece in enumerate(_unit_pieces(summary, planned))
            for part in ([texts for texts, _ in _cut(piece, widths)] if i in cut else [piece])]


def _unit_pieces(summary, planned: list[str]) -> list[dict[str, str]]:
    """A row for each unit that reported: its result, evidence and difficulties (the plan's note in the first)."""
    pieces = [{key: f"{r.label}: {getattr(r.progress, name)}" if getattr(r.progress, name) else ""
               for key, name in _FIELDS.items()} for r in summary.reports if r.progress]
    pieces = [p for p in pieces if any(p.values())] or [{key: "" for key in RESULT_KEYS}]
    note = "\n".join(p for p in planned if p)
    if note:
        pieces[0]["notes"] = "\n".join(t for t in (note, pieces[0]["notes"]) if t)
    return pieces


def _taller(whole: dict[str, str], widths: dict[str, float]) -> bool:
    """Whether a task's texts need a row taller than SPLIT_HEIGHT: their lines alone may say so, unmeasured."""
    lines = max((text.count("\n") + 1 for key, text in whole.items() if key in widths), default=1)
    return lines_height(lines) > SPLIT_HEIGHT or _height(whole, widths) > SPLIT_HEIGHT


def _height(values: dict[str, str], widths: dict[str, float]) -> float:
    return row_height([(text, widths[key], False) for key, text in values.items() if key in widths])


def _cut(piece: dict[str, str], widths: dict[str, float]) -> list[tuple[dict[str, str], float | None]]:
    """A unit's row (with its height), or its parts of at most PIECE_HEIGHT when it is taller. Its texts are
    wrapped once, into the lines they are cut into (as many as a spreadsheet wraps them into, or a line more where
    a word wider than a column was broken): a row's height is that of its lines, not measured again."""
    lines = {key: [line for paragraph in text.split("\n") for line in _lines(paragraph, widths[key] - CELL_PADDING)]
             for key, text in piece.items() if key in widths and text}
    height = lines_height(max((len(found) for found in lines.values()), default=1))
    if height <= PIECE_HEIGHT:
        return [(piece, height)]
    most = int((PIECE_HEIGHT - ROW_PADDING) / (TABLE_SIZE * LINE))
    parts = {key: _chunks(lines[key], most) if key in lines else [(text, 1)] for key, text in piece.items()}
    count = max(len(p) for p in parts.values())
    return [({key: p[i][0] if i < len(p) else "" for key, p in parts.items()},
             lines_height(max(p[i][1] if i < len(p) else 1 for key, p in parts.items() if key in widths)))
            for i in range(count)]


def _chunks(lines: list[tuple[str, str]], most: int) -> list[tuple[str, int]]:
    """A text's lines (_lines) cut into parts of at most `most` lines, each with its number of lines; the parts
    after the first open with a line "(tiếp theo)". Joined again (the marks left out), the parts are the text,
    but for the line breaks and spaces where it was cut."""
    parts, current = [], ""
    room = most
    for line, sep in lines:
        if room == 0:
            parts.append((current, most))
            current, room = CONTINUED + "\n", most - 1
        current += line + sep
        room -= 1
    parts.append((current, most - room))
    return [(p.rstrip("\n "), count) for p, count in parts]


def _lines(paragraph: str, width: float) -> list[tuple[str, str]]:
    """A paragraph's lines as a spreadsheet wraps it at spaces (a word wider than the line broken where it
    must), each with what follows it in the text: a space, nothing (a word broken) or the paragraph's end."""
    space = metrics.text_width(" ", TABLE_SIZE)
    lines: list[tuple[str, str]] = []
    current, used = "", 0.0
    words = paragraph.split(" ")
    for word, w in zip(words, metrics.word_widths(words, TABLE_SIZE)):
        if current and used + space + w > width:
            lines.append((current, " "))
            current, used = "", 0.0
        while w > width:  # a word wider than the line (on a line of its own): as much as fits, then the rest
            cut = _fits(word, width)
            lines.append((word[:cut], ""))
            w -= metrics.text_width(word[:cut], TABLE_SIZE)  # not the rest measured again: linear in a long word
            word = word[cut:]
        current, used = (current + " " + word, used + space + w) if current else (word, w)
    lines.append((current, "\n"))
    return lines


def _fits(word: str, width: float) -> int:
    """How many of a word's first letters fit a width (at least one)."""
    used = 0.0
    for i, char in enumerate(word):
        used += metrics.text_width(char, TABLE_SIZE)
        if used > width:
            return max(i, 1)
    return len(word)
