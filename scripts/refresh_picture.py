"""Refresh workbooks/bao-cao-mau.png and workbooks/phu-luc-mau.png, the pictures of the report in README.

Runs the Office's loop on the sample replies (merge-submissions → report --pdf) in a temporary folder, then
renders page 1 of the Word report and of its appendix with pdftoppm. Needs LibreOffice and poppler-utils.
Run: python scripts/refresh_picture.py
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from cchc_excel.cli import main as cli

ROOT = Path(__file__).resolve().parent.parent
PICTURES = {"BAO-CAO.pdf": ROOT / "workbooks" / "bao-cao-mau.png",
            "BAO-CAO-phu-luc.pdf": ROOT / "workbooks" / "phu-luc-mau.png"}


def run(*args: object) -> None:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if result.exit_code not in (0, 1):
        sys.exit(result.output)


def main() -> None:
    if not shutil.which("pdftoppm"):
        sys.exit("pdftoppm (poppler-utils) is needed.")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        master = folder / "tong-hop.xlsx"
        run("merge-submissions", ROOT / "workbooks" / "mau", "--master", master, "--period", "2021-H1")
        run("report", master, "--period", "2021-H1", "-o", folder / "BAO-CAO.docx", "--date", "20/06/2021", "--pdf")
        for pdf, picture in PICTURES.items():
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                            str(folder / pdf), str(folder / "page")], check=True)
            shutil.copyfile(folder / "page.png", picture)
            print(picture)


if __name__ == "__main__":
    main()
