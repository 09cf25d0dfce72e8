"""What differs between two versions of a plan, in the terms the Office knows: units and tasks, not fingerprints.

A submission made from another version of the master's plan (a unit gone or added mid-year, a task added,
removed or reworded) is refused (PLAN_014); plan_changes says what the two versions differ in, for its message.
"""
from __future__ import annotations

from .plan import Plan, PlanItem
from .units import Unit

SHOWN = 8  # names listed of one kind; the rest are counted


def plan_changes(master: Plan, found: Plan) -> list[tuple]:
    """(kind, what[, how many]) for each way found (a submission's plan) differs from master (the master's plan), in
    a fixed order; the kinds are messages.PLAN_CHANGES' keys, how many says whether to speak of one or several.
    Empty when only what the fingerprint does not cover differs."""
    if master.facts.number != found.facts.number:  # another plan altogether: its units and tasks are no news
        return [("plan", f"{found.facts.number}, {found.facts.date:%d/%m/%Y}")]
    changes: list[tuple] = []
    if master.facts.date != found.facts.date:
        changes.append(("plan", f"{found.facts.number}, {found.facts.date:%d/%m/%Y}"))
    units = _units_changed(master, found)
    changes.extend(units)
    changes.extend(_items_changed(master, found))
    if not units:  # the same units: the rows each is given, of the tasks in both (the others are named above)
        both = {item.code for item in master.items} & {item.code for item in found.items}
        rows = {row for row in _rows(master) ^ _rows(found) if row[0] in both}
        changes.extend(_listed("rows", sorted(rows, key=_row_order(master, found))))
    return changes


def recoded_units(master: Plan, found: Plan) -> list[tuple[Unit, Unit]]:
    """(as in master, as in found) for each unit given rows in both under the same name and another code."""
    return _units_moved(master, found)[2]


def _units_moved(master: Plan, found: Plan) -> tuple[dict[str, Unit], dict[str, Unit], list[tuple[Unit, Unit]]]:
    """The units with rows in one version and not the other, by code, and those whose code changed."""
    before, after = _units_with_rows(master), _units_with_rows(found)
    gone = {code: unit for code, unit in before.items() if code not in after}
    new = {code: unit for code, unit in after.items() if code not in before}
    by_name = {unit.name: unit for unit in new.values()}
    recoded = [(old, by_name[old.name]) for old in gone.values() if old.name in by_name]
    for old, now in recoded:
        del gone[old.code], new[now.code]
    return gone, new, recoded


def _units_changed(master: Plan, found: Plan) -> list[tuple[str, str, int]]:
    """The units with rows in one version and not the other; a unit whose code changed under the same name."""
    gone, new, recoded = _units_moved(master, found)
    return (_listed("units_gone", [f"{u.name} ({u.code})" for u in gone.values()])
            + _listed("units_new", [f"{u.name} ({u.code})" for u in new.values()])
            + _listed("units_recoded", [f"{old.name} ({old.code} → {now.code})" for old, now in recoded]))


def _items_changed(master: Plan, found: Plan) -> list[tuple[str, str, int]]:
    """The tasks removed, added, and reworded: a task given to other units only is told by its rows, unless its
    rows stay the same (the units' cells written otherwise)."""
    before = {item.code: item for item in master.items}
    after = {item.code: item for item in found.items}
    rows_before, rows_after = _rows(master), _rows(found)

    def reworded(item: PlanItem) -> bool:
        other = after[item.code]
        if other.identity() == item.identity():
            return False
        return (_wording(other) != _wording(item)
                or {r for r in rows_before if r[0] == item.code} == {r for r in rows_after if r[0] == item.code})

    return (_listed("items_gone", [code for code in before if code not in after])
            + _listed("items_new", [code for code in after if code not in before])
            + _listed("items_reworded", [code for code, item in before.items() if code in after and reworded(item)]))


def _wording(item: PlanItem) -> tuple:
    """What a task says, leaving out the units it is given to."""
    return (item.criterion, item.solution, item.timeframe, item.shown, item.extras, item.section)


def _units_with_rows(plan: Plan) -> dict[str, Unit]:
    """The internal units given rows, by code, in the registry's order."""
    codes = {row.unit.code for row in plan.entry_rows()}
    return {unit.code: unit for unit in plan.registry.internal if unit.code in codes}


def _rows(plan: Plan) -> set[tuple[str, str, str]]:
    """Each row as (task, unit's name, role): a task given to another unit or in another role differs."""
    return {(row.item.code, row.unit.name, row.role.name) for row in plan.entry_rows()}


def _row_order(master: Plan, found: Plan):
    order = {item.code: n for n, item in enumerate(found.items)} | {item.code: n for n, item in enumerate(master.items)}
    return lambda row: (order.get(row[0], len(order)), row[1], row[2])


def _listed(kind: str, names: list) -> list[tuple[str, str, int]]:
    """One change of a kind naming up to SHOWN of them (a row as 'task unit') and how many they are, or none when
    there are none."""
    if not names:
        return []
    texts = [" ".join(name[:2]) if isinstance(name, tuple) else name for name in dict.fromkeys(names)]
    rest = len(texts) - SHOWN
    return [(kind, ", ".join(texts[:SHOWN]) + (f" (+{rest})" if rest > 0 else ""), len(texts))]
