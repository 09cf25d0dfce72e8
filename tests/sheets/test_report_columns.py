"""Phụ lục I's columns and page breaks for plans of other shapes: the widths always fit A4 landscape at 100 %,
and a section heading never ends a page."""
from __future__ import annotations

import dataclasses

from cchc_excel.model.plan import AppendixColumn, AppendixShape
from cchc_excel.sheets.paper import PAGE_HEIGHT, PRINTABLE
from cchc_excel.sheets.report import page_breaks
from cchc_excel.sheets.report_columns import MIN_PIXELS, TABLE_PIXELS, table_columns

STANDARD = [AppendixColumn(f, h) for f, h in (("code", "STT"), ("criterion", "Tiêu chí"), ("solution", "Giải pháp"),
                                             ("lead", "Chủ trì"), ("partner", "Phối hợp"), ("timeframe", "Thời gian"))]


def with_extras(plan, headers, values):
    shape = AppendixShape(tuple(STANDARD + [AppendixColumn("extra", h) for h in headers]))
    items = tuple(dataclasses.replace(item, extras=tuple(values)) for item in plan.items)
    return dataclasses.replace(plan, shape=shape, items=items)


def test_the_707_plan_keeps_its_widths(builtin):
    columns = table_columns(builtin)
    assert [c.pixels for c in columns] == [32, 104, 144, 70, 68, 60, 144, 104, 64, 90]
    assert [c.header for c in columns][-4:] == ["Kết quả", "Tài liệu kiểm chứng", "Mức độ hoàn thành", "Ghi chú"]


def test_many_extra_columns_still_fit_the_page(builtin):
    headers = ["Sản phẩm", "Kết quả cần đạt", "Điểm", "Kinh phí", "Chỉ số đo lường", "Ghi chú"]
    values = ["Báo cáo kết quả rà soát văn bản quy phạm pháp luật của tỉnh", "Đạt 100% kế hoạch", "0,5",
              "Ngân sách tỉnh năm 2022", "Tỷ lệ văn bản được rà soát", "Ưu tiên"]
    columns = table_columns(with_extras(builtin, headers, values))
    assert [c.header for c in columns if c.key == "extra"] == headers[:5]  # the plan's Ghi chú is the report's
    assert sum(c.pixels for c in columns) <= TABLE_PIXELS
    assert all(c.pixels >= MIN_PIXELS for c in columns if c.key in ("solution", "result", "criterion"))
    assert min(c.pixels for c in columns if c.key == "extra") >= 44
    point = next(c for c in columns if c.header == "Điểm")
    product = next(c for c in columns if c.header == "Sản phẩm")
    assert point.pixels < product.pixels  # sized to their text


def test_a_section_heading_starts_the_page_with_the_rows_under_it():
    heights = {5: 20.0, 6: 17.0, 7: 300.0, 8: 17.0, 9: 150.0}
    cells = {row: [("x", 50.0, 1, False)] for row in range(6, 10)}
    assert page_breaks(heights, 5, cells, 60.0) == [9]  # as plain rows, row 8 (a heading) would end page 1
    assert page_breaks(heights, 5, cells, 60.0, {6, 8}) == [8]



def test_a_merged_block_is_kept_whole_on_a_page_of_its_own():
    """Criterion 2 of the built-in plan in the year report: with the table's header the block fits the page
    between its margins, though not with the spare kept for ordinary rows; it starts page 2 whole."""
    heights = {5: 43.5, 6: 83.25, 7: 96.75, 8: 83.25, 9: 83.25, 10: 162.75, 11: 96.75}
    cells = {row: [("x", 50.0, 1, False)] for row in range(6, 12)}
    cells[7].append(("giải pháp chung", 80.0, 4, False))  # rows 7–10 share a merged cell
    assert PAGE_HEIGHT < sum(heights[r] for r in range(7, 11)) + heights[5] <= PRINTABLE
    assert page_breaks(heights, 5, cells, 90.0) == [7, 11]


