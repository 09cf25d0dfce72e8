"""Value rules: small functions over one matched row of the entry sheet, each yielding every problem."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import layout
from ..io.entry import ProgressRow
from ..model.periods import Period
from ..model.problems import Problem
from ..model.progress import Status
from ..io.reader import SheetData, to_date
from ..model.text import clean, parse_vn_date

STATUS, RESULT, EVIDENCE = "Tình trạng", "Kết quả thực hiện", "Tài liệu kiểm chứng"
DONE_DATE, UPDATER = "Ngày hoàn thành", "Người cập nhật"
CHOICES = ", ".join(layout.STATUSES)
CELL_LIMIT = 32767
# Control characters, and what XML cannot hold at all (U+FFFE, U+FFFF, lone surrogates): refused, never stored
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_DOCUMENT = re.compile(r"\d+\s*/\s*[A-ZĐa-zđ]|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|ngày\s+\d{1,2}\s+tháng", re.I)
EARLIEST = date(2000, 1, 1)


@dataclass(frozen=True)
class Context:
    sheet: SheetData
    period: Period | None
    today: date
    date1904: bool = False
    example: str = "Kế hoạch số 123/KH-UBND ngày 20/5/2021"  # an evidence example in the plan's own symbol


def check_row(row: ProgressRow, ctx: Context) -> list[Problem]:
    """Every value problem of one row, rule by rule."""
    return [problem for rule in RULES for problem in rule(row, ctx)]


def _problem(code: str, row: ProgressRow, header: str, ctx: Context, value: object = None, **params) -> Problem:
    shown = row.text(header) if value is None else str(value)
    return Problem(code, sheet=ctx.sheet.name, cell=row.cell(header), row=row.excel_row, field=header,
                   value=shown, params=params)


def status_of(row: ProgressRow) -> Status | None:
    """The status a row's Tình trạng cell stands for (case and Unicode form forgiven)."""
    return Status.parse(row.text(STATUS))


def read_date(value: object, date1904: bool = False) -> tuple[date | None, bool]:
    """(the date a cell holds, whether it was typed as text); (None, …) when it holds no valid date."""
    day = to_date(value, date1904)
    if day is None and isinstance(value, str):
        return parse_vn_date(value), True
    return day, False


def excel_length(text: str) -> int:
    """The length as Excel counts it: UTF-16 code units (an emoji counts 2)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def text_cells(row: ProgressRow, ctx: Context):
    for header in layout.INPUT_COLUMNS:
        value = row.values.get(header)
        if not isinstance(value, str) or not value:
            continue
        units = excel_length(value)
        if units >= CELL_LIMIT:  # reaching Excel's limit means the text was (or would be) cut off
            yield _problem("VAL_013", row, header, ctx, value=units, expected=CELL_LIMIT)
        if _CONTROL.search(value):
            yield _problem("VAL_014", row, header, ctx, value=_CONTROL.sub("?", value[:200]))
        if (row.excel_row, row.columns[header]) in ctx.sheet.denormalized and header != STATUS:
            yield _problem("VAL_015", row, header, ctx)


def status(row: ProgressRow, ctx: Context):
    text = row.text(STATUS)
    if not text:
        if any(row.text(h) for h in layout.INPUT_COLUMNS if h != STATUS):
            yield _problem("VAL_001", row, STATUS, ctx, choices=CHOICES)
        return
    canonical = status_of(row)
    if canonical is None:
        yield _problem("VAL_002", row, STATUS, ctx, choices=CHOICES)
    elif canonical.value != text or (row.excel_row, row.columns[STATUS]) in ctx.sheet.denormalized:
        yield _problem("VAL_003", row, STATUS, ctx, expected=canonical.value)


def required_by_status(row: ProgressRow, ctx: Context):
    canonical = status_of(row)
    if canonical is Status.DONE:
        for header in (RESULT, EVIDENCE, DONE_DATE):
            if not row.text(header):
                yield _problem("VAL_004", row, header, ctx)
    elif canonical is Status.IN_PROGRESS and not row.text(RESULT):
        yield _problem("VAL_005", row, RESULT, ctx)
    elif canonical is Status.NOT_APPLICABLE and not row.text(RESULT):
        yield _problem("VAL_006", row, RESULT, ctx)


def evidence_cites_a_document(row: ProgressRow, ctx: Context):
    text = row.text(EVIDENCE)
    if text and not _DOCUMENT.search(text):
        yield _problem("VAL_007", row, EVIDENCE, ctx, example=ctx.example)


def dates(row: ProgressRow, ctx: Context):
    for header in layout.DATE_COLUMNS:
        value = row.values.get(header)
        if clean(value) == "":
            continue
        day, typed_as_text = read_date(value, ctx.date1904)
        if day is None or day < EARLIEST:
            yield _problem("VAL_008", row, header, ctx)
            continue
        shown = f"{day:%d/%m/%Y}"
        if typed_as_text:
            yield _problem("VAL_016", row, header, ctx, expected=shown)
        if day > ctx.today:
            yield _problem("VAL_009", row, header, ctx, value=shown, expected=f"{ctx.today:%d/%m/%Y}")
        elif header == DONE_DATE and ctx.period and day > ctx.period.end:
            yield _problem("VAL_010", row, header, ctx, value=shown, expected=f"{ctx.period.end:%d/%m/%Y}")
        elif header == DONE_DATE and ctx.period and day < ctx.period.start:
            yield _problem("VAL_011", row, header, ctx, value=shown, expected=f"{ctx.period.start:%d/%m/%Y}")


def updater(row: ProgressRow, ctx: Context):
    filled = any(row.text(h) for h in layout.INPUT_COLUMNS if h not in (UPDATER, "Ngày cập nhật"))
    if filled and not row.text(UPDATER):
        yield _problem("VAL_012", row, UPDATER, ctx)


RULES = (text_cells, status, required_by_status, evidence_cites_a_document, dates, updater)
