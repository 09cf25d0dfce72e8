"""The master file: the tool's own master is trusted whatever its size; a user-edited one gets coded errors."""
from __future__ import annotations

import re
import zipfile
from datetime import datetime

import pytest

from cchc_excel import parse_period, progress_frame, read_master, write_master
from cchc_excel.io.master_file import load_periods
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


@pytest.mark.parametrize("cell, value, code", [("E1", "Ghi chú", "MASTER_001"), ("P3", "dòng năm", "MASTER_002")])
def test_a_master_edited_where_the_tool_keeps_its_data_is_refused_with_the_cell(builtin, tmp_path, cell, value, code):
    import openpyxl

    path = big_master(builtin, tmp_path / "tong-hop.xlsx", 3)
    workbook = openpyxl.load_workbook(path)
    workbook["Dữ liệu 2021-H1"][cell] = value  # a moved header; text in Dòng nguồn
    workbook.save(path)
    with pytest.raises(MasterError) as caught:
        read_master(path)
    assert (caught.value.code, caught.value.params["cell"], caught.value.params["sheet"]) == (
        code, cell, "Dữ liệu 2021-H1")


def small_master(builtin, path, periods, *, units=("VP", "DKKD")):
    """A master with every item of units reported in each period (result names the period), one replaced."""
    data = MasterData(builtin)
    for period in periods:
        for n, item in enumerate(builtin.items):
            for unit in units:
                source = Source(f"{unit}_{period.code}.xlsx", "cd" * 32, "Tiến độ", 5 + n, AT)
                record = Record(period, item.code, unit, Progress(Status.DONE, result=f"{period.code} {unit}"), source)
                data.records[record.key] = record
        data.history.append(Superseded(record, AT, "Thay bằng bản mới"))
    data.log.append((AT.strftime("%d/%m/%Y %H:%M:%S"), "VP.xlsx", "cd" * 32, "Chấp nhận", 15, 0, 0, 0, "", "", ""))
    return write_master(path, data, periods[-1])


def merge_one(path, period, result):
    """What a merge of one row of VP into the period does to the master: read the period, add, write."""
    data = read_master(path, periods=[period])
    at = datetime.combine(period.end, datetime.min.time())
    record = Record(period, "1", "VP", Progress(Status.IN_PROGRESS, result=result), Source("VP.xlsx", "ef" * 32,
                    "Tiến độ", 5, at))
    data.records[record.key] = record
    data.log.append((at.strftime("%d/%m/%Y %H:%M:%S"), "VP.xlsx", "ef" * 32, "Chấp nhận", 1, 0, 0, 0, "", "", ""))
    write_master(path, data, period)


def raw_parts(path):
    """Each part's compressed bytes as stored in the zip, by sheet name."""
    import python_calamine

    names = python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names
    with zipfile.ZipFile(path) as archive:
        stored = {}
        for number, name in enumerate(names, start=1):
            info = archive.getinfo(f"xl/worksheets/sheet{number}.xml")
            with open(path, "rb") as handle:
                handle.seek(info.header_offset + 30 + len(info.filename) + len(info.extra))
                stored[name] = (info.CRC, handle.read(info.compress_size))
        return stored


def test_one_sheet_per_period_and_a_new_period_leaves_the_others_as_they_were(builtin, tmp_path):
    q1, h1 = parse_period("2021-Q1"), parse_period("2021-H1")
    path = small_master(builtin, tmp_path / "tong-hop.xlsx", [q1, h1])
    before = raw_parts(path)
    assert [n for n in before if n.startswith(("Dữ liệu", "Lịch sử", "Nhật ký"))] == [
        "Dữ liệu 2021-Q1", "Lịch sử 2021-Q1", "Dữ liệu 2021-H1", "Lịch sử 2021-H1", "Nhật ký 2021"]

    q3 = parse_period("2021-Q3")
    assert read_master(path, periods=[q3]).records == {}
    merge_one(path, q3, "Quý III")

    after = raw_parts(path)
    for name in ("Dữ liệu 2021-Q1", "Lịch sử 2021-Q1", "Dữ liệu 2021-H1", "Lịch sử 2021-H1"):
        assert after[name] == before[name]  # copied compressed, byte for byte
    assert after["Nhật ký 2021"] != before["Nhật ký 2021"]
    whole = read_master(path)
    assert len(whole.records) == 15 * 2 * 2 + 1 and len(whole.history) == 2
    assert whole.records[q3, "1", "VP"].progress.result == "Quý III"
    assert whole.records[h1, "2", "DKKD"].progress.result == "2021-H1 DKKD"
    assert [row[1] for row in whole.log] == ["VP.xlsx", "VP.xlsx"]  # the year's log: old rows, then new


