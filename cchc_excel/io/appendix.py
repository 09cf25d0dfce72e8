"""Reading the appendix table of a plan as the agency typed it.

The table is found on any sheet, under any title block, by its header row (one row, or a merged group
header over sub-headers) in the vocabulary of layout.APPENDIX_COLUMNS. Rows below it are read as typed:
a numbering row "(1) (2) …", blank spacer rows, codes typed as numbers (2.1 as a float; 2.10 after 2.9),
roman or lettered section rows with or without a dot, numbering that restarts under each section,
sub-criteria with or without their parent, multi-line cells, cells merged across sub-criteria, several
tasks under one merged criterion or STT cell (each its own task), and rows continued under a merged STT
cell. A total, signature or "Nơi nhận" row ends the table (ignored with a warning).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..model import layout
from ..model.cells import a1
from ..model.layout import APPENDIX_COLUMNS
from ..model.plan import AppendixColumn, AppendixShape
from ..model.problems import Problem
from ..model.text import clean, fold, item_code, number_code
from .reader import SheetData

SCAN_ROWS = 40
_SECTION = re.compile(r"([IVXLC]+|[A-Z])\.?")
_SECTION_PREFIX = re.compile(r"([IVXLC]+|[A-Z])[.)]\s+(.+)", re.S)
_NUMBERING = re.compile(r"\(?\d{1,2}\)?")
_LETTERED = re.compile(r"(\d+(?:\.\d+)*)\.([a-zđ])[.)]?")  # "1.1.a", "1.1.a)": a lettered sub-item of 1.1
TASK_FIELDS = ("lead", "partner", "units", "timeframe")


def _header_key(text: object) -> str:
    return fold(text).replace(" ", "")


HEADERS = {_header_key(name): field for field, (main, others) in APPENDIX_COLUMNS.items()
           for name in (main, *others)}


def spellings(field: str) -> str:
    """The accepted spellings of a column, for messages."""
    main, others = APPENDIX_COLUMNS[field]
    return ", ".join(f"\"{name}\"" for name in (main, *others))


@dataclass
class Table:
    """Where the appendix table is: its sheet, header rows, columns and shape."""

    grid: SheetData
    header_row: int
    header_rows: int
    columns: dict[str, int]  # field → column
    extras: list[int]  # columns of the extra headers, in order
    shape: AppendixShape

    @property
    def first_data_row(self) -> int:
        return self.header_row + self.header_rows


@dataclass
class RawTask:
    """A task row (or rows, when continued) as read, before the plan items are built."""

    code: str  # as typed, normalised ('2.1')
    section: str  # key of the section ('' outside sections)
    row: int
    texts: dict[str, str]
    merged: dict[str, bool]
    extras: list[str]
    key: str = ""
    header: tuple[str, str] = ("", "")  # the section heading (code as typed, title)
    merged_above: set[str] = field(default_factory=set)


def find_table(grids: list[SheetData]) -> Table | None:
    """The sheet and header rows with the most known columns (at least three, STT among them)."""
    best: tuple[float, Table | None] = (0, None)
    for grid in grids:
        for row in range(1, min(grid.max_row, SCAN_ROWS) + 1):
            for span in (1, 2):
                columns, cells = _header_columns(grid, row, span)
                score = len(columns) - (span - 1) * 0.5
                if len(columns) >= 3 and "code" in columns and score > best[0]:
                    best = (score, _table(grid, row, span, columns, cells))
    return best[1]


def _header_columns(grid: SheetData, row: int, span: int) -> tuple[dict[str, int], list]:
    """{field: column} and [(column, field or 'extra', header, group)] of a header of span rows."""
    columns: dict[str, int] = {}
    cells = []
    width = max(len(grid.rows[r - 1]) for r in range(row, min(row + span, grid.max_row + 1)))
    for col in range(1, width + 1):
        top = clean(grid.value(row, col))
        sub = clean(grid.value(row + 1, col)) if span == 2 else top
        group = top if sub and sub != top else ""
        header = sub or top
        if not header:
            continue
        found = HEADERS.get(_header_key(header)) or (HEADERS.get(_header_key(f"{top} {sub}")) if group else None)
        if found and found not in columns:
            columns[found] = col
            cells.append((col, found, header, group))
        else:
            cells.append((col, "extra", header, group))
    return columns, cells


def _table(grid, row, span, columns, cells) -> Table:
    shape = AppendixShape(tuple(AppendixColumn(f, h, g) for _, f, h, g in cells), title_block(grid, row))
    return Table(grid, row, span, columns, [c for c, f, _, _ in cells if f == "extra"], shape)


def title_block(grid: SheetData, header_row: int) -> tuple[str, ...]:
    """The non-empty lines above the header, each row's first text."""
    lines = []
    for row in range(1, header_row):
        texts = [clean(v) for v in grid.rows[row - 1] if clean(v)]
        if texts and texts[0] not in lines:
            lines.append(texts[0])
    return tuple(lines)


