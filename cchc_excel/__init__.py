"""cchc_excel: run an administrative-reform remediation plan through Excel without losing a row.

The public API is loaded lazily, so that `cchc-excel --help` stays instant.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_API = {
    "load_plan": "importer",
    "builtin_plan": "builtin",
    "builtin_plan_path": "builtin",
    "write_shared_workbook": "template",
    "write_plan_workbook": "sheets",
    "Plan": "plan", "PlanItem": "plan", "PlanFacts": "plan", "Assignment": "plan", "EntryRow": "plan",
    "Role": "plan", "Schedule": "plan", "ScheduleKind": "plan", "parse_schedule": "plan",
    "Unit": "units", "UnitKind": "units", "UnitRegistry": "units", "UnitMention": "units",
    "Period": "periods", "parse_period": "periods", "period_for": "periods",
    "Problem": "problems", "FileReport": "problems",
    "validate": "validate", "validate_file": "validate", "Validation": "validate",
    "ReadLimits": "reader", "read_workbook": "reader",
    "merge_submissions": "merge", "MergeResult": "merge", "split_workbook": "split",
    "master_status": "status", "progress_frame": "frames", "read_master": "master",
    "CchcExcelError": "errors", "PlanError": "errors", "WorkbookReadError": "errors",
    "OptionError": "errors", "OutputExistsError": "errors",
}
__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str):
    if name in _API:
        return getattr(importlib.import_module(f".{_API[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
