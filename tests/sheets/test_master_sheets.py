"""The master's data sheets streamed as XML and assembled into the zip (sheets/table_xml.py, package.py)."""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from cchc_excel import parse_period, read_master, write_master
from cchc_excel.model.progress import MasterData, Progress, Record, Source, Status
from cchc_excel.sheets.package import PackageWriter

PERIOD = parse_period("2021-H1")


def test_text_stays_text_and_odd_characters_survive(builtin, tmp_path):
    data = MasterData(builtin)
    progress = Progress(Status.DONE, result="=SUM(A1:A9)", evidence="Kế hoạch <số 1> & \"2\"", done_on=date(2021, 5, 20),
                        difficulties="dòng 1\ndòng 2", proposals="a\x01b _x0041_", updater="+84 90")
    record = Record(PERIOD, "1", "VP", progress, Source("VP.xlsx", "ab" * 32, "Tiến độ", 5, datetime(2021, 6, 1, 8)))
    data.records[record.key] = record
    path = write_master(tmp_path / "tong-hop.xlsx", data, PERIOD)
    assert read_master(path).records[record.key].progress == progress  # control characters escaped as Excel does
    sheet = openpyxl.load_workbook(path)["Dữ liệu 2021-H1"]
    values = [c.value for c in sheet[2]]
    assert values[4:9] == ["Hoàn thành", "=SUM(A1:A9)", "Kế hoạch <số 1> & \"2\"", datetime(2021, 5, 20),
                           "dòng 1\ndòng 2"] and values[10] == "+84 90"
    assert sheet["F2"].data_type == "s" and sheet["H2"].number_format == "dd/mm/yyyy"
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:Q2"
    assert sheet["P2"].value == 5 and sheet.dimensions == "A1:Q2"


def test_a_copied_part_and_a_streamed_part_make_a_valid_zip(tmp_path):
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", "<a>" + "x" * 5000 + "</a>")
        archive.writestr("b.xml", "<b/>", compress_type=zipfile.ZIP_STORED)
    target = tmp_path / "out.zip"
    with zipfile.ZipFile(source) as archive, open(target, "wb") as out:
        writer = PackageWriter(out)
        writer.copy(archive, archive.getinfo("a.xml"))
        writer.copy(archive, archive.getinfo("b.xml"), name="c.xml")
        writer.write("d.xml", (b"<d>", b"y" * 100_000, b"</d>"))
        writer.close()
    with zipfile.ZipFile(target) as result:
        assert result.testzip() is None
        assert result.namelist() == ["a.xml", "c.xml", "d.xml"]
        assert result.read("a.xml") == b"<a>" + b"x" * 5000 + b"</a>" and result.read("c.xml") == b"<b/>"
        assert len(result.read("d.xml")) == 100_007


def test_an_entry_whose_chunks_fail_is_dropped_and_the_next_is_written_in_its_place(tmp_path):
    def failing():
        yield b"<e>" + bytes(range(256)) * 2000  # written to the file before the failure
        raise LookupError("read again")

    target = tmp_path / "out.zip"
    with open(target, "wb") as out:
        writer = PackageWriter(out)
        writer.write("a.xml", (b"<a/>",))
        with pytest.raises(LookupError):
            writer.write("e.xml", failing())
        writer.write("e.xml", (b"<e/>",))
        writer.close()
    with zipfile.ZipFile(target) as result:
        assert result.testzip() is None
        assert result.namelist() == ["a.xml", "e.xml"] and result.read("e.xml") == b"<e/>"