def missing_columns(table: Table) -> list[str]:
    wanted = [f for f in layout.APPENDIX_REQUIRED if f not in table.columns]
    if "lead" not in table.columns and "units" not in table.columns:
        wanted.append("lead")
    return wanted


def read_tasks(table: Table, problems: list[Problem]) -> list[RawTask]:
    """Every task row under the header, with its section; problems of codes are appended."""
    grid, columns = table.grid, table.columns
    raws: list[RawTask] = []
    section, heading = "", ("", "")
    seen: dict[tuple[str, str], int] = {}
    for row in range(table.first_data_row, grid.max_row + 1):
        texts = {f: _text(grid.value(row, col)) for f, col in columns.items()}
        merged = {f: grid.is_merged_copy(row, col) for f, col in columns.items()}
        extras = [clean(grid.value(row, col)) for col in table.extras]
        values = [t for t in list(texts.values()) + extras if t]
        if not values or (row == table.first_data_row and _is_numbering(values)):
            continue
        if _is_trailer(texts, values):
            problems.append(Problem("PLAN_012", sheet=grid.name, cell=a1(row, 1), value=values[0][:60],
                                    params={"row": row}))
            break
        if raws and (_under_previous(texts, merged) or _is_continuation(texts)):
            if _has_own_task(texts, merged):
                raws.append(_further_task(raws[-1], row, texts, merged, extras))
            else:
                _continue_task(raws[-1], texts, merged, extras)
            continue
        if _is_section(texts, merged):
            heading = _heading(texts, values)
            section = heading[0].rstrip(".")
            continue
        raw = _task(grid, row, columns, texts, merged, extras, section, heading, problems, seen)
        if raw:
            raws.append(raw)
    return raws


def _text(value: object) -> str:
    if isinstance(value, (date, datetime)):  # a date cell, shown as the agency reads it
        day = value.date() if isinstance(value, datetime) else value
        return f"{day:%d/%m/%Y}"
    return clean(value)


def _is_numbering(values: list[str]) -> bool:
    """A row such as "(1) (2) (3) (4) (5) (6)" that numbers the columns under the header."""
    return len(values) >= 3 and all(_NUMBERING.fullmatch(v) for v in values)


def _is_trailer(texts: dict[str, str], values: list[str]) -> bool:
    if texts.get("code") and task_code(texts["code"]):
        return False
    first = fold(values[0])
    return first in layout.APPENDIX_TRAILERS or first.startswith(layout.APPENDIX_TRAILER_STARTS)


def _under_previous(texts: dict[str, str], merged: dict[str, bool]) -> bool:
    """A row under the task above: its STT cell merged with it, or empty under a merged criterion cell."""
    if merged.get("code"):
        return True
    return not texts.get("code") and merged.get("criterion", False)


def _is_continuation(texts: dict[str, str]) -> bool:
    """A row with no STT whose every text goes on a line before it ("- Báo cáo kết quả", "và …"), or with
    text only in extra columns."""
    filled = [t for t in texts.values() if t]
    return not texts.get("code") and all(t[:1] in "-+•–*" or t[:1].islower() for t in filled)


def _has_own_task(texts: dict[str, str], merged: dict[str, bool]) -> bool:
    return any(texts.get(f) and not merged.get(f) for f in TASK_FIELDS)


