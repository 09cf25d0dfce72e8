"""Merge bookkeeping: a replaced value goes to history, the worker pool equals the serial path, outcomes by path."""
from __future__ import annotations

import gc
import multiprocessing
import os
from datetime import date, datetime

import openpyxl
import pytest

from cchc_excel import merge_submissions, parse_period, read_master
from cchc_excel.io import pool
from conftest import fill

PERIOD = parse_period("2021-H1")
TODAY = date(2021, 6, 20)


def set_result(path, text, updated=date(2021, 6, 12)):
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Tiến độ"]
    sheet["H5"], sheet["N5"] = text, updated
    workbook.save(path)
    return path


def test_a_value_replaced_by_a_later_merge_goes_to_history(tmp_path, templates):
    copy = fill(templates["DKKD"], tmp_path / "DKKD.xlsx", rows=range(5, 20))
    master = tmp_path / "tong-hop.xlsx"
    merge_submissions([copy], master, period=PERIOD, today=TODAY, now=datetime(2021, 6, 18, 9))
    old = read_master(master).records[PERIOD, "1", "DKKD"]
    set_result(copy, "Kết quả mới")
    result = merge_submissions([copy], master, period=PERIOD, today=TODAY, now=datetime(2021, 6, 19, 9))
    assert result.count("changed") == 1 and result.count("unchanged") == 14
    data = read_master(master)
    assert data.records[PERIOD, "1", "DKKD"].progress.result == "Kết quả mới"
    assert [(s.record, s.replaced_at) for s in data.history] == [(old, datetime(2021, 6, 19, 9))]
    again = merge_submissions([copy], master, period=PERIOD, today=TODAY, now=datetime(2021, 6, 20, 9))
    assert again.count("changed") == 0 and len(read_master(master).history) == 1


def test_two_replies_with_the_same_name_in_two_folders_are_credited_each_its_own(tmp_path, templates):
    first, second = tmp_path / "lan-1", tmp_path / "lan-2"
    first.mkdir(), second.mkdir()
    fill(templates["DKKD"], first / "bao-cao.xlsx", rows=range(5, 20))
    set_result(fill(templates["DKKD"], second / "bao-cao.xlsx", rows=range(5, 20)), "Bản sau", date(2021, 6, 15))
    result = merge_submissions([tmp_path], tmp_path / "tong-hop.xlsx", period=PERIOD, today=TODAY)
    by_path = {f.path: f for f in result.files}
    older, newer = by_path[str(first / "bao-cao.xlsx")], by_path[str(second / "bao-cao.xlsx")]
    assert (newer.added, newer.superseded) == (15, 0)  # wins every row: later Ngày cập nhật on row 5, later file
    assert (older.added, older.superseded) == (0, 15)


