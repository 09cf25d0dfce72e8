"""A unit copy filled in LibreOffice Calc as staff type (vi-VN and en-US), saved as .xlsx and .ods, then
validated and merged: every typed value reaches the master as typed, and a file and its .ods twin get the
same verdict. LibreOffice is driven through UNO by tests/uno_fill.py under the system Python: one soffice
serves the cases, replaced only after it stored a typed .ods (Calc 7.4 headless dies closing that document)."""
from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_excel import merge_submissions, parse_period
from cchc_excel.cli import main
from cchc_excel.model.text import parse_vn_date
from cchc_excel.sheets.shared import date_rule
from conftest import fill

SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPT = Path(__file__).with_name("uno_fill.py")


def _why_not() -> str:
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice) is not installed; install libreoffice-calc-nogui"
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run([SYSTEM_PYTHON, "-c", "import uno"],
                                                         capture_output=True).returncode:
        return "python3-uno is not installed for /usr/bin/python3; install python3-uno"
    return ""


pytestmark = pytest.mark.skipif(bool(_why_not()), reason=_why_not() or "-")

LOCALES = ("vi-VN", "en-US")
LINK = ("Kế hoạch số 12/KH-SKHĐT ngày 20/5/2021", "https://ioffice.example.vn/vb/12?id=7&so=12")
# Typed into the copy's Text cells: each would be changed by a General cell in one locale or the other.
TYPED = {
    "G5": "Hoàn thành", "H5": "100%", "J5": "05/06/2021", "K5": "3/5", "L5": "1.234", "M5": "Nguyễn Văn Bình",
    "N5": "13/6/2021",
    "G6": "Đang thực hiện", "H6": "1,5 km đường; =SUM(1;2)", "I6": "TRUE", "K6": "15/6/2021", "L6": "-5 hồ sơ",
    "M6": "Trần Thị Cúc", "N6": "1/6/2021",
    "G7": "\ufeffChưa thực hiện", "H7": "Chưa\u00a0triển khai", "M7": "Lê Văn Dũng", "N7": "02/06/2021",
}
CLEANED = {"G7": "Chưa thực hiện", "H7": "Chưa triển khai"}  # invisible characters removed (VAL_019)
# An older template's General cells: the application converts what is typed.
GENERAL = {"G8": "Đang thực hiện", "H8": "100%", "I8": "TRUE", "K8": "3/5", "M8": "Phạm Thị Em", "N8": "05/06/2021"}
DATE_TEXTS = {"15/06/2021": True, "15/6/2021": True, "5/6/2021": True, "05/06/2021": True, "1/1/2000": True,
              "31/12/2100": True, "6/15/2021": False, "15/06/21": False, "15-06-2021": False, "32/1/2021": False,
              "0/5/2021": False, "15/06/1999": False, "abc": False, "15/06/2021/1": False, "15/13/2021": False}


