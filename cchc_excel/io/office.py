"""Converting a workbook or document with LibreOffice headless (soffice), in a throw-away profile."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..model.errors import OfficeError
from .files import atomic_write

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


def export(path: str | Path, target: str | Path, fmt: str = "pdf", *, overwrite: bool = False) -> Path:
    """Convert a file with LibreOffice into target (BAO-CAO.docx → BAO-CAO.pdf), written as every output is
    (files.atomic_write): converted in the private folder beside the target, then moved into place, never over
    an existing file unless overwrite nor over one open in Excel or LibreOffice; mode from the umask. A failed
    conversion leaves neither a partial file nor the folder."""
    def write(temp: Path) -> None:
        outdir = temp.parent / "office"
        outdir.mkdir()
        shutil.copyfile(convert(path, fmt, outdir), temp)  # into the file atomic_write made: its mode stays

    return atomic_write(target, write, overwrite=overwrite)


def font_substitute(family: str = "Times New Roman") -> str | None:
    """The font LibreOffice will print in place of a missing family (fontconfig's match), or None when the
    family is installed or fontconfig cannot be asked (Windows, macOS: LibreOffice uses the system fonts)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        done = subprocess.run([fc_match, "-f", "%{family[0]}", family], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = done.stdout.strip()
    return found if found and found.casefold() != family.casefold() else None


def has_writer() -> bool:
    """Whether the LibreOffice found has Writer, which prints the Word report (Debian packages it apart)."""
    soffice = soffice_path()
    if soffice is None:
        return False
    program = Path(soffice).resolve().parent
    return any(program.glob("*swlo*")) or any(program.glob("swriter*")) or any(program.glob("libsw*"))
