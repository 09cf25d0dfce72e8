"""The report for Sở Nội vụ: a workbook laid out as an official document under Nghị định 30/2020/NĐ-CP.

Sheet `Báo cáo`: the header block, title, "Kính gửi", a narrative with the period's figures, the table of
criteria with each unit's results and evidence, the signature block and "Nơi nhận". Further sheets come
from report_sheets.py. Every name, place, signer and recipient comes from the plan workbook.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..model import layout
from ..model.progress import MasterData
from ..model.periods import Period
from ..model.summary import ItemSummary
from .statistics import write_missing, write_overdue, write_statistics
from .base import Styles, fit_rows, new_workbook, print_setup, write_item_field
from ..model.text import vn_date_line, vn_number

COLUMNS = ("STT", "Tiêu chí", "Giải pháp", "Đơn vị chủ trì", "Kết quả thực hiện", "Tài liệu kiểm chứng",
           "Tình trạng", "Ghi chú")
WIDTHS = (5, 18, 24, 14, 32, 20, 12, 18)
LEFT_BLOCK, RIGHT_BLOCK = (0, 2), (3, 7)  # columns of the header block's two halves
BODY, TABLE = 13, 12
TEXT_FIT = 1.15  # characters of 12 pt Times per unit of column width, relative to sheets.text_lines


@dataclass(frozen=True)
class ReportOptions:
    number: str = ""  # "12/BC-SKHĐT"; blank leaves the number for the clerk
    day: date | None = None
    signer: str = ""  # the signer's name when not the plan's


def write_report_workbook(path: Path, data: MasterData, period: Period, options: ReportOptions, today: date, status,
           summaries: list[ItemSummary]) -> None:
    workbook = new_workbook(path)
    styles = Styles(workbook)
    sheet = workbook.add_worksheet("Báo cáo")
    for col, width in enumerate(WIDTHS):
        sheet.set_column(col, col, width)
    row = _header_block(workbook, sheet, styles, data, options, today)
    row = _title(sheet, styles, data, period, row)
    row = _narrative(sheet, styles, data, period, status, summaries, row)
    row = _table(sheet, styles, data, summaries, row)
    _signature(sheet, styles, data, options, row + 1)
    print_setup(sheet, number_on_top=True)  # the table's header row repeats: set in _table
    sheet.hide_gridlines(2)
    write_statistics(workbook, styles, data, period, status, summaries)
    write_missing(workbook, styles, data, period, status)
    write_overdue(workbook, styles, data, status)
    sheet.activate()
    workbook.close()


def _merge(sheet, row: int, cols: tuple[int, int], text: str, fmt, height: float | None = None) -> None:
    sheet.merge_range(row, cols[0], row, cols[1], "", fmt)
    sheet.write_string(row, cols[0], text, fmt)
    if height:
        sheet.set_row(row, height)


def _header_block(workbook, sheet, styles: Styles, data: MasterData, options: ReportOptions, today: date) -> int:
    facts = data.plan.facts
    centre = {"align": "center", "valign": "vcenter", "text_wrap": True}
    if facts.parent_body:  # NĐ 30: a body with no governing body above it (UBND tỉnh) has no upper line
        _merge(sheet, 0, LEFT_BLOCK, facts.parent_body.upper(), styles(font_size=BODY, **centre))
    _merge(sheet, 0, RIGHT_BLOCK, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", styles(font_size=BODY - 1, bold=True, **centre))
    _merge(sheet, 1 if facts.parent_body else 0, LEFT_BLOCK, facts.agency.upper(),
           styles(font_size=BODY, bold=True, **centre))
    _merge(sheet, 1, RIGHT_BLOCK, "Độc lập - Tự do - Hạnh phúc", styles(font_size=BODY + 1, bold=True, **centre))
    _rule(sheet, 2, LEFT_BLOCK, 0.3)
    _rule(sheet, 2, RIGHT_BLOCK, 0.36)
    sheet.set_row(2, 10)
    short = facts.agency_short or "…"
    number = options.number or f"      /BC-{short}"
    _merge(sheet, 3, LEFT_BLOCK, f"Số: {number}", styles(font_size=BODY, **centre))
    _merge(sheet, 3, RIGHT_BLOCK, vn_date_line(facts.place, options.day or today),
           styles(font_size=BODY + 1, italic=True, **centre))
    return 5


def _rule(sheet, row: int, cols: tuple[int, int], share: float) -> None:
    """A short centred line under a heading, drawn as a one-pixel-high box as official templates do."""
    pixels = [int(WIDTHS[c] * 7 + 0.5) + 5 for c in range(cols[0], cols[1] + 1)]
    width = int(sum(pixels) * share)
    sheet.insert_textbox(row, cols[0], "", {
        "width": width, "height": 1, "x_offset": (sum(pixels) - width) // 2, "y_offset": 4,
        "line": {"color": "black", "width": 0.75}, "fill": {"none": True}, "object_position": 3})


def _title(sheet, styles: Styles, data: MasterData, period: Period, row: int) -> int:
    facts = data.plan.facts
    title = (facts.title[:1].lower() + facts.title[1:]) if facts.title else ""
    summary = (f"Kết quả thực hiện Kế hoạch số {facts.number} ngày {facts.date.day}/{facts.date.month}/"
               f"{facts.date.year} {title}, {period.label()}")
    full = (0, len(COLUMNS) - 1)
    _merge(sheet, row, full, "BÁO CÁO", styles(font_size=BODY + 1, bold=True, align="center"), 20)
    _merge(sheet, row + 1, full, summary, styles(font_size=BODY + 1, bold=True, align="center"), 38)
    recipient = facts.report_recipient or "Sở Nội vụ"
    _merge(sheet, row + 3, full, f"Kính gửi: {recipient}.", styles(font_size=BODY + 1, align="center"), 20)
    return row + 5


def _narrative(sheet, styles: Styles, data: MasterData, period: Period, status, summaries, row: int) -> int:
    facts = data.plan.facts
    units = status.units
    missing = [u.name for u in units if not u.submitted]
    counts = {s: sum(u.counts.get(s, 0) for u in units) for s in layout.STATUSES + ("Chưa báo cáo",)}
    total = sum(u.expected for u in units)
    with_evidence = sum(1 for s in summaries if s.evidence_lines)
    score = ""
    if facts.score is not None:
        rank = f", xếp hạng {facts.rank}/{facts.rank_total}" if facts.rank and facts.rank_total else ""
        change = f", {facts.rank_change}" if facts.rank_change else ""
        year = f" năm {facts.assessment_year}" if facts.assessment_year else ""
        maximum = f"/{vn_number(facts.max_score)}" if facts.max_score else ""
        score = f" (kết quả chấm điểm cải cách hành chính{year}: {vn_number(facts.score)}{maximum} điểm{rank}{change})"
    text = (
        f"Thực hiện Kế hoạch số {facts.number} ngày {facts.date:%d/%m/%Y} của {facts.agency}{score}, "
        f"{facts.agency} báo cáo kết quả thực hiện {period.label()} "
        f"(số liệu từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}) như sau: "
        f"{vn_number(len(units) - len(missing), 0)}/{vn_number(len(units), 0)} đơn vị đã báo cáo"
        + (f" (chưa báo cáo: {', '.join(missing)})" if missing else "") + "; "
        f"trong {vn_number(total, 0)} nhiệm vụ của các đơn vị có "
        + ", ".join(f"{vn_number(counts[s], 0)} {s.lower()}" for s in counts) + "; "
        f"{vn_number(with_evidence, 0)}/{vn_number(len(summaries), 0)} tiêu chí có tài liệu kiểm chứng. "
        "Kết quả cụ thể từng tiêu chí như sau:")
    _merge(sheet, row, (0, len(COLUMNS) - 1), text, styles(font_size=BODY, align="justify", valign="top"),
           16 * (len(text) // 150 + 2))
    return row + 2


def _table(sheet, styles: Styles, data: MasterData, summaries: list[ItemSummary], row: int) -> int:
    header = styles(font_size=TABLE, bold=True, align="center", valign="vcenter", border=1, text_wrap=True)
    for col, title in enumerate(COLUMNS):
        sheet.write_string(row, col, title, header)
    sheet.set_row(row, 32)
    sheet.repeat_rows(row)
    first = row + 1
    heights: dict[int, list] = {}
    for offset, summary in enumerate(summaries):
        r, item = first + offset, summary.item
        bold = item.level == 1
        values = (item.code, item.criterion, None, None, "\n".join(summary.result_lines),
                  "\n".join(summary.evidence_lines), summary.status_text, "\n".join(summary.note_lines))
        for col, value in enumerate(values):
            if value is not None:
                fmt = styles(font_size=TABLE, border=1, valign="top", text_wrap=True, bold=bold and col < 2,
                             align="center" if col in (0, 6) else "left")
                sheet.write_string(r, col, value, fmt)
        heights[r] = [(v, WIDTHS[c] * TEXT_FIT, 1) for c, v in enumerate(values) if v]
    items = [summary.item for summary in summaries]
    fmt = styles(font_size=TABLE, border=1, valign="top", text_wrap=True)
    for col, field in ((2, "solution"), (3, "lead")):  # merged across sub-criteria that share them
        write_item_field(sheet, items, first, col, field, fmt, WIDTHS[col] * TEXT_FIT, heights)
    fit_rows(sheet, heights)
    return first + len(summaries)


def _signature(sheet, styles: Styles, data: MasterData, options: ReportOptions, row: int) -> None:
    facts = data.plan.facts
    copies = facts.report_copies or ("- Như trên;", f"- Lưu: VT, {facts.agency_short or 'VP'}.")
    right = (5, 7)
    sheet.write_string(row, 0, "Nơi nhận:", styles(font_size=TABLE, bold=True, italic=True, text_wrap=False))
    for offset, line in enumerate(copies, start=1):
        sheet.write_string(row + offset, 0, line, styles(font_size=11, text_wrap=False))
    bold = styles(font_size=BODY, bold=True, align="center", text_wrap=False)
    lines = [facts.signer_authority, facts.signer_title]
    for offset, line in enumerate(l for l in lines if l):
        _merge(sheet, row + offset, right, line, bold)
    _merge(sheet, row + 6, right, options.signer or facts.signer_name, bold)