@pytest.fixture(scope="module")
def typed(templates, tmp_path_factory):
    """The DKKD copy filled in both locales, each saved as .xlsx and .ods; what Calc made of each cell."""
    folder = tmp_path_factory.mktemp("typed")
    cases, files = [], {}
    for locale in LOCALES:
        source = folder / f"source-{locale}.xlsx"
        shutil.copy(templates["DKKD"], source)
        saved = {"xlsx": folder / locale / "DKKD.xlsx", "ods": folder / f"{locale}-ods" / "DKKD.ods"}
        for path in saved.values():
            path.parent.mkdir()
        files[locale] = saved
        for kind in ("xlsx", "ods"):  # typed twice, once for each format, as two users would
            cases.append({"source": str(source), "locale": locale, "general": list(GENERAL), "typed": TYPED | GENERAL,
                          "links": {"I5": list(LINK)}, "validations": ["J5", "N19"], "save": str(saved[kind])})
    texts = list(DATE_TEXTS)
    formulas = [{"locale": locale, "texts": texts, "formulas": [date_rule(f"A{n}") for n in range(1, len(texts) + 1)]}
                for locale in LOCALES]
    measured = [{"path": str(templates[name]), "sheets": ["Tiến độ", "Kế hoạch", "Hướng dẫn"]}
                for name in ("shared", "DKKD")] + [{"path": str(_long_master(templates, folder)), "sheets": ["Dữ liệu 2021-H1"]}]
    job, result = folder / "job.json", folder / "result.json"
    job.write_text(json.dumps({"cases": cases, "formulas": formulas, "heights": measured}, ensure_ascii=False),
                   encoding="utf-8")
    run = subprocess.run([SYSTEM_PYTHON, str(SCRIPT), str(job), str(result)], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    answer = json.loads(result.read_text(encoding="utf-8"))
    return {"files": files, "cells": dict(zip(LOCALES, answer["cases"][::2])), "ods_cells": answer["cases"][1::2],
            "formulas": dict(zip(LOCALES, answer["formulas"])), "heights": answer["heights"]}


def _long_master(templates, folder: Path) -> Path:
    """A master holding long, multi-line values, merged from a filled shared workbook."""
    long_text = ("Đã ban hành Kế hoạch triển khai, tổ chức tập huấn nghiệp vụ cho công chức, viên chức các phòng;\n"
                 "- kiểm tra việc thực hiện tại các đơn vị trực thuộc Sở và báo cáo kết quả với Giám đốc Sở")
    cells = {f"{c}{r}": v for r in range(5, 12) for c, v in
             {"G": "Đang thực hiện", "H": long_text, "K": long_text[:90], "M": "Nguyễn Văn B", "N": "10/06/2021"}.items()}
    path = fill(templates["shared"], folder / "long.xlsx", cells)
    merge_submissions([path], folder / "tong-hop.xlsx", period=parse_period("2021-H1"), now=datetime(2021, 6, 20, 9))
    return folder / "tong-hop.xlsx"


def test_rows_are_tall_enough_for_their_text_in_calc(typed):
    """Calc's own optimal height for each row of the copies' sheets and of the master's data is never more
    than the height the workbook sets: no text is cut off on screen or on paper."""
    assert typed["heights"] == [[], [], []]


def _validate(path: Path) -> dict:
    result = CliRunner().invoke(main, ["validate", str(path), "--json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)[0]


def _merge(path: Path, master: Path) -> dict:
    result = CliRunner().invoke(main, ["merge-submissions", str(path.parent), "--master", str(master),
                                       "--period", "2021-H1", "--json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def _master_rows(master: Path) -> dict[int, dict[str, object]]:
    """Master data rows by their source row, as header → value."""
    sheet = openpyxl.load_workbook(master, read_only=True)["Dữ liệu 2021-H1"]
    rows = list(sheet.iter_rows(values_only=True))
    headers = rows[0]
    return {row[headers.index("Dòng nguồn")]: dict(zip(headers, row)) for row in rows[1:]}


HEADERS = dict(zip("GHIJKLMN", ("Tình trạng", "Kết quả thực hiện", "Tài liệu kiểm chứng", "Ngày hoàn thành",
                                "Khó khăn, vướng mắc", "Đề xuất, kiến nghị", "Người cập nhật", "Ngày cập nhật")))


@pytest.mark.parametrize("locale", LOCALES)
def test_typed_text_stays_text_in_calc(typed, locale):
    cells = typed["cells"][locale]
    assert {ref: cells[ref] for ref in TYPED} == {ref: ["TEXT", text] for ref, text in TYPED.items()}
    assert typed["ods_cells"][LOCALES.index(locale)] == cells  # the .ods was typed the same way


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("kind", ("xlsx", "ods"))
def test_every_typed_value_reaches_the_master_as_typed(typed, locale, kind, tmp_path):
    path = typed["files"][locale][kind]
    outcome = _merge(path, tmp_path / "tong-hop.xlsx")
    assert outcome["files"][0]["status"] == "accepted", outcome
    rows = _master_rows(tmp_path / "tong-hop.xlsx")
    for ref, text in TYPED.items():
        column, row = ref[0], int(ref[1:])
        value = rows[row][HEADERS[column]]
        if column in "JN":
            assert value.date() == parse_vn_date(text), ref  # a date, read day first in every locale
        else:
            assert value == CLEANED.get(ref, text), ref
    assert rows[5][HEADERS["I"]] == f"{LINK[0]} ({LINK[1]})"  # the hyperlink's address kept with its text
    shown = typed["cells"][locale]["H8"][1]  # a General cell made 100% the number 1: kept as Calc showed it
    assert rows[8][HEADERS["H"]].replace(",", ".") == shown.replace(",", ".") and shown.startswith("100")


@pytest.mark.parametrize("locale", LOCALES)
def test_a_file_and_its_ods_twin_get_the_same_verdict(typed, locale, tmp_path):
    files = typed["files"][locale]
    reports = {kind: _validate(files[kind]) for kind in files}
    found = {kind: sorted((i["cell"], i["code"]) for i in report["issues"]) for kind, report in reports.items()}
    assert found["xlsx"] == found["ods"] and reports["xlsx"]["valid"] == reports["ods"]["valid"] is True
    codes = set(found["xlsx"])
    assert {("G7", "VAL_019"), ("H7", "VAL_019"), ("H8", "VAL_017"), ("K8", "VAL_017")} <= codes
    assert not {code for cell, code in codes if cell[1:] in ("5", "6")} & {"VAL_016", "VAL_017", "VAL_018"}
    merged = {kind: _merge(files[kind], tmp_path / f"{kind}.xlsx") for kind in files}
    keys = ("status", "added", "changed", "unchanged", "rejected_rows")
    assert {k: merged["xlsx"]["files"][0][k] for k in keys} == {k: merged["ods"]["files"][0][k] for k in keys}


def test_a_date_cell_made_month_first_is_flagged_for_the_unit_to_confirm(typed, tmp_path):
    """05/06/2021 typed into a General cell: 6 May in en-US, flagged; 5 June in vi-VN. Text cells: as typed."""
    read = {}
    for locale in LOCALES:
        issues = {(i["cell"], i["code"]) for i in _validate(typed["files"][locale]["xlsx"])["issues"]}
        _merge(typed["files"][locale]["xlsx"], tmp_path / f"{locale}.xlsx")
        read[locale] = _master_rows(tmp_path / f"{locale}.xlsx")[8][HEADERS["N"]].date()
        if read[locale] != date(2021, 6, 5):
            assert ("N8", "VAL_018") in issues
    assert read == {"vi-VN": date(2021, 6, 5), "en-US": date(2021, 5, 6)}


def test_the_shown_text_of_a_general_cell_is_what_calc_displayed(typed, tmp_path):
    for locale in LOCALES:
        outcome = _merge(typed["files"][locale]["ods"], tmp_path / f"{locale}.xlsx")
        assert outcome["files"][0]["status"] == "accepted"
        rows = _master_rows(tmp_path / f"{locale}.xlsx")
        for ref in ("H8", "I8", "K8"):
            assert rows[8][HEADERS[ref[0]]] == typed["cells"][locale][ref][1], (locale, ref)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_date_validation_accepts_day_first_text_in_every_locale(typed, locale):
    results = [value == 1 and kind == "FORMULA" for kind, value, _ in typed["formulas"][locale]]
    assert dict(zip(DATE_TEXTS, results)) == DATE_TEXTS
    for ref in ("J5", "N19"):  # the rule as Calc imported it from the copy: a custom formula, day first
        kind, formula = typed["cells"][locale]["validation " + ref]
        assert kind == "CUSTOM" and "SUBSTITUTE" in formula and f"ISNUMBER({ref[0]}5)" in formula


def test_an_ods_gets_an_annotated_copy(typed, tmp_path):
    source = typed["files"]["en-US"]["ods"]
    result = CliRunner().invoke(main, ["validate", str(source), "--annotate", str(tmp_path / "marked")])
    assert result.exit_code == 0, result.output  # warnings only
    sheet = openpyxl.load_workbook(tmp_path / "marked" / "DKKD.xlsx")["Tiến độ"]
    assert "VAL_019" in sheet["G7"].comment.text and "VAL_018" in sheet["N8"].comment.text


@pytest.mark.parametrize("locale", LOCALES)
def test_a_copy_typed_and_saved_in_calc_is_still_known_by_its_document_properties(typed, locale):
    """Calc keeps the custom document properties (sorted by name) as they were written: the file's identity is
    taken from them, as from the metadata sheet, without parsing that sheet (model/identity.py)."""
    from cchc_excel.io.entry import read_identity, read_meta
    from cchc_excel.io.reader import read_workbook
    from cchc_excel.model.identity import KEYS

    path = typed["files"][locale]["xlsx"]
    with read_workbook(path) as book:
        found = read_identity(book).values
        assert not book._scans  # no sheet parsed: the properties told
    with read_workbook(path) as book:
        meta = read_meta(book)
    assert found == {key: meta.get(key) for key in KEYS if meta.get(key)} and found["unit"] == "DKKD"