def test_a_command_reads_only_its_period(builtin, tmp_path):
    import openpyxl

    q1, h1 = parse_period("2021-Q1"), parse_period("2021-H1")
    path = small_master(builtin, tmp_path / "tong-hop.xlsx", [q1, h1])
    workbook = openpyxl.load_workbook(path)
    workbook["Dữ liệu 2021-Q1"]["P2"] = "hỏng"  # damage in another period's sheet
    workbook.save(path)
    frame = progress_frame(path, h1)
    assert len(frame) == 30 and set(frame["Kỳ báo cáo"]) == {"2021-H1"}
    data = read_master(path, periods=[h1])
    assert {r.period for r in data.records.values()} == {h1}
    with pytest.raises(MasterError):
        load_periods(data, [q1])


def test_a_first_layout_master_is_read_whole_and_written_in_the_new_layout(builtin, tmp_path):
    import openpyxl
    from conftest import first_layout

    h1 = parse_period("2021-H1")
    path = small_master(builtin, tmp_path / "tong-hop.xlsx", [parse_period("2021-Q1"), h1])
    first_layout(path)  # what version 0.2 wrote: one sheet of each
    assert {"Dữ liệu", "Lịch sử", "Nhật ký"} <= set(openpyxl.load_workbook(path, read_only=True).sheetnames)

    data = read_master(path, periods=[h1])  # the old layout cannot be read in part: all of it
    assert len(data.records) == 60 and len(data.history) == 2 and len(data.log) == 1
    write_master(path, data, h1)
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert [n for n in names if n.startswith(("Dữ liệu", "Lịch sử", "Nhật ký"))] == [
        "Dữ liệu 2021-Q1", "Lịch sử 2021-Q1", "Dữ liệu 2021-H1", "Lịch sử 2021-H1", "Nhật ký 2021"]
    again = read_master(path)
    assert len(again.records) == 60 and len(again.history) == 2 and len(again.log) == 1


@pytest.mark.skipif(__import__("cchc_excel.io.office", fromlist=["x"]).soffice_path() is None,
                    reason="LibreOffice (soffice) is not installed here; install libreoffice-calc-nogui")
