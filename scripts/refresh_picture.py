"""Refresh workbooks/bao-cao-mau.png, the picture of the report in README.

Runs the Office's loop on the sample replies (init → merge-submissions → report --pdf) in a temporary
folder, then renders the report's first page with pdftoppm. Needs LibreOffice and poppler-utils.
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
PICTURE = ROOT / "workbooks" / "bao-cao-mau.png"


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
        run("report", master, "--period", "2021-H1", "-o", folder / "bao-cao.xlsx", "--date", "20/06/2021", "--pdf")
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                        str(folder / "bao-cao.pdf"), str(folder / "page")], check=True)
        shutil.copyfile(folder / "page.png", PICTURE)
    print(PICTURE)


if __name__ == "__main__":
    main()
