"""cchc_excel: run an administrative-reform remediation plan through Excel without losing a row.

The public API, typed. Importing it loads no heavy library (pandas, openpyxl, xlsxwriter and
python-calamine are imported by the functions that need them), so `cchc-excel --help` stays instant.
"""
from __future__ import annotations

from .model.layout import VERSION as __version__

from .draft import draft_plan
from .frames import progress_frame
from .io.builtin import builtin_plan, builtin_plan_path
from .io.files import write_shared_workbook
from .io.master_file import read_master, write_master
from .io.plan_reader import load_plan
from .io.reader import ReadLimits, read_workbook
from .merge import merge_submissions
from .merge_result import FileOutcome, MergeResult
from .model.errors import (CchcExcelError, MasterError, MergeError, OfficeError, OptionError, OutputExistsError,
                           PlanError, ReportError, WorkbookReadError, WriteError)
from .model.messages import MESSAGES, Message, Scope
from .model.periods import Period, parse_period, period_for
from .model.plan import (AppendixColumn, AppendixShape, Assignment, EntryRow, Plan, PlanFacts, PlanItem, Role,
                         Schedule, ScheduleKind, parse_schedule)
from .model.problems import FileReport, Problem
from .model.progress import MasterData, Progress, Record, Source, Status, Superseded
from .model.status import StatusReport, UnitStatus
from .model.units import Unit, UnitKind, UnitMention, UnitRegistry
from .report import ReportFiles, write_report
from .sheets.base import write_plan_workbook
from .sheets.report_text import ReportOptions
from .split import split_workbook
from .status import master_status
from .validate import Validation, validate, validate_file

__all__ = [
    "AppendixColumn", "AppendixShape", "Assignment", "CchcExcelError", "EntryRow", "FileOutcome", "FileReport",
    "MESSAGES", "MasterData", "MasterError", "MergeError", "MergeResult", "Message", "OfficeError", "OptionError",
    "OutputExistsError", "Period", "Plan", "PlanError", "PlanFacts", "PlanItem", "Problem", "Progress",
    "ReadLimits", "Record", "ReportError", "ReportFiles", "ReportOptions", "Role", "Schedule", "ScheduleKind",
    "Scope", "Source", "Status", "StatusReport", "Superseded", "Unit", "UnitKind", "UnitMention", "UnitRegistry",
    "UnitStatus", "Validation", "WorkbookReadError", "WriteError", "__version__", "builtin_plan",
    "builtin_plan_path", "draft_plan", "load_plan", "master_status", "merge_submissions", "parse_period",
    "parse_schedule", "period_for", "progress_frame", "read_master", "read_workbook", "split_workbook", "validate",
    "validate_file", "write_master", "write_plan_workbook", "write_report", "write_shared_workbook",
]
