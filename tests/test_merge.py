"""The Office's loop end to end: init → split → staff fill copies → merge → status, checked in the master."""
from __future__ import annotations

import hashlib
import shutil
import os
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_excel import merge_submissions, parse_period, progress_frame, read_master
from cchc_excel.cli import main
from cchc_excel.merge import MergeError

PERIOD = parse_period("2021-H1")
TODAY = date(2021, 6, 20)
NOW = datetime(2021, 6, 18, 9, 0, 0)


def fill_copy(path, values, *, updated=date(2021, 6, 10), target=None, edit=None):
    """Fill every row of a per-unit copy: values(row_number) → dict of input cells for that row."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Tiến độ"]
    for row in range(5, sheet.max_row + 1):
        cells = {"G": "Đang thực hiện", "H": f"Kết quả dòng {row}", "M": "Nguyễn Văn B", "N": updated}
        cells |= values(row)
        for column, value in cells.items():
            sheet[f"{column}{row}"] = value
    if edit:
        edit(sheet)
    workbook.save(target or path)
    return target or path


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_split_writes_one_copy_per_unit(loop):
    _, _, copies = loop
    assert sorted(copies) == ["Phong-DKKD", "Phong-Dau-tu-XDCB", "Trung-tam-XTDT-HTDN", "VP-So"]
    sheet = openpyxl.load_workbook(copies["Phong-DKKD"])["Tiến độ"]
    units = {sheet.cell(r, 4).value for r in range(5, sheet.max_row + 1)}
    assert units == {"Phòng Đăng ký kinh doanh"} and sheet.max_row == 4 + 15
    assert "Đơn vị: Phòng Đăng ký kinh doanh" in sheet["A2"].value and sheet.protection.sheet
    assert {str(v.sqref) for v in sheet.data_validations.dataValidation} >= {"G5:G19", "J5:J19"}
    assert not sheet["G5"].protection.locked and sheet["C5"].protection.locked
    meta = dict(r[:2] for r in openpyxl.load_workbook(copies["Phong-DKKD"])["_cchc_meta"].iter_rows(values_only=True))
    assert (meta["unit"], meta["period"]) == ("DKKD", "2021-H1")


def test_the_whole_loop(loop, tmp_path):
    shared, inbox, copies = loop
    # Văn phòng: clean. Phòng ĐKKD: one bad row. Trung tâm: a late second version in a subfolder, the
    # first one older. Phòng Đầu tư XDCB: its copy claims a row of another unit, so it is rejected whole.
    fill_copy(copies["VP-So"], lambda r: {})
    fill_copy(copies["Phong-DKKD"], lambda r: {"G": "xong"} if r == 6 else {})
    first = fill_copy(copies["Trung-tam-XTDT-HTDN"], lambda r: {"H": f"Bản đầu {r}"}, updated=date(2021, 6, 5))
    (inbox / "lan-2").mkdir()
    fill_copy(first, lambda r: {"H": f"Bản sau {r}"}, updated=date(2021, 6, 12),
              target=inbox / "lan-2" / "Trung-tam-XTDT-HTDN_2021-H1-v2.xlsx")
    fill_copy(copies["Phong-Dau-tu-XDCB"], lambda r: {}, edit=lambda s: s.cell(5, 4, "Văn phòng Sở"))
    (inbox / "~$VP-So_2021-H1.xlsx").write_bytes(b"\x0bNguyen Van A")
    (inbox / "hong.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (inbox / "ghi-chu.txt").write_text("xin gửi")
    before = digests(inbox)
    master = tmp_path / "tong-hop.xlsx"

    result = merge_submissions([inbox], master, period=PERIOD, now=NOW, today=TODAY)
    statuses = {os.path.basename(f.path): f.status for f in result.files}
    assert statuses == {
        "VP-So_2021-H1.xlsx": "accepted", "Phong-DKKD_2021-H1.xlsx": "partial",
        "Trung-tam-XTDT-HTDN_2021-H1.xlsx": "accepted", "Trung-tam-XTDT-HTDN_2021-H1-v2.xlsx": "accepted",
        "Phong-Dau-tu-XDCB_2021-H1.xlsx": "rejected", "hong.xlsx": "rejected",
        "~$VP-So_2021-H1.xlsx": "skipped", "ghi-chu.txt": "skipped"}
    assert digests(inbox) == before  # inputs untouched
    assert not result.clean and result.missing == {
        "Phòng Đăng ký kinh doanh": ["2"],
        "Phòng Đầu tư xây dựng cơ bản": ["1", "2", "2.1", "2.2", "2.3", "3", "4", "5", "6", "7", "8", "9", "10", "12"]}

    data = read_master(master)
    assert len(data.records) == 15 + 14 + 15
    vp = data.records[PERIOD, "1", "VP"]
    assert vp.progress.result == "Kết quả dòng 5" and vp.progress.updated_on == date(2021, 6, 10)
    assert (vp.source.file, vp.source.sheet, vp.source.row, vp.source.merged_at) == (
        "VP-So_2021-H1.xlsx", "Tiến độ", 5, NOW)
    assert vp.source.sha256 == hashlib.sha256((inbox / "VP-So_2021-H1.xlsx").read_bytes()).hexdigest()
    sheet = openpyxl.load_workbook(inbox / "VP-So_2021-H1.xlsx")["Tiến độ"]
    for row in range(5, sheet.max_row + 1):  # every accepted value, with where it came from
        record = data.records[PERIOD, sheet.cell(row, 1).value, "VP"]
        assert record.progress.result == f"Kết quả dòng {row}" and record.source.row == row
    assert data.records[PERIOD, "1", "XTDT"].progress.result == "Bản sau 5"  # the later version
    assert ("2021-H1", "2", "DKKD") not in data.records  # its bad row was rejected ...
    log = data.log
    assert any(r[1] == "Phong-DKKD_2021-H1.xlsx" and r[8] == "VAL_002" and r[9] == "'Tiến độ'!G6" for r in log)
    assert any(r[1] == "Phong-Dau-tu-XDCB_2021-H1.xlsx" and r[8] == "STRUCT_009" for r in log)
    assert any(r[1] == "hong.xlsx" and r[8] == "READ_005" for r in log)
    assert any(r[1] == "~$VP-So_2021-H1.xlsx" and r[8] == "MERGE_001" for r in log)
    assert any(r[3] == "Còn thiếu" and r[10].startswith("Phòng Đầu tư xây dựng cơ bản") for r in log)
    history = [s for s in data.history if s.record.unit_code == "XTDT"]
    assert len(history) == 15 and {s.record.progress.result[:7] for s in history} == {"Bản đầu"}

    # Merging the same inbox again changes nothing, and the log says so.
    again = merge_submissions([inbox], master, period=PERIOD, now=datetime(2021, 6, 19), today=TODAY)
    assert (again.count("added"), again.count("changed"), again.count("unchanged")) == (0, 0, 44)
    data = read_master(master)
    assert len(data.records) == 44 and len(data.history) == 15
    assert any(r[3] == "Không có thay đổi" for r in data.log)
    assert (tmp_path / "tong-hop.bak.xlsx").exists()

    # A corrected copy later: the changed row replaces the old value, which goes to history.
    fill_copy(copies["Phong-DKKD"], lambda r: {"H": "Đã sửa"} if r == 6 else {})
    third = merge_submissions([copies["Phong-DKKD"]], master, period=PERIOD, now=datetime(2021, 6, 20), today=TODAY)
    assert (third.count("added"), third.count("changed"), third.count("unchanged")) == (1, 0, 14)
    frame = progress_frame(master)
    assert len(frame) == 45 and frame["Ngày cập nhật"].dtype.kind == "M"
    assert frame.loc[(frame["STT"] == "2") & (frame["Mã đơn vị"] == "DKKD"), "Kết quả thực hiện"].item() == "Đã sửa"


def test_a_failure_while_writing_leaves_the_master_intact(loop, tmp_path, monkeypatch):
    _, inbox, copies = loop
    fill_copy(copies["VP-So"], lambda r: {})
    master = tmp_path / "tong-hop.xlsx"
    merge_submissions([copies["VP-So"]], master, period=PERIOD, today=TODAY)
    before = master.read_bytes()
    fill_copy(copies["Phong-DKKD"], lambda r: {})

    import cchc_excel.sheets.master as master_module

    def broken(workbook, *args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(master_module, "write_workbook", broken)
    with pytest.raises(OSError):
        merge_submissions([inbox], master, period=PERIOD, today=TODAY)
    assert master.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".cchc-")] == []


def test_dry_run_and_open_master_leave_it_untouched(loop, tmp_path):
    _, inbox, copies = loop
    fill_copy(copies["VP-So"], lambda r: {})
    master = tmp_path / "tong-hop.xlsx"
    result = merge_submissions([inbox], master, period=PERIOD, dry_run=True, today=TODAY)
    assert result.count("added") == 15 and not master.exists()
    (tmp_path / "~$tong-hop.xlsx").write_bytes(b"owner")
    with pytest.raises(MergeError) as caught:
        merge_submissions([inbox], master, period=PERIOD, today=TODAY)
    assert caught.value.code == "MERGE_005" and not master.exists()


def test_strict_rejects_a_file_with_one_bad_row_and_another_period_is_refused(loop, tmp_path):
    shared, inbox, copies = loop
    fill_copy(copies["Phong-DKKD"], lambda r: {"G": "xong"} if r == 6 else {})
    result = merge_submissions([copies["Phong-DKKD"]], tmp_path / "m.xlsx", period=PERIOD, strict=True, today=TODAY)
    assert [f.status for f in result.files] == ["rejected"]
    result = merge_submissions([copies["Phong-DKKD"]], tmp_path / "m2.xlsx", period=parse_period("2021-Q3"),
                               today=TODAY)
    assert [f.status for f in result.files] == ["rejected"] and result.files[0].problems[0].code == "MERGE_006"


def test_a_filled_shared_workbook_counts_for_every_unit(loop, tmp_path, filled):
    path = filled(rows=range(5, 64), name="dung-chung-da-dien.xlsx")
    result = merge_submissions([path], tmp_path / "m.xlsx", period=PERIOD, today=TODAY)
    assert result.clean and result.count("added") == 59


def test_split_from_the_master_carries_values_forward(loop, tmp_path):
    _, inbox, copies = loop
    fill_copy(copies["VP-So"], lambda r: {"H": f"Giữ lại {r}"})
    master = tmp_path / "tong-hop.xlsx"
    merge_submissions([copies["VP-So"]], master, period=PERIOD, today=TODAY)
    written = CliRunner().invoke(main, ["split", str(master), "--period", "2021-Q3", "-o", str(tmp_path / "q3")])
    assert written.exit_code == 0, written.output
    sheet = openpyxl.load_workbook(tmp_path / "q3" / "VP-So_2021-Q3.xlsx")["Tiến độ"]
    assert sheet["H5"].value == "Giữ lại 5" and sheet["G5"].value == "Đang thực hiện"
    assert not sheet["H5"].protection.locked
    other = openpyxl.load_workbook(tmp_path / "q3" / "Phong-DKKD_2021-Q3.xlsx")["Tiến độ"]
    assert other["H5"].value is None


def test_cli_merge_and_status(loop, tmp_path):
    import json

    _, inbox, copies = loop
    fill_copy(copies["VP-So"], lambda r: {})
    master = tmp_path / "tong-hop.xlsx"
    runner = CliRunner()
    result = runner.invoke(main, ["merge-submissions", str(inbox), "--master", str(master), "--period", "2021-H1"])
    assert result.exit_code == 1 and "Còn thiếu của Phòng Đăng ký kinh doanh" in result.output
    result = runner.invoke(main, ["merge-submissions", str(inbox), "--master", str(master), "--json", "--dry-run"])
    printed = json.loads(result.output)
    assert printed["unchanged"] == 15 and printed["dry_run"] and set(printed["missing"]) == {
        "Trung tâm Xúc tiến đầu tư và Hỗ trợ doanh nghiệp", "Phòng Đăng ký kinh doanh", "Phòng Đầu tư xây dựng cơ bản"}
    result = runner.invoke(main, ["status", str(master), "--period", "2021-H1", "--json"])
    units = {u["unit"]: u for u in json.loads(result.output)["units"]}
    assert units["VP"]["submitted"] and units["VP"]["counts"] == {"Đang thực hiện": 15}
    assert not units["DKKD"]["submitted"] and units["DKKD"]["counts"] == {"Chưa báo cáo": 15}
    result = runner.invoke(main, ["status", str(master), "--period", "2021-H1"])
    assert "Phòng Đăng ký kinh doanh: CHƯA BÁO CÁO" in result.output
    assert runner.invoke(main, ["merge-submissions", str(tmp_path / "khong-co"), "--master", str(master)]).exit_code == 2


def test_hidden_files_inside_the_inbox_are_skipped_but_a_dotted_parent_is_fine(loop, tmp_path):
    from cchc_excel.merge import collect_inbox

    _, _, copies = loop
    inbox = tmp_path / ".hop-thu" / "inbox"
    (inbox / ".git").mkdir(parents=True)
    (inbox / ".git" / "cu.xlsx").write_bytes(copies["VP-So"].read_bytes())
    (inbox / "VP.xlsx").write_bytes(copies["VP-So"].read_bytes())
    (inbox / "VP.xlsx~").write_bytes(b"backup")
    files, skipped = collect_inbox([inbox], tmp_path / "m.xlsx")
    assert [p.name for p in files] == ["VP.xlsx"]
    assert sorted((Path(s.path).name, s.problems[0].code) for s in skipped) == [
        ("VP.xlsx~", "MERGE_002"), ("cu.xlsx", "MERGE_002")]


def test_the_master_and_its_backup_in_the_inbox_are_skipped_even_through_a_link(loop, tmp_path):
    from cchc_excel.merge import collect_inbox

    _, _, copies = loop
    folder = tmp_path / "thu-muc"
    folder.mkdir()
    for name in ("tong-hop.xlsx", "tong-hop.bak.xlsx", "VP.xlsx"):
        (folder / name).write_bytes(copies["VP-So"].read_bytes())
    (folder / "ban-sao.xlsx").symlink_to(folder / "tong-hop.xlsx")  # the master under another name
    (tmp_path / "loi-tat").symlink_to(folder, target_is_directory=True)
    for inbox, master in ((folder, folder / "tong-hop.xlsx"), (tmp_path / "loi-tat", folder / "tong-hop.xlsx"),
                          (folder, tmp_path / "loi-tat" / "tong-hop.xlsx")):
        files, skipped = collect_inbox([inbox], master)
        assert [p.name for p in files] == ["VP.xlsx"]
        assert sorted((Path(s.path).name, s.problems[0].code) for s in skipped) == [
            ("ban-sao.xlsx", "MERGE_004"), ("tong-hop.bak.xlsx", "MERGE_004"), ("tong-hop.xlsx", "MERGE_004")]
    result = CliRunner().invoke(main, ["merge-submissions", str(tmp_path / "khong-co"), "--master",
                                       str(folder / "tong-hop.xlsx"), "--json"])
    assert result.exit_code == 2 and str(tmp_path / "khong-co") in result.output  # MERGE_007, as before listing


def test_ods_and_xls_in_the_inbox_are_read_and_an_xls_is_told_both_ways_to_save(loop, tmp_path):
    from cchc_excel.model.messages import SAVE_ROUTES

    _, _, copies = loop
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    (inbox / "cu.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (inbox / "ghi-chu.txt").write_text("không phải bảng tính")
    (inbox / "la.ods").write_bytes(b"PK\x03\x04 not really a zip")
    shutil.copy(copies["VP-So"], inbox / "vp.xlsx")  # one file accepted: the master is created
    result = merge_submissions([inbox], tmp_path / "m.xlsx", period=PERIOD, today=TODAY, now=NOW)
    outcomes = {Path(f.path).name: (f.status, [p.code for p in f.problems]) for f in result.files}
    assert outcomes == {"cu.xls": ("rejected", ["READ_007"]), "ghi-chu.txt": ("skipped", ["MERGE_003"]),
                        "la.ods": ("rejected", ["READ_005"]), "vp.xlsx": ("accepted", [])}
    xls = next(f for f in result.files if f.path.endswith("cu.xls")).problems[0]
    for lang, routes in zip(("vi", "en"), SAVE_ROUTES):
        assert routes in xls.message(lang)
    log = openpyxl.load_workbook(tmp_path / "m.xlsx")["Nhật ký 2021"]  # the log of the merge's year
    assert any(SAVE_ROUTES[0] in str(row[-1]) for row in log.iter_rows(values_only=True))
    validated = CliRunner().invoke(main, ["validate", str(inbox / "cu.xls"), "--json"])
    assert SAVE_ROUTES[0] in validated.output and validated.exit_code == 1
