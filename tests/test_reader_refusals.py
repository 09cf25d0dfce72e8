"""What a unit's file gets from validate when the reader meets something unusual: the shapes LibreOffice writes
after an edit, empty and cut files, protected files. Through the real command, asserting codes."""
from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_excel.cli import main
from cchc_excel.io.reader import read_workbook
from conftest import fill

ALL_ROWS = range(5, 64)
# LibreOffice 7.4 after a row of an unprotected copy is deleted: the dimension down to Excel's last row, and that
# row written empty (with a row style: cells with a style and no value), as in the file the tester's run saved.
LO_LAST_ROW = (b'<row r="1048576" customFormat="false" ht="12.8" hidden="false" customHeight="false" '
               b'outlineLevel="0" collapsed="false">%s</row>')


def validate(*paths: Path, lang: str = "vi") -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["validate", *map(str, paths), "--json", "--lang", lang])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def codes(report: dict) -> list[str]:
    return [problem["code"] for problem in report["issues"]]


def rewrite_sheet(path: Path, change) -> None:
    """Rewrite the entry sheet's XML part of a workbook in place."""
    with read_workbook(path) as book:
        part = book.xml_paths()["Tiến độ"]
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in items:
            target.writestr(info, change(content) if info.filename == part else content)


def libreoffice_last_row(cells: bytes):
    def change(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:N1048576"/>', xml, count=1)
        return xml.replace(b"</sheetData>", LO_LAST_ROW % cells + b"</sheetData>")
    return change


def test_the_empty_last_row_libreoffice_writes_is_not_taken_for_data_past_the_limits(templates, tmp_path):
    for name, cells in (("empty.xlsx", b""), ("styled.xlsx", b'<c r="A1048576" s="1"/><c r="N1048576" s="1"/>')):
        path = fill(templates["DKKD"], tmp_path / name, rows=range(5, 15))
        rewrite_sheet(path, libreoffice_last_row(cells))
        code, (report,) = validate(path)
        assert code == 0 and codes(report) == [], report


def test_a_value_in_excels_last_row_is_still_refused_as_too_large(templates, tmp_path):
    path = fill(templates["DKKD"], tmp_path / "far.xlsx", rows=range(5, 15))
    rewrite_sheet(path, libreoffice_last_row(b'<c r="N1048576" t="inlineStr"><is><t>x</t></is></c>'))
    code, (report,) = validate(path)
    assert code == 1 and codes(report) == ["READ_010"]


def test_a_row_deleted_in_libreoffice_gets_the_same_verdict_in_xlsx_and_ods(templates, tmp_path):
    """Through Calc itself (UNO): the copy unprotected (no password), a row deleted, saved as .xlsx and .ods."""
    from test_libreoffice_typing import SCRIPT, SYSTEM_PYTHON, _why_not
    if _why_not():
        pytest.skip(_why_not())
    saved = {kind: tmp_path / kind / f"DKKD.{kind}" for kind in ("xlsx", "ods")}
    cases = []
    for path in saved.values():
        path.parent.mkdir()
        cases.append({"source": str(templates["DKKD"]), "locale": "vi-VN", "ops": [["unprotect"], ["delete_row", 7]],
                      "typed": {"G5": "Đang thực hiện", "H5": "x", "M5": "A", "N5": "10/6/2021"}, "save": str(path)})
    job, result = tmp_path / "job.json", tmp_path / "result.json"
    job.write_text(json.dumps({"cases": cases}, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([SYSTEM_PYTHON, str(SCRIPT), str(job), str(result)], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    code, reports = validate(saved["xlsx"], saved["ods"])
    assert code == 1 and codes(reports[0]) == codes(reports[1]) and "STRUCT_011" in codes(reports[0])


def test_an_empty_file_is_said_to_be_empty_and_a_cut_one_damaged(templates, tmp_path):
    whole = fill(templates["DKKD"], tmp_path / "whole.xlsx", rows=range(5, 15)).read_bytes()
    (tmp_path / "empty.xlsx").write_bytes(b"")
    (tmp_path / "cut.xlsx").write_bytes(whole[:len(whole) // 2])
    code, reports = validate(tmp_path / "empty.xlsx", tmp_path / "cut.xlsx")
    assert code == 1 and [codes(report) for report in reports] == [["READ_018"], ["READ_005"]]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "empty.xlsx").write_bytes(b"")
    result = CliRunner().invoke(main, ["merge-submissions", str(inbox), "--master", str(tmp_path / "tong-hop.xlsx"),
                                       "--period", "2021-H1", "--json"])
    assert "READ_018" in result.output and "Traceback" not in result.output


def test_the_technical_detail_of_a_refusal_closes_its_vietnamese_message():
    """A library's or the system's words (English) never sit inside the Vietnamese sentences: they close the
    message, marked for the IT staff; the English message keeps them in place."""
    from cchc_excel.model.messages import DETAIL, MESSAGES
    with_detail = [message for message in MESSAGES.values() if message.code.startswith("READ_") and "{detail}" in message.vi]
    assert {message.code for message in with_detail} >= {"READ_005", "READ_010", "READ_014", "READ_016"}
    for message in with_detail:
        assert message.vi.endswith(DETAIL) and message.vi.count("{detail}") == 1, message.code
