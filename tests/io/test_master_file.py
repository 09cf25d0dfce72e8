"""The master file: the tool's own master is trusted whatever its size; a user-edited one gets coded errors."""
from __future__ import annotations

import re
import zipfile
from datetime import datetime

import pytest

from cchc_excel import parse_period, read_master, write_master
from cchc_excel.model.errors import MasterError, WorkbookReadError
from cchc_excel.model.progress import MasterData, Progress, Record, Source, Status, Superseded

PERIOD = parse_period("2021-H1")
AT = datetime(2021, 6, 18, 9, 0, 0)


def big_master(builtin, path, rows: int):
    """A master of the built-in plan with rows records in one period and as many in its history."""
    data = MasterData(builtin)
    items = [i.code for i in builtin.items]
    for n in range(rows):
        source = Source(f"U{n // len(items):05d}.xlsx", "ab" * 32, "Tiến độ", 5 + n % len(items), AT)
        record = Record(PERIOD, items[n % len(items)], f"U{n // len(items):05d}",
                        Progress(Status.IN_PROGRESS, result=f"Kết quả {n}"), source)
        data.records[record.key] = record
        data.history.append(Superseded(record, AT, "Thay bằng bản mới"))
    return write_master(path, data, PERIOD)


@pytest.fixture(scope="module")
def big(builtin, tmp_path_factory):
    return big_master(builtin, tmp_path_factory.mktemp("big") / "tong-hop.xlsx", 100_050)


def test_the_tools_own_master_past_the_row_limit_for_outside_files_still_reads(big):
    data = read_master(big)
    assert len(data.records) == 100_050 and len(data.history) == 100_050
    last = data.records[PERIOD, "12", f"U{100_049 // 15:05d}"]
    assert last.progress.result == "Kết quả 100049" and last.source.merged_at == AT


def test_a_master_whose_plan_no_longer_matches_its_fingerprint_gets_the_outside_limits(big, tmp_path):
    forged = tmp_path / "khac.xlsx"
    with zipfile.ZipFile(big) as source, zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/sharedStrings.xml":  # the metadata's fingerprint, changed
                content = re.sub(rb"<t>[0-9a-f]{64}</t>", b"<t>" + b"0" * 64 + b"</t>", content)
            target.writestr(info, content)
    with pytest.raises(WorkbookReadError) as caught:
        read_master(forged)
    assert caught.value.code == "READ_010"


def test_a_moved_header_in_the_master_is_refused_with_its_cell(builtin, tmp_path):
    import openpyxl

    path = big_master(builtin, tmp_path / "tong-hop.xlsx", 3)
    workbook = openpyxl.load_workbook(path)
    data_sheet = next(n for n in workbook.sheetnames if n.startswith("Dữ liệu"))
    workbook[data_sheet]["E1"] = "Ghi chú"
    workbook.save(path)
    with pytest.raises(MasterError) as caught:
        read_master(path)
    assert (caught.value.code, caught.value.params["cell"]) == ("MASTER_001", "E1")


def test_an_unreadable_source_row_in_the_master_is_refused_with_its_cell(builtin, tmp_path):
    import openpyxl

    path = big_master(builtin, tmp_path / "tong-hop.xlsx", 3)
    workbook = openpyxl.load_workbook(path)
    data_sheet = next(n for n in workbook.sheetnames if n.startswith("Dữ liệu"))
    workbook[data_sheet]["P3"] = "dòng năm"
    workbook.save(path)
    with pytest.raises(MasterError) as caught:
        read_master(path)
    assert (caught.value.code, caught.value.params["cell"]) == ("MASTER_002", "P3")
