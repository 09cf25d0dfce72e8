"""What the commands write, as files on a shared drive: their modes, their names, the folders they leave."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_excel.cli import main
from cchc_excel.io.builtin import builtin_plan_path
from test_merge import fill_copy


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_every_file_every_command_writes_honours_the_umask(loop, tmp_path, umask_022):
    shared, inbox, copies = loop  # init and split ran under the test's umask too: written again below
    out = tmp_path / "out"
    assert run("init", "--period", "2021-H1", "-o", out / "dung-chung.xlsx").exit_code == 0
    assert run("plan", builtin_plan_path(), "-o", out / "ke-hoach.xlsx").exit_code == 0
    assert run("split", out / "dung-chung.xlsx", "--period", "2021-H1", "-o", out / "gui").exit_code == 0
    filled = fill_copy(copies["VP-So"], lambda r: {})
    master = out / "tong-hop.xlsx"
    for _ in range(2):  # the second merge keeps a backup
        result = run("merge-submissions", filled, "--master", master, "--period", "2021-H1")
        assert result.exit_code in (0, 1), result.output
    bad = fill_copy(copies["Phong-DKKD"], lambda r: {"G": "Sai"}, target=tmp_path / "sai.xlsx")
    assert run("validate", bad, "--annotate", out / "danh-dau").exit_code == 1
    result = run("report", master, "--period", "2021-H1", "-o", out / "BAO-CAO.docx", "--date", "20/06/2021",
                 "--follow-up", out / "THEO-DOI.xlsx")
    assert result.exit_code == 0, result.output
    assert run("report", master, "--period", "2021-H1", "-o", out / "phu-luc.xlsx").exit_code == 0
    written = {p.relative_to(out).as_posix(): oct(p.stat().st_mode & 0o777) for p in out.rglob("*") if p.is_file()}
    assert {"dung-chung.xlsx", "ke-hoach.xlsx", "tong-hop.xlsx", "tong-hop.bak.xlsx", "BAO-CAO.docx",
            "BAO-CAO-phu-luc.xlsx", "THEO-DOI.xlsx", "phu-luc.xlsx", "danh-dau/sai.xlsx"} <= set(written)
    assert len([name for name in written if name.startswith("gui/")]) == len(copies)
    assert {name: mode for name, mode in written.items() if mode != oct(0o644)} == {}


@pytest.mark.parametrize("name, example", [("BC.pdf", "BC.docx --pdf"), ("BC2.ods", "BC2.docx"), ("BC", "BC.docx"),
                                           ("BC.doc", "BC.docx")])
def test_report_refuses_a_name_that_is_not_what_it_writes(loop, tmp_path, name, example):
    _, _, copies = loop
    master = tmp_path / "tong-hop.xlsx"
    assert run("merge-submissions", fill_copy(copies["VP-So"], lambda r: {}), "--master", master,
               "--period", "2021-H1").exit_code in (0, 1)
    out = tmp_path / "out"
    out.mkdir()
    result = run("report", master, "--period", "2021-H1", "-o", out / name)
    assert result.exit_code == 2 and "Lỗi OPT_003:" in result.output and example in result.output
    assert ".docx / .xlsx" in result.output and list(out.iterdir()) == []
    result = run("report", master, "--period", "2021-H1", "-o", out / "BC.docx", "--follow-up", out / "TD.ods")
    assert result.exit_code == 2 and "OPT_003" in result.output and list(out.iterdir()) == []
    result = run("report", master, "--period", "2021-H1", "-o", out / "BC.DOCX", "--lang", "en")
    assert result.exit_code == 0 and {p.name for p in out.iterdir()} == {"BC.DOCX", "BC-phu-luc.xlsx"}


@pytest.mark.parametrize("name", ["s.ods", "s", "s.xlsm", "s.xls"])
def test_init_plan_and_merge_refuse_a_workbook_name_that_is_not_xlsx(loop, tmp_path, name):
    _, _, copies = loop
    out = tmp_path / "out"
    out.mkdir()
    for args in (["init", "--period", "2021-Q3", "-o", out / name],
                 ["plan", builtin_plan_path(), "-o", out / name],
                 ["merge-submissions", fill_copy(copies["VP-So"], lambda r: {}), "--master", out / name]):
        result = run(*args, "--lang", "en")
        assert result.exit_code == 2 and "Error OPT_003:" in result.output and ".xlsx" in result.output, args
        assert list(out.iterdir()) == [], args  # not even the master's lock file


@pytest.fixture
def master_and_others(loop, tmp_path):
    """A master with one unit's data, that unit's filled copy, the shared workbook and a plan workbook."""
    shared, _, copies = loop
    filled = fill_copy(copies["VP-So"], lambda r: {})
    master = tmp_path / "tong-hop.xlsx"
    assert run("merge-submissions", filled, "--master", master, "--period", "2021-H1").exit_code in (0, 1)
    plan = tmp_path / "ke-hoach.xlsx"
    assert run("plan", builtin_plan_path(), "-o", plan).exit_code == 0
    return master, {"MASTER_004": filled, "MASTER_005": shared, "MASTER_006": plan}


def test_status_and_report_refuse_a_file_that_is_not_a_master(master_and_others, tmp_path):
    master, others = master_and_others
    out = tmp_path / "out"
    out.mkdir()
    for code, path in others.items():
        result = run("status", path, "--period", "2021-H1", "--as-of", "20/06/2021")
        assert result.exit_code == 2 and f"Lỗi {code}:" in result.output and "CHƯA BÁO CÁO" not in result.output
        result = run("report", path, "--period", "2021-H1", "-o", out / "BC.docx", "--lang", "en")
        assert result.exit_code == 2 and f"Error {code}:" in result.output and list(out.iterdir()) == []
    assert run("status", master, "--period", "2021-H1", "--as-of", "20/06/2021").exit_code == 0


def test_progress_frame_refuses_a_unit_copy(master_and_others):
    from cchc_excel import progress_frame, parse_period
    from cchc_excel.model.errors import MasterError

    master, others = master_and_others
    with pytest.raises(MasterError) as caught:
        progress_frame(others["MASTER_004"], parse_period("2021-H1"))
    assert caught.value.code == "MASTER_004"
    assert len(progress_frame(master, parse_period("2021-H1"))) > 0


def test_split_refuses_a_unit_copy_but_takes_the_shared_workbook(master_and_others, tmp_path):
    master, others = master_and_others
    result = run("split", others["MASTER_004"], "--period", "2021-H1", "-o", tmp_path / "gui")
    assert result.exit_code == 2 and "Lỗi MASTER_004:" in result.output and not (tmp_path / "gui").exists()
    assert "dành cho Văn phòng Sở điền" in result.output
    for source in (master, others["MASTER_005"]):
        assert run("split", source, "--period", "2021-H1", "-o", tmp_path / source.stem).exit_code == 0


def test_validate_on_a_master_says_it_is_a_master(master_and_others):
    master, _ = master_and_others
    result = run("validate", master, "--json")
    assert result.exit_code == 1
    assert [p["code"] for p in json.loads(result.output)[0]["issues"]] == ["STRUCT_018"]


SLOW_WRITE = """
import sys, time
from pathlib import Path
from cchc_excel.io.files import atomic_write
def write(temp):
    Path(temp).write_bytes(b"x" * 1000)
    print("writing", flush=True)
    time.sleep(60)
