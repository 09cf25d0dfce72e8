"""A draft plan from an appendix alone: the facts its title block (or a facts sheet) gives, every unit it names.

What `cchc-excel plan` reads: the appendix as typed, the `Thông tin` and `Đơn vị` sheets when the workbook has
them. Each unit name the registry does not know becomes a draft unit (a group when it names several units,
such as "UBND các xã, thị trấn"); the Office completes the facts, checks each unit's kind and lists the
members of the groups.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..model import layout
from ..model.errors import PlanError
from ..model.plan import AppendixShape, PlanItem
from ..model.problems import Problem
from ..model.text import clean, fold
from ..model.units import Unit, UnitKind, UnitRegistry
from .appendix import find_table, missing_columns
from .appendix_items import read_appendix
from .draft_units import Alias, noted, propose, unknown_names
from .plan_reader import appendix_grids, dated_items, fact_value, find_sheet, read_units, title_facts
from .reader import WorkbookData, read_workbook

DROPPED = ("PLAN_003", "PLAN_004", "PLAN_005")  # a row of the appendix that would not be a task of the plan


@dataclass
class Draft:
    """What could be read from an appendix, and what is left for the Office to fill."""

    items: tuple[PlanItem, ...]
    shape: AppendixShape
    facts: dict[str, object]  # field → value, as far as they could be read
    units: list[Unit]  # the registry: the workbook's units, then each new name the appendix mentions
    new_units: list[Unit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # what still stops the plan from loading
    warnings: list[Problem] = field(default_factory=list)  # what init will warn of (rows ignored, deadlines)
    aliases: list[Alias] = field(default_factory=list)  # names likely other names of a unit ("P.NV")

    @property
    def missing_facts(self) -> list[str]:
        return [layout.FACT_LABELS[f] for f in layout.FACTS_ASKED if f not in self.facts]

    @property
    def groups(self) -> list[Unit]:
        return [u for u in self.units if u.kind in (UnitKind.GROUP, UnitKind.ROLE) and not u.members
                and not u.all_internal]


def read_draft(path: str | Path) -> Draft:
    """The draft plan of an appendix workbook; PlanError when no appendix table can be read at all, or when a row
    of the table would not become a task (an STT that cannot be read, missing or repeated): the plan written
    would silently lack an item of the appendix as issued."""
    shown = str(path)
    with read_workbook(path) as book:
        grids = appendix_grids(book)
        table = find_table(grids)
        problems: list[Problem] = []
        if table is None or missing_columns(table):
            read_appendix(grids, UnitRegistry(()), shown, problems)
            raise PlanError(shown, problems)
        units = _known_units(book, shown)
        facts = _facts(book, shown, title_facts(table.shape.title))
        new_units, aliases = propose(unknown_names(grids, table, units, shown), units, str(facts.get("agency", "")))
        items, _ = read_appendix(grids, UnitRegistry(units + new_units), shown, problems, table)
    dropped = [p for p in problems if p.code in DROPPED]
    if dropped:
        raise PlanError(shown, dropped)
    issued = facts.get("date")
    items = dated_items(items, issued.year if isinstance(issued, date) else None, table, problems)
    said = {fold(alias.name) for alias in aliases}  # listed as likely other names, not again as unknown
    errors = [p for p in problems if p.severity == "error" and not (p.code == "UNIT_001" and fold(p.value) in said)]
    listed = noted(units + new_units, aliases)  # the new units, with their notes, are its tail
    return Draft(items, table.shape, facts, listed, listed[len(units):], errors,
                 [p for p in problems if p.severity != "error"], aliases)


def _known_units(book: WorkbookData, shown: str) -> list[Unit]:
    ignored: list[Problem] = []
    grid = find_sheet(book, layout.SHEET_UNITS, shown, ignored, optional=True)
    return read_units(grid, ignored) if grid is not None else []


def _facts(book: WorkbookData, shown: str, title: dict) -> dict[str, object]:
    found: dict[str, object] = {}
    for key, raw in title.items():
        try:
            found[key] = fact_value(key, raw)
        except ValueError:
            continue
    grid = find_sheet(book, layout.SHEET_FACTS, shown, [], optional=True)
    by_label = {fold(label): key for key, label in layout.FACT_LABELS.items()}
    if grid is None:
        return found
    for row in range(1, grid.max_row + 1):
        key = by_label.get(fold(grid.value(row, 1)))
        if key and clean(grid.value(row, 2)):
            try:
                found[key] = fact_value(key, grid.value(row, 2))
            except ValueError:
                continue
    return found
