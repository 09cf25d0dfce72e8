"""The plan items of an appendix table: inheritance from parents, required cells, units and their roles."""
from __future__ import annotations

import re

from ..model import layout
from ..model.cells import a1
from ..model.layout import APPENDIX_COLUMNS
from ..model.plan import Assignment, PlanItem, Role
from ..model.problems import Problem
from ..model.text import fold
from ..model.units import UnitMention, UnitRegistry
from .appendix import RawTask, Table, assign_keys, find_table, missing_columns, read_tasks, spellings
from .reader import SheetData

INHERITABLE = ("solution", "lead", "partner", "units", "timeframe")
_ATTR = {"solution": "solution", "lead": "lead_text", "partner": "partner_text", "units": "units_text",
         "timeframe": "timeframe"}
_LABEL = re.compile(r"(chủ trì|phối hợp)\s*:", re.I)


def read_appendix(grids: list[SheetData], registry: UnitRegistry, path: str, problems: list[Problem],
                  table: Table | None = None) -> tuple[tuple[PlanItem, ...], Table | None]:
    """The tasks of the best appendix-shaped sheet (or of table, already found), and the table; problems are
    appended, never raised."""
    table = table or find_table(grids)
    if table is None:
        problems.append(Problem("PLAN_001", params={"path": path, "sheets": ", ".join(g.name for g in grids)}))
        return (), None
    missing = missing_columns(table)
    for field in missing:
        names = spellings(field) + (", " + spellings("units") if field == "lead" else "")
        problems.append(Problem("PLAN_002", sheet=table.grid.name, cell=a1(table.header_row, 1),
                                params={"column": APPENDIX_COLUMNS[field][0], "spellings": names}))
    if missing:
        return (), table
    before = len(problems)
    raws = read_tasks(table, problems)
    if not raws and len(problems) == before:
        problems.append(Problem("PLAN_008", sheet=table.grid.name, cell=a1(table.header_row, 1)))
    assign_keys(raws)
    return build_items(table, raws, registry, problems), table


def build_items(table: Table, raws: list[RawTask], registry: UnitRegistry,
                problems: list[Problem]) -> tuple[PlanItem, ...]:
    sheet, columns = table.grid.name, table.columns
    firsts = {(raw.section, raw.code): raw for raw in reversed(raws)}
    built: dict[str, PlanItem] = {}
    items = []
    for raw in raws:
        texts = {f: raw.texts.get(f, "") for f in ("criterion", *INHERITABLE)}
        parent_raw = firsts.get((raw.section, raw.code.rpartition(".")[0])) if "." in raw.code else None
        parent = built.get(parent_raw.key) if parent_raw else None
        inherited = _inherit(texts, raw, parent)
        if "criterion" not in columns:
            texts["criterion"] = raw.header[1]
        has_children = any(s == raw.section and c.startswith(raw.code + ".") for s, c in firsts)
        _required(sheet, raw, columns, texts, has_children, problems)
        assignments = _assignments(sheet, raw, columns, texts, inherited, parent, registry, problems)
        if "units" in columns and "units" not in inherited:
            texts["lead"] = ", ".join(_names(assignments, Role.LEAD))
            texts["partner"] = ", ".join(_names(assignments, Role.PARTNER))
        item = PlanItem(raw.key, texts["criterion"], texts["solution"], texts["lead"], texts["partner"],
                        texts["timeframe"], tuple(assignments), frozenset(inherited), raw.header[1], raw.row,
                        shown=raw.code if raw.code != raw.key else "", extras=tuple(raw.extras),
                        units_text=texts["units"], section_code=raw.header[0],
                        merged_above=frozenset(raw.merged_above))
        built[raw.key] = item
        items.append(item)
    return tuple(items)


