"""The shipped sample replies and the README's main job run on them, as the demo script does."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cchc_excel import builtin_plan, read_master
from cchc_excel.cli import main
from cchc_excel.validate import validate

SAMPLES = Path(__file__).parent.parent / "workbooks" / "mau"


def test_samples_are_current_and_have_their_mistakes():
    reports = {Path(r.file).name: r for r in validate(sorted(SAMPLES.glob("*.xlsx")), builtin_plan())}
    assert sorted(reports) == ["Phong-DKKD_2021-H1.xlsx", "Trung-tam-XTDT-HTDN_2021-H1.xlsx", "VP-So_2021-H1.xlsx"]
    assert reports["VP-So_2021-H1.xlsx"].valid and not reports["VP-So_2021-H1.xlsx"].problems
    assert reports["Trung-tam-XTDT-HTDN_2021-H1.xlsx"].valid
    found = {(p.cell, p.code) for p in reports["Phong-DKKD_2021-H1.xlsx"].problems}
    assert found == {("G6", "VAL_002"), ("I8", "VAL_004"), ("J8", "VAL_008"), ("M9", "VAL_012")}


def test_the_demo_loop(tmp_path):
    runner = CliRunner()
    shared, master = tmp_path / "dung-chung.xlsx", tmp_path / "tong-hop.xlsx"
    steps = [
        (["init", "--period", "2021-H1", "-o", shared], 0),
        (["split", shared, "--period", "2021-H1", "-o", tmp_path / "gui"], 0),
        (["validate", *sorted(SAMPLES.glob("*.xlsx")), "--annotate", tmp_path / "danh-dau"], 1),
        (["merge-submissions", SAMPLES, "--master", master, "--period", "2021-H1"], 1),
        (["status", master, "--period", "2021-H1"], 0),
        (["report", master, "--period", "2021-H1", "-o", tmp_path / "bao-cao.xlsx"], 0),
    ]
    for args, code in steps:
        result = runner.invoke(main, [str(a) for a in args])
        assert result.exit_code == code, (args[0], result.output)
    assert len(list((tmp_path / "gui").glob("*.xlsx"))) == 4
    assert [p.name for p in (tmp_path / "danh-dau").iterdir()] == ["Phong-DKKD_2021-H1.xlsx"]
    data = read_master(master)
    assert len(data.records) == 15 + 15 + 12
    assert "Phòng Đầu tư xây dựng cơ bản: CHƯA BÁO CÁO" in runner.invoke(
        main, ["status", str(master), "--period", "2021-H1"]).output
    assert (tmp_path / "bao-cao.xlsx").exists()
