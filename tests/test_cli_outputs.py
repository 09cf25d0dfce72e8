"""What the commands write, as files on a shared drive: their modes, their names, the folders they leave."""
from __future__ import annotations

import os
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
