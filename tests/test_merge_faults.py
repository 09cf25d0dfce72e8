"""Merging when things go wrong: two merges at once, open masters, planted links, full disks, kills,
odd inbox entries, older inboxes merged late. Each test names the finding of issue 12 it covers."""
from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_excel import merge_submissions, parse_period, read_master
from cchc_excel.cli import main
from cchc_excel.io.lock import lock_paths, master_lock
from cchc_excel.merge import MergeError
from cchc_excel.model.errors import WriteError
from test_merge import fill_copy

PERIOD = parse_period("2021-H1")
TODAY = date(2021, 6, 20)


def cli(*args):
    return subprocess.Popen([sys.executable, "-m", "cchc_excel", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_two_merges_at_once_lose_no_row(loop, tmp_path):  # finding 4
    _, _, copies = loop
    first = fill_copy(copies["VP-So"], lambda r: {})
    second = fill_copy(copies["Phong-DKKD"], lambda r: {})
    for run in range(20):
        master = tmp_path / f"tong-hop-{run}.xlsx"
        merges = [cli("merge-submissions", path, "--master", master, "--period", "2021-H1") for path in (first, second)]
        for process in merges:
            _, err = process.communicate(timeout=120)
            assert process.returncode in (0, 1) and "Traceback" not in err, err
        units = {record.unit_code for record in read_master(master).records.values()}
        assert units == {"VP", "DKKD"}, run
        assert len(read_master(master).records) == 30


def test_a_merge_waits_for_the_lock_then_names_its_holder(loop, tmp_path):  # finding 4
    _, _, copies = loop
    master = tmp_path / "tong-hop.xlsx"
    with master_lock(master):
        with pytest.raises(MergeError) as caught:
            merge_submissions([copies["VP-So"]], master, period=PERIOD, today=TODAY, lock_timeout=0.2)
    assert caught.value.code == "MERGE_012" and f"pid {os.getpid()}" in caught.value.params["holder"]
    assert not master.exists() and not lock_paths(master)[1].exists()
    merge_submissions([copies["VP-So"]], master, period=PERIOD, today=TODAY)  # released
    assert master.exists()


def test_a_master_open_in_libreoffice_is_not_replaced(loop, tmp_path):  # finding 4
    _, inbox, _ = loop
    master = tmp_path / "tong-hop.xlsx"
    (tmp_path / ".~lock.tong-hop.xlsx#").write_text(",Nguyen Van A,MAY-VP,27.11.2026 08:00,file:///home/a;")
    with pytest.raises(MergeError) as caught:
        merge_submissions([inbox], master, period=PERIOD, today=TODAY)
    assert caught.value.code == "MERGE_005" and caught.value.params["lock"] == ".~lock.tong-hop.xlsx#"
    result = CliRunner().invoke(main, ["merge-submissions", str(inbox), "--master", str(master)])
    assert result.exit_code == 2 and not master.exists()


def test_no_write_follows_a_planted_link(loop, tmp_path):  # finding 5
    _, _, copies = loop
    master = tmp_path / "tong-hop.xlsx"
    merge_submissions([copies["VP-So"]], master, period=PERIOD, today=TODAY)
    victim = tmp_path / "quan-trong.txt"
    victim.write_text("không được ghi đè")
    (tmp_path / "tong-hop.bak.xlsx").symlink_to(victim)
    merge_submissions([copies["Phong-DKKD"]], master, period=PERIOD, today=TODAY)
    assert victim.read_text() == "không được ghi đè"
    backup = tmp_path / "tong-hop.bak.xlsx"
    assert not backup.is_symlink() and len(read_master(backup).records) == 0  # the master before this merge


def test_links_out_of_the_inbox_pipes_and_unreadable_folders_are_listed(loop, tmp_path, monkeypatch):  # 5, 12
    _, _, copies = loop
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    outside = tmp_path / "ngoai" / "bi-mat.xlsx"
    outside.parent.mkdir()
    shutil.copy(fill_copy(copies["VP-So"], lambda r: {}), outside)
    (inbox / "lien-ket.xlsx").symlink_to(outside)
    (inbox / "thiet-bi.xlsx").symlink_to("/dev/null")
    os.mkfifo(inbox / "ong.xlsx")
    (inbox / "khoa").mkdir()
    shutil.copy(copies["Phong-DKKD"], inbox / "khoa" / "DKKD.xlsx")
    shutil.copy(copies["Phong-DKKD"], inbox / "DKKD.xlsx")
    (inbox / "ban-sao.xlsx").symlink_to(inbox / "DKKD.xlsx")  # a link inside the inbox is read
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "khoa":
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_scandir(path)
    monkeypatch.setattr(os, "scandir", scandir)
    result = merge_submissions([inbox], tmp_path / "m.xlsx", period=PERIOD, today=TODAY, dry_run=True)
    outcomes = {Path(f.path).name: (f.status, [p.code for p in f.problems]) for f in result.files}
    assert outcomes["lien-ket.xlsx"] == ("skipped", ["MERGE_011"])
    assert outcomes["thiet-bi.xlsx"] == ("skipped", ["MERGE_011"])
    assert outcomes["ong.xlsx"] == ("skipped", ["MERGE_009"])
    assert outcomes["khoa"] == ("skipped", ["MERGE_010"])
    assert outcomes["DKKD.xlsx"][0] == "accepted"
    assert outcomes["ban-sao.xlsx"] == ("skipped", ["MERGE_015"])  # read, and found the same bytes as DKKD.xlsx


def test_a_file_name_that_is_not_utf8_is_merged_again_and_again(loop, tmp_path):  # finding 6
    _, _, copies = loop
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    name = os.fsdecode(b"b\xe1o-c\xe1o-VP.xlsx")  # CP1258 bytes unzipped as they were
    shutil.copy(fill_copy(copies["VP-So"], lambda r: {}), inbox / name)
    master = tmp_path / "tong-hop.xlsx"
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(main, ["merge-submissions", str(inbox), "--master", str(master), "--period", "2021-H1"])
        assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
        assert "b\\xe1o-c\\xe1o-VP.xlsx" in result.output
    data = read_master(master)
    assert {r.source.file for r in data.records.values()} == {"b\\xe1o-c\\xe1o-VP.xlsx"}
    assert any(row[1] == "b\\xe1o-c\\xe1o-VP.xlsx" for row in data.log)


def test_a_full_disk_or_read_only_target_is_a_coded_refusal_and_nothing_is_lost(loop, tmp_path, monkeypatch):  # 7
    _, _, copies = loop
    master = tmp_path / "tong-hop.xlsx"
    merge_submissions([copies["VP-So"]], master, period=PERIOD, today=TODAY)
    merge_submissions([fill_copy(copies["VP-So"], lambda r: {})], master, period=PERIOD, today=TODAY)
    before = {p.name: p.read_bytes() for p in tmp_path.glob("tong-hop*.xlsx")}
    assert set(before) == {"tong-hop.xlsx", "tong-hop.bak.xlsx"}
    fill_copy(copies["Phong-DKKD"], lambda r: {})
    import zipfile

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    runner = CliRunner()
    result = runner.invoke(main, ["merge-submissions", str(copies["Phong-DKKD"]), "--master", str(master)])
    assert result.exit_code == 2 and "No space left on device" in result.output
    with pytest.raises(WriteError) as caught:
        merge_submissions([copies["Phong-DKKD"]], master, today=TODAY)
    assert caught.value.code == "WRITE_001"
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in tmp_path.glob("tong-hop*.xlsx")} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".cchc-")]

    import tempfile
    monkeypatch.setattr(tempfile, "mkdtemp", lambda **kw: (_ for _ in ()).throw(PermissionError(errno.EACCES, "Permission denied")))
    result = runner.invoke(main, ["merge-submissions", str(copies["Phong-DKKD"]), "--master", str(master)])
    assert result.exit_code == 2 and "Permission denied" in result.output
    monkeypatch.undo()
    master.chmod(0o444)
    result = runner.invoke(main, ["merge-submissions", str(copies["Phong-DKKD"]), "--master", str(master)])
    assert result.exit_code == 2 and ("read-only" in result.output or "chỉ đọc" in result.output)
    assert {p.name: p.read_bytes() for p in tmp_path.glob("tong-hop*.xlsx")} == before


