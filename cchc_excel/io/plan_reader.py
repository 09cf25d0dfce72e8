"""Reading a plan workbook (the appendix, the plan's facts, the unit registry) into a Plan.

Every problem found is collected and raised at once in a PlanError: no half-read plan comes out.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..model import layout
from ..model.errors import PlanError
from ..model.cells import a1
from ..model.plan import Plan, PlanFacts
from ..model.problems import Problem
from .appendix import read_appendix
from .reader import SheetData, WorkbookData, read_workbook
from ..model.text import clean, fold, parse_vn_date
from ..model.units import ALL_INTERNAL, KIND_ALIASES, Unit, UnitKind, UnitRegistry


def load_plan(path: str | Path) -> Plan:
    """Read a plan workbook (or a shared workbook made by init) into a Plan; PlanError lists every problem."""
    with read_workbook(path) as book:
        return plan_from_book(book, str(path))


def plan_from_book(book: WorkbookData, shown: str) -> Plan:
    """The plan of an open workbook, read from its plan sheets only (a master's data sheets are not parsed)."""
    problems: list[Problem] = []
    plan_sheets = [n for n in book.sheet_names if fold(n) in _APPENDIX_NAMES]
    others = [n for n in book.sheet_names if fold(n) not in _NOT_APPENDIX and not _master_sheet(n)]
    grids = [book.sheet(n) for n in (plan_sheets or others)]
    registry = UnitRegistry(read_units(_sheet(book, layout.SHEET_UNITS, shown, problems), problems))
    facts_grid = _sheet(book, layout.SHEET_FACTS, shown, problems, fallback=layout.SHEET_META)
    facts = read_facts(facts_grid, problems) if facts_grid else None
    items = read_appendix(grids, registry, shown, problems)
    if problems or facts is None:
        raise PlanError(shown, problems)
    return Plan(facts, items, registry, source=shown)


_APPENDIX_NAMES = {fold(layout.SHEET_APPENDIX), fold(layout.SHEET_PLAN)}
_NOT_APPENDIX = {fold(n) for n in (layout.SHEET_UNITS, layout.SHEET_FACTS, layout.SHEET_META, layout.SHEET_DATA,
                                   layout.SHEET_HISTORY, layout.SHEET_LOG, layout.SHEET_PROGRESS, layout.SHEET_GUIDE,
                                   layout.SHEET_LISTS, layout.SHEET_CORRECTIONS)}


def _master_sheet(name: str) -> bool:
    """A master's sheet of one period or year ('Dữ liệu 2021-H1', 'Nhật ký 2021')."""
    return fold(name.rpartition(" ")[0]) in {fold(layout.SHEET_DATA), fold(layout.SHEET_HISTORY), fold(layout.SHEET_LOG)}


def _sheet(book: WorkbookData, name: str, shown: str, problems: list[Problem],
           fallback: str | None = None) -> SheetData | None:
    for wanted in (name, fallback):
        for sheet_name in book.sheet_names:
            if wanted and fold(sheet_name) == fold(wanted):
                return book.sheet(sheet_name)
    problems.append(Problem("PLAN_009", sheet=name, params={"sheet": name, "path": shown}))
    return None


# -- unit registry -------------------------------------------------------------------------------

def read_units(grid: SheetData | None, problems: list[Problem]) -> list[Unit]:
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
    internal_codes = {fold(v["code"]) for _, v in rows if _kind(v["kind"]) is UnitKind.INTERNAL}
    units, owners = [], {}
    for row, values in rows:
        unit = _unit_from_row(grid.name, row, columns, values, internal_codes, problems)
        if unit is None:
            continue
        for name in unit.names():
            other = owners.setdefault(fold(name), unit.code)
            if other != unit.code:
                problems.append(Problem("UNIT_003", sheet=grid.name, cell=a1(row, columns["name"]),
                                        value=name, params={"other": other}))
        units.append(unit)
    return units


def _kind(text: str) -> UnitKind | None:
    return KIND_ALIASES.get(fold(text))


def _unit_from_row(sheet, row, columns, values, internal_codes, problems) -> Unit | None:
    for field in ("code", "name"):
        if not values[field]:
            problems.append(Problem("UNIT_006", sheet=sheet, cell=a1(row, columns[field]),
                                    params={"column": layout.UNIT_COLUMNS[field]}))
            return None
    kind = _kind(values["kind"])
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

def read_facts(grid: SheetData, problems: list[Problem]) -> PlanFacts | None:
    by_label = {fold(label): field for field, label in layout.FACT_LABELS.items()}
    found: dict[str, tuple[object, str]] = {}
    for row in range(1, grid.max_row + 1):
        field = by_label.get(fold(grid.value(row, 1)))
        if field and grid.value(row, 2) not in (None, ""):
            found[field] = (grid.value(row, 2), a1(row, 2))
    before = len(problems)
    for field in layout.FACTS_REQUIRED:
        if field not in found:
            problems.append(Problem("PLAN_010", sheet=grid.name,
                                    params={"label": layout.FACT_LABELS[field], "sheet": grid.name}))
    values: dict[str, object] = {}
    for field, (raw, cell) in found.items():
        try:
            values[field] = _fact_value(field, raw)
        except ValueError as err:
            problems.append(Problem("PLAN_011", sheet=grid.name, cell=cell, value=clean(raw),
                                    params={"label": layout.FACT_LABELS[field], "expected": str(err)}))
    if len(problems) > before:
        return None
    return PlanFacts(**values)


def _fact_value(field: str, raw: object) -> object:
    if field == "date":
        day = parse_vn_date(raw)
        if day is None:
            raise ValueError("dd/mm/yyyy")
        return day
    if field in ("score", "max_score"):
        return _decimal(raw)
    if field in ("assessment_year", "rank", "rank_total"):
        number = _decimal(raw)
        if number != number.to_integral_value():
            raise ValueError("số nguyên")
        return int(number)
    if field in ("recipients", "report_copies"):
        return tuple(line for line in clean(raw).split("\n") if line)
    return clean(raw)


def _decimal(raw: object) -> Decimal:
    """A number from a numeric cell or Vietnamese text ('83,804' is 83.804; '1.250,5' is 1250.5)."""
    if isinstance(raw, (int, float)):
        return Decimal(str(raw))
    text = clean(raw).replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation as err:
        raise ValueError("số (ví dụ 83,804)") from err
