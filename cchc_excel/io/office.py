"""Converting a workbook with LibreOffice headless (soffice), in a throw-away profile."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..model.errors import OfficeError

TIMEOUT_SECONDS = 180


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: str | Path, fmt: str, outdir: str | Path) -> Path:
    """Convert a file to another format ('pdf', 'xlsx', ...) with LibreOffice; returns the new file."""
    soffice = soffice_path()
    if soffice is None:
        raise OfficeError("OFFICE_001")
    path, outdir = Path(path), Path(outdir)
    with tempfile.TemporaryDirectory(prefix="cchc-lo-") as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                   "--convert-to", fmt, "--outdir", str(outdir), str(path)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as err:
            raise OfficeError("OFFICE_002", path=str(path), detail="timeout") from err
    target = outdir / f"{path.stem}.{fmt.split(':')[0]}"
    if done.returncode != 0 or not target.exists():
        raise OfficeError("OFFICE_002", path=str(path), detail=(done.stderr or done.stdout).strip()[-300:])
    return target
