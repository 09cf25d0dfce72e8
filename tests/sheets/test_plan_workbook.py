"""The plan workbook writer: the built-in plan round-trips, and its script reproduces the shipped workbook."""
from __future__ import annotations

import runpy
from pathlib import Path

import openpyxl

from cchc_excel import builtin_plan, builtin_plan_path, load_plan, write_plan_workbook

SCRIPT = Path(__file__).parent.parent.parent / "scripts" / "make_plan_707.py"


def contents(path: Path) -> dict[str, object]:
    """Every sheet's values and merged ranges, as Excel shows them."""
    workbook = openpyxl.load_workbook(path)
    return {sheet.title: ([[cell.value for cell in row] for row in sheet.iter_rows()],
                          sorted(str(r) for r in sheet.merged_cells.ranges), sheet.sheet_state)
            for sheet in workbook.worksheets}


def test_the_built_in_plan_round_trips_through_the_writer(tmp_path):
    plan = builtin_plan()
    written = tmp_path / "plan.xlsx"
    write_plan_workbook(plan, written)
    again = load_plan(written)
    assert again.fingerprint() == plan.fingerprint()
    assert again.facts == plan.facts and again.items == plan.items
    assert again.registry.units == plan.registry.units


def test_the_script_reproduces_the_shipped_workbook(tmp_path):
    script = runpy.run_path(str(SCRIPT))  # not as __main__: nothing is written to workbooks/
    target = tmp_path / "707.xlsx"
    write_plan_workbook(script["build_plan"](), target, script["CORRECTIONS"])
    assert contents(target) == contents(builtin_plan_path())
