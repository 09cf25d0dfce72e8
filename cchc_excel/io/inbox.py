"""The inbox walk: every workbook to read, and every other entry with the reason it is skipped.

Folders are searched recursively without following links out of the inbox; nothing is skipped without a
word: lock files, hidden and temporary files, files that are not workbooks, the master and its backup,
pipes and devices (which would block a reader), folders or files that cannot be read, links pointing
outside the inbox or to a folder. The tool's own files in a folder (the master's lock, a writer's private
folder) are not entries of the inbox: they are passed over without a word.
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..model.errors import MergeError
from ..model.problems import Problem
from .lock import INFO_SUFFIX, LOCK_SUFFIX
from .workdir import PREFIX

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls")  # .xls is read to say how to save it


@dataclass(frozen=True)
class Skipped:
    """An entry of the inbox that is not read, and why; name as the master's log records it (record_name)."""

    path: str
    problem: Problem
    name: str = ""


def walk_named(inboxes, own: set[Path]) -> tuple[list[Path], list[Skipped], dict[str, str]]:
    """The workbooks to read (in a stable order), the entries skipped (own are the master's own files), and the name
    the master records for each workbook (by str(path)): its path inside the inbox folder given
    ("an-hoa/baocao.xlsx": two units' "baocao.xlsx" are told apart), a file given by itself its name."""
    require_inboxes(inboxes)
    files: list[Path] = []
    skipped: list[Skipped] = []
    names: dict[str, str] = {}
    for inbox in map(Path, inboxes):
        if inbox.is_dir():
            _walk(inbox, inbox.resolve(), (), own, files, skipped, names)
        else:
            _consider(inbox, (inbox.name,), None, own, files, skipped, names)
    return files, skipped, names


def record_name(inside: tuple[str, ...], path: Path) -> str:
    """The name the master records for an entry: its path inside the inbox folder, with '/' (as typed on any
    computer); the entry's own name when it is the inbox itself."""
    return "/".join(inside) or path.name


def require_inboxes(inboxes) -> None:
    """MergeError MERGE_007 for the first inbox that does not exist."""
    for inbox in inboxes:
        if not os.path.lexists(inbox):
            raise MergeError("MERGE_007", path=str(inbox))


def _walk(folder: Path, root: Path, inside: tuple[str, ...], own: set[Path], files: list[Path],
          skipped: list[Skipped], names: dict[str, str]) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as err:
        skipped.append(Skipped(str(folder), Problem("MERGE_010", params={"detail": _reason(err)}),
                               record_name(inside, folder)))
        return
    for entry in entries:
        if _tool_own(entry.name):
            continue
        path, parts = Path(entry.path), inside + (entry.name,)
        if entry.is_dir(follow_symlinks=False):
            _walk(path, root, parts, own, files, skipped, names)
        else:
            _consider(path, parts, root, own, files, skipped, names)


def _tool_own(name: str) -> bool:
    """The tool's own files beside a master: its lock and the lock's sidecar, a writer's private folder."""
    return name.startswith(PREFIX) or (name.startswith(".") and name.endswith((LOCK_SUFFIX, INFO_SUFFIX)))


def _consider(path: Path, inside: tuple[str, ...], root: Path | None, own: set[Path], files: list[Path],
              skipped: list[Skipped], names: dict[str, str]) -> None:
    """Read the entry, or say why not; root is the inbox (None for a file named on the command line)."""
    code, detail = _skip_reason(path, inside, root, own)
    if code:
        skipped.append(Skipped(str(path), Problem(code, params={"detail": detail} if detail else {}),
                               record_name(inside, path)))
    else:
        files.append(path)
        names[str(path)] = record_name(inside, path)


def _skip_reason(path: Path, inside: tuple[str, ...], root: Path | None, own: set[Path]) -> tuple[str, str]:
    """(code, detail) of why an entry is not read; ('', '') to read it."""
    if path.name.startswith("~$"):
        return "MERGE_001", ""
    if any(part.startswith(".") for part in inside) or path.name.endswith(("~", ".tmp")):
        return "MERGE_002", ""
    name = path.name  # the name it resolves to: a link's target's, else its own (only links rename)
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            target = path.resolve(strict=True)
            name = target.name
            if (root is not None and not target.is_relative_to(root)) or target.is_dir():
                return "MERGE_011", ""
            info = target.stat()
    except (OSError, RuntimeError) as err:  # a broken or looping link, an entry that vanished
        return ("MERGE_011", "") if path.is_symlink() else ("MERGE_010", _reason(err))
    if not stat.S_ISREG(info.st_mode):
        return "MERGE_009", ""
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return "MERGE_003", ""
    # resolving costs a stat per folder of the path: only for an entry named as the master or its backup
    if any(name.casefold() == mine.name.casefold() for mine in own) and path.resolve() in own:
        return "MERGE_004", ""
    return "", ""


def _reason(err: BaseException) -> str:
    return getattr(err, "strerror", None) or type(err).__name__


def sha256_of(path: Path) -> tuple[str, float]:
    """The file's SHA-256 and its modification time, from one opening."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        mtime = os.fstat(handle.fileno()).st_mtime
        for chunk in iter(lambda: handle.read(2**20), b""):
            digest.update(chunk)
    return digest.hexdigest(), mtime
