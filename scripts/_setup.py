"""Shared by the README's commands: make .venv beside the repo and install cchc_excel into it once."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_environment(extras: str = "") -> Path:
    """Create .venv if missing and (re)install the package when setup.cfg changed; return its python."""
    if sys.version_info < (3, 11):
        sys.exit("cchc_excel cần Python 3.11 trở lên / needs Python 3.11 or newer.")
    if not PYTHON.exists():
        print("Đang tạo môi trường .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    stamp = VENV / f".installed-{extras or 'base'}"
    digest = hashlib.sha256((ROOT / "setup.cfg").read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        print("Đang cài đặt cchc_excel và các thư viện cần thiết ...", flush=True)
        subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-e", target], check=True)
        stamp.write_text(digest)
    return PYTHON
