"""Golden files for the appendix workbook (as XlsxWriter's own tests compare with Excel's files): the sheet XML
of `Phụ lục I` and `Phụ lục II` and the shared strings, one element a line, so that any change of layout
(widths, heights, merges, print setup, page breaks) shows as a diff under tests/sheets/golden/.

The second set (`*-extras.xml`) is the appendix of a plan with its own extra columns and section headings
(tests/shaped_plans.py). Row heights are measured with the width table committed in metrics.py (no font file), so the files do not
depend on the fonts of the machine. After an intended change: CCHC_UPDATE_GOLDEN=1 pytest this file.
"""
from __future__ import annotations

import os
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_excel import ReportOptions, parse_period, write_report
from cchc_excel.cli import main
from cchc_excel.sheets import metrics

GOLDEN = Path(__file__).parent / "golden"
SAMPLES = Path(__file__).parent.parent.parent / "workbooks" / "mau"
PARTS = {"xl/worksheets/sheet1.xml": "phu-luc-I.xml", "xl/worksheets/sheet2.xml": "phu-luc-II.xml",
         "xl/sharedStrings.xml": "shared-strings.xml"}


def readable(xml: str) -> str:
    """One element a line; nothing volatile is left in these parts (no dates, no ids that change)."""
    return re.sub(r">\s*<", ">\n<", xml).strip() + "\n"


@pytest.fixture
def appendix(tmp_path, monkeypatch):
    monkeypatch.setattr(metrics, "advances", lambda bold: None)
    master = tmp_path / "tong-hop.xlsx"
    result = CliRunner().invoke(main, ["merge-submissions", str(SAMPLES), "--master", str(master),
                                       "--period", "2021-H1"])
    assert result.exit_code == 1, result.output  # the samples have one workbook with mistakes
    files = write_report(master, parse_period("2021-H1"), tmp_path / "phu-luc.xlsx",
                         ReportOptions(number="12/BC-SKHĐT", day=date(2021, 6, 20)))
    return files.appendix


@pytest.fixture
def shaped_appendix(tmp_path, monkeypatch):
    """The appendix of a plan with its own extra columns (Sản phẩm, Kết quả cần đạt, Điểm, Ghi chú) and sections."""
    from shaped_plans import WITH_EXTRAS, build_master

    monkeypatch.setattr(metrics, "advances", lambda bold: None)
    _, master = build_master(tmp_path / "plan", WITH_EXTRAS)
    files = write_report(master, parse_period("2022-H1"), tmp_path / "phu-luc.xlsx",
                         ReportOptions(number="12/BC-UBND", day=date(2022, 6, 20)))
    return files.appendix


def compare(appendix: Path, part: str, golden: Path) -> None:
    with zipfile.ZipFile(appendix) as archive:
        written = readable(archive.read(part).decode("utf-8"))
    if os.environ.get("CCHC_UPDATE_GOLDEN"):
        golden.write_text(written, encoding="utf-8")
    assert written == golden.read_text(encoding="utf-8"), f"layout changed: see the diff against {golden}"


@pytest.mark.parametrize("part", PARTS)
def test_appendix_xml_matches_the_golden_file(appendix, part):
    compare(appendix, part, GOLDEN / PARTS[part])


@pytest.mark.parametrize("part", PARTS)
def test_appendix_of_a_plan_with_extra_columns_and_sections_matches_the_golden_file(shaped_appendix, part):
    compare(shaped_appendix, part, GOLDEN / PARTS[part].replace(".xml", "-extras.xml"))
