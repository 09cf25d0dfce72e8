"""Reading a plan workbook (the appendix, the plan's facts, the unit registry) into a Plan.

Every problem found is collected and raised at once in a PlanError: no half-read plan comes out.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..model import layout
from ..model.errors import PlanError
from ..model.cells import a1
from ..model.plan import AppendixColumn, AppendixShape, Plan, PlanFacts, PlanItem
from ..model.messages import WARNING
from ..model.problems import Problem
from .appendix import find_table
from .appendix_items import read_appendix
from .reader import SheetData, WorkbookData, read_workbook
from ..model.text import clean, fold, one_line, parse_vn_date, parse_vn_number
from ..model.units import ALL_INTERNAL, Unit, UnitKind, UnitRegistry, parse_kind


def load_plan(path: str | Path) -> Plan:
    """Read a plan workbook (or a shared workbook made by init) into a Plan; PlanError lists every problem."""
    with read_workbook(path) as book:
        return plan_from_book(book, str(path))


def plan_from_book(book: WorkbookData, shown: str, *, registry: UnitRegistry | None = None) -> Plan:
    """The plan of an open workbook, read from its plan sheets only (a master's data sheets are not parsed).

    Facts come from the facts sheet (or the metadata of a workbook made by cchc-excel), completed by what
    the appendix's title block says; registry, when given, replaces the workbook's units sheet.
    """
    problems: list[Problem] = []
    grids = appendix_grids(book)
    refused: set[str] = set()  # names of the unit rows refused for their Loại (UNIT_004)
    if registry is None:
        registry = UnitRegistry(read_units(_units_grid(book, shown, problems), problems, refused))
    table = find_table(grids)
    facts_grid = find_sheet(book, layout.SHEET_FACTS, shown, problems, fallback=layout.SHEET_META,
                        optional=table is not None)
    title = title_facts(table.shape.title) if table else {}
    facts = read_facts(facts_grid, problems, title, table.grid.name if table else "")
    items, table = read_appendix(grids, registry, shown, problems, table)
    if not len(registry) and any(p.code == "PLAN_009" for p in problems):  # no units sheet: say so once
        problems[:] = [p for p in problems if p.code != "UNIT_001"]
    # a unit refused for its Loại is said once (UNIT_004), not again as unknown wherever the appendix names it
    problems[:] = [p for p in problems if p.code != "UNIT_001" or fold(p.value) not in refused]
    items = dated_items(items, facts.date.year if facts else None, table, problems)
    errors = [p for p in problems if p.severity != WARNING]
    if errors or facts is None:
        raise PlanError(shown, errors or problems)
    return Plan(facts, items, registry, source=shown, shape=_shape(table), warnings=tuple(problems))


def dated_items(items, year: int | None, table, problems: list[Problem]) -> tuple[PlanItem, ...]:
    """The items with the plan's year (what a timeframe without one means), and a PLAN_013 warning in problems for
    each timeframe with no due date that can be read."""
    items = tuple(replace(item, plan_year=year) for item in items)
    problems.extend(_schedule_warnings(items, table))
    return items


def _units_grid(book: WorkbookData, shown: str, problems: list[Problem]) -> SheetData | None:
    """The whole unit registry: the very hidden registry sheet of a unit copy (which lists only its own unit on
    `Đơn vị`), else the `Đơn vị` sheet."""
    if layout.SHEET_REGISTRY in book.sheet_names:
        return book.sheet(layout.SHEET_REGISTRY)
    return find_sheet(book, layout.SHEET_UNITS, shown, problems)


def appendix_grids(book: WorkbookData) -> list[SheetData]:
    """The sheets that may hold the appendix: those named like it, else every sheet that is not ours."""
    plan_sheets = [n for n in book.sheet_names if fold(n) in _APPENDIX_NAMES]
    others = [n for n in book.sheet_names if fold(n) not in _NOT_APPENDIX and not _master_sheet(n)]
    grids = [book.sheet(n) for n in (plan_sheets or others)]
    for grid in grids:
        _dates_as_shown(book, grid)
    return grids


_MONTH_SHOWN = re.compile(r"(?:tháng\s*)?(\d{1,2})\s*[/.-]\s*(\d{4})", re.I)
_YEAR_SHOWN = re.compile(r"(?:năm\s*)?(\d{4})", re.I)


def _dates_as_shown(book: WorkbookData, grid: SheetData) -> None:
    """A date cell of the appendix shown without its day ("06/2022", "Tháng 12/2022": a month format) becomes
    "Tháng 6/2022", one shown as a year only "Năm 2022": the deadline is the end of that month or year, as the
    agency reads it, not the first day the cell happens to hold. Other date cells stay dates (dd/mm/yyyy)."""
    cells = [(row, column) for row, values in enumerate(grid.rows, 1) for column, value in enumerate(values, 1)
             if isinstance(value, date)]
    shown = book.shown_texts(grid.name, cells) if cells else {}
    for (row, column), text in shown.items():
        day = grid.rows[row - 1][column - 1]
        month, year = _MONTH_SHOWN.fullmatch(text.strip()), _YEAR_SHOWN.fullmatch(text.strip())
        if month and (int(month[1]), int(month[2])) == (day.month, day.year):
            grid.rows[row - 1][column - 1] = f"Tháng {day.month}/{day.year}"
        elif year and int(year[1]) == day.year:
            grid.rows[row - 1][column - 1] = f"Năm {day.year}"


def _shape(table) -> AppendixShape | None:
    """None for the standard six columns (what write_appendix writes by default), else the shape as read."""
    standard = tuple(AppendixColumn(f, layout.APPENDIX_COLUMNS[f][0]) for f in layout.APPENDIX_STANDARD)
    if table is None or tuple(AppendixColumn(c.field, fold(c.header)) for c in table.shape.columns) == \
            tuple(AppendixColumn(c.field, fold(c.header)) for c in standard):
        return None
    return table.shape


def _schedule_warnings(items, table) -> list[Problem]:
    """PLAN_013 for every timeframe that names no due date that can be read."""
    if table is None or "timeframe" not in table.columns:
        return []
    col = table.columns["timeframe"]
    return [Problem("PLAN_013", sheet=table.grid.name, cell=a1(item.row, col), value=item.timeframe,
                    params={"item": item.display_code})
            for item in items if item.timeframe and not item.schedule.readable and "timeframe" not in item.inherited]


_APPENDIX_NAMES = {fold(layout.SHEET_APPENDIX), fold(layout.SHEET_PLAN)}
_NOT_APPENDIX = {fold(n) for n in (layout.SHEET_UNITS, layout.SHEET_FACTS, layout.SHEET_META, layout.SHEET_REGISTRY,
                                   layout.SHEET_DATA, layout.SHEET_HISTORY, layout.SHEET_LOG, layout.SHEET_PROGRESS,
                                   layout.SHEET_GUIDE, layout.SHEET_LISTS, layout.SHEET_CORRECTIONS)}


def _master_sheet(name: str) -> bool:
    """A master's sheet of one period or year ('Dữ liệu 2021-H1', 'Nhật ký 2021')."""
    return fold(name.rpartition(" ")[0]) in {fold(layout.SHEET_DATA), fold(layout.SHEET_HISTORY), fold(layout.SHEET_LOG)}


def find_sheet(book: WorkbookData, name: str, shown: str, problems: list[Problem],
           fallback: str | None = None, optional: bool = False) -> SheetData | None:
    for wanted in (name, fallback):
        for sheet_name in book.sheet_names:
            if wanted and fold(sheet_name) == fold(wanted):
                return book.sheet(sheet_name)
    if optional:
        return None
    problems.append(Problem("PLAN_009", sheet=name, params={"sheet": name, "path": shown}))
    return None


# -- unit registry -------------------------------------------------------------------------------

def read_units(grid: SheetData | None, problems: list[Problem], refused: set[str] | None = None) -> list[Unit]:
    """The units of the units sheet; refused gets the folded names of the rows whose Loại cannot be read."""
    if grid is None:
        return []
    wanted = {fold(header): field for field, header in layout.UNIT_COLUMNS.items()}
    header_row, columns = grid.find_header(lambda text: wanted.get(fold(text)), min_hits=2)
    for field in layout.UNIT_REQUIRED:
        if field not in columns:
            problems.append(Problem("UNIT_002", sheet=grid.name, cell=a1(header_row or 1, 1),
                                    params={"column": layout.UNIT_COLUMNS[field]}))
    if any(field not in columns for field in layout.UNIT_REQUIRED):
        return []
    rows = []
    for row in range(header_row + 1, grid.max_row + 1):
        values = {field: clean(grid.value(row, col)) for field, col in columns.items()}
        if any(values.values()):
            rows.append((row, values))
    # a member whose own row has an unreadable Loại is not reported again (UNIT_005) on the group
    internal_codes = {fold(v["code"]) for _, v in rows if parse_kind(v["kind"]) in (UnitKind.INTERNAL, None)}
    units: list[Unit] = []
    owners: dict[str, str] = {}
    code_rows: dict[str, tuple[int, Unit]] = {}
    for row, values in rows:
        unit = _unit_from_row(grid.name, row, columns, values, internal_codes, problems)
        if unit is None:
            if refused is not None and values["kind"] and parse_kind(values["kind"]) is None:
                refused.update(fold(values[f]) for f in ("code", "name", "short_name") if values.get(f))
                refused.update(fold(a) for a in re.split(r"[;\n]", values.get("aliases", "")) if a.strip())
            continue
        first_row, first = code_rows.setdefault(fold(unit.code), (row, unit))
        if first is not unit:  # two rows, one code: split would make two copies of the same rows
            problems.append(Problem("UNIT_007", sheet=grid.name, cell=a1(row, columns["code"]), value=unit.code,
                                    params={"other": first.name, "other_row": first_row, "name": unit.name}))
            continue
        for name in unit.names():
            other = owners.setdefault(fold(name), unit.code)
            if other != unit.code:
                problems.append(Problem("UNIT_003", sheet=grid.name, cell=a1(row, columns["name"]),
                                        value=name, params={"other": other}))
        units.append(unit)
    return units


def _unit_from_row(sheet, row, columns, values, internal_codes, problems) -> Unit | None:
    for field in ("code", "name"):
        if not values[field]:
            problems.append(Problem("UNIT_006", sheet=sheet, cell=a1(row, columns[field]),
                                    params={"column": layout.UNIT_COLUMNS[field]}))
            return None
    kind = parse_kind(values["kind"])
    if kind is None:
        problems.append(Problem("UNIT_004", sheet=sheet, cell=a1(row, columns["kind"]), value=values["kind"],
                                params={"choices": ", ".join(k.value for k in UnitKind)}))
        return None
    members = tuple(m.strip() for m in re.split(r"[;,\n]", values.get("members", "")) if m.strip())
    all_internal = any(fold(m) == fold(ALL_INTERNAL) for m in members)
    if kind in (UnitKind.GROUP, UnitKind.ROLE):
        if not members:
            problems.append(Problem("UNIT_006", sheet=sheet, cell=a1(row, columns.get("members", 1)),
                                    params={"column": layout.UNIT_COLUMNS["members"]}))
        for member in members:
            if fold(member) not in internal_codes and fold(member) != fold(ALL_INTERNAL):
                problems.append(Problem("UNIT_005", sheet=sheet, cell=a1(row, columns["members"]),
                                        value=member))
    aliases = tuple(a.strip() for a in re.split(r"[;\n]", values.get("aliases", "")) if a.strip())
    return Unit(values["code"], values["name"], values.get("short_name", ""), aliases, kind,
                () if all_internal else members, all_internal, values.get("note", ""))


# -- plan facts ----------------------------------------------------------------------------------

def read_facts(grid: SheetData | None, problems: list[Problem], title: dict | None = None,
               title_sheet: str = "") -> PlanFacts | None:
    """The plan's facts from a label/value sheet, completed by title (facts read from the title block)."""
    by_label = {fold(label): field for field, label in layout.FACT_LABELS.items()}
    found: dict[str, tuple[object, str]] = {field: (value, "") for field, value in (title or {}).items()}
    if grid is not None:
        for row in range(1, grid.max_row + 1):
            field = by_label.get(fold(grid.value(row, 1)))
            if field and grid.value(row, 2) not in (None, ""):
                found[field] = (grid.value(row, 2), a1(row, 2))
    before = len(problems)
    sheet = grid.name if grid else layout.SHEET_FACTS
    for field in layout.FACTS_REQUIRED:
        if field not in found:
            problems.append(Problem("PLAN_010", sheet=sheet, params={"label": layout.FACT_LABELS[field],
                                                                     "sheet": sheet}))
    values: dict[str, Any] = {}  # field → its value, of that field's type (fact_value): PlanFacts(**values)
    for field, (raw, cell) in found.items():
        try:
            values[field] = fact_value(field, raw)
        except ValueError as err:
            problems.append(Problem("PLAN_011", sheet=sheet if cell else title_sheet, cell=cell, value=clean(raw),
                                    params={"label": layout.FACT_LABELS[field], "expected": str(err)}))
    if len(problems) > before:
        return None
    return PlanFacts(**values)


_TITLE = re.compile(r"kèm theo (?:kế hoạch|quyết định|văn bản)(?: số)?\s*:?\s*([^\s,]+)\s*,?\s*ngày\s*"
                    r"(\d{1,2})\s*(?:tháng|/)\s*(\d{1,2})\s*(?:năm|/)\s*(\d{4})(?:\s*của\s*(.+?))?\s*\)?$",
                    re.I | re.S)


def title_facts(lines: tuple[str, ...]) -> dict[str, object]:
    """Number, date and issuing agency from "(Kèm theo Kế hoạch số 138/KH-UBND ngày 13 tháng 9 năm 2019 của …)"."""
    for line in lines:
        match = _TITLE.search(one_line(line).strip("()"))
        if match:
            number, day, month, year, agency = match.groups()
            facts: dict[str, object] = {"number": number, "date": f"{int(day)}/{int(month)}/{year}"}
            if agency:
                facts["agency"] = agency.strip(" .)")
            return facts
    return {}


FactValue = str | date | int | Decimal | tuple[str, ...]


def fact_value(field: str, raw: object) -> FactValue:
    """The value of one plan fact from its cell: a date, a number, lines of text or text, by field."""
    if field == "date":
        day = parse_vn_date(raw)
        if day is None:
            raise ValueError("dd/mm/yyyy")
        return day
    if field in ("score", "max_score"):
        return _decimal(raw, _NUMBER_FORMS[field])
    if field in _NUMBER_FORMS:
        if field.endswith("_due_day") and isinstance(raw, str):
            raw = re.sub(r"^ngày\s*", "", clean(raw), flags=re.I)  # "ngày 20" is the 20th
        number = _decimal(raw, _NUMBER_FORMS[field])
        if number != number.to_integral_value() or (field.endswith("_due_day") and not 1 <= number <= 31):
            raise ValueError(_NUMBER_FORMS[field])
        return int(number)
    if field in ("recipients", "report_copies"):
        return tuple(line for line in clean(raw).split("\n") if line)
    return clean(raw)


# The form each numeric fact is written in, with an example that fits it (PLAN_011 quotes it)
_NUMBER_FORMS = {"score": "số (ví dụ 83,804)", "max_score": "số (ví dụ 100)",
                 "assessment_year": "năm, 4 chữ số (ví dụ 2021)", "rank": "số nguyên (ví dụ 12)",
                 "rank_total": "số nguyên (ví dụ 63)", "report_due_day": "ngày trong tháng, từ 1 đến 31 (ví dụ 20)",
                 "units_due_day": "ngày trong tháng, từ 1 đến 31 (ví dụ 15)"}


def _decimal(raw: object, form: str) -> Decimal:
    """A number from a numeric cell or Vietnamese text ('83,804' is 83.804; '1.250,5' is 1250.5); ValueError(form)."""
    if isinstance(raw, (int, float)):
        return Decimal(str(raw))
    number = parse_vn_number(clean(raw))
    if number is None:
        raise ValueError(form)
    return number
