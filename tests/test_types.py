"""The package stays typed and lint-free: `mypy cchc_excel` (setup.cfg's [mypy]) and pyflakes report nothing."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
LINTED = ("cchc_excel", "tests", "scripts")
MISSING = "{} is not installed (it is in the test extra: pip install -e '.[test]')"


def pyflakes_warnings(paths: list[Path]) -> tuple[int, str]:
    """(number of warnings, what pyflakes wrote) for files and folders."""
    api = pytest.importorskip("pyflakes.api", reason=MISSING.format("pyflakes"))
    reporter = pytest.importorskip("pyflakes.reporter", reason=MISSING.format("pyflakes"))
    out = io.StringIO()
    count = api.checkRecursive([str(p) for p in paths], reporter.Reporter(out, out))
    return count, out.getvalue()


def test_mypy_reports_no_error(pytestconfig, tmp_path):
    pytest.importorskip("mypy", reason=MISSING.format("mypy"))
    cache = pytestconfig.cache.mkdir("mypy") if getattr(pytestconfig, "cache", None) is not None else tmp_path
    result = subprocess.run([sys.executable, "-m", "mypy", "--config-file", "setup.cfg", "--cache-dir", str(cache),
                             "cchc_excel"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_pyflakes_reports_nothing():
    count, output = pyflakes_warnings([ROOT / name for name in LINTED])
    assert (count, output) == (0, "")


def test_pyflakes_check_fails_on_an_unused_import(tmp_path):
    (tmp_path / "bad.py").write_text("import os\n", encoding="utf-8")
    count, output = pyflakes_warnings([tmp_path])
    assert count == 1 and "'os' imported but unused" in output