def test_libreoffice_opens_a_master_with_copied_period_sheets(builtin, tmp_path):
    import openpyxl

    from cchc_excel.io.office import convert

    q1, h1 = parse_period("2021-Q1"), parse_period("2021-H1")
    path = small_master(builtin, tmp_path / "tong-hop.xlsx", [q1])
    merge_one(path, h1, "Sáu tháng")
    resaved = openpyxl.load_workbook(convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo"))
    assert resaved["Dữ liệu 2021-Q1"]["F2"].value == "2021-Q1 DKKD"  # copied from the previous master
    assert resaved["Dữ liệu 2021-H1"]["F2"].value == "Sáu tháng"


@pytest.mark.skipif(__import__("cchc_excel.io.office", fromlist=["x"]).soffice_path() is None,
                    reason="LibreOffice (soffice) is not installed here; install libreoffice-calc-nogui")
def test_a_master_saved_by_another_application_is_not_copied_blindly(builtin, tmp_path):
    import shutil

    from cchc_excel.io.office import convert

    q1, h1 = parse_period("2021-Q1"), parse_period("2021-H1")
    written = small_master(builtin, tmp_path / "tong-hop.xlsx", [q1])
    saved = convert(written, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")  # shared strings, its own styles
    path = shutil.copy(saved, written)
    merge_one(path, h1, "Sáu tháng")
    whole = read_master(path)
    assert whole.records[q1, "2", "DKKD"].progress.result == "2021-Q1 DKKD"  # read again and written afresh
    assert len(whole.records) == 31 and len(whole.history) == 1 and len(whole.log) == 2


def restyled(path, edit=None):
    """The master with styles other than this version writes (as after an upgrade); edit(sheet XML) → new XML for the
    sheet Dữ liệu 2021-Q1."""
    import python_calamine

    number = python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names.index("Dữ liệu 2021-Q1") + 1
    changed = path.with_name("restyled.xlsx")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/styles.xml":
                data += b"\n"
            elif info.filename == f"xl/worksheets/sheet{number}.xml" and edit:
                data = edit(data)
            new.writestr(info.filename, data)
    changed.replace(path)
    return path


def swap_rows(xml: bytes) -> bytes:
    """Rows 2 and 3 of a sheet exchanged (each keeps its place's row number)."""
    second, third = (re.search(rb'<row r="%d"[^>]*>.*?</row>' % n, xml).group() for n in (2, 3))
    renumber = lambda row, a, b: re.sub(rb'r="([A-Z]*)%d"' % a, rb'r="\g<1>%d"' % b, row)
    return xml.replace(second + third, renumber(third, 3, 2) + renumber(second, 2, 3))


@pytest.mark.parametrize("edit, whole", [
    (None, []),  # every earlier sheet streamed from its part into the new master
    (swap_rows, [0]),  # rows out of the order the master writes: that sheet read whole, and sorted
    (lambda xml: xml.replace(b'<dimension ref="A1:Q31"/>', b'<dimension ref="A1:Q32"/>'), [0]),  # another count
    (lambda xml: xml.replace(b">2021-Q1 DKKD<", b">_x0041_ DKKD<", 1), [0]),  # an escape readers decode differently
])
def test_a_master_whose_sheets_cannot_be_copied_is_written_again_one_sheet_at_a_time(builtin, tmp_path,
                                                                                     monkeypatch, edit, whole):
    import shutil

    import cchc_excel.io.master_file as master_file
    from cchc_excel.io.master_file import MasterBook
    from cchc_excel.sheets.master import Unstreamable

    periods = [parse_period(code) for code in ("2021-Q1", "2021-H1", "2021-Q3")]
    path = restyled(small_master(builtin, tmp_path / "tong-hop.xlsx", periods), edit)
    before = read_master(path)
    again = shutil.copy(path, tmp_path / "doc-lai.xlsx")
    held = []
    load = MasterBook.load
    monkeypatch.setattr(MasterBook, "load", lambda self, data, *args, **kw: (held.append(len(data.records)),
                                                                               load(self, data, *args, **kw))[1])
    year = parse_period("2021-Y")
    merge_one(path, year, "Năm")
    assert held[1:] == whole  # after the merge's own period, no sheet read whole unless it cannot be streamed
    held.clear()

    def refused(*_args):
        raise Unstreamable()

    monkeypatch.setattr(master_file, "streamed", refused)
    merge_one(again, year, "Năm")
    assert held[1:] == [0] * 6  # each earlier sheet read alone, then let go
    assert parts(path) == parts(again)  # the same master, streamed or read whole
    after = read_master(path)
    assert {key: r for key, r in after.records.items() if key[0] != year} == before.records
    assert after.history == before.history and after.log[:1] == before.log and len(after.log) == 2



def test_a_sheet_read_again_in_a_stream_keeps_the_readers_limit_on_a_text(builtin, tmp_path):
    """A text longer than the reader takes (READ_010 when the sheet is read whole) is refused the same way when the
    sheet is read again in a stream, never written into the next master."""
    periods = [parse_period(code) for code in ("2021-Q1", "2021-H1")]
    long = "x" * 100_001
    path = restyled(small_master(builtin, tmp_path / "tong-hop.xlsx", periods),
                    lambda xml: xml.replace(b">2021-Q1 DKKD<", f">{long}<".encode(), 1))
    before = path.read_bytes()
    with pytest.raises(WorkbookReadError) as caught:
        merge_one(path, parse_period("2021-Y"), "Năm")
    assert caught.value.code == "READ_010" and "100,000 characters" in caught.value.params["detail"]
    assert path.read_bytes() == before


@pytest.mark.parametrize("sheet", ["Dữ liệu 2021-Q1", "Lịch sử 2021-Q1"])
def test_a_row_given_another_period_in_a_periods_sheet_is_refused_naming_its_cell(builtin, tmp_path, sheet):
    """A hand-edited period cell naming another period (valid, but not the sheet's) is MASTER_002 at that cell for
    every command that reads the sheet, not a traceback when the merge writes the master."""
    import python_calamine

    path = small_master(builtin, tmp_path / "tong-hop.xlsx", [parse_period("2021-Q1")])
    number = python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names.index(sheet) + 1
    edited = tmp_path / "sua-tay.xlsx"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == f"xl/worksheets/sheet{number}.xml":
                data = data.replace(b">2021-Q1<", b">2020-Q1<", 1)
            new.writestr(info.filename, data)
    for reading in (lambda: read_master(edited, periods=[parse_period("2021-Q1")]),
                    lambda: merge_one(edited, parse_period("2021-Q1"), "Quý I")):
        with pytest.raises(MasterError) as caught:
            reading()
        assert (caught.value.code, caught.value.params["sheet"], caught.value.params["cell"],
                caught.value.params["value"]) == ("MASTER_002", sheet, "A2", "2020-Q1")


def parts(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_master_of_the_previous_version_keeps_its_sheets_copied_and_takes_the_new_styles(builtin, tmp_path,
                                                                                          monkeypatch):
    import cchc_excel.sheets.master as sheets

    q1, h1 = parse_period("2021-Q1"), parse_period("2021-H1")
    frame = sheets._frame
    monkeypatch.setattr(sheets, "_frame", lambda *args, top=True: frame(*args, top=False))  # as it wrote masters
    path = small_master(builtin, tmp_path / "tong-hop.xlsx", [q1])
    monkeypatch.undo()
    styles = (lambda: zipfile.ZipFile(path).read("xl/styles.xml").split(b"<cellXfs", 1)[1].split(b"</xf>", 1)[0])
    assert b'vertical="top"' not in styles()
    from cchc_excel.io.master_file import MasterBook

    before = raw_parts(path)
    read = []
    load = MasterBook.load
    monkeypatch.setattr(MasterBook, "load", lambda self, data, periods, *kinds, **kw: (
        read.append(sorted(periods)), load(self, data, periods, *kinds, **kw))[1])
    merge_one(path, h1, "Sáu tháng")
    assert read == [[h1]]  # only the period merged into: 2021-Q1 is copied, not read and written again
    after = raw_parts(path)
    assert all(after[name] == before[name] for name in ("Dữ liệu 2021-Q1", "Lịch sử 2021-Q1"))
    assert b'vertical="top"' in styles()  # unformatted cells of every sheet, copied ones too, now at the top
    whole = read_master(path)
    assert len(whole.records) == 31 and whole.records[q1, "2", "DKKD"].progress.result == "2021-Q1 DKKD"


@pytest.mark.parametrize("written, code", [("2021-H1 30/06/2021", "MASTER_003"), ("Sáu tháng 2021-06-30", "MASTER_002")])
def test_a_master_whose_deadlines_were_edited_is_refused_with_the_key(builtin, tmp_path, written, code):
    import openpyxl

    path = big_master(builtin, tmp_path / "tong-hop.xlsx", 3)
    workbook = openpyxl.load_workbook(path)
    meta = workbook["_cchc_meta"]
    row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == "deadlines")
    assert meta.cell(row, 2).value == "2021-H1 2021-06-15"  # the period written, its deadline (the plan's)
    meta.cell(row, 2).value = written
    workbook.save(path)
    with pytest.raises(MasterError) as caught:
        read_master(path, periods=[PERIOD])
    assert (caught.value.code, caught.value.params["cell"]) == (code, "deadlines")


def _unfitted(path) -> None:
    """The master's log of 2021 as earlier versions wrote it: printed at 100 % rather than fitted to the page."""
    import python_calamine

    number = python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names.index("Nhật ký 2021") + 1
    changed = path.with_name("unfitted.xlsx")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == f"xl/worksheets/sheet{number}.xml":
                assert b'<pageSetUpPr fitToPage="1"/>' in data
                data = data.replace(b'<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>', b"")
            new.writestr(info.filename, data)
    changed.replace(path)


@pytest.mark.parametrize("earlier", [False, True])
def test_a_log_sheet_printed_otherwise_by_an_earlier_version_is_written_again(builtin, tmp_path, earlier):
    q1 = parse_period("2021-Q1")
    path = small_master(builtin, tmp_path / "tong-hop.xlsx", [q1])
    if earlier:
        _unfitted(path)
    before, log = raw_parts(path), read_master(path).log
    merge_one(path, parse_period("2022-Q1"), "Năm sau")  # another year: the log of 2021 is not read
    after = raw_parts(path)
    assert after["Dữ liệu 2021-Q1"] == before["Dữ liệu 2021-Q1"]  # copied
    assert (after["Nhật ký 2021"] != before["Nhật ký 2021"]) == earlier  # written again with this version's frame
    with zipfile.ZipFile(path) as archive:
        assert all(b'<pageSetUpPr fitToPage="1"/>' in archive.read(name) for name in archive.namelist()
                   if name.startswith("xl/worksheets/") and b"<autoFilter ref=\"A1:K" in archive.read(name))
    whole = read_master(path)
    assert whole.log[:1] == log and len(whole.log) == 2 and len(whole.records) == 31


def test_a_period_read_without_its_history_keeps_it_when_written_again(builtin, tmp_path):
    q1 = parse_period("2021-Q1")
    path = small_master(builtin, tmp_path / "tong-hop.xlsx", [q1])
    before = read_master(path).history
    data = read_master(path, periods=[q1], history=False)
    assert not data.history and len(data.records) == 30 and before
    write_master(path, data, q1)
    assert read_master(path).history == before
