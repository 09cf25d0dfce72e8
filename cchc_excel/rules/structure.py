"""Reading the entry sheet (`Tiến độ`) of a submitted workbook against the plan, with the structure rules.

A structure problem (missing metadata, another plan, a renamed or moved header, a deleted, added or
duplicated row, edited plan text, merged cells, formulas) makes the whole file unusable; the value
rules in rules.py then run on the rows that matched the plan.
"""
from __future__ import annotations

import difflib
from functools import lru_cache
from operator import itemgetter

from ..model import layout
from ..model.cells import a1, column_letter
from ..model.periods import Period, parse_period
from ..model.errors import OptionError
from ..model.plan import Plan
from ..model.problems import Problem
from ..io.entry import EntrySheet, Meta, ProgressRow, read_identity
from ..io.reader import SheetData, WorkbookData
from ..model.errors import WorkbookReadError
from ..model.text import clean, fold, is_blank, item_code, one_line
from ..model.units import UnitKind

PLAN_HEADERS = dict(zip(("code", "criterion", "solution", "unit", "role", "timeframe"), layout.PLAN_COLUMNS))
_WANTED = {fold(h): h for h in layout.PROGRESS_HEADERS}
_HEADERS = list(layout.PROGRESS_HEADERS)
_STANDARD = {h: col for col, h in enumerate(layout.PROGRESS_HEADERS, start=1)}  # header → column, as init writes
_CODE, _UNIT = PLAN_HEADERS["code"], PLAN_HEADERS["unit"]
_TEXTS = tuple(PLAN_HEADERS[k] for k in ("criterion", "solution", "role", "timeframe"))
_plan_texts = itemgetter(*_TEXTS)
_PROGRESS_FOLDED = fold(layout.SHEET_PROGRESS)
# The sheets init and split write besides the entry sheet: never read for a copy of the entry table
_OWN_SHEETS = (layout.SHEET_GUIDE, layout.SHEET_PLAN, layout.SHEET_UNITS, layout.SHEET_LISTS, layout.SHEET_META,
               layout.SHEET_REGISTRY)
_OWN_NAMES = frozenset(_OWN_SHEETS + (layout.SHEET_PROGRESS,))
_OWN_FOLDED = frozenset(map(fold, _OWN_SHEETS))


def read_entry_sheet(book: WorkbookData, plan: Plan) -> EntrySheet:
    """Read and check the structure of a workbook's entry sheet against the plan."""
    result = EntrySheet(date1904=book.date1904)
    result.meta = _check_meta(book, plan, result)
    if result.meta is not None and result.meta.get("kind") == "master":  # not a unit's file at all
        result.problems[:] = [Problem("STRUCT_018")]
        return result
    name = next((n for n in book.sheet_names if fold(n) == _PROGRESS_FOLDED), None)
    if name is None:
        close = difflib.get_close_matches(layout.SHEET_PROGRESS, book.sheet_names, n=1, cutoff=0.3)
        result.problems.append(Problem("STRUCT_001", sheet=close[0] if close else "",
                                       params={"sheet": layout.SHEET_PROGRESS,
                                               "sheets": ", ".join(book.sheet_names)}))
        return result
    sheet = result.sheet = book.sheet(name)
    header_row, columns = _check_headers(sheet, result.problems)
    if result.problems or not columns:
        return result
    _check_entry_area(book, sheet, header_row, columns, result.problems)
    _match_rows(sheet, header_row, columns, plan, result)
    if not _OWN_NAMES.issuperset(book.sheet_names):  # most files hold the tool's sheets only: nothing more is read
        _check_other_sheets(book, plan, result)
    return result


def _check_meta(book: WorkbookData, plan: Plan, result: EntrySheet) -> Meta | None:
    meta = read_identity(book)
    if meta is None:
        result.problems.append(Problem("STRUCT_006"))
        return None
    if meta.get("format") != layout.FORMAT_NAME or meta.get("format_version") != str(layout.FORMAT_VERSION):
        result.problems.append(Problem("STRUCT_007", sheet=layout.SHEET_META, value=meta.get("format_version"),
                                       params={"expected": layout.FORMAT_VERSION}))
        return meta
    if meta.get("plan_fingerprint") != plan.fingerprint():
        result.problems.append(Problem("STRUCT_008", value=meta.get("plan_number"),
                                       params={"expected": plan.facts.number}))
        return meta
    try:
        result.period = _period(meta.get("period"))
    except OptionError:
        result.problems.append(Problem("STRUCT_016", sheet=layout.SHEET_META, value=meta.get("period")))
    if meta.unit_code:
        unit = plan.registry.owner_of(meta.unit_code)
        result.unit = unit if unit is not None and unit.code == meta.unit_code and unit.kind is UnitKind.INTERNAL \
            else None
        if result.unit is None:
            result.problems.append(Problem("STRUCT_008", value=meta.get("plan_number"),
                                           params={"expected": plan.facts.number}))
    return meta


