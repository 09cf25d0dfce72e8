"""A master's period and history sheets read in a stream from their parts (io/master_rows.py): the same records
as python-calamine's reading gives, which takes over from the row where the stream meets what it does not read."""
from __future__ import annotations

import re
import zipfile
from datetime import date, datetime

import pytest

from cchc_excel import merge_submissions, parse_period, read_master, write_master
from cchc_excel.io import master_rows, reader
from cchc_excel.model.errors import MasterError
from cchc_excel.model.progress import MasterData, Progress, Record, Source, Status, Superseded

PERIOD = parse_period("2021-H1")
DATA, HISTORY = "Dữ liệu 2021-H1", "Lịch sử 2021-H1"


@pytest.fixture
def master(builtin, tmp_path):
    """A master of 2021-H1: three units' rows of every item, dates among them, and a history row per unit."""
    data = MasterData(builtin)
    moment = datetime(2021, 6, 18, 9)
    for n, unit in enumerate(("VP", "STC", "SKHDT")):
        for k, item in enumerate(builtin.items):
            progress = Progress(Status.DONE if k % 2 else Status.IN_PROGRESS, f"Kết quả {unit} {k} & <b>",
                                done_on=date(2021, 5, 1 + k % 28), updater="Nguyễn Văn B", updated_on=date(2021, 6, 10))
            source = Source(f"{unit}.xlsx", "ab" * 32, "Tiến độ", 5 + k, moment)
            data.records[PERIOD, item.code, unit] = Record(PERIOD, item.code, unit, progress, source)
        old = data.records[PERIOD, builtin.items[n].code, unit]
        data.history.append(Superseded(old, moment, "Nộp lại"))
    return write_master(tmp_path / "tong-hop.xlsx", data, PERIOD)


def through_calamine(path, monkeypatch) -> MasterData:
    """The period read as before the stream: every sheet by python-calamine."""
    with monkeypatch.context() as patch:
        patch.setattr(master_rows, "plain", lambda *_: None)
        return read_master(path, periods=[PERIOD])


def calamine_sheets(monkeypatch) -> list[str]:
    """The sheets the reader gives to python-calamine (WorkbookData.rows), as they are asked for."""
    asked: list[str] = []
    real = reader.WorkbookData.rows
    monkeypatch.setattr(reader.WorkbookData, "rows", lambda book, name: asked.append(name) or real(book, name))
    return asked


def rewrite(path, sheet: str, old: bytes, new: bytes) -> None:
    """Replace the first match of the expression old in a sheet's part (every other part as it was)."""
    with reader.read_workbook(path) as book:
        part = book.xml_paths()[sheet]
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in items:
            if info.filename == part:
                content, count = re.subn(old, new, content, count=1)
                assert count == 1
            target.writestr(info, content, zipfile.ZIP_DEFLATED)


def test_the_tools_own_sheets_are_streamed_and_read_as_python_calamine_reads_them(master, monkeypatch, builtin):
    expected = through_calamine(master, monkeypatch)
    asked = calamine_sheets(monkeypatch)
    data = read_master(master, periods=[PERIOD])
    assert asked == []  # neither the period's data nor its history sheet went through python-calamine
    assert len(data.records) == 3 * len(builtin.items) and len(data.history) == 3
    assert data.records == expected.records and data.history == expected.history
    assert list(data.records) == list(expected.records)  # in the same order
    record = data.records[PERIOD, builtin.items[3].code, "STC"]
    assert record.progress.done_on == date(2021, 5, 4) and record.progress.result == "Kết quả STC 3 & <b>"
    days = {id(r.progress.updated_on) for r in data.records.values()}
    assert len(days) == 1  # one date object for a day repeated from row to row


def test_python_calamine_takes_over_where_the_stream_stops(master, monkeypatch, builtin):
    """A cell the tool does not write (a formula's cached text) in row 10: the rows before it come from the
    stream, the rest from python-calamine, and the records are those python-calamine gives for the whole sheet."""
    rewrite(master, DATA, rb'<c r="F10" t="inlineStr"><is><t>[^<]*</t></is></c>',
            '<c r="F10" t="str"><v>Công thức</v></c>'.encode())
    expected = through_calamine(master, monkeypatch)
    asked = calamine_sheets(monkeypatch)
    data = read_master(master, periods=[PERIOD])
    assert asked == [DATA]
    assert data.records == expected.records and data.history == expected.history
    assert len(data.records) == 3 * len(builtin.items)
    assert [r.progress.result for r in data.records.values()].count("Công thức") == 1


def test_a_value_the_tool_did_not_write_is_refused_at_its_cell_as_before(master, monkeypatch):
    rewrite(master, DATA, "<t>Hoàn thành</t>".encode(), b"<t>Xong</t>")
    with pytest.raises(MasterError) as before:
        through_calamine(master, monkeypatch)
    asked = calamine_sheets(monkeypatch)
    with pytest.raises(MasterError) as now:
        read_master(master, periods=[PERIOD])
    assert now.value.code == before.value.code == "MASTER_002"
    assert now.value.params == before.value.params and now.value.params["value"] == "Xong"
    assert asked == [DATA]  # judged again by the reader, which bounds the sheet first


def test_a_forged_dimension_is_bounded_as_before(master, monkeypatch):
    from cchc_excel.model.errors import WorkbookReadError

    rewrite(master, HISTORY, b'<dimension ref="', b'<dimension ref="A1:XFD1048576" x="')
    asked = calamine_sheets(monkeypatch)
    with pytest.raises(WorkbookReadError) as caught:
        read_master(master, periods=[PERIOD])
    assert caught.value.code == "READ_010" and asked == [HISTORY]


def test_the_log_is_streamed_and_kept_as_python_calamine_gives_it(templates, tmp_path, monkeypatch):
    from conftest import fill
    master = tmp_path / "tong-hop.xlsx"
    for n, rows in enumerate((range(5, 20), range(5, 12))):  # a second merge: history, and two runs in the log
        copy = fill(templates["DKKD"], tmp_path / f"DKKD-{n}.xlsx", {"H7": f"Lần {n}"}, rows=rows)
        merge_submissions([copy], master, period=PERIOD, today=date(2021, 6, 20), now=datetime(2021, 6, 18, 9 + n))
    with monkeypatch.context() as patch:
        patch.setattr(master_rows, "plain", lambda *_: None)
        expected = read_master(master)
    asked = calamine_sheets(monkeypatch)
    data = read_master(master)
    assert asked == [] and len(data.log) == len(expected.log) > 2 and data.history
    assert [[(type(v), v) for v in row] for row in data.log] == [[(type(v), v) for v in row] for row in expected.log]
    assert data.records == expected.records and data.history == expected.history