atomic_write(sys.argv[1], write, overwrite=True)
"""


def _writer(target):
    process = subprocess.Popen([sys.executable, "-c", SLOW_WRITE, str(target)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "writing"
    return process


def _folders(parent):
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".cchc-") and p.is_dir())


def test_the_folder_of_a_killed_merge_goes_at_the_next_write_and_a_running_ones_stays(loop, tmp_path):
    _, _, copies = loop
    filled = fill_copy(copies["VP-So"], lambda r: {})
    master = tmp_path / "tong-hop.xlsx"
    assert run("merge-submissions", filled, "--master", master, "--period", "2021-H1").exit_code in (0, 1)
    killed = _writer(master)
    killed.kill()  # kill -9: nothing of the writer runs after it
    killed.wait(timeout=30)
    left = _folders(tmp_path)
    assert len(left) == 1 and (tmp_path / left[0] / "new.xlsx").exists()
    result = run("merge-submissions", filled, "--master", master, "--period", "2021-H1")
    assert result.exit_code in (0, 1), result.output
    assert _folders(tmp_path) == []
    running = _writer(tmp_path / "other.xlsx")  # another write going on in the same folder
    try:
        live = _folders(tmp_path)
        result = run("merge-submissions", filled, "--master", master, "--period", "2021-H1")
        assert result.exit_code in (0, 1), result.output
        assert len(live) == 1 and _folders(tmp_path) == live and (tmp_path / live[0] / "new.xlsx").exists()
    finally:
        running.kill()
        running.wait(timeout=30)
    assert run("report", master, "--period", "2021-H1", "-o", tmp_path / "phu-luc.xlsx").exit_code == 0
    assert _folders(tmp_path) == []


def test_a_folder_of_another_computer_or_version_goes_only_after_a_day(tmp_path):
    from cchc_excel.io.files import atomic_write

    day = 24 * 3600
    planted = {".cchc-oldnoown": None, ".cchc-newnoown": None, ".cchc-oldother": "other-pc", ".cchc-newother": "other-pc"}
    for name, owner in planted.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "new.xlsx").write_bytes(b"x")
        if owner:
            (tmp_path / name / "owner").write_text(owner, encoding="utf-8")
        if name.startswith(".cchc-old"):
            os.utime(tmp_path / name, (time.time() - 2 * day,) * 2)
    (tmp_path / ".cchc-file").write_bytes(b"not a folder")
    atomic_write(tmp_path / "a.xlsx", lambda temp: Path(temp).write_bytes(b"a"))
    assert _folders(tmp_path) == [".cchc-newnoown", ".cchc-newother"] and (tmp_path / ".cchc-file").exists()


def test_the_tools_own_files_beside_a_master_in_the_inbox_are_not_listed(loop, tmp_path):
    _, _, copies = loop
    inbox = tmp_path / "thu-muc-nhan"
    inbox.mkdir()
    fill_copy(copies["VP-So"], lambda r: {}, target=inbox / "vp.xlsx")
    master = inbox / "tong-hop.xlsx"
    for _ in range(2):
        result = run("merge-submissions", inbox, "--master", master, "--period", "2021-H1", "--json")
    (inbox / ".cchc-abcdefgh").mkdir()  # a writer's folder, as another merge has it while it writes
    (inbox / ".cchc-abcdefgh" / "new.xlsx").write_bytes((inbox / "vp.xlsx").read_bytes())
    (inbox / ".tong-hop.xlsx.cchc-lock.info").write_text("someone", encoding="utf-8")
    result = run("merge-submissions", inbox, "--master", master, "--period", "2021-H1", "--json")
    listed = {Path(f["file"]).name: f["status"] for f in json.loads(result.output)["files"]}
    assert listed == {"tong-hop.xlsx": "skipped", "tong-hop.bak.xlsx": "skipped", "vp.xlsx": "accepted"}


def test_status_in_english_says_not_reported_in_english(master_and_others):
    master, _ = master_and_others
    result = run("status", master, "--period", "2021-H1", "--as-of", "20/06/2021", "--lang", "en")
    assert result.exit_code == 0 and "Not reported: 15" in result.output and "Chưa báo cáo" not in result.output
    result = run("status", master, "--period", "2021-H1", "--as-of", "20/06/2021")
    assert "Chưa báo cáo: 15" in result.output


def test_usage_errors_are_coded_and_vietnamese_unless_english_is_asked(tmp_path):
    existing = tmp_path / "dung-chung.xlsx"
    existing.write_bytes(b"x")
    cases = [(["validate"], "Thiếu đối số 'TỆP...'", "Missing argument 'TỆP...'"),
             (["split", existing, "--period", "2021-H1", "-o", existing], "'-o' / '--output'", "is a file"),
             (["status", existing, "--period", "2021-H1", "--bogus"], "Không có tùy chọn '--bogus'", "No such option"),
             (["report", existing, "--period", "2021-H1"], "Thiếu tùy chọn '-o' / '--output'", "Missing option"),
             (["statu"], "Không có lệnh 'statu'", "No such command 'statu'"),
             (["init", "--period", "2021-H1", "-o"], "Tùy chọn '-o' cần một giá trị", "requires an argument")]
    for args, vi, en in cases:
        result = run(*args)
        assert result.exit_code == 2 and "Lỗi OPT_004: " in result.output and vi in result.output, result.output
        assert "Error" not in result.output and "Usage" not in result.output, result.output
        result = run(*args, "--lang", "en") if args[-1] != "-o" else run(*args[:-1], "--lang", "en", "-o")
        assert result.exit_code == 2 and "Error OPT_004: " in result.output and en in result.output, result.output
    assert "là một tệp, không phải thư mục" in run("split", existing, "--period", "2021-H1", "-o", existing).output
    result = run("status", existing, "--period", "2021-H1", "--lang", "fr")
    assert result.exit_code == 2 and "'fr' không phải một trong: 'vi', 'en'" in result.output


def test_the_annotated_copy_opens_on_the_sheet_with_the_problems(loop, tmp_path):
    import openpyxl

    _, _, copies = loop
    bad = fill_copy(copies["Phong-DKKD"], lambda r: {"G": "Sai"}, target=tmp_path / "sai.xlsx")
    assert run("validate", bad, "--annotate", tmp_path / "danh-dau").exit_code == 1
    book = openpyxl.load_workbook(tmp_path / "danh-dau" / "sai.xlsx")
    assert book.sheetnames[0] == "Hướng dẫn" and book.active.title == "Tiến độ"
    assert [sheet.title for sheet in book.worksheets if sheet.sheet_view.tabSelected] == ["Tiến độ"]


def test_merge_does_not_turn_a_unit_copy_or_a_plan_workbook_into_a_master(master_and_others, loop, tmp_path):
    _, _, copies = loop
    master, others = master_and_others
    filled = fill_copy(copies["Phong-DKKD"], lambda r: {}, target=tmp_path / "dkkd.xlsx")
    for code in ("MASTER_004", "MASTER_006"):
        before = others[code].read_bytes()
        result = run("merge-submissions", filled, "--master", others[code], "--period", "2021-H1")
        assert result.exit_code == 2 and f"Lỗi {code}:" in result.output, result.output
        assert others[code].read_bytes() == before
        assert not others[code].with_name(f"{others[code].stem}.bak.xlsx").exists()
    result = run("merge-submissions", filled, "--master", others["MASTER_005"], "--period", "2021-H1")
    assert result.exit_code in (0, 1), result.output  # the shared workbook may start a master, as README says


def test_the_pdfs_of_the_report_honour_the_umask(master_and_others, tmp_path, umask_022):
    from cchc_excel.io.office import has_writer, soffice_path

    if soffice_path() is None or not has_writer():
        pytest.skip("LibreOffice with Writer (soffice) is not installed: no PDF to check")
    master, _ = master_and_others
    out = tmp_path / "pdf"
    result = run("report", master, "--period", "2021-H1", "-o", out / "BAO-CAO.docx", "--pdf")
    assert result.exit_code == 0, result.output
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in out.iterdir()}
    assert modes == {name: oct(0o644) for name in ("BAO-CAO.docx", "BAO-CAO-phu-luc.xlsx", "BAO-CAO.pdf",
                                                    "BAO-CAO-phu-luc.pdf")}
