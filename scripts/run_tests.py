"""Run the whole test suite on a fresh machine: python3 scripts/run_tests.py [pytest options]."""
from __future__ import annotations

import subprocess
import sys

from _setup import ROOT, ensure_environment

if __name__ == "__main__":
    python = ensure_environment("test")
    code = subprocess.call([str(python), "-m", "pytest", *sys.argv[1:]], cwd=ROOT)
    sys.exit(1 if code == 5 else code)  # pytest's 5 means no test ran: a failure here
