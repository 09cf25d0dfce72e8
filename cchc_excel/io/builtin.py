"""The built-in plan: Kế hoạch 707/KH-SKHĐT, shipped as a plan workbook and read by the same importer."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .plan_reader import load_plan
from ..model.plan import Plan

BUILTIN_NAME = "ke-hoach-707-KH-SKHDT-2021.xlsx"


def builtin_plan_path() -> Path:
    """The shipped plan workbook (workbooks/ in a checkout, cchc_excel/workbooks/ when installed)."""
    return Path(str(files("cchc_excel.workbooks") / BUILTIN_NAME))


def builtin_plan() -> Plan:
    return load_plan(builtin_plan_path())