def _inherit(texts: dict[str, str], raw: RawTask, parent: PlanItem | None) -> set[str]:
    """The fields a sub-criterion takes from its parent: the cells merged with the parent's in the appendix, or
    every empty one of a row with no task cell of its own. An empty cell beside the row's own cells means none."""
    inherited = set()
    own = any(texts[f] and not raw.merged.get(f) for f in INHERITABLE)
    for field in INHERITABLE:
        parent_text = getattr(parent, _ATTR[field]) if parent else ""
        if parent_text and ((not texts[field] and not own) or (raw.merged.get(field) and texts[field] == parent_text)):
            texts[field] = parent_text
            inherited.add(field)
    return inherited


def _required(sheet, raw, columns, texts, has_children, problems) -> None:
    wanted: tuple[str, ...] = ("criterion",) if "criterion" in columns else ()
    if not has_children:
        wanted += ("solution", "units" if "units" in columns else "lead", "timeframe")
    for field in wanted:
        if not texts[field]:
            problems.append(Problem("PLAN_007", sheet=sheet, cell=a1(raw.row, columns[field]),
                                    params={"column": APPENDIX_COLUMNS[field][0], "item": raw.key}))


def _assignments(sheet, raw, columns, texts, inherited, parent, registry, problems) -> list[Assignment]:
    found: list[Assignment] = []
    if "units" in columns:
        if "units" in inherited:
            return list(parent.assignments)
        for role, mentions in _combined(texts["units"], registry, sheet, a1(raw.row, columns["units"]), problems):
            found.extend(Assignment(m.unit, role, m.scope) for m in mentions)
        return found
    for field, role in (("lead", Role.LEAD), ("partner", Role.PARTNER)):
        if field in inherited:
            found.extend(parent.units(role))
        elif field in columns:
            found.extend(Assignment(m.unit, role, m.scope)
                         for m in _parse(registry, texts[field], sheet, a1(raw.row, columns[field]), problems))
    return found


def _parse(registry: UnitRegistry, text: str, sheet: str, cell: str, problems: list[Problem]) -> list[UnitMention]:
    mentions, unknown = registry.parse_all(text)
    for name in unknown:
        problems.append(Problem("UNIT_001", sheet=sheet, cell=cell, value=name.name,
                                params={"suggestions": name.suggestions,
                                        "split": " | ".join(f"\"{n}\"" for n in name.split)}))
    return mentions


def _combined(text: str, registry: UnitRegistry, sheet: str, cell: str, problems: list[Problem]):
    """(role, mentions) of one "chủ trì/phối hợp" cell: labelled parts, units marked "(chủ trì)", or the first."""
    parts = _LABEL.split(text)
    if len(parts) > 1:
        labelled = [(Role.LEAD if fold(label) == "chủ trì" else Role.PARTNER, body)
                    for label, body in zip(parts[1::2], parts[2::2])]
        if parts[0].strip(" -–•+\n;,."):  # units before the first label: they lead unless a lead is named
            named = any(role is Role.LEAD for role, _ in labelled)
            labelled.insert(0, (Role.PARTNER if named else Role.LEAD, parts[0]))
        return [(role, _parse(registry, body, sheet, cell, problems)) for role, body in labelled]
    mentions = _parse(registry, text, sheet, cell, problems)
    marks = [_mark(m.scope) for m in mentions]
    if Role.LEAD not in marks and mentions:
        marks[0] = Role.LEAD
    return [(mark or Role.PARTNER, [_unmarked(m)]) for mark, m in zip(marks, mentions)]


def _mark(scope: str) -> Role | None:
    folded = fold(scope)
    if folded.startswith(layout.APPENDIX_WORDS["units"]):
        return Role.LEAD
    return Role.PARTNER if folded.startswith(layout.APPENDIX_WORDS["partner"]) else None


def _unmarked(mention: UnitMention) -> UnitMention:
    scope = mention.scope if _mark(mention.scope) is None else re.sub(
        r"^(chủ trì|phối hợp)[\s,;:]*", "", mention.scope, flags=re.I)
    return UnitMention(mention.unit, mention.text, scope)


def _names(assignments: list[Assignment], role: Role) -> list[str]:
    return [a.unit.name for a in assignments if a.role is role]
