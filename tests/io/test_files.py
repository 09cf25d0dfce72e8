"""atomic_write: the target is the old or the new complete file, never written through a link."""
from __future__ import annotations

import errno
import os
import stat

import pytest

from cchc_excel import builtin_plan, parse_period, write_shared_workbook
from cchc_excel.io.files import atomic_write
from cchc_excel.model.errors import OutputExistsError, WriteError


def write(data: bytes):
    return lambda temp: temp.write_bytes(data)


def test_the_backup_is_made_by_a_link_or_a_copy_where_links_fail(tmp_path, monkeypatch):
    target, backup = tmp_path / "t.xlsx", tmp_path / "t.bak.xlsx"
    atomic_write(target, write(b"one"))
    atomic_write(target, write(b"two"), overwrite=True, backup=backup)
    assert (target.read_bytes(), backup.read_bytes()) == (b"two", b"one")

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")
    monkeypatch.setattr(os, "link", no_links)
    atomic_write(target, write(b"three"), overwrite=True, backup=backup)
    assert (target.read_bytes(), backup.read_bytes()) == (b"three", b"two")


def test_links_are_replaced_never_followed_and_odd_targets_refused(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep")
    link = tmp_path / "t.xlsx"
    link.symlink_to(victim)
    with pytest.raises(OutputExistsError):
        atomic_write(link, write(b"new"))
    atomic_write(link, write(b"new"), overwrite=True)
    assert victim.read_bytes() == b"keep" and not link.is_symlink() and link.read_bytes() == b"new"
    (tmp_path / "d.xlsx").mkdir()
    with pytest.raises(WriteError) as caught:
        atomic_write(tmp_path / "d.xlsx", write(b"x"), overwrite=True)
    assert caught.value.code == "WRITE_002"


def test_a_failing_write_leaves_nothing_behind(tmp_path):
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"old")

    def full(temp):
        temp.write_bytes(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")
    with pytest.raises(WriteError) as caught:
        atomic_write(target, full, overwrite=True, backup=tmp_path / "t.bak.xlsx")
    assert caught.value.code == "WRITE_001" and sorted(p.name for p in tmp_path.iterdir()) == ["t.xlsx"]
    assert target.read_bytes() == b"old"


@pytest.mark.skipif(os.name != "posix", reason="permissions and umask are POSIX")
@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_outputs_follow_the_umask(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        path = write_shared_workbook(builtin_plan(), parse_period("2021-H1"), tmp_path / "dung-chung.xlsx")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == mode


@pytest.mark.parametrize("lock", ["~$t.xlsx", ".~lock.t.xlsx#"])
def test_a_file_open_in_excel_or_libreoffice_is_not_replaced(tmp_path, lock):
    target = tmp_path / "t.xlsx"
    atomic_write(target, write(b"open"))
    (tmp_path / lock).write_bytes(b"")
    with pytest.raises(WriteError) as caught:
        atomic_write(target, write(b"new"), overwrite=True)
    assert caught.value.code == "WRITE_003" and target.read_bytes() == b"open"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([lock, "t.xlsx"])
    atomic_write(tmp_path / "other.xlsx", write(b"new"))  # a lock of another name does not matter
