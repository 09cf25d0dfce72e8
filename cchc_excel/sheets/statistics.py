"""`Phụ lục II` of the appendix workbook: lượt nhiệm vụ by unit and by criterion, with a chart.

A task nobody has reported on is counted as "Chưa có kết quả", never as a unit's failure: who has not
reported is the Office's follow-up (followup.py). Every formula is written with its computed value, so a
viewer that does not recalculate (and pandas) shows the right numbers.
"""
from __future__ import annotations

from datetime import date

from ..model import layout
from ..model.cells import column_letter
from ..model.periods import Period
from ..model.progress import MasterData, Status
from ..model.summary import NO_RESULT, Counts, ItemSummary, criteria, criterion_cited, item_name
from .base import PERCENT_FORMAT, Styles
from .paper import BLANK_ROW, PAGE_HEIGHT, TABLE_SIZE, appendix_title, print_true_to_size, row_height
from .report_text import APPENDIX_STATISTICS, ReportOptions, period_words

COUNT_COLUMNS = layout.STATUSES + (NO_RESULT,)
HEADERS = COUNT_COLUMNS + ("Tổng số lượt nhiệm vụ", "Tỷ lệ hoàn thành (%)", "Có tài liệu kiểm chứng",
                           "Tỷ lệ có tài liệu kiểm chứng (%)")
LABEL_PIXELS, NUMBER_PIXELS = 268, 68  # 880 px, as in Phụ lục I
CHART_PIXELS = (860, 250)  # within the page's width
CHART_POINTS = CHART_PIXELS[1] * 0.75
SETTLED_COLUMNS = [1 + layout.STATUSES.index(s.value) for s in Status if s.settled]


def write_statistics(workbook, styles: Styles, data: MasterData, period: Period, options: ReportOptions, day: date,
                     summaries: list[ItemSummary], counts: Counts) -> None:
    sheet = workbook.add_worksheet(APPENDIX_STATISTICS)
    sheet.set_column_pixels(0, 0, LABEL_PIXELS)
    sheet.set_column_pixels(1, len(HEADERS), NUMBER_PIXELS)
    width = (LABEL_PIXELS + NUMBER_PIXELS * len(HEADERS)) * 0.75
    title = f"THỐNG KÊ KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ {data.plan.facts.number.upper()}, {period_words(period).upper()}"
    row, title_points = appendix_title(sheet, styles, data.plan.facts, options, day, APPENDIX_STATISTICS, title,
                                       width, len(HEADERS))
    heading = styles(font_size=TABLE_SIZE + 1, bold=True, text_wrap=False)
    items = (f"{counts.criteria} tiêu chí và {counts.sub_criteria} tiêu chí thành phần" if data.plan.has_criteria
             else f"{counts.items} nhiệm vụ")
    sheet.write_string(row, 0, f"1. Theo đơn vị (số lượt nhiệm vụ; {counts.tasks} lượt của {items})", heading)
    units: dict[str, tuple[str, list[int], int]] = {}
    for summary in summaries:
        for report in summary.reports:
            name, tally, evidence = units.setdefault(report.entry.unit.code, (report.entry.unit.name, [0] * 5, 0))
            tally[_column(report.status)] += 1
            units[report.entry.unit.code] = (name, tally, evidence + bool(report.progress and report.progress.evidence))
    order = [u.code for u in data.plan.registry.internal if u.code in units]
    end, heights = _count_table(sheet, styles, row + 1, "Đơn vị", [units[code] for code in order])
    _chart(workbook, sheet, row + 1, end)
    start = end + 16
    # the chart is never cut by a page: it starts a page when it does not fit under the table; the second table
    # starts a page
    fits = _last_page(title_points, [BLANK_ROW] + heights) + BLANK_ROW + CHART_POINTS <= PAGE_HEIGHT
    sheet.set_h_pagebreaks([start] if fits else [end + 2, start])
    by = "tiêu chí" if data.plan.has_criteria else "nhiệm vụ"
    sheet.write_string(start, 0, f"2. Theo {by} (số lượt nhiệm vụ của các đơn vị được giao)", heading)
    item_rows = []
    has_criteria = data.plan.has_criteria
    for criterion in criteria(summaries, has_criteria):  # tasks under one STT are one criterion's row
        tally = [0] * 5
        for report in criterion.reports:
            tally[_column(report.status)] += 1
        evidence = sum(bool(r.progress and r.progress.evidence) for r in criterion.reports)
        label = f"{criterion_cited(criterion.item, has_criteria)}. {item_name(criterion.item, has_criteria)}"
        item_rows.append((label, tally, evidence))
    _count_table(sheet, styles, start + 1, "Tiêu chí" if data.plan.has_criteria else "Nhiệm vụ", item_rows)
    print_true_to_size(sheet)