def test_outputs_honour_the_umask(loop, tmp_path):  # finding 7
    _, _, copies = loop
    previous = os.umask(0o027)
    try:
        master = tmp_path / "tong-hop.xlsx"
        merge_submissions([copies["VP-So"]], master, period=PERIOD, today=TODAY)
        merge_submissions([copies["VP-So"]], master, period=PERIOD, today=TODAY)
    finally:
        os.umask(previous)
    assert master.stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "tong-hop.bak.xlsx").stat().st_mode & 0o777 == 0o640


SLOW_WRITE = """
import signal, sys, time
from pathlib import Path
# Ctrl+C as in a terminal, even where the tests run in the background of a shell (which starts them ignoring it)
signal.signal(signal.SIGINT, signal.default_int_handler)
from cchc_excel.io.files import atomic_write
def write(temp):
    Path(temp).write_bytes(b"x" * 1000)
    print("writing", flush=True)
    time.sleep(60)
atomic_write(sys.argv[1], write, overwrite=True)
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_killed_write_leaves_no_temporary_file(tmp_path, sig):  # finding 7
    target = tmp_path / "tong-hop.xlsx"
    target.write_bytes(b"old")
    process = subprocess.Popen([sys.executable, "-c", SLOW_WRITE, str(target)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "writing"
    process.send_signal(sig)
    process.wait(timeout=30)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tong-hop.xlsx"] and target.read_bytes() == b"old"


def test_an_older_inbox_merged_after_a_newer_one_does_not_roll_back(loop, tmp_path):  # finding 10
    _, _, copies = loop
    old = fill_copy(copies["VP-So"], lambda r: {"H": f"Cũ {r}"}, updated=date(2021, 6, 5),
                    target=tmp_path / "cu" / "VP.xlsx") if (tmp_path / "cu").mkdir() is None else None
    new = fill_copy(copies["VP-So"], lambda r: {"H": f"Mới {r}"}, updated=date(2021, 6, 12),
                    target=tmp_path / "moi" / "VP.xlsx") if (tmp_path / "moi").mkdir() is None else None
    master = tmp_path / "tong-hop.xlsx"
    merge_submissions([new], master, period=PERIOD, now=datetime(2021, 6, 13), today=TODAY)
    late = merge_submissions([old], master, period=PERIOD, now=datetime(2021, 6, 14), today=TODAY)
    assert (late.count("added"), late.count("changed"), late.count("superseded")) == (0, 0, 15)
    data = read_master(master)
    assert {r.progress.result[:3] for r in data.records.values()} == {"Mới"}
    assert len(data.history) == 15 and all("Cũ hơn" in s.reason for s in data.history)
    again = merge_submissions([old, new], master, period=PERIOD, now=datetime(2021, 6, 15), today=TODAY)
    assert again.count("changed") == 0 and len(read_master(master).history) == 15


def replace_in_zip(path, old: str, new: str):
    """Rewrite every part of an .xlsx with old replaced by new (UTF-8), as a tool that writes raw XML would."""
    import zipfile
    parts = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            parts[info.filename] = archive.read(info).replace(old.encode(), new.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_lengths_as_excel_counts_them_and_characters_xml_cannot_hold(loop, tmp_path):  # finding 9
    _, _, copies = loop
    emoji = "😀" * 16_500  # 16,500 code points, 33,000 UTF-16 units: Excel would keep 32,767
    long_text = fill_copy(copies["VP-So"], lambda r: {"H": emoji} if r == 6 else {})
    not_xml = replace_in_zip(fill_copy(copies["Phong-DKKD"], lambda r: {"H": "aPLACEHOLDERb"} if r == 7 else {}),
                             "PLACEHOLDER", "\uffff")  # written raw: openpyxl over lxml refuses to
    master = tmp_path / "tong-hop.xlsx"
    first = merge_submissions([long_text, not_xml], master, period=PERIOD, today=TODAY)
    problems = {(p.cell, p.code) for p in first.files[0].problems}
    assert ("H6", "VAL_013") in problems and first.files[0].rejected_rows == 1
    assert first.files[1].status == "rejected" and first.files[1].problems[0].code == "READ_005"
    for _ in range(2):
        again = merge_submissions([long_text, not_xml], master, period=PERIOD, today=TODAY)
        assert (again.count("added"), again.count("changed"), again.count("unchanged")) == (0, 0, 14)


@pytest.mark.parametrize("reader", ["direct", "python-calamine"])
def test_a_text_cut_at_excels_limit_just_after_a_space_is_refused(loop, tmp_path, monkeypatch, reader):  # hunt2 r1
    """LibreOffice keeps the first 32,767 characters of a longer text; when the last one kept is a space, the text
    trimmed on reading is one shorter, but the cell as stored reached the limit: the text was cut (VAL_013)."""
    import json
    from cchc_excel.io import direct
    if reader == "python-calamine":  # the sheet read by python-calamine, not the fast path
        monkeypatch.setattr(direct, "sheet_rows", lambda *args: None)
    _, _, copies = loop
    typed = ("Kết quả rà soát hồ sơ đất đai. " * 1400)[:32767]  # what LibreOffice stores of 43,400 characters typed
    assert typed.endswith(" ") and len(typed.strip()) == 32766
    hidden = "\u200b" + typed[:32766]  # at the limit with an invisible character, which as_seen takes out
    cut = fill_copy(copies["VP-So"], lambda r: {6: {"H": typed}, 7: {"H": hidden}}.get(r, {}),
                    target=tmp_path / "VP.xlsx")
    runner = CliRunner()
    checked = runner.invoke(main, ["validate", str(cut), "--json"])
    assert checked.exit_code == 1, checked.output
    problems = {(p["cell"], p["code"]): p["value"] for p in json.loads(checked.output)[0]["issues"]}
    assert problems.keys() == {("H6", "VAL_013"), ("H7", "VAL_019"), ("H7", "VAL_013")}
    assert problems["H6", "VAL_013"] == problems["H7", "VAL_013"] == "32767"
    master = tmp_path / "tong-hop.xlsx"
    merged = runner.invoke(main, ["merge-submissions", str(cut), "--master", str(master), "--period", "2021-H1"])
    assert merged.exit_code == 1, merged.output
    records = read_master(master).records
    assert len(records) == 13 and not any(len(record.progress.result) > 32000 for record in records.values())


def test_files_of_one_name_in_two_folders_are_told_apart_in_the_master(loop, tmp_path):  # hunt2 r12
    """Two units send "baocao.xlsx", kept in two folders of the inbox; one is refused. The master's log and each
    row's Tệp nguồn name the file by its path inside the inbox, so the record tells which unit's file it was."""
    _, _, copies = loop
    inbox = tmp_path / "hop-thu"
    for folder, source, values in (("dkkd", "Phong-DKKD", {}), ("vp", "VP-So", {"G": "Xong"})):
        (inbox / folder).mkdir(parents=True)
        fill_copy(copies[source], lambda r: values, target=inbox / folder / "baocao.xlsx")
    (inbox / "dkkd" / "cu").mkdir()
    shutil.copy(inbox / "dkkd" / "baocao.xlsx", inbox / "dkkd" / "cu" / "baocao.xlsx")  # the same bytes again
    master = tmp_path / "tong-hop.xlsx"
    result = CliRunner().invoke(main, ["merge-submissions", str(inbox), "--master", str(master), "--period", "2021-H1"])
    assert result.exit_code == 1, result.output
    data = read_master(master)
    logged = {(row[1], row[3]) for row in data.log if row[3] in ("Chấp nhận", "Từ chối", "Bỏ qua")}
    assert logged == {("dkkd/baocao.xlsx", "Chấp nhận"), ("dkkd/cu/baocao.xlsx", "Bỏ qua"),
                      ("vp/baocao.xlsx", "Từ chối")}
    assert {record.source.file for record in data.records.values()} == {"dkkd/baocao.xlsx"}


def test_a_file_open_in_excel_or_libreoffice_is_merged_from_its_saved_state_with_a_warning(loop, tmp_path):  # r15
    import json

    _, _, copies = loop
    inbox = tmp_path / "hop-thu"
    (inbox / "vp").mkdir(parents=True)
    fill_copy(copies["VP-So"], lambda r: {}, target=inbox / "vp" / "baocao.xlsx")
    fill_copy(copies["Phong-DKKD"], lambda r: {}, target=inbox / "dkkd.xlsx")
    fill_copy(copies["Trung-tam-XTDT-HTDN"], lambda r: {}, target=inbox / "xtdt.xlsx")
    (inbox / "vp" / ".~lock.baocao.xlsx#").write_text(",Văn phòng,vp-pc,27.11.2026 21:40,file:///x;")  # LibreOffice's
    (inbox / "~$dkkd.xlsx").write_bytes(b"\x05Hung  ")  # Excel's
    master = tmp_path / "tong-hop.xlsx"
    result = CliRunner().invoke(main, ["merge-submissions", str(inbox), "--master", str(master), "--period", "2021-H1",
                                       "--json"])
    files = {Path(f["file"]).name: f for f in json.loads(result.output)["files"]}
    warned = {name for name, f in files.items() if any(p["code"] == "MERGE_018" for p in f["issues"])}
    assert warned == {"baocao.xlsx", "dkkd.xlsx"}
    assert all(files[name]["status"] == "accepted" and files[name]["added"] for name in warned)  # the saved state
    assert {row[1] for row in read_master(master).log if row[8] == "MERGE_018"} == {"vp/baocao.xlsx", "dkkd.xlsx"}


def test_an_oversized_file_is_refused_before_it_is_hashed_and_outcomes_follow_paths(loop, tmp_path):  # 3, 12
    _, _, copies = loop
    inbox = tmp_path / "hop-thu"
    (inbox / "a").mkdir(parents=True)
    (inbox / "b").mkdir()
    huge = inbox / "lon.xlsx"
    with huge.open("wb") as handle:  # sparse: 3 GB on paper, nothing on the disk
        handle.write(b"PK\x03\x04")
        handle.truncate(3 * 2**30)
    shutil.copy(fill_copy(copies["VP-So"], lambda r: {}), inbox / "a" / "VP.xlsx")
    (inbox / "b" / "VP.xlsx").write_bytes(b"PK\x03\x04 hong")
    result = merge_submissions([inbox], tmp_path / "m.xlsx", period=PERIOD, today=TODAY, dry_run=True)
    outcomes = {str(Path(f.path).relative_to(inbox)): f for f in result.files}
    assert outcomes["lon.xlsx"].problems[0].code == "READ_010" and outcomes["lon.xlsx"].sha256 == ""
    assert outcomes["a/VP.xlsx"].status == "accepted" and outcomes["a/VP.xlsx"].added == 15
    assert outcomes["b/VP.xlsx"].status == "rejected" and outcomes["b/VP.xlsx"].added == 0


def test_a_distant_cell_on_the_entry_or_metadata_sheet_rejects_only_that_file(loop, tmp_path):  # finding 1
    import zipfile

    _, _, copies = loop
    good = fill_copy(copies["VP-So"], lambda r: {})
    source = fill_copy(copies["Phong-DKKD"], lambda r: {})
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    shutil.copy(good, inbox / "VP.xlsx")
    with zipfile.ZipFile(source) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    sheets = sorted(name for name in parts if name.startswith("xl/worksheets/sheet"))
    for number, part in enumerate((sheets[2], sheets[-2])):  # Tiến độ, then the metadata (before the registry)
        far = parts | {part: parts[part].replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v>'
                                                                    b"</c></row></sheetData>")}
        with zipfile.ZipFile(inbox / f"xa-{number}.xlsx", "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in far.items():
                out.writestr(name, data)
    result = merge_submissions([inbox], tmp_path / "m.xlsx", period=PERIOD, today=TODAY)
    outcomes = {Path(f.path).name: f for f in result.files}
    assert outcomes["VP.xlsx"].status == "accepted" and outcomes["VP.xlsx"].added == 15
    for name in ("xa-0.xlsx", "xa-1.xlsx"):
        assert outcomes[name].status == "rejected" and outcomes[name].problems[0].code == "READ_010"


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="the dying reader is planted by monkeypatching, which only forked workers inherit")
def test_a_file_that_kills_its_reading_process_is_refused_and_the_rest_merged(loop, tmp_path, monkeypatch):
    import cchc_excel.merge_read as merge_module
    from cchc_excel.io import pool

    _, _, copies = loop
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    names = {"VP-So": "a-vp.xlsx", "Phong-DKKD": "b-dkkd.xlsx", "Phong-Dau-tu-XDCB": "d-xdcb.xlsx",
             "Trung-tam-XTDT-HTDN": "e-xtdt.xlsx"}
    for unit, name in names.items():
        fill_copy(copies[unit], lambda r: {}, target=inbox / name)
    # never opened (it kills its reader by name), made unlike a-vp.xlsx byte for byte: a copy is not read (MERGE_015)
    (inbox / "c-chet.xlsx").write_bytes((inbox / "a-vp.xlsx").read_bytes() + b"\0")
    parent, read = os.getpid(), merge_module.read_submission

    def dying(path, *args):
        if path.name == "c-chet.xlsx":
            assert os.getpid() != parent, "read in the merging process itself: the test would kill pytest"
            os._exit(70)  # as a crash in a native library or the kernel's out-of-memory killer would
        return read(path, *args)
    monkeypatch.setattr(merge_module, "read_submission", dying)
    monkeypatch.setattr(pool, "PARALLEL_FROM", 2)
    monkeypatch.setattr(pool.os, "cpu_count", lambda: 2)  # a pool of two even on a one-core machine
    master = tmp_path / "tong-hop.xlsx"
    result = CliRunner().invoke(main, ["merge-submissions", str(inbox), "--master", str(master),
                                       "--period", "2021-H1", "--json"])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    outcomes = {Path(f.path).name: f for f in merge_submissions([inbox], tmp_path / "m2.xlsx", period=PERIOD,
                                                                 today=TODAY).files}
    assert outcomes["c-chet.xlsx"].status == "rejected"
    assert [p.code for p in outcomes["c-chet.xlsx"].problems] == ["READ_017"]
    assert all(outcomes[name].status == "accepted" and outcomes[name].added for name in names.values())
    for written in (master, tmp_path / "m2.xlsx"):
        records = read_master(written).records.values()
        assert {r.source.file for r in records} == set(names.values())
        assert len(records) == sum(outcomes[name].added for name in names.values())


def test_a_file_of_a_revised_plan_is_refused_saying_what_was_revised(builtin, loop, tmp_path):  # hunt2 r16
    """Mid-year a unit leaves (made Cơ quan bên ngoài) and a task is dropped: a copy made from the revised plan is
    refused from the year's master (PLAN_014), naming the unit and the task, not two fingerprints."""
    from dataclasses import replace

    from cchc_excel import load_plan, write_plan_workbook, write_shared_workbook
    from cchc_excel.model.plan import Plan
    from cchc_excel.model.units import UnitKind, UnitRegistry

    _, _, copies = loop
    master = tmp_path / "tong-hop.xlsx"
    merge_submissions([fill_copy(copies["VP-So"], lambda r: {})], master, period=PERIOD, today=TODAY)
    registry = UnitRegistry([replace(u, kind=UnitKind.EXTERNAL) if u.code == "DKKD" else
                             replace(u, members=tuple(m for m in u.members if m != "DKKD")) for u in builtin.registry])
    write_plan_workbook(Plan(builtin.facts, builtin.items[:-1], registry), tmp_path / "ke-hoach-sua.xlsx")
    revised = load_plan(tmp_path / "ke-hoach-sua.xlsx")
    copy = write_shared_workbook(revised, PERIOD, tmp_path / "VP.xlsx", unit_code="VP")
    fill_copy(copy, lambda r: {})
    result = merge_submissions([copy], master, period=PERIOD, today=TODAY, dry_run=True)
    problem = result.files[0].problems[0]
    assert (result.files[0].status, problem.code) == ("rejected", "PLAN_014")
    assert problem.params["changes"] == [("units_gone", "Phòng Đăng ký kinh doanh (DKKD)", 1), ("items_gone", "12", 1)]
    printed = CliRunner().invoke(main, ["merge-submissions", str(copy), "--master", str(master), "--lang", "en"])
    assert printed.exit_code == 1 and "PLAN_014" in printed.output and "Traceback" not in printed.output


