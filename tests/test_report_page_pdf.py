"""The Word report as printed by LibreOffice. The header: a UBND huyện is headed on two lines as NĐ 30 writes it.
The signature block: whatever the clerk adds to the Word report before printing it, the signer's
title, the room for signature and seal and the name stay on one page, with "Trên đây là báo cáo …" and "Nơi
nhận". The report is written by the real command; copies of it, lengthened a line at a time as the clerk fills
the places left for the Office, are printed by LibreOffice, so the page end falls inside the block in some."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from cchc_excel.cli import main
from cchc_excel.io.office import has_writer, soffice_path
from test_report_wording import DISTRICT, report_of

SAMPLES = Path(__file__).parent.parent / "workbooks" / "mau"
STEP, STEPS = 3, 13  # lines added per copy (fewer than the block's), copies (more than a page in all): some copy
# straddles a page end
pytestmark = pytest.mark.skipif(
    soffice_path() is None or not has_writer() or not shutil.which("pdftotext"),
    reason="needs LibreOffice (libreoffice-writer-nogui) and poppler-utils to print the report")


def invoke(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


def lengthened(report: Path, lines: int, folder: Path) -> Path:
    """A copy of the report with `lines` one-line paragraphs the clerk wrote before "Trên đây là báo cáo"."""
    document = docx.Document(str(report))
    closing = next(p for p in document.paragraphs if p.text.startswith("Trên đây là báo cáo"))
    for number in range(lines):
        closing.insert_paragraph_before(f"Đề xuất {number + 1} của cơ quan.")
    path = folder / f"bc-{lines:02d}.docx"
    document.save(str(path))
    return path


def print_all(paths: list[Path], outdir: Path) -> list[Path]:
    """Every document printed to PDF by one LibreOffice run, in a throw-away profile."""
    with tempfile.TemporaryDirectory(prefix="cchc-lo-") as profile:
        subprocess.run([soffice_path(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--norestore", "--convert-to", "pdf", "--outdir", str(outdir), *map(str, paths)],
                       capture_output=True, timeout=600, check=True)
    return [outdir / f"{p.stem}.pdf" for p in paths]


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def test_signature_block_never_breaks_across_pages(tmp_path):
    invoke("merge-submissions", SAMPLES, "--master", tmp_path / "m.xlsx", "--period", "2021-H1", code=1)
    invoke("report", tmp_path / "m.xlsx", "--period", "2021-H1", "-o", tmp_path / "bc.docx", "--date", "20/06/2021")
    signer = docx.Document(str(tmp_path / "bc.docx")).tables[-1].rows[0].cells[1]
    lines = [p.text for p in signer.paragraphs if p.text.strip()]
    assert len(lines) >= 2  # the title (one or two lines) and the name
    pdfs = print_all([lengthened(tmp_path / "bc.docx", n * STEP, tmp_path) for n in range(STEPS)], tmp_path / "pdf")
    pushed = 0  # copies whose block starts a page after the clerk's last line: the page end was reached
    for added, pdf in zip(range(0, STEP * STEPS, STEP), pdfs):
        texts = page_texts(pdf)
        where = {line: [i for i, t in enumerate(texts) if line in t] for line in lines + ["Trên đây là báo cáo",
                                                                                         "Nơi nhận:"]}
        assert all(len(found) == 1 for found in where.values()), (pdf.name, where)
        assert len({found[0] for found in where.values()}) == 1, f"{pdf.name}: the signature block breaks: {where}"
        last = f"Đề xuất {added} của cơ quan."
        pushed += bool(added) and next(i for i, t in enumerate(texts) if last in t) < where[lines[-1]][0]
    assert pushed, "the copies did not reach the end of a page: the test proves nothing"


def test_district_committee_header_prints_on_two_lines(tmp_path):
    report_of(tmp_path, DISTRICT)
    page = page_texts(print_all([tmp_path / "bc.docx"], tmp_path / "pdf")[0])[0]
    left = [re.split(r"\s{2,}", line.strip())[0] for line in page.splitlines() if line.strip()][:3]
    assert left[:2] == ["ỦY BAN NHÂN DÂN", "HUYỆN CHÂU THÀNH"], left
