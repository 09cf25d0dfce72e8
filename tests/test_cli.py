"""The cchc-excel command run as a user runs it, results checked through the library."""
from __future__ import annotations

import subprocess
import sys
from datetime import date

import openpyxl
from click.testing import CliRunner

from cchc_excel import builtin_plan, load_plan, period_for
from cchc_excel.cli import main


def invoke(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_init_with_the_builtin_plan(tmp_path):
    target = tmp_path / "out" / "shared.xlsx"
    result = invoke("init", "--period", "2021-Q3", "-o", target)
    assert result.exit_code == 0, result.output
    assert "15 tiêu chí, 59 dòng" in result.output and "Quý III/2021" in result.output
    assert load_plan(target).fingerprint() == builtin_plan().fingerprint()
    meta = dict(r[:2] for r in openpyxl.load_workbook(target)["_cchc_meta"].iter_rows(values_only=True))
    assert (meta["period"], meta["deadline"]) == ("2021-Q3", "2021-09-15")


def test_init_with_a_plan_workbook_and_a_deadline(plan_file, tmp_path):
    plan = plan_file([["1", "Sáng kiến", "Viết sáng kiến", "Văn phòng Sở", "Các phòng, TT", "Thường xuyên"]])
    target = tmp_path / "s.xlsx"
    result = invoke("init", "--plan", plan, "--period", "2022-Y", "--deadline", "10/12/2022", "-o", target,
                    "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "1 items, 3 entry rows" in result.output
    meta = dict(r[:2] for r in openpyxl.load_workbook(target)["_cchc_meta"].iter_rows(values_only=True))
    assert (meta["plan_number"], meta["deadline"]) == ("12/KH-SXD", "2022-12-10")


def test_init_without_period_uses_todays_period(tmp_path):
    target = tmp_path / "s.xlsx"
    assert invoke("init", "-o", target).exit_code == 0
    meta = dict(r[:2] for r in openpyxl.load_workbook(target)["_cchc_meta"].iter_rows(values_only=True))
    assert meta["period"] == period_for(date.today()).code


def test_init_refuses_to_overwrite_and_reports_in_vietnamese(tmp_path):
    target = tmp_path / "s.xlsx"
    target.write_bytes(b"data of the Office")
    result = invoke("init", "--period", "2021-Q1", "-o", target)
    assert result.exit_code == 2 and "Lỗi READ_006:" in result.output and "--force" in result.output
    assert target.read_bytes() == b"data of the Office"
    assert invoke("init", "--period", "2021-Q1", "-o", target, "--force").exit_code == 0


def test_bad_options_exit_2_with_a_clear_message(tmp_path):
    result = invoke("init", "--period", "2021-H2", "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 2 and "Kỳ báo cáo \"2021-H2\" không hợp lệ" in result.output
    result = invoke("init", "--period", "2021-Q1", "--deadline", "2021-03-15", "-o", tmp_path / "s.xlsx", "--lang", "en")
    assert result.exit_code == 2 and "Error OPT_002: Date \"2021-03-15\" is not valid" in result.output
    assert not (tmp_path / "s.xlsx").exists()


def test_a_command_that_cannot_run_says_the_code_of_why(tmp_path):
    master = tmp_path / "master.xlsx"
    master.write_bytes(b"not a workbook")
    for command in (["status", master, "--period", "2021-H1"], ["report", master, "--period", "2021-H1", "-o",
                                                                  tmp_path / "r.docx"]):
        result = invoke(*command)
        assert result.exit_code == 2 and result.output.startswith("Lỗi READ_002: Tệp "), result.output
    result = invoke("status", tmp_path / "missing.xlsx", "--period", "2021-H1", "--lang", "en")
    assert result.exit_code == 2 and result.output.startswith("Error READ_001: "), result.output
    assert not (tmp_path / "r.docx").exists()


def test_a_broken_plan_lists_its_cells_and_writes_nothing(plan_file, tmp_path):
    plan = plan_file([["1", "Sáng kiến", "Viết", "Phòng Không Có", "", "Thường xuyên"]])
    result = invoke("init", "--plan", plan, "--period", "2021-Q1", "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 2 and "'Phụ lục'!D2" in result.output and "UNIT_001" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "s.xlsx").exists()
    result = invoke("init", "--plan", tmp_path / "missing.xlsx", "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 2 and "Không tìm thấy tệp" in result.output


def test_help_does_not_import_pandas_or_the_readers():
    script = ("import sys\nfrom click.testing import CliRunner\nfrom cchc_excel.cli import main\n"
              "for args in (['--help'], ['init', '--help']):\n"
              "    assert CliRunner().invoke(main, args).exit_code == 0\n"
              "print(sorted(m for m in ('pandas', 'openpyxl', 'xlsxwriter') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_python_dash_m_works_like_the_command():
    done = subprocess.run([sys.executable, "-m", "cchc_excel", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "Cách dùng: cchc-excel" in done.stdout and "init" in done.stdout


# -- validate ------------------------------------------------------------------------------------------

def test_validate_clean_and_bad_files_exit_codes_and_text(filled, tmp_path):
    good = filled(rows=range(5, 64), name="good.xlsx")
    bad = filled({"G7": "xong", "M7": "A"}, name="bad.xlsx")
    result = invoke("validate", good)
    assert result.exit_code == 0 and "good.xlsx: hợp lệ" in result.output
    result = invoke("validate", good, bad, tmp_path / "missing.xlsx")
    assert result.exit_code == 1
    assert "'Tiến độ'!G7" in result.output and "VAL_002" in result.output and "Tình trạng" in result.output
    assert "READ_001" in result.output and "Traceback" not in result.output


def test_validate_json_is_the_library_report(filled, tmp_path):
    import json

    from cchc_excel import builtin_plan
    from cchc_excel.validate import validate

    bad = filled({"G7": "xong", "M7": "A", "I8": "có"}, name="bad.xlsx")
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    result = invoke("validate", bad, junk, "--json", "--lang", "en")
    assert result.exit_code == 1
    printed = json.loads(result.output)
    assert printed == [r.to_dict("en") for r in validate([bad, junk], builtin_plan())]
    first = printed[0]["issues"][0]
    assert set(first) == {"code", "severity", "sheet", "cell", "row", "field", "value", "message"}
    assert (first["code"], first["severity"], first["cell"], first["row"], first["value"]) == (
        "VAL_002", "error", "G7", 7, "xong")
    assert printed[1]["issues"][0]["code"] == "READ_002" and printed[1]["valid"] is False


def test_validate_bad_option_exits_2(filled):
    assert invoke("validate", "--frobnicate", "x.xlsx").exit_code == 2
    assert invoke("validate").exit_code == 2


def test_validate_is_fast_and_light():
    """Start-up plus checking one small file imports neither pandas nor openpyxl."""
    script = ("import sys, tempfile, pathlib\nfrom click.testing import CliRunner\nfrom cchc_excel.cli import main\n"
              "d = pathlib.Path(tempfile.mkdtemp()) / 's.xlsx'\n"
              "from cchc_excel import builtin_plan, parse_period, write_shared_workbook\n"
              "write_shared_workbook(builtin_plan(), parse_period('2021-Q1'), d)\n"
              "for m in [m for m in sys.modules if m.startswith(('openpyxl', 'pandas'))]: del sys.modules[m]\n"
              "r = CliRunner().invoke(main, ['validate', str(d)])\n"
              "print(r.exit_code, sorted({m.split('.')[0] for m in sys.modules if m.startswith(('openpyxl', 'pandas'))}))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0 []"


def test_validate_reports_a_folder_a_missing_and_an_unreadable_argument_and_checks_the_rest(filled, tmp_path):
    import json
    import os

    good = filled(rows=range(5, 64), name="a.xlsx")
    other = filled({"G7": "xong", "M7": "A"}, name="b.xlsx")
    folder = tmp_path / "thu-muc.xlsx"
    folder.mkdir()
    fifo = tmp_path / "ong.xlsx"
    os.mkfifo(fifo)
    result = invoke("validate", good, folder, tmp_path / "khong-co.xlsx", fifo, other, "--json")
    assert result.exit_code == 1, result.output
    reports = json.loads(result.output)
    assert [r["file"] for r in reports] == [str(good), str(folder), str(tmp_path / "khong-co.xlsx"), str(fifo), str(other)]
    assert reports[0]["valid"] and [i["code"] for i in reports[1]["issues"]] == ["READ_013"]
    assert [i["code"] for i in reports[2]["issues"]] == ["READ_001"]
    assert [i["code"] for i in reports[3]["issues"]] == ["READ_014"]
    assert "VAL_002" in {i["code"] for i in reports[4]["issues"]}