@lru_cache(maxsize=64)
def _period(code: str) -> Period:
    """parse_period, remembered: the files of a run name the same few periods."""
    return parse_period(code)


def _check_headers(sheet: SheetData, problems: list[Problem]) -> tuple[int, dict[str, int]]:
    wanted = _WANTED
    expected_row = layout.PROGRESS_HEADER_ROW  # where init puts it: look there first
    if sheet.max_row >= expected_row and sheet.rows[expected_row - 1] == _HEADERS:  # as init wrote them
        return expected_row, dict(_STANDARD)
    if sum(fold(v) in wanted for v in (sheet.rows[expected_row - 1] if sheet.max_row >= expected_row else [])) >= 3:
        header_row = expected_row
    else:
        header_row, _ = sheet.find_header(lambda text: wanted.get(fold(text)), min_hits=3)
    if not header_row:
        problems.extend(Problem("STRUCT_002", sheet=sheet.name, field=h) for h in layout.PROGRESS_HEADERS)
        return 0, {}
    columns: dict[str, int] = {}
    for col in range(1, len(sheet.rows[header_row - 1]) + 1):
        header = wanted.get(fold(sheet.raw(header_row, col)))
        if header in columns:
            problems.append(Problem("STRUCT_004", sheet=sheet.name, cell=a1(header_row, col), row=header_row,
                                    field=header))
        elif header:
            columns[header] = col
    for expected_col, header in enumerate(layout.PROGRESS_HEADERS, start=1):
        cell = a1(header_row, expected_col)
        if header not in columns:
            found = clean(sheet.raw(header_row, expected_col))
            code = "STRUCT_003" if found and fold(found) not in wanted else "STRUCT_002"
            problems.append(Problem(code, sheet=sheet.name, cell=cell, row=header_row, field=header, value=found))
        elif columns[header] != expected_col:
            problems.append(Problem("STRUCT_005", sheet=sheet.name, cell=a1(header_row, columns[header]),
                                    row=header_row, field=header, params={"expected": column_letter(expected_col)}))
    return header_row, columns


def _check_entry_area(book: WorkbookData, sheet: SheetData, header_row: int, columns: dict[str, int],
                      problems: list[Problem]) -> None:
    for r1, c1, r2, c2 in sorted(sheet.merged):
        if r2 > header_row:
            problems.append(Problem("STRUCT_014", sheet=sheet.name, cell=a1(r1, c1), row=r1,
                                    value=f"{a1(r1, c1)}:{a1(r2, c2)}"))
    by_column = {col: header for header, col in columns.items()}
    for row, col in sorted(book.formula_cells(sheet.name)):
        header = by_column.get(col)
        if row > header_row and header in layout.INPUT_COLUMNS:
            problems.append(Problem("STRUCT_015", sheet=sheet.name, cell=a1(row, col), row=row, field=header,
                                    value=clean(sheet.raw(row, col))))


def _match_rows(sheet: SheetData, header_row: int, columns: dict[str, int], plan: Plan,
                result: EntrySheet) -> None:
    all_rows = plan.entry_index
    expected = all_rows if result.unit is None else plan.unit_index.get(result.unit.code, {})
    matching = _matching(plan)
    texts_of = matching.texts
    seen: dict[tuple[str, str], int] = {}
    problems, matched = result.problems, result.rows
    width = max(columns.values())
    standard = columns == _STANDARD
    for row, cells in enumerate(sheet.rows[header_row:], start=header_row + 1):
        if len(cells) < width:  # a short row: its missing cells are empty
            cells = cells + [""] * (width - len(cells))
        values = dict(zip(_HEADERS, cells)) if standard else {h: cells[col - 1] for h, col in columns.items()}
        code_cell, unit_cell = values[_CODE], values[_UNIT]
        if code_cell in ("", None) and all(v in ("", None) for v in values.values()):  # text is already clean
            continue
        key = matching.key(code_cell, unit_cell)
        entry = expected.get(key)
        if entry is not None and key not in seen:
            seen[key] = row
            texts = texts_of[key]
            if _plan_texts(values) != texts:  # most are the very text
                _check_plan_text(sheet, row, columns, texts, values, problems)
            matched.append(ProgressRow(entry, row, values, columns))
            continue
        params: dict[str, object]
        if key in seen:
            refusal, params = "STRUCT_013", {"other_row": seen[key]}
        else:
            refusal = "STRUCT_009" if key in all_rows and result.unit is not None else "STRUCT_012"
            params = {"expected": result.unit.name if result.unit else ""}
        problems.append(Problem(refusal, sheet=sheet.name, cell=a1(row, columns[_CODE]), row=row,
                                value=_shown(values), params=params))
    if len(seen) < len(expected):  # every key seen is expected
        problems.extend(Problem("STRUCT_011", sheet=sheet.name, value=f"{entry.item.code} – {entry.unit.name}")
                        for key, entry in expected.items() if key not in seen)