def test_the_worker_pool_gives_the_serial_result(tmp_path, templates, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(6):
        fill(templates["DKKD"] if n % 2 else templates["shared"], inbox / f"tep-{n}.xlsx", rows=range(5, 12),
             cells={"H5": f"Bản {n}"})
    now = datetime(2021, 6, 18, 9)
    monkeypatch.setattr(pool, "PARALLEL_FROM", 10**6)
    serial = merge_submissions([inbox], tmp_path / "serial.xlsx", period=PERIOD, today=TODAY, now=now)
    monkeypatch.setattr(pool, "PARALLEL_FROM", 1)
    pooled = merge_submissions([inbox], tmp_path / "pooled.xlsx", period=PERIOD, today=TODAY, now=now)
    assert pooled.to_dict() | {"master": ""} == serial.to_dict() | {"master": ""}
    a, b = read_master(tmp_path / "serial.xlsx"), read_master(tmp_path / "pooled.xlsx")
    assert a.records == b.records and a.history == b.history


def _read_noting_the_collector(path, options):
    """merge's worker function, leaving a file that says whether the worker collects cycles."""
    from cchc_excel import merge_read
    (path.parent / f"gc-{os.getpid()}-{gc.isenabled()}").touch()
    return merge_read.read_submission(path, merge_read._worker_plan, *options)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs forked workers")
def test_a_merge_pauses_its_cycle_collector_and_leaves_it_as_it_was_workers_keep_theirs(tmp_path, templates,
                                                                                         monkeypatch):
    from cchc_excel import merge, merge_read
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(3):
        fill(templates["DKKD"], inbox / f"tep-{n}.xlsx", rows=range(5, 8))
    monkeypatch.setattr(pool, "PARALLEL_FROM", 1)
    monkeypatch.setattr(merge_read, "_read_in_worker", _read_noting_the_collector)
    seen = []
    monkeypatch.setattr(merge, "_apply", lambda *args, real=merge._apply: seen.append(gc.isenabled()) or real(*args))
    try:
        for enabled in (True, False):
            gc.enable() if enabled else gc.disable()
            result = merge_submissions([inbox], tmp_path / f"tong-hop-{enabled}.xlsx", period=PERIOD, today=TODAY)
            assert result.count("added") == 3 and gc.isenabled() is enabled
    finally:
        gc.enable()
    assert seen == [False, False]
    marks = {p.name.rpartition("-")[2] for p in inbox.glob("gc-*")}
    assert marks == {"True"}


def test_without_period_a_merge_of_blank_copies_takes_their_period_not_todays(tmp_path, templates):
    import shutil
    blank = tmp_path / "DKKD.xlsx"
    shutil.copy(templates["DKKD"], blank)  # accepted, but no row filled yet
    result = merge_submissions([blank], tmp_path / "tong-hop.xlsx", today=TODAY)
    assert result.period == "2021-H1" and result.count("added") == 0
    assert read_master(tmp_path / "tong-hop.xlsx").period == PERIOD


def test_history_is_kept_in_key_order_whatever_order_the_rows_are_read_in(tmp_path, templates, builtin):
    rows = range(5, 64)  # every entry row of the shared workbook: plan order puts item 2 before item 10
    inbox, later = tmp_path / "inbox", tmp_path / "later"
    inbox.mkdir(), later.mkdir()
    fill(templates["shared"], inbox / "a.xlsx", rows=rows)
    fill(templates["shared"], inbox / "b.xlsx", rows=rows, cells={f"N{r}": date(2021, 6, 11) for r in rows})
    fill(templates["shared"], later / "c.xlsx", rows=rows,
         cells={f"H{r}": f"Bản sau {r}" for r in rows} | {f"N{r}": date(2021, 6, 12) for r in rows})
    master = tmp_path / "tong-hop.xlsx"
    first = merge_submissions([inbox], master, period=PERIOD, today=TODAY, now=datetime(2021, 6, 18, 9))
    second = merge_submissions([later], master, period=PERIOD, today=TODAY, now=datetime(2021, 6, 19, 9))
    assert (first.count("added"), first.count("superseded"), second.count("changed")) == (59, 59, 59)
    history = read_master(master).history
    keys = [s.record.key for s in history]
    assert [s.reason.startswith("Bản cũ hơn trong cùng lần gộp") for s in history] == [True] * 59 + [False] * 59
    assert keys[:59] == sorted(keys[:59]) == keys[59:]
    assert keys[:59] != [(PERIOD, *entry.key) for entry in builtin.entry_rows()]  # not the order read in
    assert {s.record.source.file for s in history[:59]} == {"a.xlsx"}
    assert {s.record.source.file for s in history[59:]} == {"b.xlsx"}



@pytest.mark.parametrize("parallel_from", [10**6, 1], ids=["serial", "pooled"])
def test_every_row_history_and_log_row_names_its_file_as_the_inbox_walk_does(tmp_path, templates, monkeypatch,
                                                                            parallel_from):
    """A file's records, its superseded rows and its log rows name it by its path inside the inbox (two folders'
    "bao-cao.xlsx" told apart), a control character or a byte that is not UTF-8 shown escaped, read serially or by
    workers (the name is merge's, not the worker's)."""
    from cchc_excel.model.text import printable
    inbox = tmp_path / "inbox"
    (inbox / "lan-1").mkdir(parents=True)
    (inbox / "lan-2").mkdir()
    names = ["lan-1/bao-cao.xlsx", "lan-2/bao-cao.xlsx", "tep\x07\udcff.xlsx"]
    fill(templates["DKKD"], inbox / names[0], rows=range(5, 8))
    set_result(fill(templates["DKKD"], inbox / names[1], rows=range(5, 8)), "Bản sau", date(2021, 6, 15))
    fill(templates["shared"], inbox / names[2], rows=range(5, 8))
    monkeypatch.setattr(pool, "PARALLEL_FROM", parallel_from)
    master = tmp_path / "tong-hop.xlsx"
    result = merge_submissions([inbox], master, period=PERIOD, today=TODAY, now=datetime(2021, 6, 18, 9))
    shown = [printable(name) for name in names]
    assert sorted(f.name for f in result.files) == sorted(names)
    data = read_master(master)
    kept = {record.source.file for record in data.records.values()}
    replaced = {superseded.record.source.file for superseded in data.history}
    assert shown[1] in kept and shown[0] in replaced and kept | replaced == set(shown)
    assert {row[1] for row in data.log if row[1]} == set(shown)


@pytest.mark.parametrize("streamable", [True, False])
def test_a_period_merged_again_and_again_keeps_every_earlier_value_in_order(tmp_path, templates, monkeypatch,
                                                                            streamable):
    from cchc_excel import merge as merging
    from cchc_excel.io import master_file
    from cchc_excel.sheets.master import Unstreamable

    if not streamable:  # the history sheet read again whole, as when another application saved the master
        monkeypatch.setattr(master_file, "streamed", lambda *_args: (_ for _ in ()).throw(Unstreamable()))
    held = []  # what the merge holds of the period's history when it resolves the rows: signatures, not rows
    apply = merging._apply
    monkeypatch.setattr(merging, "_apply", lambda data, *rest: (held.append((len(data.history), len(data.known))),
                                                                apply(data, *rest))[1])
    copy = fill(templates["DKKD"], tmp_path / "DKKD.xlsx", rows=range(5, 20))
    master = tmp_path / "tong-hop.xlsx"
    for n in range(1, 4):
        set_result(copy, f"Bản {n}", date(2021, 6, 10 + n))
        merge_submissions([copy], master, period=PERIOD, today=TODAY, now=datetime(2021, 6, 18, 8 + n))
    again = merge_submissions([copy], master, period=PERIOD, today=TODAY, now=datetime(2021, 6, 18, 12))
    assert again.count("unchanged") == 15 and held == [(0, 0), (0, 0), (0, 1), (0, 2)]
    data = read_master(master)
    assert data.records[PERIOD, "1", "DKKD"].progress.result == "Bản 3"
    assert [(s.record.progress.result, s.replaced_at) for s in data.history] == [
        ("Bản 1", datetime(2021, 6, 18, 10)), ("Bản 2", datetime(2021, 6, 18, 11))]
    openpyxl.load_workbook(master)["Lịch sử 2021-H1"]  # a sheet Excel's reader opens
    assert openpyxl.load_workbook(master, read_only=True)["Lịch sử 2021-H1"].max_row == 3
