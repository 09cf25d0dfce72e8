"""How many rows a task takes in Phụ lục I (report_rows.py), from summaries of the built-in plan."""
from __future__ import annotations

from cchc_excel import builtin_plan
from cchc_excel.model.progress import Progress, Status
from cchc_excel.model.summary import ItemSummary, UnitReport
from cchc_excel.sheets.paper import LINE, TABLE_SIZE, row_height
from cchc_excel.sheets.report_columns import table_columns
from cchc_excel.sheets.report_rows import CONTINUED, MAX_ROW_HEIGHT, PIECE_HEIGHT, SPLIT_HEIGHT, task_layout

PLAN = builtin_plan()
WIDTHS = {c.key: c.points for c in table_columns(PLAN)}


def task_rows(summary, widths, planned):
    """The texts of each row of a task (report_rows.task_layout without the heights)."""
    return [part for part, _ in task_layout(summary, widths, planned)[0]]


def summary(*results: str) -> ItemSummary:
    """The first item with as many assigned units as results, each unit reporting one."""
    entries = next(rows for item in PLAN.items
                   if len(rows := [e for e in PLAN.entry_rows() if e.item.code == item.code]) >= len(results))
    return ItemSummary(entries[0].item, [UnitReport(e, Progress(Status.IN_PROGRESS, result=r, evidence=f"VB {i}"))
                                         for i, (e, r) in enumerate(zip(entries, results))])


def height(row: dict[str, str]) -> float:
    return row_height([(text, WIDTHS[key], False) for key, text in row.items()])


def test_a_task_that_fits_keeps_one_row():
    rows = task_rows(summary("Đã ban hành kế hoạch", "Đã niêm yết"), WIDTHS, ["Ghi chú của Kế hoạch"])
    assert len(rows) == 1 and rows[0]["notes"] == "Ghi chú của Kế hoạch"


def test_a_result_too_tall_for_page_one_is_cut_where_it_wraps():
    """About 350 pt of one unit's result (under Excel's 409 pt, over what page 1 holds under the title)."""
    long = " ".join(f"Nội dung {i} đã triển khai." for i in range(1, 21))
    whole = summary(long, "Đã niêm yết")
    assert SPLIT_HEIGHT < height({"result": "\n".join(whole.result_lines)}) < MAX_ROW_HEIGHT
    rows = task_rows(whole, WIDTHS, [])
    assert len(rows) > 2 and all(height(row) <= PIECE_HEIGHT for row in rows)
    assert all(row["result"].startswith(CONTINUED + "\n") for row in rows[1:-1])
    evidence = [row["evidence"] for row in rows if row["evidence"]]
    assert evidence[0].endswith("VB 0") and evidence[1].endswith("VB 1")  # each unit's evidence beside its result
    text = " ".join(row["result"].replace(CONTINUED + "\n", "") for row in rows)
    assert " ".join(text.split()) == " ".join(" ".join(whole.result_lines).split())


def test_a_word_wider_than_the_column_is_broken_with_nothing_lost():
    word = "x" * 3000  # a pasted link or hash
    rows = task_rows(summary(word), WIDTHS, [])
    assert all(height(row) <= PIECE_HEIGHT for row in rows)
    assert "".join(row["result"].replace(CONTINUED + "\n", "") for row in rows).count("x") == 3000


def test_the_heights_given_with_a_tasks_rows_hold_their_text():
    """task_layout gives each row of a task over several rows the height it was cut to; the report sets it without
    measuring the row again, so it must hold the row as a spreadsheet wraps it (a long word broken included)."""
    long = " ".join(f"Nội dung {i} đã triển khai." for i in range(1, 40)) + " " + "X" * 300 + " HẾT\nđoạn hai"
    parts, _ = task_layout(summary(long, "Đã niêm yết", "ngắn"), WIDTHS, ["Ghi chú"])
    assert len(parts) > 3 and all(given is not None for _, given in parts)
    assert all(height(row) <= given <= height(row) + 2 * LINE * TABLE_SIZE for row, given in parts)