class _Matching:
    """What every file of one plan is matched against, made once per plan: each entry row's plan texts, and the
    item code of each code cell and the unit of each unit cell met so far (a file names one unit on each of its
    rows; the item codes are the same in every file)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.texts = {key: (entry.item.criterion, entry.item.solution, entry.role.value, entry.item.timeframe)
                      for key, entry in plan.entry_index.items()}  # in the order of _TEXTS
        self._codes: dict[str, str] = {}
        self._units: dict[str, str] = {}

    def key(self, code_cell: object, unit_cell: object) -> tuple[str, str]:
        """The row key (item code, unit code) of a row's code and unit cells; ("", "") parts when unknown."""
        code = self._codes.get(code_cell) if isinstance(code_cell, str) else None  # 1 == True: text only
        if code is None:
            code = item_code(code_cell) or one_line(code_cell)  # 'II.1', '2.1a'
            _remember(self._codes, code_cell, code)
        unit = self._units.get(unit_cell) if isinstance(unit_cell, str) else None
        if unit is None:
            owner = self.plan.registry.owner_of(clean(unit_cell))
            unit = owner.code if owner else ""
            _remember(self._units, unit_cell, unit)
        return code, unit


def _remember(known: dict[str, str], cell: object, found: str) -> None:
    """Keep what a short text stands for, in a bounded memo (a few MB at most)."""
    if isinstance(cell, str) and len(cell) <= 200 and len(known) < 2**15:
        known[cell] = found


_last: list[_Matching] = []  # the plan of the last file: a merge or a validate run checks every file against one


def _matching(plan: Plan) -> _Matching:
    if not _last or _last[0].plan is not plan:
        _last[:] = [_Matching(plan)]
    return _last[0]


def _shown(values: dict[str, object]) -> str:
    """How a row that matches no plan row is named in its problem: its item code and unit."""
    return f"{clean(values[_CODE])} – {one_line(values[_UNIT])}"


def _check_plan_text(sheet: SheetData, row: int, columns: dict[str, int], wanted: tuple[str, ...],
                     values: dict[str, object], problems: list[Problem]) -> None:
    for header, text in zip(_TEXTS, wanted):
        if values[header] != text and one_line(values[header]) != one_line(text):
            problems.append(Problem("STRUCT_010", sheet=sheet.name, cell=a1(row, columns[header]), row=row,
                                    field=header, value=clean(values[header]), params={"expected": text}))


def _check_other_sheets(book: WorkbookData, plan: Plan, result: EntrySheet) -> None:
    """STRUCT_017 for each sheet other than the tool's own (visible or hidden) that holds the entry table's headers
    and input values in rows the entry sheet leaves empty (or does not have): data typed into a copy of the sheet
    ("Tiến độ (2)") is never read, so the file is refused rather than taken as if that data had not been typed. A
    row the entry sheet fills too is the entry sheet's to say: a backup copy made before a correction is no problem."""
    entry = result.sheet
    assert entry is not None
    own = {row.entry.key: row for row in result.rows}
    for name in book.sheet_names:
        if name == entry.name or fold(name) in _OWN_FOLDED:
            continue
        try:
            sheet = book.sheet(name)
        except WorkbookReadError:  # a sheet that cannot be read is not read, as before: it cannot be judged
            continue
        found = _data_not_in_entry(sheet, plan, own)
        if found:
            first, count = found
            result.problems.append(Problem("STRUCT_017", sheet=name, cell=first, value=name,
                                           params={"entry": entry.name, "rows": count}))


def _data_not_in_entry(sheet: SheetData, plan: Plan,
                       own: dict[tuple[str, str], ProgressRow]) -> tuple[str, int] | None:
    """(the first cell, the number of rows) of a sheet's entry-table rows holding input values where the entry sheet's
    row of the same item and unit holds none (or matches no row of it); None when there are none or when the sheet
    has no header row naming the item code, the unit and an input column."""
    header_row, columns = sheet.find_header(lambda text: _WANTED.get(fold(text)), min_hits=3)
    inputs = [(h, columns[h]) for h in layout.INPUT_COLUMNS if h in columns]
    if not header_row or _CODE not in columns or _UNIT not in columns or not inputs:
        return None
    matching = _matching(plan)
    first, count = "", 0
    for row in range(header_row + 1, sheet.max_row + 1):
        filled = [(h, col) for h, col in inputs if not is_blank(sheet.raw(row, col))]
        if not filled:
            continue
        mine = own.get(matching.key(sheet.raw(row, columns[_CODE]), sheet.raw(row, columns[_UNIT])))
        if mine is None or not mine.has_input:
            first, count = first or a1(row, filled[0][1]), count + 1
    return (first, count) if count else None