def test_a_block_taller_than_a_page_fills_its_page_before_breaking():
    """A merged block that cannot fit one page starts a page and its rows then break one by one: the page
    is filled, not left with the block's first row alone."""
    heights = {5: 43.5, 6: 83.25, 7: 96.75, 8: 83.25, 9: 83.25, 10: 200.0, 11: 96.75}
    cells = {row: [("x", 50.0, 1, False)] for row in range(6, 12)}
    cells[7].append(("giải pháp chung", 80.0, 4, False))
    assert sum(heights[r] for r in range(7, 11)) + heights[5] > PRINTABLE
    assert page_breaks(heights, 5, cells, 90.0) == [7, 10]


def test_no_column_is_narrower_than_a_date_it_holds(builtin):
    """A deadline typed as a date, and a date in the units' evidence, fit their columns at 11 pt on one line."""
    from cchc_excel.sheets import metrics
    from cchc_excel.sheets.paper import CELL_PADDING

    plan = dataclasses.replace(builtin, items=tuple(dataclasses.replace(item, timeframe="30/09/2022")
                                                    for item in builtin.items))
    evidence = ["Sở Nội vụ: Quyết định số 12/QĐ-UBND ngày 30/09/2022"]
    columns = {c.key: c for c in table_columns(plan, {"evidence": evidence})}
    need = metrics.widest_word("30/09/2022", 11)
    assert columns["timeframe"].points - CELL_PADDING >= need
    assert columns["evidence"].points - CELL_PADDING >= need
    assert sum(c.pixels for c in columns.values()) <= TABLE_PIXELS


def test_a_tall_block_on_the_first_page_does_not_leave_the_header_alone():
    """A task written over continuation rows (report_rows.py), taller than a page, under a section heading:
    page 1 holds the heading and the task's first row under the title and the table's header, not these alone."""
    heights = {5: 43.5, 6: 17.0, 7: 200.0, 8: 200.0, 9: 200.0}
    cells = {row: [("x", 50.0, 1, False)] for row in range(6, 10)}
    cells[7].append(("tiêu chí", 80.0, 3, False))  # rows 7–9: one task's merged cells
    assert page_breaks(heights, 5, cells, 90.0, {6}) == [8]


def test_a_block_taller_than_a_page_is_cut_between_its_tasks():
    """Criterion 1 and its task 1.1 share a merged solution (rows 7–11); 1.1 is written over four rows (8–11, one a
    unit). The whole block is taller than a page, but 1.1 fits one: it starts page 2 whole, not cut after row 8."""
    heights = {5: 43.5, 6: 17.25, 7: 149.25, 8: 69.75, 9: 83.25, 10: 96.75, 11: 96.75, 12: 241.5}
    cells = {row: [("x", 50.0, 1, False)] for row in range(6, 13)}
    cells[7].append(("giải pháp chung", 80.0, 5, False))
    cells[8].append(("1.1", 20.0, 4, False))
    tasks = {7: 7, 8: 11, 12: 12}
    assert page_breaks(heights, 5, cells, 105.0, {6}) == [9, 12]  # as rows: 1.1 cut after its first row
    assert page_breaks(heights, 5, cells, 105.0, {6}, tasks) == [8, 12]


def test_a_page_inside_a_task_opens_with_the_height_naming_the_task():
    """A task over six rows taller than a page breaks inside; the row opening the new page is measured with the
    task's label ("1 (tiếp theo)"): with it, the next task no longer fits under it on that page."""
    heights = {5: 43.5, 6: 100.0, 7: 100.0, 8: 100.0, 9: 100.0, 10: 100.0, 11: 100.0, 12: 100.0}
    cells = {row: [("x", 50.0, 1, False)] for row in range(6, 13)}
    cells[6].append(("1", 20.0, 6, False))
    tasks = {6: 11, 12: 12}
    assert page_breaks(heights, 5, cells, 90.0, set(), tasks) == [9]
    assert page_breaks(heights, 5, cells, 90.0, set(), tasks, {r: 150.0 for r in range(7, 12)}) == [9, 12]
