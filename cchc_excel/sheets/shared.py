"""Writing the shared workbook that staff fill: guide, plan, entry sheet, units, lists, metadata."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import BinaryIO


from ..model import layout
from ..model.cells import column_letter
from ..model.identity import properties
from ..model.text import clean, excel_length
from .guide import guide_lines
from ..model.periods import Period
from ..model.plan import EntryRow, Plan, Role
from ..model.status import report_due
from ..model.units import UnitKind
from .base import (LINE_POINTS, Styles, new_workbook, print_setup, text_lines, unit_values, write_appendix,
                     write_cell, write_facts, write_units)

TEXT_FORMAT = "@"
BOLD, MARGIN = 0.8, 0.9  # of a column's width that bold headers and wrapped words fill, to size rows safely
# The help of the input cells, in the plan's own terms: its symbol in the evidence example, the period's year in
# the date examples (another agency's files never cite the 707 plan's "123/KH-SKHĐT ngày 20/5/2021").
DATE_HELP = ("Gõ ngày theo thứ tự ngày/tháng/năm, cách nhau bằng dấu /, năm đủ 4 chữ số: 15/06/{year} hoặc "
             "5/6/{year} là ngày 5 tháng 6 năm {year}, trên mọi máy.")
EXCEL_TEXT_LIMIT = 32767
PROTECT_OPTIONS = {"autofilter": True, "sort": True, "format_columns": True, "format_rows": True,
                   "select_locked_cells": True, "select_unlocked_cells": True}

INPUT_HELP = {
    "Tình trạng": "Chọn một trong bốn tình trạng ở danh sách thả xuống.",
    "Kết quả thực hiện": "Nêu việc đã làm và kết quả trong kỳ. Bắt buộc khi Đang thực hiện, Hoàn thành; "
                         "ghi lý do khi Không phát sinh.",
    "Tài liệu kiểm chứng": "Ghi số, ký hiệu và ngày văn bản, ví dụ: {example}. Mỗi văn bản một dòng (Alt+Enter).",
    "Ngày hoàn thành": "Gõ ngày/tháng/năm, ví dụ 15/06/{year} hoặc 5/6/{year} (ngày trước, tháng sau), trong kỳ "
                       "báo cáo. Bắt buộc khi Hoàn thành.",
    "Khó khăn, vướng mắc": "Nêu khó khăn, vướng mắc (nếu có).",
    "Đề xuất, kiến nghị": "Nêu đề xuất, kiến nghị (nếu có).",
    "Người cập nhật": "Họ và tên người nhập dòng này.",
    "Ngày cập nhật": "Ngày nhập hoặc sửa dòng này: gõ ngày/tháng/năm, ví dụ 15/06/{year} hoặc 5/6/{year}.",
}


def write_workbook(path: Path | BinaryIO, plan: Plan, period: Period, deadline: date, rows: tuple[EntryRow, ...],
                   unit_code: str, values: dict, extra=None, kind: str = "shared",
                   meta_extra: tuple[tuple[str, object], ...] = (), top: bool = True) -> None:
    """Write the sheets of a shared workbook; extra(workbook, styles) adds sheets before the metadata.

    kind "master" leaves out the guide and the entry sheet: the master keeps its rows on its data sheets, its
    unformatted cells at the top of their cells unless top is False (as the previous version wrote them).
    meta_extra adds (key, value) pairs to the metadata. path may be a file object (written in memory).
    """
    if unit_code and kind != "master":  # a unit copy: its registry sheet is streamed (see _write_copy)
        return _write_copy(path, plan, period, deadline, rows, unit_code, values, meta_extra)
    _write_sheets(new_workbook(path, times_by_default=True, top=top and kind == "master"), plan, period, deadline, rows,
                  unit_code, values, extra, kind, meta_extra)


def _write_sheets(workbook, plan: Plan, period: Period, deadline: date, rows: tuple[EntryRow, ...], unit_code: str,
                  values: dict, extra, kind: str, meta_extra: tuple[tuple[str, object], ...]) -> None:
    styles = Styles(workbook)
    if kind != "master":
        guide = workbook.add_worksheet(layout.SHEET_GUIDE)
        _write_guide(guide, styles, plan, period, deadline)
    first = write_appendix(workbook, styles, layout.SHEET_PLAN, plan, true_size=True)
    first.protect("", PROTECT_OPTIONS)
    unit = plan.registry.owner_of(unit_code) if unit_code else None
    if kind != "master":
        _write_progress(workbook, styles, plan, period, deadline, rows, unit.name if unit else "", values)
    # A per-unit copy lists only its unit: its size stays the same however many units the plan has.
    shown_units = [unit] if unit else list(plan.registry)
    units = write_units(workbook, styles, layout.SHEET_UNITS, shown_units, true_size=True)
    units.protect("", PROTECT_OPTIONS)
    _write_lists(workbook, styles, [u for u in shown_units if u.kind is UnitKind.INTERNAL])
    if extra:
        extra(workbook, styles)
    _write_meta(workbook, styles, plan, period, deadline, rows, unit_code, kind, meta_extra)
    (guide if kind != "master" else first).activate()
    workbook.close()


def _write_guide(sheet, styles: Styles, plan: Plan, period: Period, deadline: date) -> None:
    sheet.set_column(0, 0, 4)
    sheet.set_column(1, 1, 120)
    title, normal, bold = styles(bold=True, font_size=14), styles(), styles(bold=True)
    for row, (kind, text) in enumerate(guide_lines(plan, period, deadline)):
        fmt = {"title": title, "heading": bold}.get(kind, normal)
        sheet.write_string(row, 1, text, fmt)
        sheet.set_row(row, text_lines(text, 120) * LINE_POINTS + (4 if kind == "title" else 0))
    sheet.protect("", PROTECT_OPTIONS)
    sheet.hide_gridlines(2)
    print_setup(sheet, repeat_row=None)


def _write_progress(workbook, styles: Styles, plan: Plan, period: Period, deadline: date,
                    rows: tuple[EntryRow, ...], unit_name: str, values: dict) -> None:
    sheet = workbook.add_worksheet(layout.SHEET_PROGRESS)
    headers = layout.PROGRESS_HEADERS
    last_col = len(headers) - 1
    header_row = layout.PROGRESS_HEADER_ROW - 1  # 0-based
    first, last = header_row + 1, header_row + max(len(rows), 1)
    facts = plan.facts
    banner = (f"TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH SỐ {facts.number} NGÀY {facts.date:%d/%m/%Y} "
              f"CỦA {facts.agency.upper()}",
              (f"Đơn vị: {unit_name}. " if unit_name else "")
              + f"Kỳ báo cáo: {period.label()} (số liệu từ {period.start:%d/%m/%Y} đến {period.end:%d/%m/%Y})",
              f"Hạn gửi Văn phòng: {deadline:%d/%m/%Y}. Chỉ nhập từ cột \"Tình trạng\" đến cột "
              "\"Ngày cập nhật\"; không thêm, xóa dòng hay cột.")
    for row, text in enumerate(banner):
        sheet.set_row(row, LINE_POINTS + (2 if row == 0 else 0))  # the title is 13 pt
        sheet.merge_range(row, 0, row, last_col, "", styles(bold=row == 0, text_wrap=False))
        sheet.write_string(row, 0, text, styles(bold=row == 0, text_wrap=False, font_size=13 if row == 0 else 12))
    for col, (header, width) in enumerate(zip(headers, layout.PROGRESS_WIDTHS)):
        sheet.set_column(col, col, width)
        sheet.write_string(header_row, col, header, styles.header)
    sheet.set_row(header_row, max(text_lines(h, w * BOLD) for h, w in zip(headers, layout.PROGRESS_WIDTHS))
                  * LINE_POINTS)
    plan_fmt = styles(border=1, bg_color="#F2F2F2")
    # Input cells are Text ("@"): the application keeps what staff type ("100%", "3/5", "1.234" stay as typed)
    # and a date typed 15/06/2021 means 15 June whatever the computer's locale (read day first by validate).
    input_fmt = styles(border=1, locked=False, num_format=TEXT_FORMAT)
    date_fmt = styles(border=1, locked=False, num_format=TEXT_FORMAT, align="center")
    for row, entry in enumerate(rows, start=first):
        plan_values = (entry.item.code, entry.item.criterion, entry.item.solution, entry.unit.name,
                       entry.role.value, entry.item.timeframe)
        for col, value in enumerate(plan_values):
            write_cell(sheet, row, col, value, plan_fmt)
        known = values.get(entry.key, ())
        for offset, header in enumerate(layout.INPUT_COLUMNS):
            fmt = date_fmt if header in layout.DATE_COLUMNS else input_fmt
            carried = known[offset] if offset < len(known) else None
            write_cell(sheet, row, len(plan_values) + offset, _as_typed(carried), fmt)
        if entry.scope:
            sheet.write_comment(row, 3, f"Phạm vi: {entry.scope}", {"font_name": layout.FONT})
        shown = plan_values + tuple(_as_typed(v) for v in known)
        sheet.set_row(row, max(text_lines(v, w * MARGIN) for v, w in zip(shown, layout.PROGRESS_WIDTHS))
                      * LINE_POINTS)
    _add_validations(sheet, first, last, headers, {"example": facts.example_document(), "year": period.year})
    status, result, evidence, done, proposals = (column_letter(headers.index(h) + 1) for h in (
        "Tình trạng", "Kết quả thực hiện", "Tài liệu kiểm chứng", "Ngày hoàn thành", "Đề xuất, kiến nghị"))
    n = first + 1
    red = workbook.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    sheet.conditional_format(first, 0, last, last_col, {
        "type": "formula",
        "criteria": f'=AND(${status}{n}="{layout.STATUS_DONE}",OR(${result}{n}="",${evidence}{n}="",${done}{n}=""))',
        "format": red,
    })
    at = headers.index("Ngày cập nhật")  # empty on a row with content: VAL_023/VAL_024, red before it is sent
    sheet.conditional_format(first, at, last, at, {"type": "formula", "format": red, "criteria":
                             f'=AND(${column_letter(at + 1)}{n}="",COUNTA(${status}{n}:${proposals}{n})>0)'})
    sheet.ignore_errors({"number_stored_as_text": f"A{first + 1}:A{last + 1}"})
    sheet.autofilter(header_row, 0, last, last_col)
    sheet.freeze_panes(header_row + 1, 1)
    sheet.protect("", PROTECT_OPTIONS)
    sheet.set_header(f"&L&\"Times New Roman\"{period.label()}&R&\"Times New Roman\"{facts.number}")
    # Printed true to size (12 pt) over pages across, STT and Tiêu chí repeated: never shrunk to one width.
    print_setup(sheet, repeat_row=header_row, true_size=True, repeat_columns="A:B")


def _add_validations(sheet, first: int, last: int, headers: tuple[str, ...], terms: dict[str, object]) -> None:
    """Input messages and checks of the input columns; terms fill the help texts ({example}, {year})."""
    lists_range = f"='{layout.SHEET_LISTS}'!$A$2:$A${len(layout.STATUSES) + 1}"
    for col, header in enumerate(headers):
        if header not in layout.INPUT_COLUMNS:
            continue
        help_text = INPUT_HELP[header].format(**terms)
        rule: dict[str, object] = {"input_title": header[:32], "input_message": help_text[:255],
                                   "error_type": "stop"}
        if header == "Tình trạng":
            rule |= {"validate": "list", "source": lists_range, "error_title": "Tình trạng không hợp lệ",
                     "error_message": "Chọn một trong: " + ", ".join(layout.STATUSES) + "."}
        elif header in layout.DATE_COLUMNS:
            rule |= {"validate": "custom", "value": date_rule(f"{column_letter(col + 1)}{first + 1}"),
                     "error_title": "Ngày không hợp lệ", "error_message": DATE_HELP.format(**terms)}
        else:
            rule |= {"validate": "length", "criteria": "<=", "value": EXCEL_TEXT_LIMIT,
                     "error_title": "Nội dung quá dài",
                     "error_message": f"Mỗi ô chứa tối đa {EXCEL_TEXT_LIMIT:,} ký tự.".replace(",", ".")}
        sheet.data_validation(first, col, last, col, rule)


def date_rule(cell: str) -> str:
    """A validation formula (under Excel's 255 characters) for a date typed as text, day first: d/m/yyyy
    with 1- or 2-digit day and month and a year 2000–2100; a real date cell is accepted too.

    The text is split at "/" by widening each "/" to nine spaces; no date function that depends on the
    computer's locale (DATEVALUE, TEXT) is used. Impossible days (31/02) are left to validate.
    """
    parts = f'SUBSTITUTE({cell},"/","{" " * 9}")'
    day, month, year = (f"TRIM(LEFT({parts},9))", f"TRIM(MID({parts},10,9))", f"TRIM(MID({parts},19,99))")
    checks = f"ABS({day}-16)<16,ABS({month}-6.5)<6,ABS({year}-2050)<51"
    return f"=OR(ISNUMBER({cell}),IFERROR(AND({checks}),FALSE))"


def carried_meta(rows: tuple[EntryRow, ...], values: dict, carried: frozenset) -> tuple[tuple[str, object], ...]:
    """The metadata (layout.META_CARRIED) naming the completion and update dates of each row pre-filled from an earlier
    period (the rows in carried), so that the value rules tell a row carried forward untouched (VAL_022) and a
    completion carried forward (no VAL_011) from what the unit typed for this period."""
    done_at, updated_at = (layout.INPUT_COLUMNS.index(h) for h in layout.DATE_COLUMNS)
    found = [[*entry.key, *(cells[at].isoformat() if isinstance(cells[at], date) else None
                            for at in (done_at, updated_at))]
             for entry in rows if entry.key in carried and len(cells := values.get(entry.key, ())) > updated_at]
    parts: list[list] = []
    room = 0  # UTF-16 units left in the last part's cell
    for row in found:
        if row[2] or row[3]:
            size = excel_length(json.dumps(row, ensure_ascii=False)) + 2  # and the ", " before it
            if not parts or size > room:
                parts.append([])
                room = CARRIED_PART - 2  # its brackets
            parts[-1].append(row)
            room -= size
    return tuple((layout.carried_key(n), json.dumps(part, ensure_ascii=False)) for n, part in enumerate(parts, 1))


CARRIED_PART = 30_000  # UTF-16 units of one metadata cell's part of the carried list, under a cell's 32,767


def _as_typed(value: object) -> object:
    """A carried-forward value as staff would type it into a Text cell: a date as dd/mm/yyyy."""
    return f"{value:%d/%m/%Y}" if isinstance(value, date) else value


def _write_lists(workbook, styles: Styles, units: list) -> None:
    sheet = workbook.add_worksheet(layout.SHEET_LISTS)
    columns = (("Tình trạng", layout.STATUSES), ("Vai trò", tuple(r.value for r in Role)),
               ("Đơn vị", tuple(u.name for u in units)))
    for col, (header, values) in enumerate(columns):
        sheet.set_column(col, col, 40)
        sheet.write_string(0, col, header, styles.header)
        for row, value in enumerate(values, start=1):
            sheet.write_string(row, col, value, styles())
    sheet.protect("", PROTECT_OPTIONS)
    sheet.hide()


def meta_values(plan: Plan, period: Period, deadline: date, rows: tuple[EntryRow, ...],
                unit_code: str = "", kind: str = "shared") -> list[tuple[str, object]]:
    """Machine-readable identity of a shared workbook or per-unit copy (very hidden sheet)."""
    first = layout.PROGRESS_HEADER_ROW + 1
    return [
        ("format", layout.FORMAT_NAME), ("format_version", layout.FORMAT_VERSION), ("kind", kind),
        ("generator", f"cchc_excel {layout.VERSION}"),
        ("plan_number", plan.facts.number), ("plan_date", plan.facts.date.isoformat()),
        ("plan_fingerprint", plan.fingerprint()),
        ("period", period.code), ("period_label", period.label()),
        ("period_start", period.start.isoformat()), ("period_end", period.end.isoformat()),
        ("due_date", report_due(plan.facts, period).isoformat()), ("deadline", deadline.isoformat()),
        ("unit", unit_code), ("sheet", layout.SHEET_PROGRESS),
        ("header_row", layout.PROGRESS_HEADER_ROW), ("first_data_row", first), ("row_count", len(rows)),
    ]


def _write_meta(workbook, styles: Styles, plan: Plan, period: Period, deadline: date,
                rows: tuple[EntryRow, ...], unit_code: str = "", kind: str = "shared",
                meta_extra: tuple[tuple[str, object], ...] = ()) -> None:
    sheet = workbook.add_worksheet(layout.SHEET_META)
    values = meta_values(plan, period, deadline, rows, unit_code, kind) + list(meta_extra)
    for row, (key, value) in enumerate(values):
        sheet.write_string(row, 0, key)
        write_cell(sheet, row, 1, value)
    write_facts(sheet, styles, plan.facts, first_row=len(values))
    sheet.protect("", PROTECT_OPTIONS)
    sheet.very_hidden()
    for name, text in properties({key: clean(value) for key, value in values}):  # read without this sheet
        workbook.set_custom_property(name, text, "text")
    if unit_code:  # a unit copy lists only its unit on `Đơn vị`, yet carries its whole plan: the registry here,
        registry = workbook.add_worksheet(layout.SHEET_REGISTRY)  # apart from the metadata (which every
        registry.protect("", PROTECT_OPTIONS)  # reading of a submission parses), its rows streamed in later
        registry.very_hidden()


def _write_copy(path, plan: Plan, period: Period, deadline: date, rows: tuple[EntryRow, ...], unit_code: str,
                values: dict, meta_extra: tuple[tuple[str, object], ...]) -> None:
    """A unit copy: its whole unit registry goes on a very hidden sheet as inline strings, streamed into the zip,
    so that the copy's shared strings (parsed and scanned whenever a submission is read) stay the size of one
    unit's copy however many units the plan has."""
    import io
    import zipfile

    from .package import PackageWriter
    from .table_xml import sheet_chunks

    frame = io.BytesIO()
    workbook = new_workbook(frame, times_by_default=True)
    _write_sheets(workbook, plan, period, deadline, rows, unit_code, values, None, "shared", meta_extra)
    part = f"xl/worksheets/sheet{workbook.get_worksheet_by_name(layout.SHEET_REGISTRY).index + 1}.xml"
    units = [unit_values(unit) for unit in plan.registry]
    target = open(path, "wb") if isinstance(path, (str, Path)) else path
    try:
        with zipfile.ZipFile(frame) as parts:
            writer = PackageWriter(target)
            for info in parts.infolist():
                if info.filename == part:
                    writer.write(part, sheet_chunks(parts.read(info), tuple(layout.UNIT_COLUMNS.values()), units,
                                                    len(units), header_style=0, date_style=0))
                else:
                    writer.copy(parts, info)
            writer.close()
    finally:
        if target is not path:
            target.close()
