"""Reading the appendix table (STT | Tiêu chí | Giải pháp | Chủ trì | Phối hợp | Thời gian) of a plan.

Copes with what real appendices contain: a header in any spacing, case or Unicode form, a numbering
row "(1) (2) …" under it, blank spacer rows, codes typed as numbers (2.1 as a float), section
headings (I, II, A, or a full-width merged row), multi-line cells, cells merged across
sub-criteria, and rows continued under a merged STT cell.
"""
from __future__ import annotations

import re

from ..model.cells import a1
from ..model.layout import APPENDIX_COLUMNS, SHEET_APPENDIX, SHEET_PLAN
from ..model.plan import Assignment, PlanItem, Role
from ..model.problems import Problem
from .reader import SheetData
from ..model.text import clean, fold, item_code
from ..model.units import UnitRegistry

FIELDS = tuple(APPENDIX_COLUMNS)
INHERITABLE = ("solution", "lead", "partner", "timeframe")
REQUIRED_WITHOUT_CHILDREN = ("solution", "lead", "timeframe")
_SECTION = re.compile(r"[IVXLC]+|[A-Z]")
_NUMBERING = re.compile(r"\(?\d{1,2}\)?")


def _header_key(text: object) -> str:
    return fold(text).replace(" ", "")


_HEADERS = {_header_key(name): field for field, (main, others) in APPENDIX_COLUMNS.items()
            for name in (main, *others)}


def read_appendix(grids: list[SheetData], registry: UnitRegistry, path: str,
                  problems: list[Problem]) -> tuple[PlanItem, ...]:
    """The plan items of the best appendix-shaped sheet; problems are appended, never raised."""
    grid, header_row, columns = _find_table(grids)
    if grid is None:
        problems.append(Problem("PLAN_001", params={"path": path,
                                                    "sheets": ", ".join(g.name for g in grids)}))
        return ()
    missing = [field for field in FIELDS if field not in columns]
    for field in missing:
        problems.append(Problem("PLAN_002", sheet=grid.name, cell=a1(header_row, 1),
                                params={"column": APPENDIX_COLUMNS[field][0]}))
    if missing:
        return ()
    before = len(problems)
    raws = _raw_items(grid, header_row, columns, problems)
    if not raws and len(problems) == before:
        problems.append(Problem("PLAN_008", sheet=grid.name, cell=a1(header_row, 1)))
    return _build_items(grid.name, raws, columns, registry, problems)


def _find_table(grids: list[SheetData]):
    preferred = sorted(grids, key=lambda g: fold(g.name) not in (fold(SHEET_APPENDIX), fold(SHEET_PLAN)))
    best = (None, 0, {})
    for grid in preferred:
        row, columns = grid.find_header(lambda text: _HEADERS.get(_header_key(text)), min_hits=3)
        if len(columns) > len(best[2]):
            best = (grid, row, columns)
    return best


def _raw_items(grid: SheetData, header_row: int, columns: dict[str, int], problems: list) -> list[dict]:
    raws: list[dict] = []
    rows_by_code: dict[str, int] = {}
    section = ""
    for row in range(header_row + 1, grid.max_row + 1):
        texts = {field: clean(grid.value(row, col)) for field, col in columns.items()}
        merged = {field: grid.is_merged_copy(row, col) for field, col in columns.items()}
        values = [t for t in texts.values() if t]
        if not values or (row == header_row + 1 and _is_numbering(values)):
            continue
        if merged["code"] and raws:
            _continue_item(raws[-1], texts, merged)
            continue
        if _is_section(texts):
            section = texts["criterion"] or texts["code"]
            continue
        cell = a1(row, columns["code"])
        code = item_code(grid.value(row, columns["code"]))
        if not texts["code"]:
            problems.append(Problem("PLAN_004", sheet=grid.name, cell=cell))
        elif code is None:
            problems.append(Problem("PLAN_003", sheet=grid.name, cell=cell, value=texts["code"]))
        elif code in rows_by_code:
            problems.append(Problem("PLAN_005", sheet=grid.name, cell=cell, value=code,
                                    params={"other_row": rows_by_code[code]}))
        else:
            parent = code.rpartition(".")[0]
            if parent and parent not in rows_by_code:
                problems.append(Problem("PLAN_006", sheet=grid.name, cell=cell, value=code,
                                        params={"parent": parent}))
            rows_by_code[code] = row
            raws.append({"code": code, "row": row, "text": texts, "merged": merged, "section": section})
    return raws


def _is_section(texts: dict[str, str]) -> bool:
    """A heading row: numbered I, II or A, B; one text merged across the row; or a criterion alone."""
    only_criterion = [f for f, t in texts.items() if t] == ["criterion"]
    return bool(_SECTION.fullmatch(texts["code"])) or len(set(texts.values())) == 1 or only_criterion


def _is_numbering(values: list[str]) -> bool:
    """A row such as "(1) (2) (3) (4) (5) (6)" that numbers the columns under the header."""
    return len(values) >= 3 and all(_NUMBERING.fullmatch(v) for v in values)


def _continue_item(raw: dict, texts: dict[str, str], merged: dict[str, bool]) -> None:
    for field, text in texts.items():
        if text and not merged[field]:
            raw["text"][field] = "\n".join(t for t in (raw["text"][field], text) if t)


def _build_items(sheet: str, raws: list[dict], columns: dict[str, int], registry: UnitRegistry,
                 problems: list[Problem]) -> tuple[PlanItem, ...]:
    codes = [raw["code"] for raw in raws]
    built: dict[str, PlanItem] = {}
    for raw in raws:
        code, row, texts = raw["code"], raw["row"], dict(raw["text"])
        parent = built.get(code.rpartition(".")[0])
        inherited = set()
        for field in INHERITABLE:
            parent_text = getattr(parent, _ATTR[field]) if parent else ""
            if parent_text and (not texts[field] or (raw["merged"][field] and texts[field] == parent_text)):
                texts[field] = parent_text
                inherited.add(field)
        has_children = any(other.startswith(code + ".") for other in codes)
        for field in ("criterion",) + (() if has_children else REQUIRED_WITHOUT_CHILDREN):
            if not texts[field]:
                problems.append(Problem("PLAN_007", sheet=sheet, cell=a1(row, columns[field]),
                                        params={"column": APPENDIX_COLUMNS[field][0], "item": code}))
        assignments: list[Assignment] = []
        for field, role in (("lead", Role.LEAD), ("partner", Role.PARTNER)):
            if field in inherited:
                assignments.extend(parent.units(role))
                continue
            mentions, unknown = registry.parse_all(texts[field])
            assignments.extend(Assignment(m.unit, role, m.scope) for m in mentions)
            problems.extend(Problem("UNIT_001", sheet=sheet, cell=a1(row, columns[field]), value=u.name,
                                    params={"suggestions": u.suggestions}) for u in unknown)
        built[code] = PlanItem(code, texts["criterion"], texts["solution"], texts["lead"], texts["partner"],
                               texts["timeframe"], tuple(assignments), frozenset(inherited),
                               raw["section"], row)
    return tuple(built.values())


_ATTR = {"solution": "solution", "lead": "lead_text", "partner": "partner_text", "timeframe": "timeframe"}