def _is_section(texts: dict[str, str], merged: dict[str, bool]) -> bool:
    """A heading row: numbered I, II. or A; one text merged across the row; or a criterion alone."""
    filled = [f for f, t in texts.items() if t]
    if _SECTION.fullmatch(texts.get("code", "")) and not _has_own_task(texts, merged):
        return True
    if len(set(texts.values())) == 1 and len(texts) > 1:
        return True
    return filled == ["criterion"] or (filled == ["solution"] and "criterion" not in texts)


def _heading(texts: dict[str, str], values: list[str]) -> tuple[str, str]:
    code = texts.get("code", "")
    title = next((t for f, t in texts.items() if t and t != code), "")
    if not title or not _SECTION.fullmatch(code):
        match = _SECTION_PREFIX.fullmatch(values[0])
        if match:
            return match.group(1), match.group(2).strip()
        return "", title or values[0]
    return code, title


def _task(grid, row, columns, texts, merged, extras, section, heading, problems, seen) -> RawTask | None:
    cell = a1(row, columns["code"])
    value = grid.value(row, columns["code"])
    code = _float_code(value, section, seen) if isinstance(value, float) else task_code(value)
    if not texts["code"]:
        problems.append(Problem("PLAN_004", sheet=grid.name, cell=cell))
        return None
    if code is None:
        problems.append(Problem("PLAN_003", sheet=grid.name, cell=cell, value=texts["code"]))
        return None
    if (section, code) in seen:
        problems.append(Problem("PLAN_005", sheet=grid.name, cell=cell, value=code,
                                params={"other_row": seen[(section, code)]}))
        return None
    seen[(section, code)] = row
    parent, _, last = code.rpartition(".")
    if last.isdigit():
        seen[("#last", section, parent)] = int(last)
    raw = RawTask(code, section, row, texts, merged, extras, header=heading)
    raw.merged_above = {f for f, m in merged.items() if m}
    return raw


def task_code(value: object) -> str | None:
    """The STT of a task: an item number ('2.1'), or a lettered sub-item ('1.1.a' from "1.1.a", "1.1.A)")."""
    code = item_code(value)
    if code is None:
        match = _LETTERED.fullmatch(clean(value).lower())
        code = f"{match.group(1)}.{match.group(2)}" if match else None
    return code


def _further_task(first: RawTask, row: int, texts, merged, extras) -> RawTask:
    raw = RawTask(first.code, first.section, row, texts, merged, extras, header=first.header)
    raw.merged_above = {f for f, m in merged.items() if m}
    return raw


def _continue_task(raw: RawTask, texts: dict[str, str], merged: dict[str, bool], extras: list[str]) -> None:
    for field_name, text in texts.items():
        if text and not merged[field_name]:
            raw.texts[field_name] = "\n".join(t for t in (raw.texts[field_name], text) if t)
    for i, text in enumerate(extras):
        if text and text != raw.extras[i]:
            raw.extras[i] = "\n".join(t for t in (raw.extras[i], text) if t)


def _float_code(value: float, section: str, seen: dict) -> str:
    """A code typed as a number loses its trailing zero (2.10 reads 2.1): after 2.9 it is 2.10 again."""
    code = number_code(value)
    parent, _, last = code.rpartition(".")
    before = seen.get(("#last", section, parent))
    if parent and len(last) == 1 and before is not None and before >= int(last) and int(last + "0") == before + 1:
        return f"{parent}.{last}0"
    return code


def assign_keys(raws: list[RawTask]) -> None:
    """Unique keys: section-qualified where numbering restarts, lettered where tasks share one STT."""
    by_code: dict[tuple[str, str], list[RawTask]] = {}
    for raw in raws:
        by_code.setdefault((raw.section, raw.code), []).append(raw)
    codes = [code for (_, code) in by_code]
    qualify = len(codes) != len(set(codes))
    for (section, code), group in by_code.items():
        base = f"{section}.{code}" if qualify and section else code
        for index, raw in enumerate(group):
            raw.key = base + (chr(ord("a") + index) if len(group) > 1 else "")
