"""A master with history, saved again by another application (openpyxl: shared strings, its own frame), merged
again: the history the merge did not read is kept once, the new entries added after it, an old file merged again
adds nothing."""
from __future__ import annotations

import shutil
from datetime import date, datetime

import openpyxl

from cchc_excel import merge_submissions, parse_period, read_master
from conftest import fill

PERIOD = parse_period("2021-H1")
TODAY = date(2021, 6, 20)


def set_result(path, text, updated):
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Tiến độ"]
    sheet["H5"], sheet["N5"] = text, updated
    workbook.save(path)
    return path


def history(master):
    return [(s.record.progress.result, s.replaced_at) for s in read_master(master).history]


def test_a_master_resaved_by_openpyxl_keeps_its_history_once_when_merged_again(tmp_path, templates):
    copy = fill(templates["DKKD"], tmp_path / "DKKD.xlsx", rows=range(5, 20))
    master = tmp_path / "tong-hop.xlsx"
    first = tmp_path / "first" / "DKKD.xlsx"
    first.parent.mkdir()
    set_result(copy, "Bản 1 ÿ", date(2021, 6, 11))
    shutil.copy(copy, first)
    merge_submissions([copy], master, period=PERIOD, today=TODAY, now=datetime(2021, 6, 18, 9))
    set_result(copy, "Bản 2", date(2021, 6, 12))
    merge_submissions([copy], master, period=PERIOD, today=TODAY, now=datetime(2021, 6, 18, 10))
    before = history(master)
    assert [text for text, _ in before] == ["Bản 1 ÿ"]
    workbook = openpyxl.load_workbook(master)  # another application saves it
    workbook.save(master)
    assert history(master) == before
    # the first version merged again: older than the master's, already in history: nothing added
    merge_submissions([first], master, period=PERIOD, today=TODAY, now=datetime(2021, 6, 18, 11))
    assert history(master) == before
    set_result(copy, "Bản 3", date(2021, 6, 13))
    merge_submissions([copy], master, period=PERIOD, today=TODAY, now=datetime(2021, 6, 18, 12))
    after = history(master)
    assert after[:len(before)] == before and [t for t, _ in after[len(before):]] == ["Bản 2"]
    assert read_master(master).records[PERIOD, "1", "DKKD"].progress.result == "Bản 3"
    # both files together without --period, twice: the first time keeps what was there (the tied rows of the
    # other file go to history, as before packed texts), the second adds nothing
    merge_submissions([first, copy], master, today=TODAY, now=datetime(2021, 6, 18, 13))
    both = history(master)
    assert both[:len(after)] == after
    merge_submissions([first, copy], master, today=TODAY, now=datetime(2021, 6, 18, 14))
    assert history(master) == both
    after = both
    rows = openpyxl.load_workbook(master, read_only=True)["Lịch sử 2021-H1"].max_row
    assert rows == 1 + len(after)
