"""The master door: opened once, its headers and metadata checked; an edited master is refused, never rewritten."""
from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_excel import MasterError, merge_submissions, parse_period, read_master
from cchc_excel.cli import main
from cchc_excel.io import master_file, reader

PERIOD = parse_period("2021-H1")
TODAY = date(2021, 6, 20)
DATA = "Dữ liệu 2021-H1"  # one data sheet per period


@pytest.fixture
def master(tmp_path, templates):
    """A master with one unit's rows merged (Phòng ĐKKD, 15 rows)."""
    from conftest import fill
    copy = fill(templates["DKKD"], tmp_path / "DKKD.xlsx", rows=range(5, 20))
    path = tmp_path / "tong-hop.xlsx"
    merge_submissions([copy], path, period=PERIOD, today=TODAY, now=datetime(2021, 6, 18, 9))
    return path


def edit(path, sheet_name, change):
    workbook = openpyxl.load_workbook(path)
    change(workbook[sheet_name])
    workbook.save(path)


def status_exit(path):
    return CliRunner().invoke(main, ["status", str(path), "--period", "2021-H1"])


def test_the_master_is_opened_once(master, monkeypatch):
    opened = []
    real = reader.read_workbook
    monkeypatch.setattr(master_file, "read_workbook", lambda *a, **k: opened.append(a[0]) or real(*a, **k))
    data = read_master(master)
    assert len(opened) == 1 and len(data.records) == 15


@pytest.mark.parametrize("change, code, cell", [
    (lambda s: s.insert_cols(3), "MASTER_001", "C1"),  # a column inserted by the user
    (lambda s: s.cell(2, 16, "hai"), "MASTER_002", "P2"),  # text typed into Dòng nguồn
    (lambda s: s.cell(2, 17, "hôm qua"), "MASTER_002", "Q2"),  # a merge time that is not a time
    (lambda s: s.cell(2, 1, "2021-H7"), "MASTER_002", "A2"),  # a period that does not exist
    (lambda s: s.cell(2, 5, "Xong rồi"), "MASTER_002", "E2"),  # a status that is not one
])
def test_an_edited_master_is_refused_with_the_cell_and_exit_2(master, change, code, cell):
    edit(master, DATA, change)
    before = master.read_bytes()
    with pytest.raises(MasterError) as caught:
        read_master(master)
    assert caught.value.code == code and caught.value.params["cell"] == cell
    assert caught.value.params["sheet"] == DATA
    result = status_exit(master)
    assert result.exit_code == 2 and f"{DATA}!{cell}" in result.output
    assert "Traceback" not in result.output
    assert master.read_bytes() == before  # nothing was written back


def test_a_damaged_master_is_never_merged_into(master, tmp_path, templates):
    from conftest import fill
    edit(master, DATA, lambda s: s.cell(2, 17, "01/13/2021 25:00:00"))
    before = master.read_bytes()
    copy = fill(templates["shared"], tmp_path / "chung.xlsx", rows=range(5, 8))
    result = CliRunner().invoke(main, ["merge-submissions", str(copy), "--master", str(master),
                                       "--period", "2021-H1"])
    assert result.exit_code == 2 and f"{DATA}!Q2" in result.output
    assert master.read_bytes() == before


def test_damaged_metadata_is_refused(master):
    workbook = openpyxl.load_workbook(master)
    meta = workbook["_cchc_meta"]
    row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == "deadline")
    meta.cell(row, 2, "ngày mai")
    workbook.save(master)
    with pytest.raises(MasterError) as caught:
        read_master(master)
    assert caught.value.code == "MASTER_003"


def test_a_master_round_trips_every_value(master, tmp_path):
    data = read_master(master)
    copy = tmp_path / "copy.xlsx"
    master_file.write_master(copy, data, PERIOD)
    again = read_master(copy)
    assert again.records == data.records and again.history == data.history and again.log == data.log