def test_a_wrong_plan_for_a_master_says_what_differs(builtin, loop, tmp_path):  # verify2 n4
    """--plan of another version than the master's (MERGE_008), and a copy of it (PLAN_014): what differs, by task
    and row, not two fingerprints; a task whose partners only changed is told by its rows, not as reworded, and the
    tasks added or removed are not listed again as rows."""
    from dataclasses import replace

    from cchc_excel import load_plan, write_plan_workbook, write_shared_workbook
    from cchc_excel.model.plan import Plan

    _, _, copies = loop
    master = tmp_path / "tong-hop.xlsx"
    merge_submissions([fill_copy(copies["VP-So"], lambda r: {})], master, period=PERIOD, today=TODAY)
    items = [replace(i, partner_text="") if i.code == "6" else i for i in builtin.items[:-1]]
    items.append(replace(builtin.items[-1], code="13", shown="13", solution="Nhiệm vụ mới"))
    write_plan_workbook(Plan(builtin.facts, tuple(items), builtin.registry), tmp_path / "ke-hoach-sua.xlsx")
    expected = [("items_gone", "12", 1), ("items_new", "13", 1), ("rows", "6 Văn phòng Sở", 1)]
    with pytest.raises(MergeError) as refused:
        merge_submissions([copies["VP-So"]], master, period=PERIOD, plan=load_plan(tmp_path / "ke-hoach-sua.xlsx"))
    assert (refused.value.code, refused.value.params["changes"]) == ("MERGE_008", expected)
    assert "removes task 12;" in refused.value.message("en")
    printed = CliRunner().invoke(main, ["merge-submissions", str(copies["VP-So"]), "--master", str(master), "--plan",
                                        str(tmp_path / "ke-hoach-sua.xlsx"), "--lang", "en"])
    assert printed.exit_code == 2 and "MERGE_008" in printed.output and "Traceback" not in printed.output
    copy = fill_copy(write_shared_workbook(load_plan(tmp_path / "ke-hoach-sua.xlsx"), PERIOD, tmp_path / "VP.xlsx",
                                           unit_code="VP"), lambda r: {})
    problem = merge_submissions([copy], master, period=PERIOD, today=TODAY, dry_run=True).files[0].problems[0]
    assert (problem.code, problem.params["changes"]) == ("PLAN_014", expected)