def _last_page(used: float, heights: list[float]) -> float:
    """The points taken on the last page after rows of these heights, under used points on the first page: a row
    that does not fit a page's rest starts the next page (rows are never split)."""
    for height in heights:
        used = used + height if used + height <= PAGE_HEIGHT else height
    return used


def _column(status: Status | None) -> int:
    return COUNT_COLUMNS.index(status.value) if status else len(COUNT_COLUMNS) - 1


def _chart(workbook, sheet, header: int, total_row: int) -> None:
    name = sheet.get_name()
    chart = workbook.add_chart({"type": "bar", "subtype": "stacked"})
    for offset in range(1, len(COUNT_COLUMNS) + 1):
        chart.add_series({"name": [name, header, offset], "categories": [name, header + 1, 0, total_row - 1, 0],
                          "values": [name, header + 1, offset, total_row - 1, offset]})
    font = {"name": layout.FONT, "size": 11}
    chart.set_title({"name": "Số lượt nhiệm vụ theo tình trạng và đơn vị", "name_font": {**font, "size": 12}})
    chart.set_legend({"position": "bottom", "font": font})
    chart.set_x_axis({"num_font": font})
    chart.set_y_axis({"num_font": font})
    chart.set_size({"width": CHART_PIXELS[0], "height": CHART_PIXELS[1]})
    sheet.insert_chart(total_row + 2, 0, chart)


def _count_table(sheet, styles: Styles, header: int, label: str,
                 rows: list[tuple[str, list[int], int]]) -> tuple[int, list[float]]:
    """Header, rows of counts, then a total row; totals and rates are formulas with their values.

    Returns the total row's index and the height of each row written, in points."""
    head = styles(font_size=TABLE_SIZE, bold=True, align="center", valign="vcenter", border=1, text_wrap=True)
    sheet.write_string(header, 0, label, head)
    for col, text in enumerate(HEADERS, start=1):
        sheet.write_string(header, col, text, head)
    heights = [row_height([(t, NUMBER_PIXELS * 0.75, True) for t in HEADERS])]
    sheet.set_row(header, heights[0])
    n, first = len(COUNT_COLUMNS), header + 1
    total_col, rate_col, evidence_col, evidence_rate_col = n + 1, n + 2, n + 3, n + 4
    totals = [sum(column) for column in zip(*(tally for _, tally, _ in rows))] if rows else [0] * n
    table = [(label, tally, evidence, False) for label, tally, evidence in rows]
    table.append(("Tổng cộng", totals, sum(evidence for _, _, evidence in rows), True))
    for r, (label, tally, evidence, is_total) in enumerate(table, start=first):
        x = r + 1  # the Excel row
        number = styles(font_size=TABLE_SIZE, border=1, align="center", bold=is_total)
        percent = styles(font_size=TABLE_SIZE, border=1, align="center", bold=is_total, num_format=PERCENT_FORMAT)
        sheet.write_string(r, 0, label, styles(font_size=TABLE_SIZE, border=1, valign="top", text_wrap=True,
                                               bold=is_total))
        heights.append(row_height([(label, LABEL_PIXELS * 0.75, is_total)]))
        sheet.set_row(r, heights[-1])
        for col, value in list(enumerate(tally, start=1)) + [(evidence_col, evidence)]:
            letter = column_letter(col + 1)
            if is_total:
                sheet.write_formula(r, col, f"=SUM({letter}{first + 1}:{letter}{x - 1})", number, value)
            else:
                sheet.write_number(r, col, value, number)
        total, done = sum(tally), sum(tally[c - 1] for c in SETTLED_COLUMNS)
        cell = {col: f"{column_letter(col + 1)}{x}" for col in (total_col, evidence_col, *SETTLED_COLUMNS)}
        sheet.write_formula(r, total_col, f"=SUM({column_letter(2)}{x}:{column_letter(n + 1)}{x})", number, total)
        done_sum = "+".join(cell[c] for c in SETTLED_COLUMNS)
        sheet.write_formula(r, rate_col, f"=IF({cell[total_col]}=0,0,({done_sum})/{cell[total_col]})", percent,
                            done / total if total else 0)
        sheet.write_formula(r, evidence_rate_col, f"=IF({cell[total_col]}=0,0,{cell[evidence_col]}/"
                                                  f"{cell[total_col]})", percent, evidence / total if total else 0)
    return first + len(rows), heights
